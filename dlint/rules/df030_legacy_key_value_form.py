"""DF030: ENV or LABEL in the legacy `key value` form."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation


class LegacyKeyValueForm(Rule):
    """ENV or LABEL written in the legacy `key value` form.

    ## Why is this bad?
    `ENV NAME value` (without `=`) is an old syntax Docker keeps for
    compatibility and warns about. It takes the whole rest of the line as
    the value, so `ENV A 1 B 2` sets `A` to `1 B 2`, a classic surprise. Write
    `ENV NAME=value`, quoting values with spaces.

    ## Example
    ```dockerfile
    FROM debian:12-slim
    ENV LANG C.UTF-8
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12-slim
    ENV LANG=C.UTF-8
    ```

    ## Fix safety
    The fix rewrites the pair as `key=value` (quoted when the value has
    spaces); it is safe. It is not offered when the value holds quotes,
    backslashes or continues over several lines.

    ## References
    - [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
    - [Build checks: LegacyKeyValueFormat](https://docs.docker.com/reference/build-checks/legacy-key-value-format/)
    """

    code = "DF030"
    name = "legacy-key-value-form"
    severity = Severity.WARNING
    category = "maintainability"
    kind = "dockerfile"
    instructions = frozenset({"ENV", "LABEL"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        for pair in getattr(instruction, "pairs", ()):
            if not pair.legacy or pair.value is None:
                continue
            fix = None
            raw = pair.value.raw
            between = ctx.source[pair.key.span.end : pair.value.span.start]
            if pair.value.span.line == pair.value.span.end_line and between.strip() == "" and not any(char in raw for char in "\"'\\"):
                value = f'"{raw}"' if any(char.isspace() for char in raw) else raw
                fix = ctx.replace(ctx.span(pair.key.span.end, pair.value.span.end), f"={value}", f"write {pair.key.value}={value}")
            yield Violation(pair.key.span, f"{instruction.keyword} {pair.key.value} uses the legacy `key value` form: write {pair.key.value}=…", fix)
