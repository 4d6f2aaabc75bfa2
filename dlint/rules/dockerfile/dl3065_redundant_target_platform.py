"""DL3065: FROM --platform=$TARGETPLATFORM repeats the default."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.dockerfile.paths import dequote

_TARGET_PLATFORM = regex(r"^(\$TARGETPLATFORM|\$\{TARGETPLATFORM\})$")


class RedundantTargetPlatform(Rule):
    """FROM --platform=$TARGETPLATFORM is redundant.

    ## Why is this bad?
    A stage is built for the target platform unless told otherwise, so
    `--platform=$TARGETPLATFORM` only adds noise (and hides the stages where the
    platform really is chosen, such as `--platform=$BUILDPLATFORM`).

    ## Example
    ```dockerfile
    FROM --platform=$TARGETPLATFORM alpine:3.20
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    ```

    ## Fix safety
    The fix removes the flag. It is safe: the target platform is what the builder
    uses without it.

    ## References
    - [Multi-platform builds](https://docs.docker.com/build/building/multi-platform/)
    """

    code = "DL3065"
    name = "redundant-target-platform"
    severity = Severity.WARNING
    category = "style"
    aliases = ("RedundantTargetPlatform",)
    kind = "dockerfile"
    instructions = frozenset({"FROM"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        flag = instruction.flag("platform")
        if flag is None or flag.value is None or not _TARGET_PLATFORM.match(dequote(flag.value)):
            return
        end = flag.span.end
        while end < len(ctx.source) and ctx.source[end] in " \t":
            end += 1
        fix = ctx.replace(ctx.span(flag.span.start, end), "", "Remove `--platform=$TARGETPLATFORM`")
        yield Violation(flag.span, "`--platform=$TARGETPLATFORM` is the default and can be removed", fix)
