"""dlint/reading.py: regular files only, the size limit checked while reading."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dlint.reading import ReadError, read_regular, read_regular_text, read_regular_with_status


def _refusal(path, limit: int = 1024) -> tuple[str, str]:
    with pytest.raises(ReadError) as caught:
        read_regular(path, limit)
    return caught.value.kind, caught.value.reason


def test_a_regular_file_is_read_whole_with_its_status(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"\xef\xbb\xbfFROM x\n")
    data, status = read_regular_with_status(path)
    assert (data, status.st_size, status.st_nlink) == (b"\xef\xbb\xbfFROM x\n", 10, 1)
    assert read_regular_text(path) == "FROM x\n"


def test_other_files_are_refused_without_reading(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    assert _refusal(tmp_path / "fifo") == ("not-regular", "not a regular file (a FIFO), not read")
    assert _refusal("/dev/zero") == ("not-regular", "not a regular file (a device), not read")
    assert _refusal(tmp_path) == ("not-regular", "not a regular file (a directory), not read")
    assert _refusal(tmp_path / "missing") == ("unreadable", "cannot read: No such file or directory")


def test_the_limit_is_counted_while_reading(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * (2 * 1024 * 1024 + 1))
    assert len(read_regular(path, 2 * 1024 * 1024 + 1)) == 2 * 1024 * 1024 + 1
    assert _refusal(path, 2 * 1024 * 1024) == ("too-large", "larger than the 2 MiB limit, not read")
