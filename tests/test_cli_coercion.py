"""The cheap conversion of option values (dlint.cli_coercion) gives what typer's own gives."""

from __future__ import annotations

import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import pytest

from dlint.cli_coercion import _converter


class Colour(str, Enum):
    red = "red"


@pytest.mark.parametrize(
    ("annotation", "given", "expected"),
    [
        (str, "x", "x"),
        (Path, "a/b", Path("a/b")),
        (Optional[Path], "a", Path("a")),
        (list[Path], ("a", "b"), [Path("a"), Path("b")]),
        (Colour, "red", Colour.red),
        (bool, True, True),
    ],
)
def test_simple_types_are_converted(annotation, given, expected) -> None:
    class Param:
        multiple = isinstance(given, tuple)
        nargs = 1

    assert _converter(annotation).coerce(given, Param(), None) == expected


@pytest.mark.parametrize("annotation", [int, dict[str, str], Optional[int], tuple[str, int]])
def test_other_types_are_left_to_typer(annotation) -> None:
    assert _converter(annotation) is None


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dlint", *args], cwd=cwd, capture_output=True, text=True)


def test_command_line_values_through_the_entry_point(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM debian\n")
    result = run("check", "Dockerfile", "--format", "json", "--fail-on", "error", "--select", "DL3006", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"code": "DL3006"' in result.stdout


def test_a_bad_choice_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", "--format", "bogus", cwd=tmp_path)
    assert result.returncode == 2
    assert "'bogus' is not one of 'text', 'json', 'sarif', 'github', 'gitlab', 'checkstyle'" in result.stderr
