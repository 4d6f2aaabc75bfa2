"""DL3022: COPY --from names no earlier stage."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.dockerfile import CopyInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.copy_from import copy_source
from dlint.views.text import abbreviated, parse_int


class CopyFromUnknownStage(Rule):
    """COPY --from refers to a stage that is not defined before it.

    ## Why is this bad?
    `COPY --from=<name>` copies from the earlier stage called `<name>`. When no
    stage of that name comes before, the builder treats the name as an image
    to pull from a registry, which is almost never what was meant: usually the
    stage is misspelt or defined further down. Values that come from ARG or ENV
    are substituted first; a name with `:`, `/` or `@` is taken as an image.

    ## Example
    ```dockerfile
    FROM golang:1.23 AS build
    RUN go build -o /out/app .
    FROM gcr.io/distroless/static-debian12
    COPY --from=builder /out/app /app
    ```

    ## Use instead
    ```dockerfile
    FROM golang:1.23 AS build
    RUN go build -o /out/app .
    FROM gcr.io/distroless/static-debian12
    COPY --from=build /out/app /app
    ```

    ## References
    - [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
    """

    code = "DL3022"
    name = "copy-from-unknown-stage"
    severity = Severity.WARNING
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"COPY"})

    def check_instruction(self, ctx, instruction):
        if instruction.onbuild or not isinstance(instruction, CopyInstruction):
            return  # an ONBUILD trigger runs in another Dockerfile's build
        source = copy_source(instruction)
        if source is None or source.is_image:
            return
        current = -1 if instruction.stage_index is None else instruction.stage_index
        if source.is_index:
            index = parse_int(source.value)  # None: too many digits to name any stage
            if index is None or index > current:
                shown = abbreviated(source.value)
                yield Violation(source.span, f"there is no stage {shown} before this COPY (stages count from 0)")
            return
        named = ctx.dockerfile.stage_named(source.value)
        if named is None or named.index > current:
            yield Violation(source.span, f"no stage named `{source.value}` is defined before this COPY")
