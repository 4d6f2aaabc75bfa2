"""Path words of COPY, ADD and WORKDIR as the user wrote them.

Docker removes backslashes from unquoted words, which mangles Windows paths
(``c:\\app`` reads as ``c:app``); these helpers look at the raw text with only
the surrounding quotes removed, so ``C:\\app`` and ``/app`` are judged as written.
"""

from __future__ import annotations

import re

from dlint.models.dockerfile import Token
from dlint.regex import regex
from dlint.views.dockerfile.variables import resolve

_WINDOWS_DRIVE = regex(r"^[A-Za-z]:([\\/]|$)")
_URL = regex(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def dequote(raw: str) -> str:
    """``raw`` without one pair of surrounding quotes (or a lone opening one)."""
    if raw[:1] in ("'", '"'):
        quote = raw[0]
        return raw[1:-1] if len(raw) > 1 and raw.endswith(quote) else raw[1:]
    return raw


def path_text(token: Token) -> str:
    """The path of a word as written, quotes removed, backslashes kept."""
    return dequote(token.raw)


def basename(path: str) -> str:
    """Last component of a POSIX or Windows path (empty for ``dir/``)."""
    return re.split(r"[\\/]", path)[-1]


#: names of the archives ADD unpacks by itself (tar, optionally gzip, bzip2 or xz)
TAR_SUFFIXES = (".tar", ".tgz", ".tar.gz", ".gz", ".tbz", ".tbz2", ".tb2", ".tar.bz2", ".bz2", ".txz", ".tar.xz", ".xz")


def is_tar_name(name: str) -> bool:
    return name.lower().endswith(TAR_SUFFIXES)


def is_remote(source: str) -> bool:
    """A URL (``https://…``) or a Git address (``git@host:repo``) that ADD fetches."""
    return _URL.match(source) is not None or source.startswith("git@")


def is_windows_absolute(path: str) -> bool:
    return _WINDOWS_DRIVE.match(path) is not None


def is_absolute(path: str) -> bool:
    """``/x``, ``C:\\x``, ``C:/x``: a path that does not depend on WORKDIR."""
    return path.startswith(("/", "\\")) or is_windows_absolute(path)


def starts_with_variable(path: str) -> bool:
    """``$DIR/x`` or ``${DIR}``: the path depends on a variable's value."""
    return path.startswith("$")


def relative_path(ctx, instruction, token: Token) -> str | None:
    """The path of ``token`` when it is relative (a leading variable is substituted
    when this Dockerfile defines its value), else None."""
    path = path_text(token)
    if starts_with_variable(path):
        path = resolve(ctx, instruction, token.raw)
    if not path or is_absolute(path):
        return None
    return path
