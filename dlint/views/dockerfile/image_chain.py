"""The chain of stages the final image is built on (the last stage, the stage it builds
``FROM``, and so on), the instructions that take effect in it and the command it runs."""

from __future__ import annotations

from dlint.models.dockerfile import Dockerfile, ImageRef, Instruction, Stage
from dlint.views.text import split_shell_words


def stage_chain(dockerfile: Dockerfile, stage: Stage) -> list[Stage]:
    """``stage``, the stage it builds ``FROM``, and so on down to the stage
    built on an image (or on ``scratch``)."""
    chain: list[Stage] = []
    seen: set[int] = set()
    current: Stage | None = stage
    while current is not None and current.index not in seen:
        seen.add(current.index)
        chain.append(current)
        base = current.base_stage if current.base_stage is not None else current.image.stage
        current = dockerfile.stages[base] if base is not None and base < len(dockerfile.stages) else None
    return chain


def final_chain(dockerfile: Dockerfile) -> list[Stage]:
    """:func:`stage_chain` of the last stage (empty without any FROM)."""
    final = dockerfile.final_stage
    return stage_chain(dockerfile, final) if final is not None else []


def base_image(chain: list[Stage]) -> ImageRef | None:
    """The image at the bottom of ``chain``: what the final image starts from."""
    return chain[-1].image if chain else None


def chain_instructions(chain: list[Stage], keyword: str) -> list[Instruction]:
    """The ``keyword`` instructions of ``chain`` (not ONBUILD triggers), the
    final stage's first, each stage's in source order."""
    return [
        instruction
        for stage in chain
        for instruction in stage.instructions
        if instruction.keyword == keyword and not instruction.onbuild
    ]


def last_in_chain(chain: list[Stage], keyword: str) -> Instruction | None:
    """The ``keyword`` instruction that is in force in the image ``chain`` builds."""
    for stage in chain:
        found = [i for i in stage.instructions if i.keyword == keyword and not i.onbuild]
        if found:
            return found[-1]
    return None


# -- the command the image runs -----------------------------------------------------------

_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh"})
_LAUNCHERS = frozenset({"exec", "tini", "dumb-init", "gosu", "su-exec", "env", "nice", "--"})


def command_words(instruction: Instruction | None) -> list[str]:
    """The words of a CMD or ENTRYPOINT, with a leading ``sh -c '…'``, ``exec``,
    ``tini --`` or ``dumb-init`` looked through (``["gunicorn", "app:app"]``);
    empty when unknown."""
    command = getattr(instruction, "command", None)
    if command is None:
        return []
    if command.form == "exec":
        words = [token.value for token in command.exec_args or []]
    else:
        words = _split(command.shell.value if command.shell is not None else "")
    for _ in range(4):
        if len(words) >= 3 and _base(words[0]) in _SHELLS and words[1] == "-c":
            words = _split(words[2])
        while words and (_base(words[0]) in _LAUNCHERS or words[0].startswith("-") or "=" in words[0]):
            words = words[1:]
    return words


def command_program(instruction: Instruction | None) -> str | None:
    """Base name of the program a CMD or ENTRYPOINT runs (see :func:`command_words`)."""
    words = command_words(instruction)
    return _base(words[0]) if words else None


def runs_programs(chain: list[Stage]) -> list[str]:
    """Base names of the programs the image starts: its ENTRYPOINT's, then its CMD's."""
    programs = []
    for keyword in ("ENTRYPOINT", "CMD"):
        program = command_program(last_in_chain(chain, keyword))
        if program:
            programs.append(program)
    return programs


def _split(text: str) -> list[str]:
    try:
        return split_shell_words(text)
    except ValueError:
        return text.split()


def _base(word: str) -> str:
    return word.rsplit("/", 1)[-1].lower()
