"""Finding the files to lint: names that mark Dockerfiles and Compose files,
``.gitignore`` files and ``exclude`` globs (both in gitignore syntax, matched
by :mod:`dlint.engine.globs`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dlint.engine.globs import Glob, compile_glob

SKIPPED_DIRECTORIES = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"})


#: suffixes of templates that a tool renders into a Dockerfile or Compose file
#: (docker-library's ``Dockerfile.template``, Jinja, Go templates, autoconf ``.in``):
#: not found when walking a folder, linted when named
TEMPLATE_SUFFIXES = (".template", ".tmpl", ".tpl", ".j2", ".jinja", ".jinja2", ".in", ".erb", ".mustache")


def file_kind(name: str) -> str | None:
    """"dockerfile", "compose" or None (not a file dlint looks for) from a base name."""
    lowered = name.lower()
    if lowered.endswith(".dockerignore") or lowered.endswith(TEMPLATE_SUFFIXES):
        return None
    for stem in ("Dockerfile", "Containerfile"):
        # Dockerfile, dockerfile, Dockerfile.* (capitalised: dockerfile.py is Python), *.Dockerfile, *.dockerfile
        if lowered == stem.lower() or name.startswith(stem + ".") or lowered.endswith("." + stem.lower()):
            return "dockerfile"
    if lowered.endswith((".yaml", ".yml")):
        stem = lowered.rsplit(".", 1)[0]
        if stem == "compose" or stem.startswith("compose.") or stem.startswith("docker-compose"):
            return "compose"
    return None


def guess_kind(name: str) -> str:
    """The kind of an explicitly named file: by name, YAML meaning Compose, else Dockerfile."""
    kind = file_kind(name)
    if kind is not None:
        return kind
    return "compose" if name.lower().endswith((".yaml", ".yml")) else "dockerfile"


# -- gitignore patterns --------------------------------------------------------------


@dataclass(frozen=True)
class IgnorePattern:
    glob: Glob
    negated: bool
    directory_only: bool


def compile_pattern(line: str) -> IgnorePattern | None:
    """One line of a .gitignore (or an ``exclude`` glob); None for blanks and comments."""
    text = line.rstrip("\n\r")
    if not text.strip() or text.startswith("#"):
        return None
    stripped = text.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(text):
        stripped += " "
    text = stripped
    negated = text.startswith("!")
    if negated:
        text = text[1:]
    elif text.startswith("\\!") or text.startswith("\\#"):
        text = text[1:]
    directory_only = text.endswith("/")
    text = text.rstrip("/")
    if not text:
        return None
    anchored = "/" in text
    return IgnorePattern(compile_glob(text.lstrip("/"), any_folder=not anchored), negated, directory_only)


@dataclass
class IgnoreList:
    """Patterns of one file (or the exclude setting), matched relative to ``base``."""

    base: Path
    patterns: list[IgnorePattern] = field(default_factory=list)

    @classmethod
    def from_lines(cls, base: Path, lines: Iterable[str]) -> IgnoreList:
        return cls(base, [pattern for line in lines if (pattern := compile_pattern(line)) is not None])

    def verdict(self, path: Path, is_dir: bool) -> bool | None:
        """True (ignored), False (re-included by ``!``) or None (no pattern matched)."""
        try:
            relative = path.relative_to(self.base).as_posix()
        except ValueError:
            return None
        if relative in ("", "."):
            return None
        result = None
        for pattern in self.patterns:
            if pattern.directory_only and not is_dir:
                continue
            if pattern.glob.match(relative):
                result = not pattern.negated
        return result


    def excludes(self, path: Path) -> bool:
        """Whether the file ``path`` is excluded, itself or through a folder above it
        (as git reads it: nothing inside an excluded folder comes back)."""
        for folder in reversed(path.parents):
            if folder != self.base and self.base in folder.parents and self.verdict(folder, True):
                return True
        return bool(self.verdict(path, False))


def is_ignored(path: Path, is_dir: bool, lists: Sequence[IgnoreList]) -> bool:
    """Whether ``path`` is ignored: the last list with an opinion decides."""
    ignored = False
    for ignore_list in lists:
        verdict = ignore_list.verdict(path, is_dir)
        if verdict is not None:
            ignored = verdict
    return ignored


def read_gitignore(directory: Path) -> IgnoreList | None:
    from dlint.reading import read_regular_text

    path = directory / ".gitignore"
    try:  # a FIFO or device named .gitignore is not read; git would not read it either
        text = read_regular_text(path)
    except OSError:
        return None
    ignore_list = IgnoreList.from_lines(directory, text.splitlines())
    return ignore_list if ignore_list.patterns else None


def _git_root(directory: Path) -> Path | None:
    for folder in (directory, *directory.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _ancestor_gitignores(directory: Path) -> list[IgnoreList]:
    """The .gitignore files above ``directory`` up to its repository root."""
    root = _git_root(directory)
    if root is None or root == directory:
        return []
    folders = []
    folder = directory.parent
    while True:
        folders.append(folder)
        if folder == root or folder == folder.parent:
            break
        folder = folder.parent
    return [found for folder in reversed(folders) if (found := read_gitignore(folder)) is not None]


# -- walking -------------------------------------------------------------------------


@dataclass(frozen=True)
class FoundFile:
    path: Path
    kind: str
    explicit: bool  # named on the command line


@dataclass
class Discovery:
    files: list[FoundFile] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


#: folders deeper than this below a walked path are not entered (a deeper tree is
#: generated or a trap; its files can still be named on the command line)
MAX_WALK_DEPTH = 64


def _walk(top: Path, lists: list[IgnoreList], found: list[FoundFile], errors: list[str]) -> None:
    """The files under ``top`` whose names mark them, depth first in name order
    (a folder's files where the folder sorts among its siblings).

    Each real folder is entered once, however many symlinks lead to it (a link
    back to a parent would otherwise loop), and at most MAX_WALK_DEPTH deep."""
    visited: set[tuple[int, int]] = set()
    # the entries still to visit, last first: a folder (path, lists, depth) or a found file
    stack: list[tuple[Path, list[IgnoreList], int] | FoundFile] = [(top, lists, 0)]
    while stack:
        item = stack.pop()
        if isinstance(item, FoundFile):
            found.append(item)
            continue
        directory, lists, depth = item
        try:
            status = os.stat(directory)
            identity = (status.st_dev, status.st_ino)
            if identity in visited:
                continue
            visited.add(identity)
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            errors.append(f"{directory}: cannot read directory: {error.strerror or error}")
            continue
        local = read_gitignore(directory)
        if local is not None:
            lists = [*lists, local]
        stack.extend(reversed(_children(entries, lists, depth)))


def _children(entries: list[os.DirEntry], lists: list[IgnoreList], depth: int) -> list:
    """The folders to enter and the files found among ``entries``, in their order."""
    children: list[tuple[Path, list[IgnoreList], int] | FoundFile] = []
    for entry in entries:
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            if entry.name not in SKIPPED_DIRECTORIES and depth < MAX_WALK_DEPTH and not is_ignored(path, True, lists):
                children.append((path, lists, depth + 1))
        else:
            kind = file_kind(entry.name)
            if kind is not None and not is_ignored(path, False, lists):
                children.append(FoundFile(path, kind, explicit=False))
    return children


def discover(paths: Sequence[Path], exclude: IgnoreList | None = None, kind: str | None = None) -> Discovery:
    """The files to lint under ``paths``, in a stable order, without duplicates.

    Directories are walked (skipping VCS and virtualenv folders, ``.gitignore``d
    and excluded paths) for files whose names mark them; a named file is always
    linted, its kind forced by ``kind`` or guessed from its name.
    """
    result = Discovery()
    base_lists = [exclude] if exclude is not None and exclude.patterns else []
    for path in paths:
        if path.is_dir():
            directory = path.absolute()
            lists = [*base_lists, *_ancestor_gitignores(directory)]
            found: list[FoundFile] = []
            _walk(directory, lists, found, result.errors)
            for item in found:
                relative = item.path.relative_to(directory)
                shown = path / relative
                result.files.append(FoundFile(shown, item.kind, explicit=False))
        elif path.exists() or path.is_symlink():
            result.files.append(FoundFile(path, kind or guess_kind(path.name), explicit=True))
        else:
            result.errors.append(f"{path}: no such file or directory")
    unique: dict[Path, FoundFile] = {}
    for item in result.files:
        unique.setdefault(Path(os.path.normpath(item.path.absolute())), item)
    result.files = list(unique.values())
    return result
