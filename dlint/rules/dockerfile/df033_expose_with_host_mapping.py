"""DF033: EXPOSE names a host port or an address."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.dockerfile.variables import resolve

_PORT = regex(r"^[0-9]+(-[0-9]+)?(/[a-zA-Z]+)?$")


class ExposeWithHostMapping(Rule):
    """EXPOSE with a host port mapping (`8080:80`) or an IP address.

    ## Why is this bad?
    `EXPOSE` only records which container ports the image listens on. Host
    ports and addresses are chosen when the container runs (`docker run -p`,
    Compose `ports:`); Docker drops the host part of `EXPOSE 8080:80` with a
    warning, so the mapping the author meant never happens.

    ## Example
    ```dockerfile
    FROM nginx:1.27
    EXPOSE 8080:80
    ```

    ## Use instead
    ```dockerfile
    FROM nginx:1.27
    EXPOSE 80
    ```

    Variables are substituted when the Dockerfile defines them
    (`ARG PORTS=8080:80`).

    ## Fix safety
    The fix keeps only the container port (`8080:80` becomes `80`), which is
    what Docker exposes today; it is safe. It is not offered when a variable
    makes the word.

    ## References
    - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    """

    code = "DF033"
    name = "expose-with-host-mapping"
    severity = Severity.WARNING
    category = "correctness"
    aliases = ("ExposeInvalidFormat",)
    kind = "dockerfile"
    instructions = frozenset({"EXPOSE"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        for token in getattr(instruction, "ports", None) or instruction.arguments:
            value = resolve(ctx, instruction, token.raw) if "$" in token.raw else token.value
            if not value or ":" not in value:
                continue
            container = value.rsplit(":", 1)[-1]
            fix = None
            if "$" not in token.raw and ctx.text(token.span) == token.raw and _PORT.match(container):
                fix = ctx.replace(token.span, container, f"write {container}")
            message = f"EXPOSE {value}: only the container port counts here; expose {container or 'the container port'} and map host ports when running"
            yield Violation(token.span, message, fix)
