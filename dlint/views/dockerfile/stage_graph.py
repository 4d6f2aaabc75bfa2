"""How the stages of a Dockerfile use each other: FROM <stage>, COPY --from, RUN --mount from."""

from __future__ import annotations

from dlint.engine.context import DockerfileContext
from dlint.models.dockerfile import CopyInstruction, Dockerfile, Instruction, RunInstruction, Stage
from dlint.views.dockerfile.copy_from import copy_source
from dlint.views.text import is_decimal, parse_int

# -- stages -----------------------------------------------------------------------------


def stage_reaches_image(ctx: DockerfileContext, instruction: Instruction) -> bool:
    """Whether files a RUN leaves behind can end up in a built image: true in
    the last stage, in a stage a later ``FROM`` builds on, before any FROM, and
    in ONBUILD triggers (they run in whatever image builds on this one). A stage
    only used through ``COPY --from`` (or not at all) is thrown away."""
    index = instruction.stage_index
    stages = ctx.dockerfile.stages
    if instruction.onbuild or index is None or not stages or index >= len(stages) - 1:
        return True
    return index in ctx.dockerfile.base_stages()


def base_of(stage: Stage) -> int | None:
    """Index of the earlier stage this stage is built on (``FROM <stage>``)."""
    if stage.base_stage is not None:
        return stage.base_stage
    return stage.image.stage


def stage_index(dockerfile: Dockerfile, name_or_index: str, before: int) -> int | None:
    """The stage among the first ``before`` that ``name_or_index`` names."""
    if is_decimal(name_or_index):
        index = parse_int(name_or_index)  # None: too many digits to name any stage
        return index if index is not None and index < before else None
    stage = dockerfile.stage_named(name_or_index)
    return stage.index if stage is not None and stage.index < before else None


def copied_from(dockerfile: Dockerfile) -> set[int]:
    """Stages whose files another stage takes with COPY --from or RUN --mount from=."""
    used: set[int] = set()
    for stage in dockerfile.stages:
        for instruction in stage.instructions:
            for name in _sources(instruction):
                index = stage_index(dockerfile, name, stage.index)
                if index is not None:
                    used.add(index)
    return used


def reachable_from(dockerfile: Dockerfile, target: Stage) -> set[int]:
    """Indexes of the stages building ``target`` needs: ``target``, the stages it is
    built on, the stages it copies or mounts from, and theirs in turn."""
    needed: set[int] = set()
    waiting = [target.index]
    while waiting:
        index = waiting.pop()
        if index in needed or index >= len(dockerfile.stages):
            continue
        needed.add(index)
        stage = dockerfile.stages[index]
        base = base_of(stage)
        if base is not None:
            waiting.append(base)
        for instruction in stage.instructions:
            for name in _sources(instruction):
                found = stage_index(dockerfile, name, stage.index)
                if found is not None:
                    waiting.append(found)
    return needed


def _sources(instruction) -> list[str]:
    if isinstance(instruction, CopyInstruction):
        source = copy_source(instruction)
        return [source.value] if source is not None else []
    if isinstance(instruction, RunInstruction):
        return [mount.options["from"] for mount in instruction.mounts if mount.options.get("from")]
    return []
