"""DF031: an empty line inside a continued instruction."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex

#: a line break, then a line of blanks only and its own line break (group 1): the
#: search skips from line break to line break in C, with no Python work per line
_BLANK_LINE = regex(r"\n(?=([ \t]*\r?\n))")


class EmptyContinuationLine(Rule):
    """Empty line inside an instruction continued with `\\`.

    ## Why is this bad?
    Docker skips an empty line in the middle of a continued instruction but
    warns that this is deprecated and will become an error; it also makes the
    instruction look like it ended there. Remove the empty line (a comment
    line is fine).

    ## Example
    ```dockerfile
    FROM debian:12-slim
    RUN apt-get update && \\

        apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12-slim
    RUN apt-get update && \\
        apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    ```

    ## Fix safety
    The fix deletes the empty line; it is safe.

    ## References
    - [Dockerfile reference: escape](https://docs.docker.com/reference/dockerfile/#escape)
    """

    code = "DF031"
    name = "empty-continuation-line"
    severity = Severity.WARNING
    category = "maintainability"
    aliases = ("NoEmptyContinuation",)
    kind = "dockerfile"
    fix_available = True

    def check_instruction(self, ctx, instruction):
        if instruction.onbuild or instruction.span.line == instruction.span.end_line:
            return
        end = instruction.span.end
        heredocs = getattr(instruction, "heredocs", ())
        if heredocs:
            end = min(heredoc.body_span.start for heredoc in heredocs)
        first_break = ctx.source.find("\n", instruction.span.start, end)
        if first_break < 0:
            return
        for match in _BLANK_LINE.finditer(ctx.source, first_break, end):  # lines ended inside the instruction
            start, stop = match.span(1)
            if stop >= end:
                break  # the instruction's last line is not inside the continuation
            span = ctx.span(start, stop)
            yield Violation(ctx.span(start, start), "empty line inside a continued instruction: Docker will stop accepting it", ctx.replace(span, "", "delete the empty line"))
