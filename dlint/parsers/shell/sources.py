"""The shell sources of a Dockerfile: which texts are POSIX shell and how they run."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from dlint.models.base import Model, construct
from dlint.parsers.shell.programs import (
    POSIX_SHELLS,
    base_name,
    is_posix_shell_program,
    shebang_program,
    shell_pipefail,
)
from dlint.regex import regex

if TYPE_CHECKING:
    from dlint.models.dockerfile import Command, Dockerfile, Heredoc

#: a heredoc marker in a RUN command (``<<EOF``, ``<<-"EOF"``, ``3<<'X'``)
_HEREDOC_MARKER = regex(r"""(?<!\S)\d*<<(?!<)-?[ \t]*(?:"[^"\s]*"|'[^'\s]*'|[^\s"'<>|&;()]+)""")
_COMMAND_KEYWORDS = frozenset({"RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"})


class ShellSource(Model):
    """One text to analyse: ``node`` is the instruction or heredoc it belongs to;
    ``segments`` place ``text`` in the file; ``pipefail`` is set from the start."""

    node: Any
    text: str
    segments: list[tuple[int, int, int]]
    pipefail: bool


def shell_sources(dockerfile: Dockerfile) -> Iterator[ShellSource]:
    """Every POSIX shell text of ``dockerfile``, in file order."""
    for instruction in dockerfile.instructions:
        keyword = instruction.keyword
        if keyword == "ONBUILD":
            trigger = instruction.trigger  # type: ignore[attr-defined]
            if trigger is not None and trigger.keyword in _COMMAND_KEYWORDS:
                yield from _instruction_sources(trigger)
        elif keyword in _COMMAND_KEYWORDS:
            yield from _instruction_sources(instruction)


def _instruction_sources(instruction: Any) -> Iterator[ShellSource]:
    """RUN, CMD, ENTRYPOINT or HEALTHCHECK: its command and its heredoc scripts."""
    posix, pipefail = _program_facts(tuple(instruction.shell_program))
    if not posix:
        return
    heredocs: list[Heredoc] = instruction.heredocs if instruction.keyword == "RUN" else []
    command: Command | None = instruction.command
    if command is not None and command.form == "shell" and command.shell is not None:
        text, segments = _command_text(command)
        if heredocs:
            text = _HEREDOC_MARKER.sub(lambda marker: " " * len(marker.group()), text)
        yield construct(ShellSource, {"node": instruction, "text": text, "segments": segments, "pipefail": pipefail})
    for heredoc in heredocs:
        source = _heredoc_source(heredoc, pipefail)
        if source is not None:
            yield source


@cache
def _program_facts(program: tuple[str, ...]) -> tuple[bool, bool]:
    """(is a POSIX shell, runs with pipefail) of a SHELL program."""
    return is_posix_shell_program(list(program)), shell_pipefail(list(program))


def _command_text(command: Command) -> tuple[str, list[tuple[int, int, int]]]:
    if command.source is not None:
        return command.source.text, command.source.segments
    shell = command.shell
    assert shell is not None
    return shell.value, [(0, shell.span.start, len(shell.value))]


def _heredoc_source(heredoc: Heredoc, shell_option: bool) -> ShellSource | None:
    """The body of a heredoc that is a shell script: a script run by the SHELL
    (no ``#!``) or by a shell ``#!`` line, or the input of a shell (``RUN bash <<EOF``)."""
    if heredoc.source is None:
        return None
    body = heredoc.source.text
    if heredoc.script:
        shebang = shebang_program(body.split("\n", 1)[0])
        if not shebang:
            pipefail = shell_option
        elif base_name(shebang[0]) in POSIX_SHELLS:
            pipefail = shell_pipefail(shebang)
        else:
            return None
    elif heredoc.interpreter is not None and base_name(heredoc.interpreter) in POSIX_SHELLS:
        pipefail = False
    else:
        return None
    return construct(ShellSource, {"node": heredoc, "text": body, "segments": heredoc.source.segments, "pipefail": pipefail})
