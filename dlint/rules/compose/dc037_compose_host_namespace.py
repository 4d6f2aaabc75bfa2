"""DC037: a service shares a namespace with the host."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import in_force, once, text_of

#: service key → what sharing it with the host exposes
HOST_NAMESPACES = {
    "network_mode": "the host's network stack (every port and interface, no isolation between services)",
    "pid": "the host's processes (it can see and signal them)",
    "ipc": "the host's shared memory",
    "userns_mode": "the host's user namespace (no user remapping)",
    "uts": "the host's hostname",
    "cgroup": "the host's cgroup tree",
}


class ComposeHostNamespace(Rule):
    """Service shares a namespace with the host (`network_mode: host`, `pid: host` …).

    ## Why is this bad?
    Namespaces are what keeps a container apart from the host. With
    `network_mode: host` the service binds straight to the host's interfaces
    (published ports and networks no longer apply); with `pid: host` it sees
    and can signal every host process; `ipc`, `uts`, `userns_mode` and
    `cgroup` remove the other walls. Keep the default private namespaces
    unless a tool truly needs the host's.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
        network_mode: host
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports: ["127.0.0.1:8080:80"]
    ```

    ## References
    - [Compose: network_mode](https://docs.docker.com/reference/compose-file/services/#network_mode)
    - [Compose: pid](https://docs.docker.com/reference/compose-file/services/#pid)
    """

    code = "DC037"
    name = "compose-host-namespace"
    severity = Severity.WARNING
    category = "security"
    aliases = ("CL-0008", "CL-0010")
    cis = ("5.10", "5.16", "5.17", "5.21", "5.31")
    security_severity = 6.5
    kind = "compose"
    markers = frozenset(HOST_NAMESPACES)

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        for key, exposed in HOST_NAMESPACES.items():
            scalar = in_force(ctx, service, key)
            if (text_of(scalar) or "").lower() == "host":
                yield Violation(scalar.span, f"{key}: host gives service {service.name} {exposed}")
