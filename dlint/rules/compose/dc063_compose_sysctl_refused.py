"""DC063: a sysctl Docker's runtime refuses to set in a container."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_runtime import sysctl_refusal
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import in_force, once, text_of


class ComposeSysctlRefused(Rule):
    """Service sets a sysctl the container runtime refuses: the container does not start.

    ## Why is this bad?
    A container may only set kernel parameters that belong to one of its own
    namespaces: those of the IPC namespace (`kernel.shm*`, `kernel.msg*`,
    `kernel.sem`, `fs.mqueue.*`), the network ones (`net.*`) and
    `kernel.domainname`. Anything else (`vm.max_map_count`,
    `kernel.randomize_va_space`, `fs.inotify.*`, `kernel.core_pattern` …)
    would change the whole host, so runc (Docker's runtime) refuses it and
    the container fails to start, privileged or not; `net.*` is refused with
    `network_mode: host`, the IPC ones with `ipc: host`, and
    `kernel.hostname` always (use `hostname:`). Set such parameters on the
    host (`/etc/sysctl.d/`) instead.

    This is also why a Compose file cannot weaken the host kernel through
    `sysctls`: what would weaken it is refused. Services that pick another
    `runtime:` are not judged, nor names given through a variable.

    ## Example
    ```yaml
    services:
      search:
        image: elasticsearch:8.15.0
        sysctls:
          vm.max_map_count: 262144
    ```

    ## Use instead
    ```yaml
    # on the host: echo "vm.max_map_count=262144" > /etc/sysctl.d/99-search.conf
    services:
      search:
        image: elasticsearch:8.15.0
        sysctls:
          net.core.somaxconn: 1024
    ```

    ## References
    - [Compose: sysctls](https://docs.docker.com/reference/compose-file/services/#sysctls)
    - [docker run: configure namespaced kernel parameters](https://docs.docker.com/reference/cli/docker/container/run/#sysctl)
    """

    code = "DC063"
    name = "compose-sysctl-refused"
    severity = Severity.ERROR
    category = "correctness"
    cis = ()
    kind = "compose"
    markers = frozenset({'sysctls'})

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        if not service.sysctls:
            return
        runtime = service.runtime
        if runtime is not None and (text_of(runtime) or "").lower() not in ("runc", "io.containerd.runc.v2"):
            return
        hosts = {}
        for key in ("network_mode", "ipc", "uts"):
            scalar = in_force(ctx, service, key)
            hosts[key] = (text_of(scalar) or "").lower() == "host"
        for name, variable in service.sysctls.items():
            if "$" in name:
                continue
            why = sysctl_refusal(name, host_network=hosts["network_mode"], host_ipc=hosts["ipc"], host_uts=hosts["uts"])
            if why is not None:
                yield Violation(variable.name_span, f"sysctl {name} of service {service.name} is refused by the container runtime, so the container does not start: {why}")
