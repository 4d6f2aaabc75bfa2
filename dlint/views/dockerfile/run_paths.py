"""Paths a RUN instruction mounts or removes (``--mount=type=cache``, ``rm -rf``)."""

from __future__ import annotations

from dlint.models.dockerfile import Instruction, RunInstruction
from dlint.models.shell import SimpleCommand

# -- cache directories ------------------------------------------------------------------


def normal_path(path: str) -> str:
    """``/var/cache/apk/*``, ``/var/cache/apk/`` and ``/var/cache/apk/.`` → ``/var/cache/apk``."""
    while len(path) > 1 and (path.endswith("/*") or path.endswith("/.") or path.endswith("/")):
        path = path[:-1] if path.endswith("/") else path[:-2]
    return path


def covers(path: str, directory: str) -> bool:
    """True when ``path`` is ``directory`` or a directory above it."""
    path = normal_path(path)
    directory = normal_path(directory)
    return directory == path or directory.startswith(path.rstrip("/") + "/")


def mounted(instruction: Instruction, directory: str, exact: bool = False) -> bool:
    """The RUN mounts a cache or tmpfs over ``directory`` (or, unless ``exact``,
    over a directory above it), so nothing written there stays in the image."""
    if not isinstance(instruction, RunInstruction):
        return False
    for mount in instruction.mounts:
        target = mount.target
        if mount.type not in ("cache", "tmpfs") or not target:
            continue
        if normal_path(target) == normal_path(directory) if exact else covers(target, directory):
            return True
    return False


def removes_path(command: SimpleCommand, directory: str) -> bool:
    """``rm`` of ``directory``, its contents (``dir/*``) or a directory above it."""
    if command.program != "rm":
        return False
    return any(not word.text.startswith("-") and covers(word.text, directory) for word in command.arguments)


def removed_later(run_commands: list[SimpleCommand], command: SimpleCommand, directory: str) -> bool:
    """Some command after ``command`` in ``run_commands`` removes ``directory``."""
    later = False
    for other in run_commands:
        if later and removes_path(other, directory):
            return True
        later = later or other is command
    return False
