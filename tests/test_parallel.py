"""--jobs: the run split over forked workers gives exactly what one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlint.cli import app
from dlint.engine import parallel
from dlint.engine.config import Settings
from dlint.engine.discovery import file_kind
from dlint.engine.lint import Linter, SourceFile


def _tree(root: Path) -> list[SourceFile]:
    """40 Dockerfiles, and a Compose project building two of them (one with a finding
    only the two files together give: DX rules need both in one worker)."""
    for index in range(40):
        folder = root / f"app{index}"
        folder.mkdir()
        (folder / "Dockerfile").write_text(f"FROM python:3.12\nRUN pip install flask && echo $1 {index}\nUSER {index}\n")
    (root / "compose.yaml").write_text(
        "services:\n  web:\n    build: ./app3\n    user: root\n  api:\n    build:\n      context: ./app7\n      target: nope\n"
    )
    sources = []
    for path in sorted(root.rglob("*")):
        kind = file_kind(path.name)
        if kind is not None:
            shown = path.relative_to(root)  # as the command line names them, run in ``root``
            sources.append(SourceFile(str(shown), kind, path.read_text(), shown))
    return sources


def test_the_pieces_keep_a_compose_project_with_the_dockerfiles_it_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    sources = _tree(tmp_path)
    together, pieces = parallel._pieces(Linter(Settings()), sources, 2)
    assert [source.path for source in together] == ["app3/Dockerfile", "app7/Dockerfile", "compose.yaml"]
    assert sorted(source.path for piece in [together, *pieces] for source in piece) == sorted(source.path for source in sources)
    assert len(pieces) == 8  # the 38 other Dockerfiles in 8 runs of neighbours, in path order
    paths = [source.path for piece in pieces for source in piece]
    assert paths == sorted(paths)


def test_two_workers_give_what_one_process_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    sources = _tree(tmp_path)
    alone = Linter(Settings(select=("ALL",))).lint(sources)
    together = parallel.lint_in_parallel(Linter(Settings(select=("ALL",))), sources, 2)
    assert together.findings == alone.findings
    assert any(finding.code.startswith("DX") for finding in alone.findings)
    assert any(finding.code.startswith("SC") for finding in alone.findings)
    assert list(together.sources.items()) == list(alone.sources.items())
    assert (together.files, together.errors, together.suppressed, together.not_linted) == (
        alone.files, alone.errors, alone.suppressed, alone.not_linted
    )


def test_few_files_stay_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "available_cores", lambda: 8)
    assert [parallel.default_jobs(count) for count in (1, 23, 24, 60, 1000)] == [1, 1, 1, 2, 8]
    assert [parallel.default_jobs(count, shellcheck=True) for count in (60, 1000)] == [2, 4]


def test_jobs_must_be_a_number_of_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_text("FROM python:3.12\n")
    runner = CliRunner()
    assert runner.invoke(app, ["check", "--jobs", "0"]).exit_code == 2
    assert runner.invoke(app, ["check", "--jobs", "two"]).exit_code == 2
    assert runner.invoke(app, ["check", "--jobs", "3", "--select", "DL3006"]).exit_code == 0


def test_parts_come_in_path_order_and_let_their_texts_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A streamed run: Compose files whose paths fall between batches of Dockerfiles go
    out with the batch they precede, each part sorted, the parts in path order, and
    without ``keep_sources`` a part's texts leave the result once the next is asked for."""
    from dlint.engine import lint as lint_module
    from dlint.engine.lint import LintResult

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(lint_module, "DOCKERFILE_BATCH", 5)
    sources = _tree(tmp_path)
    expected = Linter(Settings(select=("ALL",))).lint(sources)
    result = LintResult()
    parts = []
    for findings, suppressed in Linter(Settings(select=("ALL",))).lint_parts(sources, result, keep_sources=False):
        parts.append(findings)
        assert {finding.path for finding in findings} <= set(result.sources)
        assert findings == sorted(findings, key=lambda finding: finding.sort_key)
    assert len(parts) == 9  # 41 Dockerfiles in batches of 5
    assert [finding for part in parts for finding in part] == expected.findings
    assert result.sources == {} and result.files == expected.files


def test_a_streamed_parallel_run_gives_what_one_process_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    sources = _tree(tmp_path)
    expected = Linter(Settings(select=("ALL",))).lint(sources)
    result, parts = parallel.parts_in_parallel(Linter(Settings(select=("ALL",))), sources, 2, keep_sources=False)
    assert [finding for findings, _ in parts for finding in findings] == expected.findings
    assert (result.files, result.errors, result.not_linted) == (expected.files, expected.errors, expected.not_linted)


def _without_texts(sources: list[SourceFile]) -> list:
    from dlint.engine.sources import without_text

    return [without_text(source) for source in sources]


@pytest.mark.parametrize("jobs", [1, 2])
def test_dockerfiles_whose_texts_were_let_go_are_read_again_when_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """A streamed run lets go of the Dockerfiles' texts read at its start: each is read
    again in its batch, and its text is in the result while its part is reported (the
    text report shows excerpts from it), from the workers too."""
    monkeypatch.chdir(tmp_path)
    sources = _tree(tmp_path)
    expected = Linter(Settings(select=("ALL",))).lint(sources)
    let_go = _without_texts(sources)
    assert [source.text is None for source in let_go] == [source.kind == "dockerfile" for source in sources]
    result, parts = parallel.parts_in_parallel(Linter(Settings(select=("ALL",))), let_go, jobs, keep_sources=False)
    found = []
    for findings, _ in parts:
        assert all(result.sources[finding.path] == (tmp_path / finding.path).read_text() for finding in findings)
        found.extend(findings)
    assert found == expected.findings
    assert (result.files, result.errors, result.not_linted) == (expected.files, expected.errors, expected.not_linted)


def test_a_dockerfile_gone_before_its_turn_is_an_error_and_not_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dlint.engine.lint import LintResult

    monkeypatch.chdir(tmp_path)
    sources = _without_texts(_tree(tmp_path))
    (tmp_path / "app12" / "Dockerfile").unlink()
    result = LintResult()
    findings = [finding for part, _ in Linter(Settings()).lint_parts(sources, result, keep_sources=False) for finding in part]
    assert [error for error in result.errors if "app12" in error] == ["app12/Dockerfile: cannot read: No such file or directory"]
    assert "app12/Dockerfile" not in {finding.path for finding in findings}
    assert result.files == len(sources) - 1
