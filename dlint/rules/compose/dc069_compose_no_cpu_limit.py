"""DC069 (hardening): a service has no CPU limit."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_runtime import hardening_services
from dlint.models.finding import Severity, Violation

#: service keys that bound or weigh the CPU a service gets
_CPU_KEYS = ("cpus", "cpu_quota", "cpu_count", "cpu_percent", "cpuset", "cpu_shares")


class ComposeNoCpuLimit(Rule):
    """Service sets no CPU limit or share (`deploy.resources.limits.cpus`, `cpus` …).

    ## Why is this bad?
    A container without a CPU limit can take every core of the host: a busy
    loop or a burst of load in one service slows all the others down. A
    limit (`deploy.resources.limits.cpus`, `cpus`, `cpu_quota`), a set of
    cores (`cpuset`) or a relative weight (`cpu_shares`) keeps the share
    under control; any of them counts. CIS Docker Benchmark 5.12 (CPU
    priority is set appropriately).

    Part of the off-by-default **hardening** group (`extend-select =
    ["hardening"]`): the right value depends on the host. No fix: dlint
    cannot pick the number.

    ## Example
    ```yaml
    services:
      api:
        image: acme/api:1.4
    ```

    ## Use instead
    ```yaml
    services:
      api:
        image: acme/api:1.4
        deploy:
          resources:
            limits:
              cpus: "1.5"
    ```

    ## References
    - [Compose Deploy: resources](https://docs.docker.com/reference/compose-file/deploy/#resources)
    - CIS Docker Benchmark (v1.6.0) 5.12: ensure that CPU priority is set appropriately on containers
    """

    code = "DC069"
    name = "compose-no-cpu-limit"
    severity = Severity.INFO
    category = "hardening"
    security_severity = 3.0
    cis = ("5.12",)
    kind = "compose"
    default_enabled = False

    def check_compose_project(self, ctx):
        for service in hardening_services(ctx.project):
            limits = service.deploy.limits if service.deploy is not None else None
            if any(getattr(service, key) is not None for key in _CPU_KEYS) or (limits is not None and limits.cpus is not None):
                continue
            yield Violation(service.name_span, f"service {service.name} has no CPU limit: it can take every core of the host; set deploy.resources.limits.cpus", path=service.path)
