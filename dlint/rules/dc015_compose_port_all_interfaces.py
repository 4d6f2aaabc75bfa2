"""DC015: a port published on every host interface."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._compose_ports import binding
from dlint.rules._compose_values import once


class ComposePortAllInterfaces(Rule):
    """Port published on every host interface (no host IP).

    ## Why is this bad?
    A `ports` item without a host IP, or with `0.0.0.0`/`::`, listens on every
    network interface of the host, and Docker's port publishing goes around
    host firewalls such as ufw: the service is reachable by anyone who can
    reach the machine, not only from the machine itself. When the port is
    only meant for local use (a development setup, an admin UI, a debugger),
    bind it to loopback (`127.0.0.1:8080:80`); when it is meant to be public,
    writing `0.0.0.0:` is not enough to silence this hint, so disable the rule
    for that line or file. A host IP taken from a variable
    (`${BIND_IP}:8080:80`) counts as chosen. Ports that other services reach
    over the Compose network need no `ports:` entry at all.

    This is a hint (severity info): many setups publish a web port on purpose.
    Databases and caches published this way are reported by DC035 as a
    warning.

    ## Example
    ```yaml
    services:
      admin:
        image: acme/admin:2.1
        ports: ["8080:80"]
    ```

    ## Use instead
    ```yaml
    services:
      admin:
        image: acme/admin:2.1
        ports: ["127.0.0.1:8080:80"]
    ```

    ## References
    - [Compose: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    - [Docker and ufw](https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw)
    """

    code = "DC015"
    name = "compose-port-all-interfaces"
    severity = Severity.INFO
    category = "security"
    security_severity = 3.0
    kind = "compose"
    aliases = ("no-unbound-port-interfaces",)

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(service))

    def _check(self, service):
        for port in service.ports:
            if port.path and port.path != service.path:
                continue
            bound = binding(port)
            if not bound.all_interfaces:
                continue
            where = f" {_numbers(bound)}" if bound.published is not None or bound.target is not None else ""
            yield Violation(
                port.span,
                f"port{where} of service {service.name} is published on every host interface; "
                "bind it to an address (127.0.0.1 for local use) unless it is meant to be public",
            )


def _numbers(bound) -> str:
    from dlint.rules._compose_ports import describe_range

    if bound.published is not None:
        return describe_range(bound.published)
    return describe_range(bound.target)
