"""DC013: one host port published by two services (or twice by one)."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.nodes import may_run_together
from dlint.views.compose.ports import HostPortIndex, binding, describe_range
from dlint.views.text import parse_int


class ComposeDuplicateHostPort(Rule):
    """The same host port is published twice.

    ## Why is this bad?
    Only one container can listen on a given host address, port and protocol.
    When two services publish the same host port, the second one fails to
    start with "port is already allocated" (or "address already in use").
    The check runs on the merged project, override files included; port
    ranges are expanded; a mapping without host IP (or with `0.0.0.0`/`::`)
    takes the port on every address of its family, so it clashes with any
    address on that port, while two different explicit addresses
    (`127.0.0.1` and `192.168.1.10`) do not. TCP and UDP are separate.
    Ports decided by an unknown variable are not compared, and services that
    belong only to profiles never enabled together do not clash. Two items of
    one service that publish the same host port clash too, and so do the
    replicas of a service (`scale` or `deploy.replicas` above 1) that
    publishes fewer host ports than it runs containers: publish a range with
    one port per replica, or leave the host port out. The finding points at
    the later port item.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports: ["8080:80"]
      admin:
        image: acme/admin:2.1
        ports: ["8080:8000"]
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports: ["8080:80"]
      admin:
        image: acme/admin:2.1
        ports: ["8081:8000"]
    ```

    ## References
    - [Compose: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    - [Published ports](https://docs.docker.com/engine/network/#published-ports)
    """

    code = "DC013"
    name = "compose-duplicate-host-port"
    severity = Severity.ERROR
    category = "correctness"
    kind = "compose"
    markers = frozenset({'ports'})
    aliases = ("no-duplicate-exported-ports",)

    def check_compose_project(self, ctx):
        taken = HostPortIndex()  # (service, port) of each known host port so far
        reported = set()
        for service in ctx.project.services.values():
            replicas = _replicas(service)
            for port in service.ports:
                bound = binding(port)
                if bound.published is None or not bound.published_known or not bound.host_ip_known:
                    continue
                first, last = bound.published
                if replicas > last - first + 1 and (port.path, port.span.start) not in reported:
                    reported.add((port.path, port.span.start))
                    yield Violation(
                        port.span,
                        f"service {service.name} runs {replicas} containers but host port "
                        f"{describe_range(bound.published)}/{bound.protocol} has room for {last - first + 1}: the others "
                        f"cannot bind it; publish a range of {replicas} ports or leave the host port out",
                        path=port.path,
                    )
                clash = None
                for (other_service, other_port), other in taken.clashing(bound):
                    if other_service is service and _same_item(other_port, port):
                        continue
                    if other_service is not service and not may_run_together(other_service, service):
                        continue
                    clash = (other_service, other)
                    break
                taken.add((service, port), bound)
                if clash is None or (port.path, port.span.start) in reported:
                    continue
                reported.add((port.path, port.span.start))
                other_service, other = clash
                where = "another item of this service" if other_service is service else f"service {other_service.name}"
                yield Violation(
                    port.span,
                    f"host port {describe_range(bound.published)}/{bound.protocol} of service {service.name} is already "
                    f"published by {where}: the second container cannot bind it",
                    path=port.path,
                )


def _replicas(service) -> int:
    """How many containers the service runs: ``scale``, else ``deploy.replicas``, else 1
    (also when the number is not known)."""
    deploy = service.deploy
    for scalar in (service.scale, deploy.replicas if deploy is not None else None):
        if scalar is not None:
            value = scalar.effective if scalar.resolved else None
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            if isinstance(value, str) and (number := parse_int(value)) is not None:
                return number
            return 1
    return 1


def _same_item(first, second) -> bool:
    """The same place in the text (an anchor reused), or the same mapping written twice."""
    if (first.path, first.span.start) == (second.path, second.span.start):
        return True
    return (first.host_ip, first.published, first.target, first.protocol) == (
        second.host_ip, second.published, second.target, second.protocol
    )
