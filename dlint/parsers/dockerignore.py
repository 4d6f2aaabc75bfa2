"""``.dockerignore`` files, read the way Docker reads them.

Facts this follows (BuildKit and the classic builder agree on them):

- one pattern per line; a line whose first character is ``#`` is a comment;
  blanks around a pattern are trimmed and empty lines skipped;
- a leading ``!`` re-includes what earlier patterns excluded; for each path
  the *last* pattern that matches decides;
- patterns use Go's ``filepath.Match`` syntax (``*``, ``?``, ``[…]``, ``\\``
  escapes) plus ``**`` for any number of folders; they are cleaned like
  ``filepath.Clean`` (so ``./a//b/`` is ``a/b``) and a leading ``/`` dropped;
- they are relative to the root of the build context: ``node_modules``
  matches only ``./node_modules``, ``**/node_modules`` matches at any depth
  (unlike ``.gitignore``); a trailing ``/`` means nothing (it is cleaned away);
- a pattern that matches a folder matches everything below it, and a later
  ``!`` pattern can still bring back single files from inside it.
"""

from __future__ import annotations

import posixpath

from dlint.engine.globs import Glob, compile_glob
from dlint.models.base import Model, field

_GLOB_CHARS = frozenset("*?[\\")


def clean_path(path: str) -> str:
    """``path`` cleaned like Go's ``filepath.Clean`` (``""`` gives ``"."``)."""
    if not path:
        return "."
    cleaned = posixpath.normpath(path)
    if cleaned.startswith("//"):
        cleaned = "/" + cleaned.lstrip("/")
    return cleaned


def context_path(path: str) -> str:
    """A path as COPY names it (``./a/b/``, ``/a/b``), as a path relative to the
    context root (``a/b``); ``"."`` for the root itself."""
    return clean_path(clean_path(path).lstrip("/"))


class IgnorePattern:
    """One pattern line of a ``.dockerignore``: immutable, equal to another (and shown)
    by its fields, the compiled ``glob`` aside. A plain class: a run that reads a
    ``.dockerignore`` need not import :mod:`dataclasses` (with ``inspect``: ≈ 5 ms)."""

    __slots__ = ("pattern", "text", "negated", "line", "column", "glob")
    #: the fields that make a pattern's identity
    FIELDS = ("pattern", "text", "negated", "line", "column")

    pattern: str  # cleaned, without the ``!``: what is matched
    text: str  # as written, blanks trimmed (``!`` included)
    negated: bool  # a ``!`` line: re-includes
    line: int  # 1-based
    column: int  # 1-based, of the first character of ``text``
    glob: Glob

    def __init__(self, pattern: str, text: str, negated: bool, line: int, column: int, glob: Glob) -> None:
        for name, value in zip(self.__slots__, (pattern, text, negated, line, column, glob), strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("IgnorePattern is immutable")

    def _identity(self) -> tuple:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        return self._identity() == other._identity() if type(other) is IgnorePattern else NotImplemented

    def __hash__(self) -> int:
        return hash(self._identity())

    def __repr__(self) -> str:
        return "IgnorePattern(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS) + ")"

    @property
    def literal(self) -> bool:
        """The pattern names one path (no wildcard, no escape)."""
        return not any(char in _GLOB_CHARS for char in self.pattern)

    def matches(self, relative: str) -> bool:
        """Whether the pattern matches ``relative`` itself or one of its folders."""
        if self.glob.match(relative):
            return True
        parts = relative.split("/")
        return any(self.glob.match("/".join(parts[:count])) for count in range(1, len(parts)))


class DockerIgnore(Model):
    """The patterns of one ``.dockerignore``, in file order."""

    patterns: list[IgnorePattern] = field(default_factory=list)
    #: ``(line, column, message)`` of lines Docker rejects (a lone ``!``)
    problems: list[tuple[int, int, str]] = field(default_factory=list)

    def match(self, relative_path: str, is_dir: bool = False) -> IgnorePattern | None:
        """The pattern that decides for ``relative_path`` (the last one matching it
        or a folder above it), or None when no pattern matches.

        ``relative_path`` is relative to the context root (``./`` and a leading
        ``/`` are accepted). ``is_dir`` changes nothing: Docker patterns do not
        tell files from folders (it is accepted for symmetry with callers)."""
        relative = context_path(relative_path)
        if relative in (".", "..") or relative.startswith("../"):
            return None
        decided = None
        for pattern in self.patterns:
            if pattern.matches(relative):
                decided = pattern
        return decided

    def excluded(self, relative_path: str, is_dir: bool = False) -> bool:
        """Whether Docker leaves ``relative_path`` out of the build context."""
        decided = self.match(relative_path, is_dir)
        return decided is not None and not decided.negated

    def may_reinclude_below(self, relative_path: str) -> bool:
        """Whether a ``!`` pattern could bring back something inside the folder
        ``relative_path`` (conservative: any ``!`` pattern starting with a
        wildcard, or naming a path under it)."""
        relative = context_path(relative_path)
        for pattern in self.patterns:
            if not pattern.negated:
                continue
            first = pattern.pattern.split("/", 1)[0]
            if any(char in _GLOB_CHARS for char in first):
                return True
            if pattern.pattern.startswith(relative + "/"):
                return True
            if not pattern.literal and pattern.glob.match(relative + "/x"):
                return True
        return False


def _compile(pattern: str) -> Glob:
    return compile_glob(pattern, docker=True)


def parse_dockerignore(text: str) -> DockerIgnore:
    """The patterns of a ``.dockerignore``'s text, with their positions."""
    result = DockerIgnore()
    if text.startswith("\ufeff"):
        text = text[1:]
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.startswith("#"):
            continue
        stripped = raw.strip()
        if not stripped:
            continue
        column = len(raw) - len(raw.lstrip()) + 1
        negated = stripped.startswith("!")
        body = stripped[1:].strip() if negated else stripped
        if not body:
            result.problems.append((number, column, "a lone `!` is not a valid pattern: Docker refuses this file"))
            continue
        pattern = clean_path(body)
        if len(pattern) > 1 and pattern.startswith("/"):
            pattern = pattern[1:]
        result.patterns.append(IgnorePattern(pattern, stripped, negated, number, column, _compile(pattern)))
    return result


def read_dockerignore(path) -> DockerIgnore | None:
    """The parsed file at ``path``; None when it cannot be read."""
    from dlint.reading import read_regular_text

    try:
        return parse_dockerignore(read_regular_text(path))
    except OSError:
        return None
