"""DC053: a port in expose that ports already publishes."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.ports import binding, parse_range, split_outside_braces
from dlint.views.compose.values import once, text_of


class ComposeExposeRedundant(Rule):
    """Port in `expose` that `ports` already publishes.

    ## Why is this bad?
    A port listed under `ports` is exposed as well as published; listing it
    under `expose` too adds nothing, and the two lists drift apart when one
    of them is edited. Keep `expose` for ports that other containers use but
    the host does not see.

    Ports are compared as numbers with their protocol (`53/udp` and `53`
    differ); ports decided by an unknown variable are not compared.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports:
          - "8080:80"
        expose:
          - "80"
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports:
          - "8080:80"
        expose:
          - "9113"
    ```

    ## References
    - [Compose: expose](https://docs.docker.com/reference/compose-file/services/#expose)
    - [Compose: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    """

    code = "DC053"
    name = "compose-expose-redundant"
    severity = Severity.INFO
    category = "maintainability"
    kind = "compose"
    markers = frozenset({'expose'})

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        project = ctx.surroundings.get("compose_project")
        merged = project.services.get(service.name) if project is not None else None
        ports = (merged or service).ports
        published = []
        for port in ports:
            numbers = binding(port)
            if numbers.target is not None:
                published.append((numbers.target, numbers.protocol))
        if not published:
            return
        for scalar in service.expose:
            text = text_of(scalar)
            if text is None:
                continue
            parts = split_outside_braces(text, "/")
            if ":" in parts[0]:
                continue  # DC052
            numbers = parse_range(parts[0])
            protocol = (parts[1] if len(parts) > 1 else "tcp").lower()
            if numbers is None:
                continue
            for target, target_protocol in published:
                if target_protocol == protocol and target[0] <= numbers[0] and numbers[1] <= target[1]:
                    yield Violation(
                        scalar.span,
                        f"expose item {text} of service {service.name} is already published by ports: drop it from expose",
                        path=scalar.path if scalar.path != ctx.path else None,
                    )
                    break
