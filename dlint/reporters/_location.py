"""Where a finding is, as CI systems want it: paths relative to the repository root."""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from urllib.parse import quote

from dlint.models.span import Span
from dlint.reporters.escape import well_formed

#: how many folders :func:`work_tree_root` climbs at most
MAX_CLIMB = 256


def repo_relative(path: str, root: Path) -> str | None:
    """``path`` relative to ``root`` with forward slashes, or None when it lies outside.

    Relative paths are taken from the current directory. Symlinks are only
    resolved when the plain absolute paths do not nest (a symlinked checkout).
    """
    absolute, base = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    if not absolute.is_relative_to(base):
        absolute, base = absolute.resolve(), base.resolve()
        if not absolute.is_relative_to(base):
            return None
    return absolute.relative_to(base).as_posix()


def work_tree_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` holding ``.git`` (a directory,
    or a file in a linked work tree or submodule), or None outside any work tree."""
    candidate = Path(os.path.abspath(folder))
    for _ in range(MAX_CLIMB):
        try:
            if (candidate / ".git").exists():
                return candidate
        except OSError:  # an unreadable folder on the way up: no work tree known
            return None
        if candidate.parent == candidate:
            return None
        candidate = candidate.parent
    return None


class RepoPaths:
    """Repository-relative paths of one run, each worked out once."""

    __slots__ = ("_relative", "root")

    def __init__(self, root: Path) -> None:
        self.root = root
        self._relative: dict[str, str | None] = {}

    def relative(self, path: str) -> str | None:
        """``path`` relative to the root with forward slashes, or None outside it."""
        if path not in self._relative:
            self._relative[path] = repo_relative(path, self.root)
        return self._relative[path]

    def report(self, path: str) -> str:
        """The path CI annotations use: repository-relative, else the path as given."""
        relative = self.relative(path)
        return relative if relative is not None else PurePath(path).as_posix()


def relative_uri(relative_path: str) -> str:
    """A repository-relative path as a relative URI reference: its bytes
    percent-encoded (an undecodable byte of the name as itself, ``%FF``)."""
    return quote(_encodable(relative_path).encode("utf-8", "surrogateescape"), safe="/")


def file_uri(path: str | Path, *, directory: bool = False) -> str:
    """The absolute ``file://`` URI of ``path``; a directory's ends with a slash."""
    uri = Path(_encodable(os.path.abspath(path))).as_uri()
    return uri + "/" if directory and not uri.endswith("/") else uri


def _encodable(path: str) -> str:
    """``path`` when its lone surrogates are all undecodable bytes (surrogate
    escapes, which encode back to the bytes), else with every one as U+FFFD."""
    try:
        path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return well_formed(path)
    return path


def last_line(span: Span) -> int:
    """The last line holding a character of ``span``.

    A span that ends just after a newline has ``end_column == 1`` on the next
    line; that line holds none of its characters.
    """
    if span.end_line > span.line and span.end_column == 1:
        return span.end_line - 1
    return span.end_line
