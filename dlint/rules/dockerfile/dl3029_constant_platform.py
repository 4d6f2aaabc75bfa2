"""DL3029: FROM --platform is set to a fixed value."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation


class ConstantPlatform(Rule):
    """FROM --platform has a fixed value.

    ## Why is this bad?
    A hard-coded platform such as `--platform=linux/amd64` pins the stage to one
    architecture, so multi-platform builds and builds on other machines quietly
    produce (or emulate) the wrong one. Use a build argument such as
    `$BUILDPLATFORM` or `$TARGETPLATFORM`, or leave the flag out.

    ## Example
    ```dockerfile
    FROM --platform=linux/amd64 golang:1.23
    ```

    ## Use instead
    ```dockerfile
    FROM --platform=$BUILDPLATFORM golang:1.23
    ```

    ## References
    - [Multi-platform builds](https://docs.docker.com/build/building/multi-platform/)
    """

    code = "DL3029"
    name = "constant-platform"
    severity = Severity.WARNING
    category = "best-practice"
    aliases = ("FromPlatformFlagConstDisallowed",)
    kind = "dockerfile"
    instructions = frozenset({"FROM"})

    def check_instruction(self, ctx, instruction):
        flag = instruction.flag("platform")
        if flag is None or not flag.value or "$" in flag.value:
            return
        yield Violation(flag.span, f"`--platform={flag.value}` fixes the platform; use a variable such as $BUILDPLATFORM")
