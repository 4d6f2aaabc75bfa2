"""DF028: a stage name has upper-case letters."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation


class StageNameCasing(Rule):
    """Stage name is not lower case.

    ## Why is this bad?
    Docker compares stage names without regard to case, so `AS Build`,
    `--from=build` and `--target BUILD` all name the same stage. Writing a name
    in more than one casing hides that; lower-case names, as BuildKit
    recommends, keep declarations and references looking alike.

    ## Example
    ```dockerfile
    FROM golang:1.23 AS Builder
    RUN go build -o /app .
    FROM gcr.io/distroless/static-debian12
    COPY --from=Builder /app /app
    ```

    ## Use instead
    ```dockerfile
    FROM golang:1.23 AS builder
    RUN go build -o /app .
    FROM gcr.io/distroless/static-debian12
    COPY --from=builder /app /app
    ```

    ## References
    - [Build checks: StageNameCasing](https://docs.docker.com/reference/build-checks/stage-name-casing/)
    """

    code = "DF028"
    name = "stage-name-casing"
    severity = Severity.STYLE
    category = "style"
    aliases = ("StageNameCasing",)
    kind = "dockerfile"
    instructions = frozenset({"FROM"})

    def check_instruction(self, ctx, instruction):
        token = getattr(instruction, "stage_name", None)
        if token is None or token.value == token.value.lower():
            return
        yield Violation(token.span, f"stage name `{token.value}` is not lower case: write `{token.value.lower()}`")
