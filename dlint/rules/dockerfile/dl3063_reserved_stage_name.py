"""DL3063: a stage is named ``scratch`` or ``context``."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation

RESERVED_STAGE_NAMES = frozenset({"scratch", "context"})


class ReservedStageName(Rule):
    """Stage name is a reserved word.

    ## Why is this bad?
    `scratch` already means the empty image and `context` the build context, so a
    stage with one of those names makes `FROM scratch` or `COPY --from=context`
    ambiguous; BuildKit warns about it.

    ## Example
    ```dockerfile
    FROM alpine:3.20 AS scratch
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20 AS base
    ```

    ## References
    - [Build checks: ReservedStageName](https://docs.docker.com/reference/build-checks/reserved-stage-name/)
    """

    code = "DL3063"
    name = "reserved-stage-name"
    severity = Severity.WARNING
    category = "correctness"
    aliases = ("ReservedStageName",)
    kind = "dockerfile"
    instructions = frozenset({"FROM"})

    def check_instruction(self, ctx, instruction):
        token = getattr(instruction, "stage_name", None)
        if token is not None and token.value.lower() in RESERVED_STAGE_NAMES:
            yield Violation(token.span, f"`{token.value}` is a reserved word and should not name a stage")
