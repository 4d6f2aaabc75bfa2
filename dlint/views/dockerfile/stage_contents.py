"""What a stage's filesystem can hold at an instruction: whether it starts from ``scratch``
(through the stages it is built ``FROM``) and which instructions before it may have
added files (COPY, ADD)."""

from __future__ import annotations

from dlint.models.dockerfile import Dockerfile, Instruction, Stage
from dlint.views.dockerfile.image_chain import stage_chain

_ADDERS = frozenset({"COPY", "ADD"})


def chain_before(dockerfile: Dockerfile, stage: Stage, instruction: Instruction | None = None) -> list[Instruction]:
    """The instructions that took effect in ``stage``'s filesystem before ``instruction``
    (all of the stage's when None): those of the stages it is built on, then its own."""
    found: list[Instruction] = []
    for link in reversed(stage_chain(dockerfile, stage)):
        for item in link.instructions:
            if link is stage and item is instruction:
                return found
            found.append(item)
    return found


def chain_base(dockerfile: Dockerfile, stage: Stage) -> Stage:
    """The stage of ``stage``'s chain that is built on an image (or ``scratch``)."""
    return stage_chain(dockerfile, stage)[-1]


def from_scratch(dockerfile: Dockerfile, stage: Stage) -> bool:
    """Whether ``stage`` is built on ``scratch``, directly or through other stages."""
    base = chain_base(dockerfile, stage)
    return base.image.is_scratch and base.base_stage is None and base.image.stage is None


def adders(instructions: list[Instruction]) -> list[Instruction]:
    """The COPY and ADD instructions among ``instructions`` (ONBUILD triggers left out)."""
    return [item for item in instructions if item.keyword in _ADDERS and not item.onbuild]


def empty_stage(dockerfile: Dockerfile, stage: Stage) -> bool:
    """``stage`` is built on ``scratch`` and nothing in its chain adds a file: its
    filesystem is empty."""
    return from_scratch(dockerfile, stage) and not adders(chain_before(dockerfile, stage))
