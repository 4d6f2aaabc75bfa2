"""Knowledge about programs: shells, SHELL programs, wrappers that run another command.

Everything here works on plain word texts (``list[str]``) so it is easy to test.
"""

from __future__ import annotations

from typing import NamedTuple


from dlint.regex import regex

#: shells that read POSIX ``sh`` syntax (what tree-sitter-bash can analyse)
POSIX_SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"})
#: shells known to have ``set -o pipefail`` (older dash, the usual ``sh``, lacks it)
PIPEFAIL_SHELLS = frozenset({"bash", "zsh", "ash", "ksh", "mksh"})
#: SHELL programs whose commands are not POSIX shell
NON_POSIX_SHELLS = frozenset({"pwsh", "powershell", "cmd", "fish", "csh", "tcsh", "nu", "elvish", "xonsh"})

_ASSIGNMENT = regex(r"[A-Za-z_][A-Za-z0-9_]*=")


def base_name(program: str) -> str:
    """``/usr/bin/bash`` → ``bash``; ``C:\\...\\PowerShell.exe`` → ``powershell``."""
    name = program.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].lower()
    return name[:-4] if name.endswith(".exe") else name


def is_posix_shell_program(program: list[str]) -> bool:
    """True unless the SHELL program (``["pwsh", "-Command"]`` …) is a non-POSIX shell."""
    return not program or base_name(program[0]) not in NON_POSIX_SHELLS


def pipefail_setting(arguments: list[str]) -> bool | None:
    """What shell or ``set`` options do to pipefail: True for ``-o pipefail``,
    ``-eo pipefail``, ``-euxo pipefail``; False for ``+o pipefail``; None when
    they do not mention it. Reading stops at the first operand, ``--`` or an
    option cluster with ``c``."""
    state = None
    index = 0
    count = len(arguments)
    while index < count:
        word = arguments[index]
        index += 1
        if word.startswith("--"):
            if word == "--":
                break
            continue  # --login, --noprofile …
        if len(word) < 2 or word[0] not in "-+":
            break
        letters = word[1:]
        if letters.endswith("o"):
            if index < count and arguments[index] == "pipefail":
                state = word[0] == "-"
            index += 1
        if "c" in letters:
            break
    return state


def has_pipefail_option(arguments: list[str]) -> bool:
    """True when the options (see :func:`pipefail_setting`) leave pipefail on."""
    return pipefail_setting(arguments) is True


def shell_pipefail(program: list[str]) -> bool:
    """True when the SHELL program (``["/bin/bash", "-o", "pipefail", "-c"]``) runs
    commands with pipefail: a shell of :data:`PIPEFAIL_SHELLS` given ``-o pipefail``."""
    return bool(program) and base_name(program[0]) in PIPEFAIL_SHELLS and has_pipefail_option(program[1:])


def shebang_program(line: str) -> list[str]:
    """Words of a ``#!`` line, with ``/usr/bin/env [-S]`` removed: ``["bash", "-e"]``."""
    words = line[2:].split() if line.startswith("#!") else []
    if words and base_name(words[0]) == "env":
        words = words[1:]
        while words and words[0].startswith("-"):
            words = words[1:]
    return words


def shell_command_string(arguments: list[str]) -> tuple[int, bool] | None:
    """For ``sh``/``bash`` arguments, the index of the ``-c`` command string and
    whether the options turn pipefail on; None when there is no ``-c``."""
    seen_c = False
    index = 0
    count = len(arguments)
    while index < count:
        word = arguments[index]
        if word == "--":
            index += 1
            break
        if word.startswith("--"):
            index += 2 if word in ("--rcfile", "--init-file") else 1
            continue
        if len(word) < 2 or word[0] not in "-+":
            break
        index += 1
        letters = word[1:]
        seen_c = seen_c or "c" in letters
        if letters.endswith(("o", "O")):
            index += 1  # -o OPTION, -O SHOPT
    if not seen_c or index >= count:
        return None
    return index, has_pipefail_option(arguments[:index])


def su_command_string(arguments: list[str]) -> tuple[int, int] | None:
    """For ``su`` arguments, ``(index, prefix_length)`` of the ``-c`` command
    string (``prefix_length`` > 0 for ``--command=…``); None without one."""
    for index, word in enumerate(arguments):
        if word == "--":
            return None
        if word in ("-c", "--command", "--session-command"):
            return (index + 1, 0) if index + 1 < len(arguments) else None
        for prefix in ("--command=", "--session-command="):
            if word.startswith(prefix):
                return index, len(prefix)
        if word.startswith("-c") and len(word) > 2 and not word.startswith("--"):
            return index, 2
    return None


class Wrapper(NamedTuple):
    """How a command that runs another command is written.

    ``valued``: options followed by a value (``-u USER``); ``operands``: words
    before the command (``timeout DURATION``); ``inert``: options that make it
    not run a command at all (``command -v``); ``assignments``: ``NAME=VALUE``
    words may come before the command.
    """

    valued: frozenset[str] = frozenset()
    operands: int = 0
    inert: frozenset[str] = frozenset()
    assignments: bool = False


WRAPPERS: dict[str, Wrapper] = {
    "sudo": Wrapper(
        valued=frozenset({"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-T", "-U", "--user", "--group",
                          "--close-from", "--chdir", "--host", "--prompt", "--role", "--type", "--command-timeout",
                          "--other-user"}),
        inert=frozenset({"-l", "-v", "-k", "-K", "-e", "-V", "--list", "--validate", "--edit", "--version"}),
        assignments=True,
    ),
    "doas": Wrapper(valued=frozenset({"-u", "-C"}), inert=frozenset({"-C", "-L"})),
    "env": Wrapper(
        valued=frozenset({"-u", "-C", "-S", "--unset", "--chdir", "--split-string"}),
        inert=frozenset({"-S", "--split-string"}),
        assignments=True,
    ),
    "nice": Wrapper(valued=frozenset({"-n", "--adjustment"})),
    "ionice": Wrapper(valued=frozenset({"-c", "-n", "-p", "-P", "-u", "--class", "--classdata"})),
    "nohup": Wrapper(),
    "busybox": Wrapper(),
    "time": Wrapper(valued=frozenset({"-f", "-o", "--format", "--output"})),
    "xargs": Wrapper(
        valued=frozenset({"-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter",
                          "--max-lines", "--max-args", "--max-procs", "--max-chars", "--process-slot-var"})
    ),
    "exec": Wrapper(valued=frozenset({"-a"})),
    "command": Wrapper(inert=frozenset({"-v", "-V"})),
    "timeout": Wrapper(valued=frozenset({"-s", "-k", "--signal", "--kill-after"}), operands=1),
    "stdbuf": Wrapper(valued=frozenset({"-i", "-o", "-e", "--input", "--output", "--error"})),
    "chroot": Wrapper(valued=frozenset({"--userspec", "--groups"}), operands=1),
    "gosu": Wrapper(operands=1),
    "su-exec": Wrapper(operands=1),
    "setpriv": Wrapper(valued=frozenset({"--reuid", "--regid", "--groups", "--inh-caps", "--bounding-set"})),
}


def wrapped_command(program: str, arguments: list[str]) -> tuple[int, int] | None:
    """For a wrapper ``program``, ``(first, index)``: ``arguments[first:index]`` are
    ``NAME=VALUE`` words and ``arguments[index]`` is the command it runs; None when
    ``program`` is no wrapper or runs nothing here."""
    spec = WRAPPERS.get(program)
    if spec is None:
        return None
    index = 0
    count = len(arguments)
    while index < count:
        word = arguments[index]
        if word == "--":
            index += 1
            break
        if len(word) < 2 or word[0] != "-":
            break
        if word.startswith("--"):
            name = word.split("=", 1)[0]
            if name in spec.inert:
                return None
            index += 2 if name in spec.valued and "=" not in word else 1
            continue
        if program == "nice" and word[1:].isdigit():  # nice -10
            index += 1
            continue
        index += 1
        for position, letter in enumerate(word[1:], start=1):
            option = "-" + letter
            if option in spec.inert:
                return None
            if option in spec.valued:
                if position == len(word) - 1:
                    index += 1  # the value is the next word
                break
    first = index
    if spec.assignments:
        while index < count and _ASSIGNMENT.match(arguments[index]):
            index += 1
    if spec.operands:
        first = index = index + spec.operands
    if index >= count:
        return None
    return first, index
