"""Whether a command's failure fails its RUN (and so the build).

``/bin/sh -c`` exits with the status of the last list it runs, and ``&&`` passes a
failure on. A command decides the RUN's fate when it stands at the top of the
script (not in a pipeline, a condition, a loop, a subshell or a ``sh -c`` string),
is joined to its neighbours by ``&&`` only, and its ``&&`` chain is the script's
last or, being its last command, comes after a top-level ``set -e``. Anything else between two commands
(``||``, ``|``, ``&``, ``if``, braces, a heredoc body) leaves the answer open, and
the answer is then no.
"""

from __future__ import annotations

from dlint.engine.context import DockerfileContext
from dlint.models.dockerfile import RunInstruction
from dlint.models.shell import ShellScript, SimpleCommand
from dlint.regex import regex
from dlint.views.dockerfile.run import commands, scripts

_AND, _THEN, _OTHER = "&&", ";", "other"
_COMMENT = regex(r"#[^\n]*")
#: the letters of a ``set`` option word (after its ``-`` or ``+``) that hold errexit's ``e``
_ERREXIT = regex(r"[A-Za-z]*e[A-Za-z]*")


def failure_fails_run(ctx: DockerfileContext, instruction: RunInstruction, command: SimpleCommand) -> bool:
    """Whether ``command`` exiting non-zero makes ``instruction`` fail (see the module docs)."""
    if instruction.command.form == "exec":
        found = commands(ctx, instruction)
        return bool(found) and found[0] is command and command.wrapper is None
    for script, chain in _chains(ctx, instruction):
        for index, (top, _) in enumerate(chain):
            if top is command:
                return _decides(chain, index)
    return False


def _chains(ctx: DockerfileContext, instruction: RunInstruction) -> list[tuple[ShellScript, list]]:
    """The scripts whose status is the RUN's (its command, else its heredoc bodies:
    ``RUN <<EOF``), each with its top-level commands and the separator after each."""
    key = ("run_failure", id(instruction))
    found = ctx.derived.get(key)
    if found is None:
        main = ctx.dockerfile.shell(instruction)
        if main is not None and main.commands:
            analysed = [main]
        else:  # ``RUN <<EOF``: the one body is the script
            bodies = [script for script in scripts(ctx, instruction) if script is not main]
            analysed = bodies if len(bodies) == 1 and len(instruction.heredocs) == 1 else []
        escape = ctx.dockerfile.escape
        found = ctx.derived[key] = [(script, _chain(ctx.source, script, escape if script is main else "\\")) for script in analysed]
    return found


def _chain(source: str, script: ShellScript, escape: str) -> list[tuple[SimpleCommand, str]]:
    """The top-level commands of ``script`` in order, each with what joins it to the
    next (``&&``, ``;`` for a line break or semicolon, ``other``; the last: how the
    script ends after it)."""
    tops: list[SimpleCommand] = []
    end = script.span.start
    for command in script.commands:
        if command.span.start < end:
            continue  # inside the previous command: a command substitution
        tops.append(command)
        end = _end(command)
    chain: list[tuple[SimpleCommand, str]] = []
    start = script.span.start
    if tops and _separator(source[start : tops[0].span.start], escape) not in ("", _THEN):
        return []  # ``!``, ``if``, ``{`` … before the first command
    for index, command in enumerate(tops):
        following = tops[index + 1].span.start if index + 1 < len(tops) else script.span.end
        joint = _separator(source[_end(command) : following], escape)
        if command.pipeline is not None or command.wrapper is not None:
            joint = _OTHER
        chain.append((command, joint if joint or index + 1 == len(tops) else _OTHER))
    return chain


def _end(command: SimpleCommand) -> int:
    """Where ``command`` ends, its redirects included."""
    return max([command.span.end, *(redirect.span.end for redirect in command.redirects)])


def _separator(text: str, escape: str) -> str:
    """What the text between two commands is: ``&&``, ``;`` (semicolons and line
    breaks), "" (nothing but blanks), or ``other``."""
    text = text.replace(escape + "\r\n", " ").replace(escape + "\n", " ")
    text = _COMMENT.sub("", text).replace("\r", "")
    bare = text.replace(" ", "").replace("\t", "")
    if bare.strip("\n") == "&&":
        return _AND
    if bare and not bare.strip(";\n"):
        return _OTHER if ";;" in bare else _THEN
    return "" if not bare else _OTHER


def _decides(chain: list[tuple[SimpleCommand, str]], index: int) -> bool:
    """Whether the command at ``index`` of ``chain`` decides the script's status."""
    if chain[index][0].pipeline is not None or chain[index][0].wrapper is not None:
        return False
    first = index
    while first > 0 and chain[first - 1][1] == _AND:
        first -= 1
    if first > 0 and chain[first - 1][1] != _THEN:
        return False  # ``a || b``, ``if a; then b`` …
    last = index
    while chain[last][1] == _AND:
        last += 1
    if last + 1 == len(chain):
        return chain[last][1] in ("", _THEN)  # the script's last chain (``&`` after it: not)
    if chain[last][1] != _THEN or last != index:
        return False  # errexit spares every command of an ``&&`` chain but its last
    if any(joint not in (_AND, _THEN) for _, joint in chain[:first]):
        return False
    errexit = False
    for command, _ in chain[:first]:
        errexit = _errexit_after(command, errexit)
    return errexit


def _errexit_after(command: SimpleCommand, errexit: bool) -> bool:
    """Whether errexit is on after ``command`` (``set -e``/``-o errexit`` on, ``+e``/``+o`` off)."""
    if command.program != "set":
        return errexit
    words = [word.value for word in command.arguments]
    for index, word in enumerate(words):
        if word is None:
            continue
        if word[:1] in ("-", "+") and _ERREXIT.fullmatch(word[1:]):
            errexit = word[0] == "-"
        elif word in ("-o", "+o") and index + 1 < len(words) and words[index + 1] == "errexit":
            errexit = word == "-o"
    return errexit
