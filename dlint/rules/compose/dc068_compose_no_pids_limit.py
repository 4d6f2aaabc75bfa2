"""DC068 (hardening): a service has no limit on its number of processes."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_runtime import hardening_services
from dlint.models.finding import Severity, Violation


class ComposeNoPidsLimit(Rule):
    """Service sets no process limit (`pids_limit` or `deploy.resources.limits.pids`).

    ## Why is this bad?
    Without a limit, a fork bomb or a runaway worker pool in one container
    fills the host's process table and every other service (and the Docker
    daemon) fails to start processes. A `pids_limit` well above what the
    service uses costs nothing. CIS Docker Benchmark 5.29 (the PIDs cgroup
    limit is used).

    Part of the off-by-default **hardening** group (`extend-select =
    ["hardening"]`): the right number depends on the service. No fix: dlint
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
        pids_limit: 200
    ```

    ## References
    - [Compose: pids_limit](https://docs.docker.com/reference/compose-file/services/#pids_limit)
    - CIS Docker Benchmark (v1.6.0) 5.29: ensure that the PIDs cgroup limit is used
    """

    code = "DC068"
    name = "compose-no-pids-limit"
    severity = Severity.INFO
    category = "hardening"
    security_severity = 3.0
    cis = ("5.29",)
    kind = "compose"
    default_enabled = False

    def check_compose_project(self, ctx):
        for service in hardening_services(ctx.project):
            limits = service.deploy.limits if service.deploy is not None else None
            if service.pids_limit is not None or (limits is not None and limits.pids is not None):
                continue
            yield Violation(service.name_span, f"service {service.name} has no process limit: a fork bomb in it fills the host's process table; set pids_limit", path=service.path)
