"""DL3044: ENV uses a variable set earlier in the same ENV instruction."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.variables import variable_references


class EnvSelfReference(Rule):
    """ENV refers to a variable defined in the same ENV instruction.

    ## Why is this bad?
    All values of one ENV instruction are expanded with the variables as they
    were before the instruction. In `ENV A=1 B=$A`, `$A` is not `1` but whatever
    `A` was earlier (often empty). Split the instruction so the second ENV sees
    the first one's value.

    ## Example
    ```dockerfile
    FROM debian:12
    ENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    ENV APP_HOME=/opt/app
    ENV APP_BIN=$APP_HOME/bin
    ```

    ## References
    - [Dockerfile reference: environment replacement](https://docs.docker.com/reference/dockerfile/#environment-replacement)
    """

    code = "DL3044"
    name = "env-self-reference"
    severity = Severity.ERROR
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"ENV"})

    def check_instruction(self, ctx, instruction):
        defined: set[str] = set()
        for pair in getattr(instruction, "pairs", ()):
            value = pair.value
            if value is not None and defined:
                exact = ctx.text(value.span) == value.raw
                for name, start, end in variable_references(value.raw, ctx.dockerfile.escape):
                    if name in defined:
                        span = ctx.span(value.span.start + start, value.span.start + end) if exact else value.span
                        yield Violation(
                            span,
                            f"`{name}` is set earlier in this same ENV, where its new value is not yet visible;"
                            " move it to an ENV of its own",
                        )
            defined.add(pair.key.value)
