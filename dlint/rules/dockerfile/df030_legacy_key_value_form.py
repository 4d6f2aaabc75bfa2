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

    It is a warning, as in Docker's own build checks: the syntax is deprecated
    (Docker prints a warning on every build) and its parsing hides mistakes,
    so it is more than a matter of taste.

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
    spaces, kept as it is when it is one quoted string); it is safe. It is
    not offered when the value holds other quotes, escape characters or
    continues over several lines.

    ## References
    - [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
    - [Build checks: LegacyKeyValueFormat](https://docs.docker.com/reference/build-checks/legacy-key-value-format/)
    """

    code = "DF030"
    name = "legacy-key-value-form"
    severity = Severity.WARNING
    category = "maintainability"
    aliases = ("LegacyKeyValueFormat",)
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
            single_line = pair.value.span.line == pair.value.span.end_line and between.strip() == ""
            if single_line and _one_quoted_word(raw):
                value = raw
            elif single_line and not any(char in raw for char in "\"'\\`"):
                value = f'"{raw}"' if any(map(str.isspace, raw)) else raw
            else:
                value = None
            if value is not None:
                fix = ctx.replace(ctx.span(pair.key.span.end, pair.value.span.end), f"={value}", f"write {pair.key.value}={value}")
            yield Violation(pair.key.span, f"{instruction.keyword} {pair.key.value} uses the legacy `key value` form: write {pair.key.value}=…", fix)


def _one_quoted_word(raw: str) -> bool:
    """``"a b"`` or ``'a b'``: one quoted string with no other quote or escape inside."""
    if len(raw) < 2 or raw[0] not in "\"'" or raw[-1] != raw[0]:
        return False
    inner = raw[1:-1]
    return not any(char in inner for char in "\"'\\`")
