"""Which shell runs a RUN instruction, as the dialect ShellCheck checks it under.

The shell is the stage's ``SHELL`` (inherited through ``FROM <stage>``, as the parser
records it in ``shell_program``), ``/bin/sh -c`` by default. An ``ONBUILD RUN`` runs in
an image built later, whose ``SHELL`` is unknown here: it is checked as ``sh`` (as
hadolint does). Windows stages (``cmd``, PowerShell) and shells ShellCheck does not
read (``zsh``, ``fish`` …) have no dialect: their commands are not shell scripts to it.
"""

from __future__ import annotations

from dlint.models.dockerfile import Dockerfile, RunInstruction
from dlint.views.dockerfile.run import windows_shell

#: shell program (base name) → ShellCheck dialect; ShellCheck itself reads ``ash`` as dash
_DIALECTS = {"sh": "sh", "bash": "bash", "dash": "dash", "ash": "dash", "ksh": "ksh", "mksh": "ksh", "busybox": "busybox"}


def shellcheck_dialect(dockerfile: Dockerfile, instruction: RunInstruction) -> str | None:
    """The ShellCheck dialect of ``instruction``'s shell, None when it is not one."""
    if instruction.onbuild:
        return "sh"
    if windows_shell(dockerfile, instruction) is not None:
        return None
    from dlint.parsers.shell.programs import base_name  # the shell package loads tree-sitter

    program = instruction.shell_program[0] if instruction.shell_program else "/bin/sh"
    return _DIALECTS.get(base_name(program))
