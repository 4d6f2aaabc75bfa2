"""Finding the files to lint: names that mark Dockerfiles and Compose files,
git's ignore files (``.gitignore``, ``info/exclude``, the user's excludes file),
vendored folders and ``exclude``/``extend-exclude`` globs (all in gitignore
syntax, matched by :mod:`dlint.engine.globs`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from dlint.engine.globs import Glob, compile_glob
from dlint.models.base import Model, field

#: version-control folders, never walked
VCS_DIRECTORIES = frozenset({".git", ".hg", ".svn"})


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


def named_kind(name: str) -> str | None:
    """The kind of a file named on the command line, or None when its name says
    neither: a name :func:`file_kind` knows, also as a template (``Dockerfile.j2``),
    any YAML file (Compose), ``Dockerfile-*``/``Dockerfile_*`` (and Containerfile)."""
    for suffix in TEMPLATE_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    kind = file_kind(name)
    if kind is not None:
        return kind
    lowered = name.lower()
    if lowered.endswith((".yaml", ".yml")):
        return "compose"
    if lowered.startswith(("dockerfile-", "dockerfile_", "containerfile-", "containerfile_")):
        return "dockerfile"
    return None


def guess_kind(name: str) -> str:
    """The kind of standard input read as ``name``: :func:`named_kind`, else Dockerfile."""
    return named_kind(name) or "dockerfile"


# -- gitignore patterns --------------------------------------------------------------


class IgnorePattern(NamedTuple):
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


class IgnoreList(Model):
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


def read_ignore_file(path: Path, base: Path) -> IgnoreList | None:
    """The patterns of the ignore file ``path``, relative to ``base``; None when it
    is missing, unreadable or has none."""
    from dlint.reading import read_regular_text

    try:  # a FIFO or device is not read; git would not read it either
        text = read_regular_text(path)
    except OSError:
        return None
    ignore_list = IgnoreList.from_lines(base, text.splitlines())
    return ignore_list if ignore_list.patterns else None


def read_gitignore(directory: Path) -> IgnoreList | None:
    return read_ignore_file(directory / ".gitignore", directory)


def repository_ignores(top: Path) -> list[IgnoreList]:
    """The user's excludes file and ``info/exclude`` of the work tree ``top``, which
    apply before any ``.gitignore`` of it."""
    from dlint.engine.git_excludes import excludes_files

    return [found for path in excludes_files(top) if (found := read_ignore_file(path, top)) is not None]


def _git_root(directory: Path) -> Path | None:
    for folder in (directory, *directory.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _ancestor_gitignores(directory: Path) -> list[IgnoreList]:
    """The ignore files of the repository above ``directory``: its user and
    ``info/exclude`` patterns, then the .gitignore files down to ``directory``'s parent."""
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
    gitignores = [found for folder in reversed(folders) if (found := read_gitignore(folder)) is not None]
    return [*repository_ignores(root), *gitignores]


# -- exclusions ----------------------------------------------------------------------


class Exclusion(NamedTuple):
    """What ``exclude``, ``extend-exclude`` and the vendored folders leave out of a
    walk, and, with ``force``, out of the paths named on the command line."""

    lists: tuple[IgnoreList, ...] = ()
    vendored: frozenset[str] = frozenset()
    #: named paths are judged by their folders below this one (the settings' root)
    root: Path | None = None
    force: bool = False

    def skips(self, path: Path, name: str, is_dir: bool) -> bool:
        """Whether a walk leaves out the entry ``path`` called ``name``."""
        return (is_dir and name in self.vendored) or is_ignored(path, is_dir, self.lists)

    def excludes_named(self, path: Path, is_dir: bool) -> bool:
        """Whether ``--force-exclude`` leaves out the named ``path``: it or a folder
        above it is excluded, or a folder between the root and it is vendored."""
        if not self.force:
            return False
        absolute = Path(os.path.normpath(path.absolute()))
        folders = [*reversed(absolute.parents), *([absolute] if is_dir else [])]
        if self.root is not None and self.vendored:
            root = Path(os.path.normpath(self.root.absolute()))
            if any(root in folder.parents and folder.name in self.vendored for folder in folders):
                return True
        if any(is_ignored(folder, True, self.lists) for folder in folders):
            return True
        return not is_dir and is_ignored(absolute, False, self.lists)


def exclusion_for(settings, exclude: Sequence[str] | None = None, extend_exclude: Sequence[str] = (),
                  cwd: Path | None = None) -> Exclusion:  # noqa: ANN001 - Settings
    """The :class:`Exclusion` of ``settings``; ``exclude`` (command line, relative to
    ``cwd``) replaces its ``exclude`` list, ``extend_exclude`` adds to its own."""
    from dlint.engine.config import VENDORED_FOLDERS

    root = settings.root.absolute()
    cwd = (cwd or Path.cwd()).absolute()
    lists = [
        IgnoreList.from_lines(root, settings.exclude) if exclude is None else IgnoreList.from_lines(cwd, exclude),
        IgnoreList.from_lines(root, settings.extend_exclude),
        IgnoreList.from_lines(cwd, extend_exclude),
    ]
    vendored = VENDORED_FOLDERS if settings.vendored_folders is None else settings.vendored_folders
    return Exclusion(tuple(item for item in lists if item.patterns), frozenset(vendored), root, settings.force_exclude)


def default_exclusion(exclude: IgnoreList | None = None) -> Exclusion:
    """The vendored folders of the default settings, and ``exclude`` if given."""
    from dlint.engine.config import VENDORED_FOLDERS

    return Exclusion((exclude,) if exclude is not None and exclude.patterns else (), frozenset(VENDORED_FOLDERS))


# -- walking -------------------------------------------------------------------------


class FoundFile(NamedTuple):
    path: Path
    kind: str
    explicit: bool  # named on the command line


class Discovery(Model):
    files: list[FoundFile] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: named paths that ``--force-exclude`` left out
    excluded: list[Path] = field(default_factory=list)


#: folders deeper than this below a walked path are not entered (a deeper tree is
#: generated or a trap; its files can still be named on the command line)
MAX_WALK_DEPTH = 64


def _walk(top: Path, lists: list[IgnoreList], exclusion: Exclusion, visited: set[tuple[int, int]],
          found: list[FoundFile], errors: list[str]) -> None:
    """The files under ``top`` whose names mark them, depth first in name order
    (a folder's files where the folder sorts among its siblings).

    Each real folder is entered once in a run (``visited``), however many symlinks
    or named paths lead to it (a link back to a parent would otherwise loop), and at
    most MAX_WALK_DEPTH deep. A folder holding ``.git`` adds its repository's
    ``info/exclude`` and the user's excludes file before its ``.gitignore``."""
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
        names = {entry.name for entry in entries}
        if ".git" in names:
            lists = [*lists, *repository_ignores(directory)]
        local = read_gitignore(directory) if ".gitignore" in names else None  # the listing says whether to try
        if local is not None:
            lists = [*lists, local]
        stack.extend(reversed(_children(entries, lists, exclusion, depth)))


def _children(entries: list[os.DirEntry], lists: list[IgnoreList], exclusion: Exclusion, depth: int) -> list:
    """The folders to enter and the files found among ``entries``, in their order."""
    children: list[tuple[Path, list[IgnoreList], int] | FoundFile] = []
    for entry in entries:
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            if entry.name in VCS_DIRECTORIES or depth >= MAX_WALK_DEPTH:
                continue
            if not exclusion.skips(path, entry.name, True) and not is_ignored(path, True, lists):
                children.append((path, lists, depth + 1))
        else:
            kind = file_kind(entry.name)
            if kind is not None and not exclusion.skips(path, entry.name, False) and not is_ignored(path, False, lists):
                children.append(FoundFile(path, kind, explicit=False))
    return children


def discover(paths: Sequence[Path], exclude: Exclusion | IgnoreList | None = None, kind: str | None = None) -> Discovery:
    """The files to lint under ``paths``, in a stable order, without duplicates.

    Directories are walked (skipping VCS and vendored folders, what git ignores
    and what is excluded) for files whose names mark them. A named file is
    linted as ``kind``, else as its name says (:func:`named_kind`; a name that
    says neither is an error), unless ``--force-exclude`` leaves it out.
    """
    exclusion = exclude if isinstance(exclude, Exclusion) else default_exclusion(exclude)
    result = Discovery()
    visited: set[tuple[int, int]] = set()
    for path in paths:
        if path.is_dir():
            if exclusion.excludes_named(path, True):
                result.excluded.append(path)
                continue
            directory = path.absolute()
            lists = _ancestor_gitignores(directory)
            found: list[FoundFile] = []
            _walk(directory, lists, exclusion, visited, found, result.errors)
            for item in found:
                relative = item.path.relative_to(directory)
                shown = path / relative
                result.files.append(FoundFile(shown, item.kind, explicit=False))
        elif path.exists() or path.is_symlink():
            if exclusion.excludes_named(path, False):
                result.excluded.append(path)
                continue
            named = kind or named_kind(path.name)
            if named is None:
                result.errors.append(
                    f"{path}: not linted: its name is not that of a Dockerfile or Compose file "
                    "(use --kind dockerfile or --kind compose to lint it)"
                )
                continue
            result.files.append(FoundFile(path, named, explicit=True))
        else:
            result.errors.append(f"{path}: no such file or directory")
    unique: dict[Path, FoundFile] = {}
    for item in result.files:
        unique.setdefault(Path(os.path.normpath(item.path.absolute())), item)
    result.files = list(unique.values())
    return result
