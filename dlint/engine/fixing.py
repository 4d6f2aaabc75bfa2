"""Fixing the files of a run: each file's own fixes, each file once, written safely.

The command line calls :func:`fix_files` for ``--fix`` and :func:`fix_one` for
``--diff``. A failure while fixing one file costs only that file: it is reported
and left as it was, and the others are still fixed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from dlint.engine.lint import Linter, LintError, SourceFile
from dlint.engine.writing import WriteRefused, encode, write_fixed
from dlint.models.finding import Finding

#: how a crash while fixing a file is described: (exception, shown path) → message
CrashMessage = Callable[[BaseException, str], str]


def fix_one(linter: Linter, source: SourceFile, unsafe: bool, errors: list[str], crashed: CrashMessage,
            log: list[Finding] | None = None) -> tuple[SourceFile, int]:
    """``linter.fix(source)``; an error (reported in ``errors``, a crash described by
    ``crashed``) costs this file only: it is then returned as it was, with no fix applied.
    ``log`` gets the findings whose fixes were applied."""
    try:
        return linter.fix(source, unsafe=unsafe, log=log)
    except LintError as error:
        errors.append(str(error))
    except Exception as error:  # a bug, MemoryError, RecursionError: the other files still get fixed
        errors.append(crashed(error, source.path))
    return source, 0


def fix_files(linter: Linter, sources: list[SourceFile], unsafe: bool, errors: list[str], crashed: CrashMessage,
              log: list[Finding] | None = None) -> tuple[int, bytes | None]:
    """Fix each source and write the files that changed; ``sources`` then hold what
    was written. A file reached again by another name (a symlink, a hard link) is
    fixed once. The number of fixes written, and the bytes to print for stdin
    (its fixed text, or the text as read when it was not fixed). ``log`` gets the
    findings whose fixes were written."""
    fixed = 0
    fixed_stdin = None
    if unsafe and len(sources) > 1:
        try:
            linter.check_scripts_ahead(sources)
        except Exception:  # a file that cannot be read this way: its own fix passes say why
            pass
    done: dict[tuple[int, int], SourceFile] = {}  # file identity → its content after fixing
    identities = [_identity(source.real_path) for source in sources]  # before writing makes new inodes
    for index, (source, identity) in enumerate(zip(sources, identities)):
        if identity in done:
            earlier = done[identity]
            sources[index] = SourceFile(source.path, source.kind, earlier.text, source.real_path, earlier.bom, earlier.undecodable, source.named)
            continue
        done_here: list[Finding] = []
        result, applied = fix_one(linter, source, unsafe, errors, crashed, done_here)
        if source.real_path is None:
            fixed_stdin = encode(result.text, result.bom) if applied else original_bytes(source)
        elif applied and result.text != source.text and not _write_fixes(source, result, errors):
            result, applied, done_here = source, 0, []
        if log is not None:
            log.extend(done_here)
        sources[index] = result
        fixed += applied
        if identity is not None:
            done[identity] = result
    return fixed, fixed_stdin


def _identity(path: Path | None) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``, links followed; None for stdin or
    when it cannot be read."""
    if path is None:
        return None
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def original_bytes(source: SourceFile) -> bytes:
    """The bytes ``source`` was read from."""
    return source.undecodable if source.undecodable is not None else encode(source.text, source.bom)


def _write_fixes(source: SourceFile, result: SourceFile, errors: list[str]) -> bool:
    """Write ``result`` over the file of ``source``; whether it was written (why
    not goes to ``errors``)."""
    try:
        write_fixed(source.real_path, source.path, original_bytes(source), result.text, result.bom)
    except WriteRefused as error:
        errors.append(str(error))
        return False
    except OSError as error:
        errors.append(f"{source.path}: cannot write the fixes: {error.strerror or error}")
        return False
    return True
