"""Absolute paths inside the image: where a COPY or ADD puts its files, the WORKDIR
in force, a ``cd`` in a RUN, the paths a ``chown``/``chmod`` changes.

A path that cannot be known (a variable without a value, a Windows path) is None.
The base image's working directory is not shown by the Dockerfile: it is
:data:`BASE_WORKDIR`, a path no real one equals, the same for every instruction
of a stage, so relative paths under it still compare.
"""

from __future__ import annotations

import posixpath

from dlint.models.dockerfile import CopyInstruction, WorkdirInstruction
from dlint.views.dockerfile.image_chain import stage_chain
from dlint.views.dockerfile.paths import is_absolute, path_text, starts_with_variable
from dlint.views.dockerfile.shell_scopes import word_text
from dlint.views.dockerfile.variables import resolve

#: the working directory of the base image, which the Dockerfile does not show
BASE_WORKDIR = "/\x00base-workdir"


def absolute(path: str, cwd: str) -> str:
    """``path`` made absolute under ``cwd`` and normalised."""
    joined = path if path.startswith("/") else posixpath.join(cwd, path)
    return posixpath.normpath(joined).replace("//", "/")


def within(path: str, directory: str) -> bool:
    """Whether ``path`` is ``directory`` or lies below it."""
    return path == directory or path.startswith(directory.rstrip("/") + "/")


def copy_destination(ctx, instruction: CopyInstruction, workdir: str | None) -> str | None:  # noqa: ANN001
    """The absolute destination of a COPY or ADD (a trailing ``/`` dropped)."""
    token = instruction.destination
    if token is None or workdir is None:
        return None
    path = path_text(token)
    if starts_with_variable(path) or "$" in path:
        path = resolve(ctx, instruction, token.raw)
    if not path or (not path.startswith("/") and is_absolute(path)):
        return None  # unknown, or a Windows path
    return absolute(path, workdir)


def workdir_after(ctx, instruction: WorkdirInstruction, workdir: str | None) -> str | None:  # noqa: ANN001
    """The working directory once ``instruction`` has set it, from ``workdir``."""
    if instruction.path is None:
        return workdir
    path = resolve(ctx, instruction, instruction.path.raw)
    if not path or (not path.startswith("/") and is_absolute(path)):
        return None
    if not path.startswith("/") and workdir is None:
        return None
    return absolute(path, workdir or "/")


def inherited_workdir(ctx, stage) -> str | None:  # noqa: ANN001
    """The WORKDIR a stage starts with: the last one of the stages it builds on,
    else the base image's (:data:`BASE_WORKDIR`)."""
    workdir: str | None = BASE_WORKDIR
    for earlier in reversed(stage_chain(ctx.dockerfile, stage)[1:]):
        for instruction in earlier.instructions:
            if isinstance(instruction, WorkdirInstruction) and not instruction.onbuild:
                workdir = workdir_after(ctx, instruction, workdir)
    return workdir


def cd_target(command, cwd: str | None, scope) -> str | None:  # noqa: ANN001
    """The working directory after ``cd`` ``command`` (None: the home directory, ``-``, unknown)."""
    words = command.positional()
    if not words:
        return None
    value = word_text(words[0], scope)
    if not value or value == "-":
        return None
    if not value.startswith("/") and cwd is None:
        return None
    return absolute(value, cwd or "/")


def changed_paths(command, scope) -> list[str]:  # noqa: ANN001
    """The known paths a ``chown``/``chgrp``/``chmod`` changes (its owner, group or mode word left out)."""
    words = command.positional()
    if not command.has_flag("--reference"):
        words = words[1:]
    paths = []
    for word in words:
        value = word_text(word, scope)
        if value:
            paths.append(value)
    return paths
