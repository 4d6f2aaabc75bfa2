"""Reporter options of ``dlint check``: CI paths from the git work tree's root
(``--root``), the SARIF run's status and category, and ``--color``/``--no-color``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlint.cli import app
from dlint.reporters._location import work_tree_root

RUNNER = CliRunner()
ONLY = ["--select", "DL3006"]
ANNOTATION = (
    "::warning file={path},line=1,endLine=1,col=6,endColumn=11,title=DL3006 untagged-base-image::"
    "base image debian has no tag: name a version tag so builds are repeatable\n"
)
LINE = "Dockerfile:1:6: DL3006 [warning] base image debian has no tag: name a version tag so builds are repeatable"


def run(args: list[str], env: dict | None = None):
    return RUNNER.invoke(app, ["check", *ONLY, *args], env={"NO_COLOR": "1", "FORCE_COLOR": None, **(env or {})})


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """tmp_path, known to lie outside any git work tree."""
    if work_tree_root(tmp_path) is not None:
        pytest.skip("the temporary folder lies inside a git work tree")
    return tmp_path


@pytest.fixture
def repo(outside: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A work tree ``repo`` with ``sub/Dockerfile``; the current folder is ``repo/sub``."""
    (outside / "repo" / ".git").mkdir(parents=True)
    (outside / "repo" / "sub").mkdir()
    (outside / "repo" / "sub" / "Dockerfile").write_text("FROM debian\n")
    monkeypatch.chdir(outside / "repo" / "sub")
    return outside / "repo"


def sarif_run(result) -> dict:
    return json.loads(result.stdout)["runs"][0]


def artifact(run: dict) -> dict:
    return run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]


# -- paths relative to the repository root ----------------------------------------------------


def test_github_paths_are_relative_to_the_work_tree_root_from_a_subfolder(repo: Path) -> None:
    result = run(["--format", "github"])
    assert (result.exit_code, result.stdout) == (1, ANNOTATION.format(path="sub/Dockerfile"))


def test_a_git_file_marks_a_work_tree_too(repo: Path) -> None:
    (repo / ".git").rmdir()
    (repo / ".git").write_text("gitdir: /elsewhere/.git/worktrees/repo\n")
    assert run(["--format", "github"]).stdout == ANNOTATION.format(path="sub/Dockerfile")


def test_sarif_uris_and_srcroot_are_the_work_tree_root(repo: Path) -> None:
    result = run(["--format", "sarif"])
    run_ = sarif_run(result)
    assert artifact(run_) == {"uri": "sub/Dockerfile", "uriBaseId": "%SRCROOT%"}
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.as_uri() + "/"}}


def test_the_work_tree_root_wins_over_a_config_folder_below_it(repo: Path) -> None:
    (repo / "sub" / ".dlint.toml").write_text("")
    assert run(["--format", "github"]).stdout == ANNOTATION.format(path="sub/Dockerfile")


def test_root_option_overrides_the_work_tree_root(repo: Path) -> None:
    assert run(["--format", "github", "--root", "../.."]).stdout == ANNOTATION.format(path="repo/sub/Dockerfile")
    run_ = sarif_run(run(["--format", "sarif", "--root", "."]))
    assert artifact(run_) == {"uri": "Dockerfile", "uriBaseId": "%SRCROOT%"}
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": (repo / "sub").as_uri() + "/"}}


def test_root_option_must_name_a_folder(repo: Path) -> None:
    result = run(["--format", "sarif", "--root", "nowhere"])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "dlint: --root nowhere: not a folder\n")
    result = run(["--format", "sarif", "--root", "Dockerfile"])
    assert (result.exit_code, result.stderr) == (2, "dlint: --root Dockerfile: not a folder\n")


def test_outside_a_work_tree_paths_stay_relative_to_the_current_folder(outside: Path, monkeypatch) -> None:
    (outside / "sub").mkdir()
    (outside / "sub" / "Dockerfile").write_text("FROM debian\n")
    monkeypatch.chdir(outside / "sub")
    assert run(["--format", "github"]).stdout == ANNOTATION.format(path="Dockerfile")
    (outside / ".dlint.toml").write_text("")  # a config above: paths relative to its folder, as before
    assert run(["--format", "github"]).stdout == ANNOTATION.format(path="sub/Dockerfile")


# -- SARIF: the run's status and category -------------------------------------------------------


def test_sarif_run_that_exits_2_is_unsuccessful_and_names_its_errors(repo: Path) -> None:
    result = run(["--format", "sarif", "Dockerfile", "missing"])
    assert result.exit_code == 2
    assert result.stderr == "dlint: missing: no such file or directory\n"
    run_ = sarif_run(result)
    assert run_["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": "missing: no such file or directory"}}
            ],
        }
    ]
    assert [item["ruleId"] for item in run_["results"]] == ["DL3006"]


@pytest.mark.parametrize("args", [[], ["--exit-zero"]])
def test_sarif_run_that_exits_0_or_1_is_successful(repo: Path, args: list[str]) -> None:
    result = run(["--format", "sarif", *args])
    assert result.exit_code == (0 if args else 1)
    assert sarif_run(result)["invocations"] == [{"executionSuccessful": True}]


def test_sarif_category_option(repo: Path) -> None:
    assert sarif_run(run(["--format", "sarif", "--sarif-category", "dlint/dockerfiles"]))["automationDetails"] == {
        "id": "dlint/dockerfiles/"
    }
    assert "automationDetails" not in sarif_run(run(["--format", "sarif"]))
    result = run(["--format", "sarif", "--sarif-category", " "])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "dlint: --sarif-category: give a non-empty category\n")


# -- text: the severity word and colour -------------------------------------------------------


def test_text_lines_name_the_severity_without_colour(repo: Path) -> None:
    result = run(["-q"])
    assert (result.exit_code, result.stdout) == (1, LINE + "\n")


COLOURED = (
    "\x1b[1mDockerfile:1:6:\x1b[0m \x1b[1;33mDL3006\x1b[0m \x1b[1;33m[warning]\x1b[0m"
    " base image debian has no tag: name a version tag so builds are repeatable\n"
)


def test_color_forces_colour_off_a_terminal_and_over_no_color(repo: Path) -> None:
    assert run(["-q", "--color"]).stdout == COLOURED
    assert run(["-q", "--color"], env={"NO_COLOR": None}).stdout == COLOURED


def test_no_color_wins_over_force_color(repo: Path) -> None:
    assert run(["-q"], env={"NO_COLOR": None, "FORCE_COLOR": "1"}).stdout == COLOURED
    assert run(["-q", "--no-color"], env={"NO_COLOR": None, "FORCE_COLOR": "1"}).stdout == LINE + "\n"


def test_color_is_forced_into_a_report_file_too_as_force_color_is(repo: Path) -> None:
    assert run(["-q", "--color", "--output", "report.txt"]).exit_code == 1
    assert (repo / "sub" / "report.txt").read_text() == COLOURED
