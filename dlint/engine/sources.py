"""The files a run lints: :class:`SourceFile`, read from disk or from bytes
(stdin), and :class:`LintError` for a file that cannot be linted."""

from __future__ import annotations

from pathlib import Path

from dlint.models.base import Model


class LintError(Exception):
    """A file that cannot be linted (unreadable, binary, kind not supported); located."""


class SourceFile(Model):
    """One file to lint: ``path`` as displayed, its text, where it lives on disk."""

    path: str
    kind: str  # "dockerfile" or "compose"
    text: str
    real_path: Path | None = None  # None for stdin
    bom: bool = False  # the file started with a UTF-8 byte order mark
    #: the original bytes when they were not valid UTF-8 (``text`` has U+FFFD for
    #: them; such files are reported and never rewritten by fixes)
    undecodable: bytes | None = None
    #: named on the command line (or a buffer given by an editor), not found by walking a
    #: folder: only findings located in named files are reported, the files around them
    #: (a Compose file's base and overlays, the Dockerfiles it builds) are read, not reported
    named: bool = False


def read_source(path: Path, kind: str, shown: str | None = None) -> SourceFile:
    """Read a file from disk; :class:`LintError` when it cannot be read or is binary."""
    from dlint.reading import ReadError, read_regular

    shown = shown if shown is not None else str(path)
    try:
        data = read_regular(path)
    except ReadError as error:
        raise LintError(f"{shown}: {error.reason}") from None
    return source_from_bytes(data, shown, kind, path)


def source_from_bytes(data: bytes, shown: str, kind: str, real_path: Path | None = None) -> SourceFile:
    """The source held by ``data``; :class:`LintError` for binary or UTF-16 data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LintError(
            f"{shown}: UTF-16 text (it starts with a UTF-16 byte order mark); dlint reads UTF-8: "
            f"convert it, for example with `iconv -f UTF-16 -t UTF-8 {shown} > {shown}.utf8`"
        )
    if b"\x00" in data:
        raise LintError(f"{shown}: binary file (contains NUL bytes), not a {kind}")
    bom = data.startswith(b"\xef\xbb\xbf")
    undecodable = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, undecodable = data.decode("utf-8", errors="replace"), data
    if bom:
        text = text[1:]
    return SourceFile(shown, kind, text, real_path, bom, undecodable)


class PendingDockerfile:
    """A Dockerfile found on disk whose text was let go until its turn: only its
    name is held (a long run holds no text, path object or model per waiting file).
    It answers as a :class:`SourceFile` without text; :func:`with_text` reads it."""

    __slots__ = ("path", "named")
    kind = "dockerfile"
    text = None
    bom = False
    undecodable = None

    def __init__(self, path: str, named: bool) -> None:
        self.path = path
        self.named = named

    @property
    def real_path(self) -> Path:
        return Path(self.path)


def without_text(source: SourceFile) -> SourceFile | PendingDockerfile:
    """``source``, or for a Dockerfile read from disk (valid UTF-8, shown by its own
    path) a :class:`PendingDockerfile`: it is read again when its turn comes."""
    if source.kind == "dockerfile" and source.undecodable is None and source.real_path is not None and source.path == str(source.real_path):
        return PendingDockerfile(source.path, source.named)
    return source


def with_text(source: SourceFile | PendingDockerfile) -> SourceFile:
    """``source`` with its text: read again from disk when it was let go;
    :class:`LintError` when it can no longer be read."""
    if source.text is not None:
        return source
    read = read_source(source.real_path, source.kind, source.path)
    read.named = source.named
    return read
