"""Helpers for rules that look at the shell commands of RUN instructions.

- :func:`scripts` / :func:`commands`: the shell analyses of one RUN (its
  shell-form command, then every heredoc body that runs as shell code) and
  their simple commands in execution order; an exec-form RUN gives one
  command built from its JSON array.
- :func:`programs`: the programs those commands run.
- :func:`package_commands`: the commands the package-manager rules read:
  :func:`commands`, and under cmd or PowerShell the plain commands of the
  command line.
- :func:`default_windows_shell` / :func:`windows_shell`: the RUN runs in a
  Windows image under its default shell (``cmd``), or under a cmd or PowerShell
  SHELL: its commands are not POSIX shell, so :func:`scripts` gives nothing.
- :func:`word_value`: the literal value of a shell word, with Dockerfile
  variables (ARG/ENV in scope) expanded; None when it cannot be known.
- :func:`inserted_argument`: the text a fix inserts to add an argument, in
  shell or exec form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Literal

from dlint.engine.context import DockerfileContext
from dlint.models.dockerfile import Dockerfile, ImageRef, Instruction, RunInstruction, SourceSlice
from dlint.models.shell import Assignment, ShellScript, SimpleCommand, Word
from dlint.regex import regex


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
    """Every simple command ``instruction`` runs, in source order (made once per
    instruction and shared by the rules: do not change the list)."""
    if not isinstance(instruction, RunInstruction):
        return []
    key = ("commands", id(instruction))
    found = ctx.derived.get(key)
    if found is None:
        if instruction.command.form == "exec":
            command = _exec_command(instruction)
            found = [command] if command is not None else []
        else:
            found = [command for script in scripts(ctx, instruction) for command in script.commands]
        ctx.derived[key] = found
    return found


def programs(ctx: DockerfileContext, instruction: Instruction) -> frozenset[str]:
    """The :func:`program` of every command of :func:`commands` (made once per
    instruction): a rule that reads some programs only passes over a RUN that runs none."""
    key = ("programs", id(instruction))
    found = ctx.derived.get(key)
    if found is None:
        found = ctx.derived[key] = frozenset(name for command in commands(ctx, instruction) if (name := program(command)))
    return found


def package_commands(ctx: DockerfileContext, instruction: Instruction) -> list[SimpleCommand]:
    """The simple commands of a RUN the package-manager rules read: those of
    :func:`commands`, and under cmd or PowerShell (:func:`windows_shell`) the
    plain commands of the command line (see :func:`_windows_commands`)."""
    if not isinstance(instruction, RunInstruction) or instruction.command.form == "exec":
        return commands(ctx, instruction)
    key = ("package_commands", id(instruction))
    found = ctx.derived.get(key)
    if found is None:
        dialect = windows_shell(ctx.dockerfile, instruction)
        if dialect is None:
            found = commands(ctx, instruction)
        else:
            found = _windows_commands(ctx.dockerfile, instruction.command.source, dialect == "powershell")
        ctx.derived[key] = found
    return found


def windows_shell(dockerfile: Dockerfile, instruction: RunInstruction) -> Literal["cmd", "powershell"] | None:
    """``cmd`` under a Windows image's default shell or a cmd SHELL,
    ``powershell`` under a ``powershell``/``pwsh`` SHELL, else None."""
    if default_windows_shell(dockerfile, instruction):
        return "cmd"
    from dlint.parsers.shell.programs import base_name  # the shell package loads tree-sitter

    program = base_name(instruction.shell_program[0]) if instruction.shell_program else ""
    if program == "cmd":
        return "cmd"
    return "powershell" if program in ("powershell", "pwsh") else None


#: words of Windows base image names and tags (``windows/servercore``, ``…-nanoserver-ltsc2022``)
_WINDOWS_MARKERS = ("nanoserver", "windowsservercore", "servercore")
_POSIX_DEFAULT = ["/bin/sh", "-c"]


def default_windows_shell(dockerfile: Dockerfile, instruction: RunInstruction) -> bool:
    """True when no SHELL changed the default shell and the stage is built
    (directly or through earlier stages) on a Windows image, where RUN runs
    ``cmd /S /C``."""
    return instruction.shell_program == _POSIX_DEFAULT and windows_stage(dockerfile, instruction.stage_index)


def windows_stage(dockerfile: Dockerfile, stage_index: int | None) -> bool:
    """True when the stage is built (directly or through earlier stages) on a Windows
    image (decided once per stage: every RUN's package rules ask)."""
    known = dockerfile.__dict__.setdefault("_windows_stages", {})
    found = known.get(stage_index)
    if found is None:
        found = known[stage_index] = _windows_stage(dockerfile, stage_index)
    return found


def _windows_stage(dockerfile: Dockerfile, stage_index: int | None) -> bool:
    stages = dockerfile.stages
    index = stage_index
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


#: characters that make an unquoted word unreadable: PowerShell variables,
#: splatting, arrays, escapes; cmd variables, escapes and argument delimiters
_POWERSHELL_UNREADABLE = frozenset("$@,%`")
_CMD_UNREADABLE = frozenset("%^!,;'")
_POWERSHELL_ENV = regex(r"\$env:([A-Za-z_]\w*)\s*=\s*(?:'([^']*)'|\"([^\"$`]*)\"|([^\s'\"$`@(){},;]+))\s*$", re.IGNORECASE)
_CMD_SET = regex(r"set\s+(\"?)([A-Za-z_]\w*)=([^\"%^]*)\1\s*$", re.IGNORECASE)
#: (start, end, value) of a word of a Windows command line; value None when unreadable
_Piece = list[tuple[int, int, str | None]]


def _windows_commands(dockerfile: Dockerfile, source: SourceSlice | None, powershell: bool) -> list[SimpleCommand]:
    """The plain commands of a cmd or PowerShell command line.

    The line is split on the separators of the shell (``&&``, ``||``, ``|``,
    and ``&`` in cmd, ``;`` and line breaks in PowerShell, where ``&`` calls a
    command and ``#`` starts a comment); quotes are read, redirections left out.
    A word with syntax that is not read literally (``$env:X``, ``$(…)``,
    ``(…)``, ``{…}``, escapes, cmd ``%VAR%``, a ``\\`` path as an argument) is
    unknown. ``set NAME=value`` (cmd) and ``$env:NAME = value`` (PowerShell)
    give a command with no name and that assignment: they set the environment
    of the commands after them. The command name's value is its base name
    (``C:\\Python\\python.exe`` gives ``python``).
    """
    if source is None:
        return []
    from dlint.parsers.shell.programs import base_name

    text = source.text
    lines = dockerfile.lines
    found: list[SimpleCommand] = []
    for piece in _split_windows(text, powershell):
        span = source.file_span(lines, piece[0][0], piece[-1][1])
        start, end = piece[0][0], piece[-1][1]
        line = text[start:end]
        match = _POWERSHELL_ENV.match(line) if powershell else _CMD_SET.match(line)
        if match is not None:
            name = match.group(1) if powershell else match.group(2)
            group = next(index for index in ((2, 3, 4) if powershell else (3,)) if match.group(index) is not None)
            value_start, value_end = start + match.start(group), start + match.end(group)
            value = Word(text[value_start:value_end], match.group(group), source.file_span(lines, value_start, value_end))
            assignment = Assignment(name=name, value=value, span=span)
            found.append(SimpleCommand.model_construct(name=None, assignments=[assignment], span=span))
            continue
        words = [Word(text[a:b], value, source.file_span(lines, a, b)) for a, b, value in piece]
        name = words[0]
        if name.value is not None:
            name = Word(name.raw, base_name(name.value), name.span)
        arguments = [word if word.value is None or "\\" not in word.value else Word(word.raw, None, word.span) for word in words[1:]]
        found.append(SimpleCommand.model_construct(name=name, arguments=arguments, span=span))
    return found


def _split_windows(text: str, powershell: bool) -> Iterator[_Piece]:
    """The words of each command of a cmd or PowerShell line (see :func:`_windows_commands`)."""
    unreadable = _POWERSHELL_UNREADABLE if powershell else _CMD_UNREADABLE
    piece: _Piece = []
    redirected = False  # the next word is the target of a redirection
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        pair = text[index : index + 2]
        if pair in ("&&", "||") or char == "|" or (char in ";\n" if powershell else char == "&"):
            if piece:
                yield piece
            piece, redirected = [], False
            index += 2 if pair in ("&&", "||") else 1
        elif char in " \t\r\n":
            index += 1
        elif powershell and char == "#":
            newline = text.find("\n", index)
            index = length if newline < 0 else newline
        elif char in "<>":
            if piece and piece[-1][1] == index and text[piece[-1][0] : index] in ("1", "2", "3", "4", "5", "6", "*"):
                piece.pop()  # ``2>``, ``*>``
            while index < length and text[index] in "<>":
                index += 1
            if text[index : index + 1] == "&" and text[index + 1 : index + 2].isdigit():
                index += 2  # ``2>&1``
            else:
                redirected = True
        elif powershell and char == "&":
            piece.append((index, index + 1, None))  # the call operator
            index += 1
        else:
            end, value = _windows_word(text, index, powershell, unreadable)
            if redirected:
                redirected = False
            else:
                piece.append((index, end, value))
            index = end
    if piece:
        yield piece


def _windows_word(text: str, index: int, powershell: bool, unreadable: frozenset[str]) -> tuple[int, str | None]:
    """The end of the word at ``index`` and its value (None when unreadable)."""
    length = len(text)
    parts: list[str] = []
    known = True
    while index < length:
        char = text[index]
        if char in " \t\r\n<>|&" or (powershell and char == ";"):
            break
        if char in "({":
            index = _group_end(text, index, powershell)
            known = False
        elif char == '"':
            end = index + 1
            while end < length and text[end] != '"':
                end += 2 if powershell and text[end] == "`" else 1
            inner = text[index + 1 : end]
            known = known and end < length and not (set(inner) & (set("$`") if powershell else {"%"}))
            parts.append(inner)
            index = end + 1
        elif char == "'" and powershell:
            end = index + 1
            while end < length and (text[end] != "'" or text[end + 1 : end + 2] == "'"):
                end += 2 if text[end] == "'" else 1
            known = known and end < length
            parts.append(text[index + 1 : end].replace("''", "'"))
            index = end + 1
        else:
            if char in unreadable or char in ")}":
                known = False
            if char == ("`" if powershell else "^"):
                index += 1  # the escaped character
            parts.append(char)
            index += 1
    return min(index, length), "".join(parts) if known else None


def _group_end(text: str, index: int, powershell: bool) -> int:
    """The index after the ``)`` or ``}`` that closes the group opening at ``index``."""
    depth = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char in "({":
            depth += 1
        elif char in ")}":
            depth -= 1
            if depth == 0:
                return index + 1
        elif char == '"' or (char == "'" and powershell):
            close = text.find(char, index + 1)
            index = length if close < 0 else close
        index += 1
    return length


def word_value(word: Word, scope: Mapping[str, str | None]) -> str | None:
    """The value of ``word`` after expanding Dockerfile variables from ``scope``.

    None when the value depends on something unknown: a command substitution,
    a variable whose value is not known (``ARG V`` without default), a
    parameter expansion that is not a plain default/alternative, or anything
    but a ``$`` expansion (a cmd or PowerShell word that is not literal:
    ``%V%``, ``(…)``, ``$env:V``).
    """
    if word.value is not None:
        return word.value
    raw = word.raw
    if "$" not in raw or "$(" in raw or "`" in raw or "$env:" in raw.lower():
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


def program(command: SimpleCommand) -> str | None:
    """The base name of the command run (:attr:`SimpleCommand.program`), None
    when the command word cannot be a program (``--flag``, ``NAME=value``); worked
    out once per command (every package reader asks of every command)."""
    known = command.__dict__
    if "_program" in known:
        return known["_program"]
    name = command.program
    if not name or name.startswith("-") or "=" in command.name.value:  # a program has a name and its value
        name = None
    known["_program"] = name
    return name
