"""Which shell runs a RUN instruction, as the dialect ShellCheck checks it under.

The shell is the stage's ``SHELL`` (inherited through ``FROM <stage>``, as the parser
records it in ``shell_program``), ``/bin/sh -c`` by default. hadolint's shell pragma
(``# hadolint shell=powershell``) names the shell of every instruction after it. An
``ONBUILD RUN`` runs in an image built later, whose ``SHELL`` is unknown here: it is
checked as ``sh`` (as hadolint does). Windows stages (``cmd``, PowerShell) and shells
ShellCheck does not read (``zsh``, ``fish`` …) have no dialect: their commands are
not shell scripts to it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from dlint.models.dockerfile import Dockerfile, RunInstruction
from dlint.regex import regex
from dlint.views.dockerfile.run import windows_shell
from dlint.views.embedded_script import program_dialect

_PRAGMA = regex(r"hadolint\s+shell\s*=\s*(\S+)", re.IGNORECASE)


def shellcheck_dialect(dockerfile: Dockerfile, instruction: RunInstruction, preamble_shell: list[str] | None = None) -> str | None:
    """The ShellCheck dialect of ``instruction``'s shell, None when it is not one;
    ``preamble_shell``: the SHELL above an instruction that comes before any FROM."""
    pragma = shell_pragma(dockerfile, instruction.span.line)
    if pragma is not None:
        return program_dialect(pragma)
    if instruction.onbuild:
        return "sh"
    if windows_shell(dockerfile, instruction) is not None:
        return None
    program = preamble_shell or instruction.shell_program
    return program_dialect(program[0] if program else "/bin/sh")


def shell_pragma(dockerfile: Dockerfile, line: int) -> str | None:
    """The shell the last ``# hadolint shell=`` comment before ``line`` names, if any."""
    pragmas = dockerfile.__dict__.get("_shell_pragmas")
    if pragmas is None:
        pragmas = dockerfile.__dict__["_shell_pragmas"] = [
            (comment.span.line, match.group(1))
            for comment in dockerfile.comments
            if (match := _PRAGMA.fullmatch(comment.text)) is not None
        ]
    position = bisect_right(pragmas, line, key=lambda pragma: pragma[0]) - 1
    return pragmas[position][1] if position >= 0 and pragmas[position][0] < line else None
