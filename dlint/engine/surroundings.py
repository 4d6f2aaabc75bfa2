"""Facts about the files around a Dockerfile, for rules (which never touch the disk).

The engine calls :func:`dockerfile_surroundings` for every Dockerfile read from
disk and stores the result in ``DockerfileContext.surroundings``. Everything is
lazy: building the facts costs nothing, the first question about the ignore
file reads it (a few ``stat`` calls and one small read), and each ``exists``
question is one ``lstat``, remembered. Nothing walks the context tree.

API::

    dockerfile_surroundings(dockerfile_path, context_dir=None) -> dict
        # {"build_context": BuildContext}; {} when dockerfile_path is None (stdin)

    BuildContext
        .directory          absolute Path of the build context
        .dockerfile         absolute Path of the Dockerfile (None for stdin)
        .explicit           True when the caller gave the context (Compose build:),
                            False when it is the Dockerfile's folder by default
        .ignore_file        Path of the ignore file that applies, or None
        .ignore_name        how to name it in messages (".dockerignore",
                            "Dockerfile.dockerignore", "../.dockerignore"…)
        .ignore             parsed DockerIgnore (dlint.parsers.dockerignore), or None
        .nearby_ignore_file a ``.dockerignore`` in a folder above the default
                            context (up to the repository root), or None: a hint
                            that the real context may be that folder
        .exists(relative)   whether the path exists in the context (lstat, cached)
        .is_dir(relative)   whether it is a folder there
        .names()            names at the context root (one scandir, cached)
        .head(relative, size)  the first ``size`` bytes of a regular file there
                            (no symbolic link, nothing outside the context), or None
        .excluded(relative, is_dir=False)  whether the ignore file leaves it out
        .match(relative)    the IgnorePattern that decides, or None

A Dockerfile that a Compose service builds also gets ``"build_targets"``: the
``build.target`` names it is built with (lower-cased; None for a target whose value
is not known), set by the engine (``Linter.build_targets``), and ``"compose_users"``:
the ``user:`` of each service that builds it (stripped, lower-cased; "" for a value
that is not known; None for a service that sets no ``user:``), set by the engine
(``Linter.compose_users``), with ``"compose_root_reported"``: whether DC029 runs (it then
reports a root ``user:`` in the Compose file, and DF010/DL3002 leave it there).

Which ignore file applies (BuildKit): ``<Dockerfile name>.dockerignore`` beside
the Dockerfile wins over ``.dockerignore`` at the root of the context.
"""

from __future__ import annotations

import os
import stat
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dlint.parsers.dockerignore import DockerIgnore, IgnorePattern

#: key of the :class:`BuildContext` in ``surroundings``
BUILD_CONTEXT = "build_context"
#: folders climbed at most when looking for a ``.dockerignore`` above the context
_MAX_CLIMB = 6


class BuildContext:
    """The build context of one Dockerfile, looked at lazily (see the module docs)."""

    def __init__(self, directory: Path, dockerfile: Path | None, explicit: bool) -> None:
        self.directory = directory
        self.dockerfile = dockerfile
        self.explicit = explicit
        self._exists: dict[str, str | None] = {}  # relative → "dir", "file" or None
        self._heads: dict[tuple[str, int], bytes | None] = {}
        self._listings: dict[str, tuple[str, ...]] = {}

    def __repr__(self) -> str:
        return f"BuildContext({str(self.directory)!r}, dockerfile={str(self.dockerfile)!r})"

    # -- the ignore file ---------------------------------------------------------------

    @cached_property
    def ignore_file(self) -> Path | None:
        candidates = []
        if self.dockerfile is not None:  # <Dockerfile>.dockerignore beside it
            candidates.append(os.fspath(self.dockerfile) + ".dockerignore")
        candidates.append(os.path.join(self.directory, ".dockerignore"))
        for candidate in candidates:
            if os.path.isfile(candidate):
                return Path(candidate)
        return None

    @cached_property
    def ignore(self) -> DockerIgnore | None:
        if self.ignore_file is None:
            return None
        from dlint.parsers.dockerignore import read_dockerignore

        return read_dockerignore(self.ignore_file)

    @property
    def ignore_name(self) -> str | None:
        if self.ignore_file is None:
            return None
        base = self.dockerfile.parent if self.dockerfile is not None else self.directory
        try:
            return Path(os.path.relpath(self.ignore_file, base)).as_posix()
        except ValueError:
            return str(self.ignore_file)

    @cached_property
    def nearby_ignore_file(self) -> Path | None:
        if self.explicit:
            return None
        folder = os.fspath(self.directory)
        for _ in range(_MAX_CLIMB):
            parent = os.path.dirname(folder)
            if os.path.exists(os.path.join(folder, ".git")) or parent == folder:
                return None  # the repository root: nothing above counts
            folder = parent
            if os.path.isfile(os.path.join(folder, ".dockerignore")):
                return Path(folder, ".dockerignore")
            if os.path.exists(os.path.join(folder, ".git")):
                return None
        return None

    def excluded(self, relative: str, is_dir: bool = False) -> bool:
        ignore = self.ignore
        return ignore is not None and ignore.excluded(relative, is_dir)

    def match(self, relative: str) -> IgnorePattern | None:
        ignore = self.ignore
        return None if ignore is None else ignore.match(relative)

    # -- what is in the context --------------------------------------------------------

    def _kind(self, relative: str) -> str | None:
        if relative not in self._exists:
            path = os.path.join(self.directory, *_parts(relative))
            try:
                is_dir = os.path.isdir(path)
                self._exists[relative] = "dir" if is_dir else ("file" if os.path.lexists(path) else None)
            except (OSError, ValueError):
                self._exists[relative] = None
        return self._exists[relative]

    def exists(self, relative: str) -> bool:
        return self._kind(relative) is not None

    def is_dir(self, relative: str) -> bool:
        return self._kind(relative) == "dir"

    @cached_property
    def _real_directory(self) -> Path:
        """The context folder with its symbolic links resolved (what "inside" is judged by)."""
        return self.directory.resolve()

    def head(self, relative: str, size: int) -> bytes | None:
        """The first ``size`` bytes of the regular file ``relative`` (one read, cached);
        None when it is missing, a folder, a symbolic link or outside the context."""
        key = (relative, size)
        if key not in self._heads:
            parts = _parts(relative.replace("\\", "/"))
            data = None
            if parts and ".." not in parts:
                path = os.path.join(self.directory, *parts)
                try:
                    status = _unlinked_status(self.directory, parts)
                    if status is None:  # a symbolic link on the way: inside only if it resolves there
                        inside = Path(path).resolve().is_relative_to(self._real_directory)
                        regular = inside and os.path.isfile(path) and not os.path.islink(path)
                    else:
                        regular = stat.S_ISREG(status.st_mode)
                    if regular:
                        with open(path, "rb") as file:
                            data = file.read(size)
                except (OSError, ValueError):
                    data = None
            self._heads[key] = data
        return self._heads[key]

    def names(self) -> tuple[str, ...]:
        """Names at the root of the context (sorted)."""
        return self.names_in("")

    def names_in(self, relative: str) -> tuple[str, ...]:
        """Names in the folder ``relative`` of the context (sorted, listed once);
        empty when it is missing, not a folder or outside the context."""
        if relative not in self._listings:
            parts = _parts(relative.replace("\\", "/"))
            names: tuple[str, ...] = ()
            if ".." not in parts:
                path = self.directory.joinpath(*parts)
                try:
                    if path.resolve().is_relative_to(self._real_directory) and path.is_dir():
                        names = tuple(sorted(os.listdir(path)))
                except (OSError, ValueError):
                    names = ()
            self._listings[relative] = names
        return self._listings[relative]


def _parts(relative: str) -> list[str]:
    """The names of a path relative to the context, as :class:`~pathlib.Path` reads it
    (empty names and ``.`` left out)."""
    return [part for part in relative.split("/") if part not in ("", ".")]


def _unlinked_status(directory: Path, parts: list[str]) -> os.stat_result | None:
    """The ``lstat`` of ``directory/parts…`` when none of them is a symbolic link (the
    path is then inside ``directory`` without resolving anything); None when one is.
    ``OSError`` when one is missing."""
    path = os.fspath(directory)
    status = None
    for part in parts:
        path = os.path.join(path, part)
        status = os.lstat(path)
        if stat.S_ISLNK(status.st_mode):
            return None
    return status


def dockerfile_surroundings(dockerfile_path: str | Path | None, context_dir: str | Path | None = None) -> dict[str, Any]:
    """Facts about the files around a Dockerfile, for ``DockerfileContext.surroundings``.

    ``dockerfile_path`` is the Dockerfile on disk (None for stdin or an inline
    Dockerfile: no facts, rules then stay silent). ``context_dir`` is the build
    context when the caller knows it (a Compose ``build.context``); by default
    the Dockerfile's folder. Returns ``{"build_context": BuildContext}``.
    Nothing is read until a rule asks."""
    if dockerfile_path is None and context_dir is None:
        return {}
    dockerfile = Path(os.path.abspath(dockerfile_path)) if dockerfile_path is not None else None
    if context_dir is not None:
        directory, explicit = Path(os.path.abspath(context_dir)), True
    else:
        assert dockerfile is not None
        directory, explicit = dockerfile.parent, False
    return {BUILD_CONTEXT: BuildContext(directory, dockerfile, explicit)}
