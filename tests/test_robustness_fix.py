"""``--fix`` never loses data: each file gets only its own fixes, a fix that adds a
syntax problem is not written, a symlink stays a link, hard links are not split,
a file changed during the run is left alone, and a failure costs one file only.

Each test runs dlint as users do (``tests/sandbox.py``) on a copy of
``fixtures/robustness/<case>/`` (links and odd files are made at test time).
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from sandbox import run_dlint, snapshot

from dlint.engine.writing import WriteRefused, write_fixed

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "robustness"
CROSS_FILE = ("--select", "DC010,DF026,DF027,DF030,DF034")
HINT = "(run with --verbose or DLINT_DEBUG=1 for the traceback)"


def copy_case(name: str, tmp_path: Path, part: str = "") -> Path:
    """A writable copy of ``fixtures/robustness/<name>/<part>`` in ``tmp_path``."""
    target = tmp_path / "work"
    shutil.copytree(FIXTURES / name / part, target)
    return target


def with_patch(tmp_path: Path, code: str) -> dict[str, str]:
    """Environment for run_dlint whose child runs ``code`` first (a ``sitecustomize``
    module): how a test makes a fix pass fail or a file change in mid-run."""
    folder = tmp_path / "patch"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(code)
    return {"PYTHONPATH": os.pathsep.join([str(folder), str(Path(__file__).resolve().parent.parent)])}


# -- fix-applies-dockerfile-edits-to-compose -----------------------------------------


def test_fix_over_a_folder_writes_each_file_its_own_fixes(tmp_path: Path) -> None:
    work = copy_case("fix-applies-dockerfile-edits-to-compose", tmp_path, "project")
    result = run_dlint("check", "--fix", *CROSS_FILE, ".", cwd=work)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == b"Fixed 10 problems.\nNo problems found in 3 files.\n"
    assert snapshot(work) == snapshot(FIXTURES / "fix-applies-dockerfile-edits-to-compose" / "expected")


def test_fix_of_the_compose_file_alone_leaves_the_dockerfile_it_builds(tmp_path: Path) -> None:
    work = copy_case("fix-applies-dockerfile-edits-to-compose", tmp_path, "project")
    before = snapshot(work)
    result = run_dlint("check", "--fix", "-q", *CROSS_FILE, "compose.yaml", cwd=work)
    # only the named file's findings are reported (and fixed); the Dockerfile it builds is read, not touched
    assert (result.returncode, result.stderr, result.stdout) == (0, b"", b"")
    expected = {**before, "compose.yaml": (FIXTURES / "fix-applies-dockerfile-edits-to-compose/expected/compose.yaml").read_bytes()}
    assert snapshot(work) == expected


# -- fix-guard-void-with-reset-tag, compose-fix-bad-tag, compose-fix-deep-nesting ------


def test_compose_with_reset_tags_gets_its_own_fix_and_still_parses(tmp_path: Path) -> None:
    work = copy_case("fix-guard-void-with-reset-tag", tmp_path, "project")
    before = snapshot(work)
    result = run_dlint("check", "--fix", "-q", *CROSS_FILE, "compose.yaml", cwd=work)
    assert (result.returncode, result.stderr) == (0, b"")  # the Dockerfile it builds is not named: not reported
    expected = (FIXTURES / "fix-guard-void-with-reset-tag/expected/compose.yaml").read_bytes()
    assert snapshot(work) == {**before, "compose.yaml": expected}
    again = run_dlint("check", "-q", "--select", "DC000,DC002", "compose.yaml", cwd=work)
    assert (again.returncode, again.stdout, again.stderr) == (0, b"", b"")


@pytest.mark.parametrize("case", ["compose-fix-bad-tag", "compose-fix-deep-nesting", "crash-exit-code-is-1"])
def test_compose_files_pyyaml_could_not_construct_are_fixed_like_any_other(case: str, tmp_path: Path) -> None:
    work = copy_case(case, tmp_path)
    original = (work / "compose.yaml").read_bytes()
    result = run_dlint("check", "--fix", "-q", "--exit-zero", "--select", "DC010", "compose.yaml", cwd=work)
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    assert (work / "compose.yaml").read_bytes() == original.replace(b"version: '3'\n", b"", 1)


# -- fix-replaces-symlink ------------------------------------------------------------

FIXED_SHARED = b"FROM python:3.12 AS build\nENV APP_HOME=/app\n"


def test_a_symlinked_dockerfile_stays_a_link_and_its_target_is_fixed(tmp_path: Path) -> None:
    work = copy_case("fix-replaces-symlink", tmp_path)
    (work / "shared.df").chmod(0o640)
    (work / "Dockerfile").symlink_to("shared.df")
    result = run_dlint("check", "--fix", "-q", *CROSS_FILE, "Dockerfile", cwd=work)
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    assert os.readlink(work / "Dockerfile") == "shared.df"
    assert (work / "shared.df").read_bytes() == FIXED_SHARED
    assert stat.S_IMODE((work / "shared.df").stat().st_mode) == 0o640
    assert sorted(path.name for path in work.iterdir()) == ["Dockerfile", "shared.df"]  # no temporary file left


def test_a_hard_linked_dockerfile_is_not_split_and_not_fixed(tmp_path: Path) -> None:
    work = copy_case("fix-replaces-symlink", tmp_path)
    os.link(work / "shared.df", work / "Dockerfile")
    (work / "Other.Dockerfile").write_text("FROM alpine:3.20 as base\n")
    before = snapshot(work)
    result = run_dlint("check", "--fix", "-q", *CROSS_FILE, ".", cwd=work)
    assert result.returncode == 2
    assert result.stderr == b"dlint: Dockerfile: has 2 hard links; not fixed (rewriting it would split them)\n"
    assert (work / "Dockerfile").stat().st_ino == (work / "shared.df").stat().st_ino
    assert snapshot(work) == {**before, "Other.Dockerfile": b"FROM alpine:3.20 AS base\n"}  # the other file is fixed


def test_a_symlink_to_a_hard_linked_file_is_not_fixed_either(tmp_path: Path) -> None:
    work = copy_case("fix-replaces-symlink", tmp_path)
    os.link(work / "shared.df", work / "copy.df")
    (work / "Dockerfile").symlink_to("shared.df")
    before = snapshot(work)
    result = run_dlint("check", "--fix", "-q", *CROSS_FILE, "Dockerfile", cwd=work)
    assert (result.returncode, result.stderr) == (2, b"dlint: Dockerfile: has 2 hard links; not fixed (rewriting it would split them)\n")
    assert snapshot(work) == before
    assert (work / "Dockerfile").is_symlink()


def test_a_file_found_under_two_names_is_fixed_once(tmp_path: Path) -> None:
    work = copy_case("fix-replaces-symlink", tmp_path)
    (work / "shared.df").rename(work / "Dockerfile.prod")
    (work / "Dockerfile").symlink_to("Dockerfile.prod")
    result = run_dlint("check", "--fix", *CROSS_FILE, ".", cwd=work)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == b"Fixed 2 problems.\nNo problems found in 2 files.\n"
    assert snapshot(work) == {"Dockerfile.prod": FIXED_SHARED}
    assert os.readlink(work / "Dockerfile") == "Dockerfile.prod"


def test_the_reproduction_symlink_and_hard_link_pair_says_why_once_and_writes_nothing(tmp_path: Path) -> None:
    work = copy_case("fix-replaces-symlink", tmp_path)
    (work / "Dockerfile").symlink_to("shared.df")
    os.link(work / "shared.df", work / "Dockerfile.hard")
    before = snapshot(work)
    result = run_dlint("check", "--fix", "-q", *CROSS_FILE, "Dockerfile", "Dockerfile.hard", cwd=work)
    assert (result.returncode, result.stderr) == (2, b"dlint: Dockerfile: has 2 hard links; not fixed (rewriting it would split them)\n")
    assert snapshot(work) == before
    assert (work / "Dockerfile").is_symlink() and (work / "shared.df").stat().st_nlink == 2


# -- fix-lost-update-during-run --------------------------------------------------------

SAVE_DURING_FIX = """
import dlint.engine.lint as lint

original_fix = lint.Linter.fix

def fix(self, source, **options):
    result = original_fix(self, source, **options)
    if source.path.endswith("d2/Dockerfile"):  # the user saves this file while dlint works on it
        with open(source.real_path, "a") as handle:
            handle.write("USER app\\n")
    return result

lint.Linter.fix = fix
"""


def test_a_file_saved_during_the_run_keeps_the_users_change(tmp_path: Path) -> None:
    work = tmp_path / "tree"
    text = "FROM python:3.12 as build\nENV APP_HOME /app\n"
    for name in ("d1", "d2", "d3"):
        (work / name).mkdir(parents=True)
        (work / name / "Dockerfile").write_text(text)
    result = run_dlint("check", "--fix", "-q", *CROSS_FILE, ".", cwd=work, env=with_patch(tmp_path, SAVE_DURING_FIX))
    assert result.returncode == 2
    assert result.stderr == b"dlint: d2/Dockerfile: changed while dlint was fixing it; not fixed\n"
    # the report is about the files as read: d2's findings are still there
    assert [line.split()[:2] for line in result.stdout.splitlines()] == [[b"d2/Dockerfile:1:18:", b"DF027"], [b"d2/Dockerfile:2:5:", b"DF030"]]
    assert snapshot(work) == {
        "d1/Dockerfile": FIXED_SHARED,
        "d2/Dockerfile": text.encode() + b"USER app\n",
        "d3/Dockerfile": FIXED_SHARED,
    }


def test_write_fixed_refuses_a_file_that_changed_grew_or_is_no_longer_regular(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"FROM a\n")
    with pytest.raises(WriteRefused, match=r"^D: changed while dlint was fixing it; not fixed$"):
        write_fixed(path, "D", b"FROM b\n", "new\n")
    path.write_bytes(b"FROM a\nRUN more\n")
    with pytest.raises(WriteRefused, match=r"^D: changed while dlint was fixing it; not fixed$"):
        write_fixed(path, "D", b"FROM a\n", "new\n")
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(WriteRefused, match=r"^D: is no longer a regular file; not fixed$"):
        write_fixed(path, "D", b"FROM a\n", "new\n")
    path.unlink()
    with pytest.raises(WriteRefused, match=r"^D: cannot read it again: No such file or directory; not fixed$"):
        write_fixed(path, "D", b"FROM a\n", "new\n")
    path.write_bytes(b"FROM a\n")
    write_fixed(path, "D", b"FROM a\n", "new\n", bom=True)
    assert path.read_bytes() == b"\xef\xbb\xbfnew\n"


# -- a failure while fixing costs one file: parser bombs, bugs -------------------------

FAIL_ON_BOOM = """
import dlint.engine.lint as lint

original_fix = lint.Linter.fix

def fix(self, source, **options):
    if "boom" in source.path:
        raise {error}
    return original_fix(self, source, **options)

lint.Linter.fix = fix
"""


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        ("RuntimeError('a bug')", "RuntimeError: a bug"),
        ("MemoryError()", "MemoryError"),
        ("RecursionError('maximum recursion depth exceeded')", "RecursionError: maximum recursion depth exceeded"),
    ],
)
@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_an_exception_while_fixing_one_file_costs_that_file_only(error: str, shown: str, mode: str, tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "boom").mkdir(parents=True)
    (work / "boom" / "Dockerfile").write_text("FROM alpine:3.20 as base\n")
    (work / "Dockerfile").write_text("FROM alpine:3.20 as base\n")
    env = with_patch(tmp_path, FAIL_ON_BOOM.format(error=error))
    result = run_dlint("check", mode, "-q", *CROSS_FILE, ".", cwd=work, env=env)
    assert result.returncode == 2
    assert result.stderr == f"dlint: boom/Dockerfile: internal error while fixing (not fixed): {shown} {HINT}\n".encode()
    fixed = b"FROM alpine:3.20 AS base\n" if mode == "--fix" else b"FROM alpine:3.20 as base\n"
    assert snapshot(work) == {"Dockerfile": fixed, "boom/Dockerfile": b"FROM alpine:3.20 as base\n"}
    if mode == "--diff":
        assert result.stdout == b"--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +1 @@\n-FROM alpine:3.20 as base\n+FROM alpine:3.20 AS base\n"


def test_the_traceback_of_a_failed_fix_is_shown_when_debugging(tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "boom").mkdir(parents=True)
    (work / "boom" / "Dockerfile").write_text("FROM alpine:3.20\n")
    env = {**with_patch(tmp_path, FAIL_ON_BOOM.format(error="RuntimeError('a bug')")), "DLINT_DEBUG": "1"}
    result = run_dlint("check", "--fix", "-q", ".", cwd=work, env=env)
    assert result.returncode == 2
    lines = result.stderr.decode().splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[-2:] == ["RuntimeError: a bug", "dlint: boom/Dockerfile: internal error while fixing (not fixed): RuntimeError: a bug"]


BOMBS = {
    "onbuild": "FROM alpine:3.20\nONBUILD " + "ONBUILD " * 600 + "RUN true\n",
    "json-cmd": "FROM alpine:3.20\nCMD " + "[" * 1200 + "]" * 1200 + "\n",
    "nested-default": "FROM alpine:3.20\nENV A=" + "${B:-" * 500 + "x" + "}" * 500 + "\n",
    "arg-expansion": "FROM alpine:3.20\nARG A0=0123456789abcdef\n"
    + "".join(f"ARG A{i}=${{A{i - 1}}}${{A{i - 1}}}\n" for i in range(1, 41))
    + "RUN echo $A40\n",
}


@pytest.mark.parametrize("bomb", sorted(BOMBS))
def test_fix_on_a_parser_bomb_ends_like_check_does(bomb: str, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(BOMBS[bomb])
    checked = run_dlint("check", "-q", "Dockerfile", cwd=tmp_path)
    fixed = run_dlint("check", "-q", "--fix", "Dockerfile", cwd=tmp_path)
    assert b"Traceback" not in checked.stderr + fixed.stderr
    assert checked.returncode in (1, 2)
    assert fixed.returncode == checked.returncode
    assert all(line.startswith(b"dlint: ") for line in fixed.stderr.splitlines())
