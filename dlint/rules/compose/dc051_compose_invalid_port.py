"""DC051: port numbers and ranges Docker cannot publish."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.nodes import sequence_items
from dlint.views.compose.ports import MAX_PORT, binding, describe_range, parse_range, split_outside_braces
from dlint.views.compose.values import once, text_of

PROTOCOLS = ("tcp", "udp", "sctp")


def _range_problem(numbers: tuple[int, int], what: str, *, zero_ok: bool) -> str | None:
    first, last = numbers
    if first > last:
        return f"{what} range {first}-{last} is reversed"
    if last > MAX_PORT:
        return f"{what} {describe_range(numbers)} is above {MAX_PORT}"
    if first == 0 and not (zero_ok and last == 0):
        return f"{what} 0 is not a port"
    return None


def port_problem(published: tuple[int, int] | None, target: tuple[int, int] | None, protocol: str | None) -> tuple[str, str] | None:
    """``(part, message)`` of what is wrong with one mapping; part is target, published or protocol."""
    if target is not None:
        problem = _range_problem(target, "container port", zero_ok=False)
        if problem:
            return "target", problem
    if published is not None:
        problem = _range_problem(published, "host port", zero_ok=True)  # 0: any free port
        if problem:
            return "published", problem
    if target is not None and published is not None and target[0] != target[1]:
        target_size = target[1] - target[0]
        published_size = published[1] - published[0]
        if target_size != published_size:
            return "published", (
                f"host ports {describe_range(published)} and container ports {describe_range(target)} "
                "are ranges of different lengths"
            )
    if protocol is not None and protocol.lower() not in PROTOCOLS:
        return "protocol", f"protocol {protocol} is not tcp, udp or sctp"
    return None


class ComposeInvalidPort(Rule):
    """Port number or range that cannot be published.

    ## Why is this bad?
    Ports go from 1 to 65535. A container port of 0 or above 65535, a range
    written backwards (`8010-8000`), a container range with a host range of
    another length (`8000-8005:9000-9009`), a container range published on a
    single host port, or a protocol other than tcp, udp and sctp make
    `docker compose up` fail. A host range with a single container port
    (`8000-8010:80`, take one free port of the range) and host port 0 (any
    free port) are valid and pass.

    Both `ports` (short and long form) and `expose` are checked; parts set by
    a variable with an unknown value are not judged.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports:
          - "8080:80800"
          - "9010-9000:9000-9010"
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports:
          - "8080:8080"
          - "9000-9010:9000-9010"
    ```

    ## References
    - [Compose: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    - [Compose: expose](https://docs.docker.com/reference/compose-file/services/#expose)
    """

    code = "DC051"
    name = "compose-invalid-port"
    severity = Severity.ERROR
    category = "correctness"
    kind = "compose"
    markers = frozenset({'ports', 'expose'})

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        entry = service.entry("ports")
        items = {item.start: item for item in sequence_items(entry.node)} if entry is not None else {}
        for port in service.ports:
            numbers = binding(port)
            protocol = port.protocol if (port.resolved or "$" not in (port.protocol or "")) else None
            found = port_problem(numbers.published if numbers.published_known else None, numbers.target, protocol)
            if found is None:
                continue
            part, message = found
            span = port.raw.span if port.short and port.raw is not None else self._part_span(items.get(port.span.start), part, port.span)
            yield Violation(span, f"{message} (service {service.name}): Compose cannot publish it", path=port.path if port.path != ctx.path else None)
        for scalar in service.expose:
            text = text_of(scalar)
            if text is None:
                continue
            parts = split_outside_braces(text, "/")
            body = parts[0]
            if ":" in body:
                continue  # a host mapping: DC052
            numbers = parse_range(body)
            if numbers is None:
                continue
            found = port_problem(None, numbers, parts[1] if len(parts) > 1 else None)
            if found is not None:
                yield Violation(scalar.span, f"expose: {found[1]} (service {service.name})", path=scalar.path if scalar.path != ctx.path else None)

    @staticmethod
    def _part_span(item, part, fallback):
        if item is None or item.kind != "map":
            return fallback
        pair = item.value.get(part)
        return pair[1].span if pair is not None else fallback
