"""DC052: an expose item with a host port or address."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.compose.ports import split_outside_braces
from dlint.views.compose.values import once

_CONTAINER_PART = regex(r"\d+(?:-\d+)?(?:/[A-Za-z]+)?\Z")


class ComposeExposeHostMapping(Rule):
    """`expose` item with a host port mapping (`8080:80`).

    ## Why is this bad?
    `expose` only documents (and opens between containers) a port of the
    container; it never publishes anything on the host. A host part written
    there (`8080:80`, `127.0.0.1:8080:80`) is not a valid `expose` value:
    Compose refuses it or keeps only the container port, and either way the
    port is not reachable from the host as the author meant. Publish with
    `ports:` instead; other containers of the project reach the port without
    either.

    ## Example
    ```yaml
    services:
      api:
        image: acme/api:1.4
        expose:
          - "8080:8000"
    ```

    ## Use instead
    ```yaml
    services:
      api:
        image: acme/api:1.4
        ports:
          - "8080:8000"
    ```

    ## Fix safety
    The fix keeps only the container port (`8080:8000` becomes `8000`). It is
    unsafe: if the host port was wanted, it must be published under `ports:`
    by hand. Not offered when variables are involved or the value is not a
    quoted or plain one-line scalar.

    ## References
    - [Compose: expose](https://docs.docker.com/reference/compose-file/services/#expose)
    - [Compose: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    """

    code = "DC052"
    name = "compose-expose-host-mapping"
    severity = Severity.WARNING
    category = "correctness"
    kind = "compose"
    markers = frozenset({'expose'})
    fix_available = True

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        for scalar in service.expose:
            text = scalar.text
            if ":" not in text or not isinstance(scalar.value, str):
                continue
            fields = split_outside_braces(text)
            if len(fields) < 2:
                continue
            container = fields[-1]
            fix = None
            written = ctx.source[scalar.span.start : scalar.span.end] if scalar.path == ctx.path else ""
            if not scalar.variables and _CONTAINER_PART.match(container) and written in (text, f'"{text}"', f"'{text}'"):
                quote = written[0] if written[:1] in "\"'" else ""
                fix = ctx.replace(scalar.span, f"{quote}{container}{quote}", f"keep only the container port {container}", safe=False)
            yield Violation(
                scalar.span,
                f"expose item {text} of service {service.name} has a host part: expose never publishes; use ports to publish on the host",
                fix,
                path=scalar.path if scalar.path != ctx.path else None,
            )
