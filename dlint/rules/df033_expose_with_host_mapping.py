"""DF033: EXPOSE names a host port or an address."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation


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

    ## References
    - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    """

    code = "DF033"
    name = "expose-with-host-mapping"
    severity = Severity.WARNING
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"EXPOSE"})

    def check_instruction(self, ctx, instruction):
        for token in instruction.ports:
            value = token.value
            if "$" in value or ":" not in value:
                continue
            container = value.rsplit(":", 1)[-1]
            yield Violation(token.span, f"EXPOSE {value}: only the container port counts here; write EXPOSE {container} and map the host port when running")
