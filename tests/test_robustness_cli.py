"""The command line under failure: internal errors end with one line and exit 2,
output that cannot be written is an error (exit 2), ``--output`` never replaces a
linted file, ``--diff`` shows the files' control characters as escapes, and
file names that are not UTF-8 reach reports and report files alike.

Runs dlint as users do (``tests/sandbox.py``) on copies of
``fixtures/robustness/<case>/``; links and odd names are made at test time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sandbox import MEMORY_LIMIT, TIME_LIMIT, run_dlint, snapshot

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "robustness"
ROOT = Path(__file__).resolve().parent.parent
HINT = "(run with --verbose or DLINT_DEBUG=1 for the traceback)"
REFUSED = "--output names a file being linted{}; choose another file for the report (nothing was written)"


def copy_case(name: str, tmp_path: Path) -> Path:
    target = tmp_path / "work"
    shutil.copytree(FIXTURES / name, target)
    return target


def with_patch(tmp_path: Path, code: str) -> dict[str, str]:
    """Environment for run_dlint whose child runs ``code`` first (a ``sitecustomize``)."""
    folder = tmp_path / "patch"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(code)
    return {"PYTHONPATH": os.pathsep.join([str(folder), str(ROOT)])}


def run_with_stdout(*args: str, cwd: Path, stdout: int | None = None, close_stdout: bool = False) -> subprocess.CompletedProcess[bytes]:
    """``python -m dlint *args`` with stdout sent to the descriptor ``stdout`` or
    closed (sandbox.run_dlint always captures it); stderr captured, same limits."""
    import resource

    def prepare() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if close_stdout:
            os.close(1)

    environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR", "DLINT_DEBUG")}
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "dlint", *args], cwd=cwd, stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.PIPE,
        preexec_fn=prepare, env=environment, timeout=TIME_LIMIT, check=False,
    )


# -- crash-exit-code-is-1 ------------------------------------------------------------

CRASH = """
import dlint.engine.lint as lint

def crash(self, sources, result, **options):
    {body}

lint.Linter.lint_parts = crash
"""


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("raise ValueError('invalid literal for int()\\nsecond line')", "ValueError: invalid literal for int()"),
        ("raise MemoryError()", "MemoryError"),
        ("return crash(self, sources, result)", "RecursionError: maximum recursion depth exceeded"),
    ],
)
def test_an_exception_escaping_a_command_is_one_line_and_exit_2(body: str, shown: str, tmp_path: Path) -> None:
    work = copy_case("stdout-errors", tmp_path)
    result = run_dlint("check", "--exit-zero", "Dockerfile", cwd=work, env=with_patch(tmp_path, CRASH.format(body=body)))
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == f"dlint: internal error: {shown} {HINT}\n".encode()


@pytest.mark.parametrize(("flag", "env"), [("--verbose", {}), (None, {"DLINT_DEBUG": "1"})])
def test_verbose_or_dlint_debug_prints_the_traceback(flag: str | None, env: dict, tmp_path: Path) -> None:
    work = copy_case("stdout-errors", tmp_path)
    patched = {**with_patch(tmp_path, CRASH.format(body="raise ValueError('boom')")), **env}
    result = run_dlint(*([flag] if flag else []), "check", "Dockerfile", cwd=work, env=patched)
    assert result.returncode == 2
    lines = result.stderr.decode().splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[-2:] == ["ValueError: boom", "dlint: internal error: ValueError: boom"]


def test_dlint_debug_0_is_off(tmp_path: Path) -> None:
    work = copy_case("stdout-errors", tmp_path)
    patched = {**with_patch(tmp_path, CRASH.format(body="raise ValueError('boom')")), "DLINT_DEBUG": "0"}
    result = run_dlint("check", "Dockerfile", cwd=work, env=patched)
    assert (result.returncode, result.stderr) == (2, f"dlint: internal error: ValueError: boom {HINT}\n".encode())


def test_an_installation_that_cannot_be_imported_is_one_line_and_exit_2(tmp_path: Path) -> None:
    code = "import sys\nsys.modules['typer'] = None  # import typer fails\n"
    result = run_dlint("--version", cwd=tmp_path, env=with_patch(tmp_path, code))
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == (
        b"dlint: internal error: cannot load dlint: ModuleNotFoundError: import of typer halted; None in sys.modules"
        b" (run with DLINT_DEBUG=1 for the traceback)\n"
    )


# -- output-overwrites-input ---------------------------------------------------------


def test_output_naming_the_linted_file_is_refused(tmp_path: Path) -> None:
    work = copy_case("output-overwrites-input", tmp_path)
    before = snapshot(work)
    result = run_dlint("check", "-o", "Dockerfile", "Dockerfile", cwd=work)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == f"dlint: Dockerfile: {REFUSED.format('')}\n".encode()
    assert snapshot(work) == before


@pytest.mark.parametrize(
    ("make", "output", "named"),
    [
        (None, "./Dockerfile", ""),  # another spelling, the file found by walking the folder
        ("symlink", "report.txt", " (Dockerfile)"),
        ("hardlink", "report.txt", " (Dockerfile)"),
    ],
)
def test_output_naming_a_walked_file_by_any_name_is_refused(make: str | None, output: str, named: str, tmp_path: Path) -> None:
    work = copy_case("output-overwrites-input", tmp_path)
    if make == "symlink":
        (work / output).symlink_to("Dockerfile")
    elif make == "hardlink":
        os.link(work / "Dockerfile", work / output)
    before = snapshot(work)
    result = run_dlint("check", "--fix", "--unsafe-fixes", "-o", output, ".", cwd=work)
    assert (result.returncode, result.stdout) == (2, b"")
    shown = output if output != "./Dockerfile" else "Dockerfile"
    assert result.stderr == f"dlint: {shown}: {REFUSED.format(named)}\n".encode()
    assert snapshot(work) == before  # nothing fixed either


def test_output_naming_a_dockerfile_a_compose_file_builds_is_refused_before_fixing(tmp_path: Path) -> None:
    work = copy_case("output-overwrites-input", tmp_path)
    (work / "compose.yaml").write_text("version: '3'\nservices:\n  app:\n    build:\n      context: .\n      dockerfile: Dockerfile\n")
    before = snapshot(work)
    result = run_dlint("check", "--fix", "-o", "Dockerfile", "compose.yaml", cwd=work)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == f"dlint: Dockerfile: {REFUSED.format('')}\n".encode()
    assert snapshot(work) == before


def test_output_to_a_new_file_beside_the_inputs_is_written(tmp_path: Path) -> None:
    work = copy_case("output-overwrites-input", tmp_path)
    result = run_dlint("check", "--format", "json", "-o", "report.json", "Dockerfile", cwd=work)
    assert (result.returncode, result.stdout, result.stderr) == (1, b"", b"")
    assert b'"path": "Dockerfile"' in (work / "report.json").read_bytes()


# -- stdout-errors -------------------------------------------------------------------


@pytest.mark.parametrize("args", [("check", "Dockerfile"), ("rules",), ("rule", "DL3025"), ("config",)])
def test_stdout_on_a_full_disk_is_an_error(args: tuple[str, ...], tmp_path: Path) -> None:
    work = copy_case("stdout-errors", tmp_path)
    with open("/dev/full", "wb") as full:
        result = run_with_stdout(*args, cwd=work, stdout=full.fileno())
    assert (result.returncode, result.stderr) == (2, b"dlint: cannot write the report: No space left on device\n")


def test_output_file_on_a_full_disk_is_an_error(tmp_path: Path) -> None:
    work = copy_case("stdout-errors", tmp_path)
    result = run_dlint("check", "-o", "/dev/full", "Dockerfile", cwd=work)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == b"dlint: /dev/full: cannot write the report: No space left on device\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "Dockerfile"), b"dlint: cannot write the report: standard output is closed (use --output FILE)\n"),
        (("check", "--fix", "Dockerfile"), b"dlint: cannot write the report: standard output is closed (use --output FILE)\n"),
        (("rules",), b"dlint: cannot write the report: standard output is closed\n"),
    ],
)
def test_closed_stdout_is_an_error_and_nothing_is_fixed(args: tuple[str, ...], message: bytes, tmp_path: Path) -> None:
    work = copy_case("stdout-errors", tmp_path)
    before = snapshot(work)
    result = run_with_stdout(*args, cwd=work, close_stdout=True)
    assert (result.returncode, result.stderr) == (2, message)
    assert snapshot(work) == before


def test_closed_stdout_with_output_file_is_fine(tmp_path: Path) -> None:
    work = copy_case("stdout-errors", tmp_path)
    result = run_with_stdout("check", "--fix", "--unsafe-fixes", "-o", "report.txt", "Dockerfile", cwd=work, close_stdout=True)
    assert (result.returncode, result.stderr) == (0, b"")  # the one problem is fixed
    assert (work / "Dockerfile").read_bytes() == b'FROM python:3.12\nCMD ["python", "app.py"]\n'
    assert b"Fixed 1 problem" in (work / "report.txt").read_bytes()


def test_a_reader_that_goes_away_ends_the_report_quietly_with_the_usual_status(tmp_path: Path) -> None:
    """``dlint check | head -1``: no message; the exit status is the findings' (1),
    as if the whole report had been read."""
    (tmp_path / "Dockerfile").write_text("FROM debian:12\n" + "CMD run\n" * 3000)
    process = subprocess.Popen(
        [sys.executable, "-m", "dlint", "check", "--select", "DL3025", "Dockerfile"], cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
    )
    assert process.stdout.readline().startswith(b"Dockerfile:2:5: DL3025 [warning] ")
    process.stdout.close()
    assert process.wait(timeout=TIME_LIMIT) == 1
    assert process.stderr.read() == b""


# -- non-utf8-file-name (the CLI side: report on stdout and in --output alike) --------


@pytest.mark.parametrize("format_name", ["text", "json", "sarif", "github", "gitlab", "checkstyle"])
def test_a_file_name_that_is_not_utf8_reaches_stdout_and_the_output_file_alike(format_name: str, tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "Dockerfile").write_text("FROM python:3.12\nCOPY app.py /app/\n")
    with open(os.path.join(os.fsencode(folder), b"Dockerfile.bad\xff"), "w") as handle:
        handle.write("FROM python:3.12\nCOPY app.py /app/\n")
    printed = run_dlint("check", "-f", format_name, "t", cwd=tmp_path)
    written = run_dlint("check", "-f", format_name, "-o", "report", "t", cwd=tmp_path)
    assert (printed.returncode, printed.stderr) == (1, b"")
    assert (written.returncode, written.stdout, written.stderr) == (1, b"", b"")
    report = (tmp_path / "report").read_bytes()
    assert report == printed.stdout
    assert "Dockerfile.bad" in report.decode("utf-8")  # valid UTF-8, and the file is in it


# -- terminal-escape-injection, the --diff part ---------------------------------------


def test_diff_shows_control_characters_of_the_file_as_escapes(tmp_path: Path) -> None:
    work = copy_case("terminal-escape-injection-diff", tmp_path)
    result = run_dlint("check", "--diff", "--select", "DL3015", "--unsafe-fixes", "Dockerfile", cwd=work)
    assert (result.returncode, result.stderr) == (1, b"")
    assert result.stdout == (
        b"--- a/Dockerfile\n"
        b"+++ b/Dockerfile\n"
        b"@@ -1,3 +1,3 @@\n"
        b' FROM "\\x1b]0;pwned\\x07evil\\x1b[2J":1\n'
        b'-RUN apt-get install -y "cu\\x1b[31mrl"\n'
        b'+RUN apt-get install --no-install-recommends -y "cu\\x1b[31mrl"\n'
        b" WORKDIR rel\\x1b[1A\\x1b[2Kpath\n"
    )


def test_diff_keeps_crlf_line_ends_escapes_lone_crs_and_marks_a_missing_last_newline(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_bytes(b"FROM alpine:3.20 as base\r\nRUN echo a\rb\r\nENV A 1")
    result = run_dlint("check", "--diff", "--select", "DF027,DF030", "Dockerfile", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, b"")
    assert result.stdout == (
        b"--- a/Dockerfile\n"
        b"+++ b/Dockerfile\n"
        b"@@ -1,3 +1,3 @@\n"
        b"-FROM alpine:3.20 as base\r\n"
        b"+FROM alpine:3.20 AS base\r\n"
        b" RUN echo a\\x0db\r\n"
        b"-ENV A 1\n"
        b"\\ No newline at end of file\n"
        b"+ENV A=1\n"
        b"\\ No newline at end of file\n"
    )
    assert (tmp_path / "Dockerfile").read_bytes() == b"FROM alpine:3.20 as base\r\nRUN echo a\rb\r\nENV A 1"
