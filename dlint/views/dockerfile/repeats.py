"""Instructions that take effect once per stage (CMD, ENTRYPOINT, HEALTHCHECK)."""

from __future__ import annotations

from collections.abc import Iterator

from dlint.models.dockerfile import Dockerfile, Instruction


def repeated(dockerfile: Dockerfile, keyword: str) -> Iterator[tuple[Instruction, Instruction]]:
    """(earlier, later) for each ``keyword`` instruction that follows another one in
    the same stage (instructions before the first FROM count as one group);
    ONBUILD triggers are not counted: they run in another build."""
    last: dict[int | None, Instruction] = {}
    for instruction in dockerfile.instructions:
        if instruction.keyword != keyword:
            continue
        group = instruction.stage_index
        earlier = last.get(group)
        if earlier is not None:
            yield earlier, instruction
        last[group] = instruction
