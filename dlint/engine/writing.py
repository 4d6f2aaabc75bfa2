"""Writing fixed files back to disk, without losing anything.

:func:`write_fixed` replaces a file's content only when nothing else would be
lost: a symlink is followed and its target rewritten (the link stays a link),
a file with several hard links is left alone (a new file would split them),
and a file whose bytes changed since dlint read them (saved in an editor
meanwhile) is left alone too. The new content goes to a temporary file beside
the target, which then replaces it in one step (:func:`write_atomically`): a
crash or a full disk leaves the old file whole.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class WriteRefused(Exception):
    """A file that dlint will not rewrite; the message names it and says why."""


def encode(text: str, bom: bool = False) -> bytes:
    """The bytes of a file holding ``text`` (UTF-8, after a byte order mark if ``bom``)."""
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def write_fixed(path: Path, shown: str, original: bytes, text: str, bom: bool = False) -> None:
    """Replace the content of ``path`` (shown as ``shown``) with ``text``, provided
    it still holds ``original``, the bytes the fixes were computed from.

    :class:`WriteRefused` when it changed, has more than one hard link or is no
    longer a regular file; ``OSError`` when it cannot be written.
    """
    from dlint.reading import ReadError, read_regular_with_status

    target = Path(os.path.realpath(path))
    try:  # one byte more than the original: a file that grew has changed
        current, status = read_regular_with_status(target, len(original) + 1)
    except ReadError as error:
        if error.kind == "too-large":
            raise WriteRefused(f"{shown}: changed while dlint was fixing it; not fixed") from None
        if error.kind == "not-regular":
            raise WriteRefused(f"{shown}: is no longer a regular file; not fixed") from None
        raise WriteRefused(f"{shown}: {error.reason.replace('cannot read', 'cannot read it again', 1)}; not fixed") from None
    if status.st_nlink > 1:
        raise WriteRefused(f"{shown}: has {status.st_nlink} hard links; not fixed (rewriting it would split them)")
    if current != original:
        raise WriteRefused(f"{shown}: changed while dlint was fixing it; not fixed")
    write_atomically(target, text, bom)


def write_atomically(path: Path, text: str, bom: bool = False) -> None:
    """Replace the file ``path`` by one holding ``text`` (see :func:`encode`), via a
    temporary file in the same folder and ``os.replace``; the mode (and, where
    allowed, the owner) of the old file is kept. ``path`` should not be a symlink
    (the link itself would be replaced: :func:`write_fixed` resolves it)."""
    import tempfile  # only a run that writes needs it

    old = os.stat(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".dlint-tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(encode(text, bom))
            stream.flush()
            os.chmod(temporary, stat.S_IMODE(old.st_mode))
            _keep_owner(stream.fileno(), old)
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _keep_owner(descriptor: int, old: os.stat_result) -> None:
    """Give the new file the old one's owner and group when this process may."""
    new = os.fstat(descriptor)
    if not hasattr(os, "fchown") or (new.st_uid, new.st_gid) == (old.st_uid, old.st_gid):
        return
    try:
        os.fchown(descriptor, old.st_uid, old.st_gid)
    except OSError:  # not allowed (not root): the file now belongs to whoever ran dlint
        pass
