"""Files a repository expects each user to create: the ones its ``.gitignore`` ignores.

A Compose file that needs ``.env`` or ``./secrets/db_password.txt`` while the
repository ignores that path (and ships ``.env.example``) is not broken: the
file is made on each machine. Matching follows git's rules through
:mod:`pathspec`; the ``.gitignore`` files read are those from the repository
root (the nearest folder above with ``.git``) down to the file's folder.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

#: how far up a repository root is looked for (bounds the walk on deep paths)
MAX_DEPTH = 64


def ignored_by_git(path: Path) -> bool:
    """Whether ``path`` (absolute or relative to the working folder) is ignored by the
    ``.gitignore`` files of the repository it is in (False outside a repository)."""
    path = Path(path).absolute()
    root = _repository_root(path.parent)
    if root is None:
        return False
    parts = path.parent.relative_to(root).parts
    for depth in range(len(parts) + 1):
        folder = root.joinpath(*parts[:depth])
        spec = _spec(folder)
        if spec is not None and spec.match_file(path.relative_to(folder).as_posix()):
            return True
    return False


@lru_cache(maxsize=256)
def _repository_root(folder: Path) -> Path | None:
    for _, candidate in zip(range(MAX_DEPTH), (folder, *folder.parents)):
        if (candidate / ".git").exists():
            return candidate
    return None


@lru_cache(maxsize=256)
def _spec(folder: Path):
    try:
        text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(text.splitlines())
