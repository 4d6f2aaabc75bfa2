"""Reading input files with bounds: regular files only, never more than a limit.

Every file dlint reads from disk (Dockerfiles, Compose files and what they
include or extend, ``.env``, ``.gitignore``, ``.dockerignore``, config files)
goes through :func:`read_regular`: a FIFO would block forever and a device such
as ``/dev/zero`` never ends, so the type is checked on the opened descriptor
(no race with the path) and the size is counted while reading, not taken from
``stat`` alone.
"""

from __future__ import annotations

import os
import stat

#: files larger than this are not read (a Dockerfile or Compose file is rarely over 100 KB)
MAX_FILE_BYTES = 16 * 1024 * 1024
_CHUNK = 1024 * 1024
#: texts that stand in for files on disk, by real path (``os.path.realpath``): the
#: unsaved buffers of an editor while ``dlint server`` lints (set by dlint.server.linting
#: around one lint, empty otherwise: ``dlint check`` never fills it)
OVERLAY: dict[str, bytes] = {}


class ReadError(OSError):
    """A file that is not read: ``kind`` is "unreadable", "not-regular" or
    "too-large"; ``reason`` a short phrase for messages ("not a regular file (a FIFO), not read")."""

    def __init__(self, path: str | os.PathLike, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.path = str(path)
        self.kind = kind
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def read_regular(path: str | os.PathLike, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (symlinks followed); :class:`ReadError`
    when it is something else, holds more than ``limit`` bytes, or cannot be read.
    A path in :data:`OVERLAY` gives the bytes held there."""
    if OVERLAY:
        held = OVERLAY.get(os.path.realpath(path))
        if held is not None:
            return held
    return read_regular_with_status(path, limit)[0]


def read_regular_with_status(path: str | os.PathLike, limit: int = MAX_FILE_BYTES) -> tuple[bytes, os.stat_result]:
    """:func:`read_regular`, and the status of the file read (from the same
    descriptor: the link count and the content belong to one file)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise ReadError(path, "unreadable", f"cannot read: {error.strerror or error}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise ReadError(path, "not-regular", f"not a regular file ({_kind_of(status.st_mode)}), not read")
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise ReadError(path, "too-large", f"larger than the {limit // (1024 * 1024)} MiB limit, not read")
        return b"".join(chunks), status
    except ReadError:
        raise
    except OSError as error:
        raise ReadError(path, "unreadable", f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)


def read_regular_text(path: str | os.PathLike, limit: int = MAX_FILE_BYTES) -> str:
    """:func:`read_regular` decoded as UTF-8 (a byte order mark dropped, bad bytes replaced)."""
    data = read_regular(path, limit)  # as given: a Path made of a text costs more than the read of a missing file
    return data.decode("utf-8-sig", errors="replace")
