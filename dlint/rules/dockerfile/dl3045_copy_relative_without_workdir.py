"""DL3045: COPY to a relative destination before any WORKDIR."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.dockerfile import CopyInstruction, OnbuildInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.paths import path_text, relative_path


class CopyRelativeWithoutWorkdir(Rule):
    """COPY to a relative destination while no WORKDIR is set.

    ## Why is this bad?
    A relative COPY destination is resolved against the working directory. When
    the stage has not set one (itself or through the stage it is built on), that
    directory comes from the base image and may change under you, often ending up
    as `/`. Set WORKDIR first or use an absolute destination. A destination that
    starts with a variable is judged by its value when the Dockerfile defines it.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    COPY app.py app/
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    WORKDIR /srv
    COPY app.py app/
    ```

    ## References
    - [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
    """

    code = "DL3045"
    name = "copy-relative-without-workdir"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    requires = frozenset({"COPY"})

    def check_dockerfile(self, ctx):
        stages = ctx.dockerfile.stages
        has_workdir: dict[int | None, bool] = {}  # by stage index; None: before the first FROM
        has_onbuild_workdir: dict[int | None, bool] = {}
        for instruction in ctx.dockerfile.instructions:
            group = instruction.stage_index
            if instruction.keyword == "FROM" and group is not None:
                base = stages[group].base_stage if group < len(stages) else None
                has_workdir[group] = base is not None and has_workdir.get(base, False)
            elif instruction.keyword == "WORKDIR":
                has_workdir[group] = True
            elif isinstance(instruction, OnbuildInstruction) and instruction.trigger is not None:
                trigger = instruction.trigger
                if trigger.keyword == "WORKDIR":
                    has_onbuild_workdir[group] = True
                elif self._unanchored(ctx, trigger, has_workdir.get(group) or has_onbuild_workdir.get(group)):
                    yield self._violation(trigger)
            elif self._unanchored(ctx, instruction, has_workdir.get(group)):
                yield self._violation(instruction)

    @staticmethod
    def _unanchored(ctx, instruction, workdir_set) -> bool:
        """A COPY to a relative destination while no WORKDIR is in force."""
        return (
            not workdir_set
            and instruction.keyword == "COPY"
            and isinstance(instruction, CopyInstruction)
            and instruction.destination is not None
            and relative_path(ctx, instruction, instruction.destination) is not None
        )

    @staticmethod
    def _violation(instruction: CopyInstruction) -> Violation:
        destination = instruction.destination
        return Violation(
            destination.span,
            f"COPY destination `{path_text(destination)}` is relative but no WORKDIR is set;"
            " set WORKDIR first or use an absolute path",
        )
