"""DL3023: COPY --from names the stage it is in."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.dockerfile import CopyInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.copy_from import copy_source


class CopyFromOwnStage(Rule):
    """COPY --from refers to its own stage.

    ## Why is this bad?
    A stage cannot copy from itself: its files are not built yet. The builder
    rejects it (or resolves the name to an unrelated image), so the instruction
    is a mistake, usually a wrong stage name.

    ## Example
    ```dockerfile
    FROM node:22 AS build
    COPY --from=build /src/dist /app
    ```

    ## Use instead
    ```dockerfile
    FROM node:22 AS build
    RUN npm run build
    FROM nginx:1.27
    COPY --from=build /src/dist /usr/share/nginx/html
    ```

    ## References
    - [Dockerfile reference: COPY --from](https://docs.docker.com/reference/dockerfile/#copy---from)
    """

    code = "DL3023"
    name = "copy-from-own-stage"
    severity = Severity.ERROR
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"COPY"})

    def check_instruction(self, ctx, instruction):
        if instruction.onbuild or instruction.stage_index is None or not isinstance(instruction, CopyInstruction):
            return
        source = copy_source(instruction)
        if source is None:
            return
        stage = ctx.dockerfile.stages[instruction.stage_index]
        if source.value.lower() == stage.name or source.value == str(stage.index):
            yield Violation(source.span, "COPY --from names the stage it is in; a stage cannot copy from itself")
