"""DF047: COPY --from a stage built on scratch that holds no file."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.dockerfile import CopyInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.copy_from import copy_source
from dlint.views.dockerfile.image_chain import stage_chain
from dlint.views.dockerfile.stage_contents import empty_stage
from dlint.views.dockerfile.stage_graph import stage_index


class CopyFromEmptyStage(Rule):
    """`COPY --from` an unnamed stage that is `FROM scratch` with nothing copied into it.

    ## Why is this bad?
    `scratch` is the empty image. A stage built on it holds only what its
    `COPY` and `ADD` instructions (or those of the stages it is built on) put
    there; with none, its filesystem is empty and any `COPY --from` it fails
    with "not found". Usually the files were meant to be copied into the
    scratch stage first, or `--from` names the wrong stage.

    Only stages without a name are judged (`COPY --from=1`): an empty
    named stage (`FROM scratch AS src`) is the documented placeholder for a
    named build context (`docker buildx build --build-context src=../src`,
    Bake `contexts`), which replaces the stage of that name, so copying from
    it is right. A stage name that is not defined before the COPY is DL3022's.

    ## Example
    ```dockerfile
    FROM golang:1.23
    RUN go build -o /out/app .
    FROM scratch
    FROM alpine:3.20
    COPY --from=1 /out/app /usr/local/bin/app
    ```

    ## Use instead
    ```dockerfile
    FROM golang:1.23
    RUN go build -o /out/app .
    FROM alpine:3.20
    COPY --from=0 /out/app /usr/local/bin/app
    ```

    ## References
    - [Dockerfile reference: FROM scratch](https://docs.docker.com/build/building/base-images/#create-a-minimal-base-image-using-scratch)
    """

    code = "DF047"
    name = "copy-from-empty-stage"
    severity = Severity.ERROR
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"COPY"})
    markers = frozenset({"scratch", "SCRATCH", "Scratch"})

    def check_instruction(self, ctx, instruction):
        if instruction.onbuild or not isinstance(instruction, CopyInstruction) or instruction.stage_index is None:
            return
        source = copy_source(instruction)
        if source is None or source.is_image:
            return
        index = stage_index(ctx.dockerfile, source.value, instruction.stage_index)
        if index is None:
            return
        stage = ctx.dockerfile.stages[index]
        if any(link.name is not None for link in stage_chain(ctx.dockerfile, stage)):
            return  # a named stage may be a placeholder a named build context replaces
        if empty_stage(ctx.dockerfile, stage):
            yield Violation(source.span, f"stage {source.value} is `FROM scratch` and nothing is copied into it: there is nothing to copy from")
