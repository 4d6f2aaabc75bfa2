"""DL3043: ONBUILD wraps ONBUILD, FROM or MAINTAINER."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation

FORBIDDEN_TRIGGERS = frozenset({"ONBUILD", "FROM", "MAINTAINER"})


class InvalidOnbuildTrigger(Rule):
    """ONBUILD used with ONBUILD, FROM or MAINTAINER.

    ## Why is this bad?
    Docker does not allow `ONBUILD ONBUILD`, `ONBUILD FROM` or
    `ONBUILD MAINTAINER`: the build of any image based on this one fails.

    ## Example
    ```dockerfile
    FROM debian:12
    ONBUILD FROM alpine:3.20
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    ONBUILD RUN echo "building on top of this image"
    ```

    ## References
    - [Dockerfile reference: ONBUILD](https://docs.docker.com/reference/dockerfile/#onbuild)
    """

    code = "DL3043"
    name = "invalid-onbuild-trigger"
    severity = Severity.ERROR
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"ONBUILD"})

    def check_instruction(self, ctx, instruction):
        if instruction.onbuild:
            return  # the outer ONBUILD reports its trigger
        trigger = getattr(instruction, "trigger", None)
        if trigger is not None:
            keyword, span = trigger.keyword, trigger.keyword_token.span
        elif instruction.arguments:
            keyword, span = instruction.arguments[0].value.upper(), instruction.arguments[0].span
        else:
            return
        if keyword in FORBIDDEN_TRIGGERS:
            yield Violation(span, f"{keyword} is not allowed as an ONBUILD trigger")
