"""Helpers for rules that look at the shell commands of RUN instructions.

- :func:`scripts` / :func:`commands`: the shell analyses of one RUN (its
  shell-form command, then every heredoc body that runs as shell code) and
  their simple commands in execution order; an exec-form RUN gives one
  command built from its JSON array.
- :func:`default_windows_shell`: the RUN runs in a Windows image under its
  default shell (``cmd``), whose commands are not POSIX shell: no analysis.
- :func:`word_value`: the literal value of a shell word, with Dockerfile
  variables (ARG/ENV in scope) expanded; None when it cannot be known.
- :func:`inserted_argument`: the text a fix inserts to add an argument, in
  shell or exec form.
"""

from __future__ import annotations

from collections.abc import Mapping

from dlint.engine.context import DockerfileContext
from dlint.models.dockerfile import Dockerfile, ImageRef, Instruction, RunInstruction
from dlint.models.shell import ShellScript, SimpleCommand, Word


def scripts(ctx: DockerfileContext, instruction: Instruction) -> list[ShellScript]:
    """Shell analyses of ``instruction``: its command, then its heredoc bodies
    (none under a Windows image's default shell)."""
    if not isinstance(instruction, RunInstruction) or default_windows_shell(ctx.dockerfile, instruction):
        return []
    found: list[ShellScript] = []
    script = ctx.dockerfile.shell(instruction)
    if script is not None:
        found.append(script)
    for heredoc in instruction.heredocs:
        body = ctx.dockerfile.shell(heredoc)
        if body is not None:
            found.append(body)
    return found


def commands(ctx: DockerfileContext, instruction: Instruction) -> list[SimpleCommand]:
    """Every simple command ``instruction`` runs, in source order."""
    if not isinstance(instruction, RunInstruction):
        return []
    if instruction.command.form == "exec":
        command = _exec_command(instruction)
        return [command] if command is not None else []
    return [command for script in scripts(ctx, instruction) for command in script.commands]


#: words of Windows base image names and tags (``windows/servercore``, ``…-nanoserver-ltsc2022``)
_WINDOWS_MARKERS = ("nanoserver", "windowsservercore", "servercore")
_POSIX_DEFAULT = ["/bin/sh", "-c"]


def default_windows_shell(dockerfile: Dockerfile, instruction: RunInstruction) -> bool:
    """True when no SHELL changed the default shell and the stage is built
    (directly or through earlier stages) on a Windows image, where RUN runs
    ``cmd /S /C``."""
    if instruction.shell_program != _POSIX_DEFAULT or instruction.stage_index is None:
        return False
    stages = dockerfile.stages
    index: int | None = instruction.stage_index
    seen: set[int] = set()
    while index is not None and index < len(stages) and index not in seen:
        seen.add(index)
        stage = stages[index]
        if stage.base_stage is None:
            return _windows_image(stage.image)
        index = stage.base_stage
    return False


def _windows_image(image: ImageRef) -> bool:
    repository = (image.repository or "").lower()
    tag = (image.tag or "").lower()
    if image.registry == "mcr.microsoft.com" and repository.startswith("windows"):
        return True
    return any(marker in repository or marker in tag for marker in _WINDOWS_MARKERS)


def _exec_command(instruction: RunInstruction) -> SimpleCommand | None:
    """The command of an exec-form RUN as a simple command (no shell involved)."""
    tokens = instruction.command.exec_args or []
    if not tokens:
        return None
    words = [Word(token.raw, token.value, token.span) for token in tokens]
    return SimpleCommand.model_construct(
        name=words[0],
        arguments=words[1:],
        assignments=[],
        redirects=[],
        span=instruction.command.span,
        pipeline=None,
        wrapped_by=None,
    )


def word_value(word: Word, scope: Mapping[str, str | None]) -> str | None:
    """The value of ``word`` after expanding Dockerfile variables from ``scope``.

    None when the value depends on something unknown: a command substitution,
    a variable whose value is not known (``ARG V`` without default) or a
    parameter expansion that is not a plain default/alternative.
    """
    if word.value is not None:
        return word.value
    raw = word.raw
    if "$(" in raw or "`" in raw:
        return None
    from dlint.parsers.dockerfile.variables import substitute

    value, resolved = substitute(raw, scope)
    return value if resolved else None


def inserted_argument(instruction: Instruction, argument: str) -> str:
    """The text that adds ``argument`` right after a word of ``instruction``'s
    command: `` -y`` in shell form, ``, "-y"`` in exec form (a JSON array)."""
    command = getattr(instruction, "command", None)
    if command is not None and command.form == "exec":
        return f', "{argument}"'
    return f" {argument}"
