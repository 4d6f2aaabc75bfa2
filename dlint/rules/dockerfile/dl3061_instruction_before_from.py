"""DL3061: an instruction other than ARG comes before the first FROM."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation


class InstructionBeforeFrom(Rule):
    """Instruction before the first FROM.

    ## Why is this bad?
    A Dockerfile must start with FROM; only ARG (to parameterise the FROM lines),
    comments and parser directives may come before it. Builders reject anything
    else. Only the first such instruction is reported.

    ## Example
    ```dockerfile
    LABEL org.opencontainers.image.source="https://github.com/example/app"
    FROM alpine:3.20
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.source="https://github.com/example/app"
    ```

    ## References
    - [Dockerfile reference: format](https://docs.docker.com/reference/dockerfile/#format)
    """

    code = "DL3061"
    name = "instruction-before-from"
    severity = Severity.ERROR
    category = "correctness"
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        for instruction in ctx.dockerfile.instructions:
            if instruction.keyword == "FROM":
                return
            if instruction.keyword != "ARG":
                yield Violation(
                    instruction.keyword_token.span,
                    f"{instruction.keyword} comes before the first FROM; only ARG may precede it",
                )
                return
