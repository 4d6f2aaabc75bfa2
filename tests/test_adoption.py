"""Adopting dlint on an existing repository: --show-suppressed, baselines, --add-ignore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlint.cli import app

RUNNER = CliRunner()
CMD = "CMD [warning] CMD in shell form: write it as a JSON array (exec form)"


def run(*args: str):
    return RUNNER.invoke(app, ["check", *args], env={"NO_COLOR": "1"})


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- --show-suppressed -------------------------------------------------------------------


def test_show_suppressed_in_text_json_and_sarif(repo: Path) -> None:
    (repo / "Dockerfile").write_text("FROM debian:12\n# dlint: ignore=DL3025 -- legacy entrypoint\nCMD run\nCMD again\n")
    hidden = run("-q", "--select", "DL3025", "Dockerfile")
    assert (hidden.exit_code, hidden.stdout) == (1, "Dockerfile:4:5: DL3025 [warning] CMD in shell form: write it as a JSON array (exec form)\n")
    shown = run("-q", "--select", "DL3025", "--show-suppressed", "Dockerfile")
    assert shown.exit_code == 1
    assert shown.stdout == (
        "Dockerfile:4:5: DL3025 [warning] CMD in shell form: write it as a JSON array (exec form)\n"
        "Dockerfile:3:5: DL3025 [warning] CMD in shell form: write it as a JSON array (exec form)"
        " [suppressed: legacy entrypoint]\n"
    )
    plain = json.loads(run("-f", "json", "--select", "DL3025", "Dockerfile").stdout)
    assert [sorted(item) for item in plain] == [
        ["code", "column", "end_column", "end_line", "fix", "line", "message", "name", "path", "severity"]
    ]
    data = json.loads(run("-f", "json", "--select", "DL3025", "--show-suppressed", "Dockerfile").stdout)
    assert [(item["line"], item["suppressed"]) for item in data] == [
        (3, {"kind": "inSource", "justification": "legacy entrypoint"}),
        (4, None),
    ]
    assert {key: data[0][key] for key in ("code", "path", "end_column")} == {"code": "DL3025", "path": "Dockerfile", "end_column": 8}
    sarif = json.loads(run("-f", "sarif", "--select", "DL3025", "--show-suppressed", "Dockerfile").stdout)
    results = sarif["runs"][0]["results"]
    assert [(r["locations"][0]["physicalLocation"]["region"]["startLine"], r.get("suppressions")) for r in results] == [
        (4, None),
        (3, [{"kind": "inSource", "justification": "legacy entrypoint"}]),
    ]
    default = json.loads(run("-f", "sarif", "--select", "DL3025", "Dockerfile").stdout)
    assert len(default["runs"][0]["results"]) == 1


def test_show_suppressed_needs_a_format_that_can_show_them(repo: Path) -> None:
    (repo / "Dockerfile").write_text("FROM debian:12\n")
    result = run("-f", "github", "--show-suppressed", "Dockerfile")
    assert result.exit_code == 2
    assert result.stderr == "dlint: --show-suppressed: the github format cannot show suppressed findings (use text, json or sarif)\n"


def test_check_skip_is_shown_as_suppressed(repo: Path) -> None:
    (repo / "Dockerfile").write_text("# check=skip=jsonargsrecommended\nFROM debian:12\nCMD run\n")
    result = run("-q", "--select", "DL3025", "--show-suppressed", "Dockerfile")
    assert (result.exit_code, result.stdout) == (
        0,
        "Dockerfile:3:5: DL3025 [warning] CMD in shell form: write it as a JSON array (exec form)"
        " [suppressed: skipped by # check=skip]\n",
    )


# -- baselines ---------------------------------------------------------------------------


def test_write_then_check_with_the_baseline_reports_nothing(repo: Path) -> None:
    (repo / "Dockerfile").write_text("FROM debian:12\nCMD run\nCMD run\n")
    written = run("--select", "DL3025", "--write-baseline", "base.json", "Dockerfile")
    assert (written.exit_code, written.stdout, written.stderr) == (0, "", "dlint: wrote base.json: 2 findings recorded\n")
    data = json.loads((repo / "base.json").read_text())
    assert data["version"] == 1
    assert [(entry["code"], entry["path"], len(entry["fingerprint"])) for entry in data["findings"]] == [
        ("DL3025", "Dockerfile", 64),
        ("DL3025", "Dockerfile", 64),
    ]
    assert data["findings"][0]["fingerprint"] != data["findings"][1]["fingerprint"]
    checked = run("-q", "--select", "DL3025", "--baseline", "base.json", "Dockerfile")
    assert (checked.exit_code, checked.stdout) == (0, "")
    # moved lines stay known; a new finding is reported, the known ones count as suppressed
    (repo / "Dockerfile").write_text("# moved\n\nFROM debian:12\nCMD run\nCMD run\nCMD new\n")
    moved = run("-q", "--select", "DL3025", "--baseline", "base.json", "--show-suppressed", "Dockerfile")
    assert moved.exit_code == 1
    assert moved.stdout.splitlines() == [
        "Dockerfile:6:5: DL3025 [warning] CMD in shell form: write it as a JSON array (exec form)",
        "Dockerfile:4:5: DL3025 [warning] CMD in shell form: write it as a JSON array (exec form) [suppressed (baseline): in baseline base.json]",
        "Dockerfile:5:5: DL3025 [warning] CMD in shell form: write it as a JSON array (exec form) [suppressed (baseline): in baseline base.json]",
    ]
    sarif = json.loads(run("-f", "sarif", "--select", "DL3025", "--baseline", "base.json", "--show-suppressed", "Dockerfile").stdout)
    assert [r.get("suppressions") for r in sarif["runs"][0]["results"]] == [
        None,
        [{"kind": "external", "justification": "in baseline base.json"}],
        [{"kind": "external", "justification": "in baseline base.json"}],
    ]


def test_baseline_from_the_config_file(repo: Path) -> None:
    (repo / "Dockerfile").write_text("FROM debian:12\nCMD run\n")
    assert run("--select", "DL3025", "--write-baseline", "known.json", "Dockerfile").exit_code == 0
    (repo / ".dlint.toml").write_text('baseline = "known.json"\n')
    assert (run("-q", "--select", "DL3025", "Dockerfile").exit_code, run("-q", "--select", "DL3025", "Dockerfile").stdout) == (0, "")
    # writing a new baseline records every finding, the ones in the configured baseline too
    assert run("--select", "DL3025", "--write-baseline", "again.json", "Dockerfile").stderr == (
        "dlint: wrote again.json: 1 findings recorded\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "dlint: base.json: baseline file not found (write one with --write-baseline)\n"),
        ("[1, 2", "dlint: base.json: not a dlint baseline: invalid JSON (Expecting ',' delimiter: line 1 column 6 (char 5))\n"),
        ('{"version": 2, "findings": []}', 'dlint: base.json: not a dlint baseline: expected an object with "version": 1\n'),
        ('{"version": 1}', 'dlint: base.json: not a dlint baseline: "findings" must be an array\n'),
        ('{"version": 1, "findings": [{"code": "DL3025"}]}', 'dlint: base.json: not a dlint baseline: findings[0] has no "fingerprint" string\n'),
    ],
)
def test_a_missing_or_malformed_baseline_is_an_error(repo: Path, content: str | None, message: str) -> None:
    (repo / "Dockerfile").write_text("FROM debian:12\n")
    if content is not None:
        (repo / "base.json").write_text(content)
    result = run("--baseline", "base.json", "Dockerfile")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


# -- --add-ignore ------------------------------------------------------------------------


def test_add_ignore_in_a_dockerfile_merges_and_is_idempotent(repo: Path) -> None:
    (repo / "Dockerfile").write_text(
        "FROM debian:12\n"
        "# dlint: ignore=DL3002 -- needs root\n"
        "RUN <<EOF\n"
        "cd /tmp\n"
        "EOF\n"
        "  CMD run \\\n"
        "    --flag\n"
    )
    first = run("-q", "--select", "DL3003,DL3025,DL3002", "--add-ignore", "Dockerfile")
    assert (first.exit_code, first.stdout, first.stderr) == (0, "", "dlint: added ignore comments to 1 file\n")
    expected = (
        "FROM debian:12\n"
        "# dlint: ignore=DL3002,DL3003 -- needs root\n"
        "RUN <<EOF\n"
        "cd /tmp\n"
        "EOF\n"
        "  # dlint: ignore=DL3025\n"
        "  CMD run \\\n"
        "    --flag\n"
    )
    assert (repo / "Dockerfile").read_text() == expected
    second = run("-q", "--select", "DL3003,DL3025,DL3002", "--add-ignore", "Dockerfile")
    assert (second.exit_code, second.stdout, second.stderr) == (0, "", "")
    assert (repo / "Dockerfile").read_text() == expected


def test_add_ignore_in_compose_keeps_indentation_and_skips_block_scalars(repo: Path) -> None:
    (repo / "compose.yaml").write_text(
        "services:\n"
        "  web:\n"
        "    image: nginx\n"
        "    privileged: true\n"
        "    command: |\n"
        "      sh -c 'echo ${SECRET}'\n"
    )
    first = run("-q", "--select", "DC001,DC036", "--add-ignore", "compose.yaml")
    assert (first.exit_code, first.stdout) == (0, "")
    assert first.stderr == "dlint: added ignore comments to 1 file\n"
    expected = (
        "services:\n"
        "  web:\n"
        "    # dlint: ignore=DC001\n"
        "    image: nginx\n"
        "    # dlint: ignore=DC036\n"
        "    privileged: true\n"
        "    command: |\n"
        "      sh -c 'echo ${SECRET}'\n"
    )
    assert (repo / "compose.yaml").read_text() == expected
    assert run("--select", "DC001,DC036", "--add-ignore", "compose.yaml").stderr == ""
    assert (repo / "compose.yaml").read_text() == expected


def test_add_ignore_leaves_findings_inside_a_block_scalar() -> None:
    from dlint.engine.add_ignore import apply_plan, block_scalar_lines, compose_plan
    from dlint.models.finding import Finding, Severity
    from dlint.models.span import Span

    text = "x:\n  a: |\n    one\n\n    two\n  b: >-\n    three\n  c: 1\n"
    assert block_scalar_lines(text.split("\n")) == {3, 4, 5, 7}
    inside = Finding(code="DC001", name="n", severity=Severity.WARNING, message="m", path="c.yaml", span=Span(start=0, end=1, line=5, column=5, end_line=5, end_column=6))
    outside = inside.model_copy(update={"span": Span(start=0, end=1, line=8, column=3, end_line=8, end_column=4)})
    plan = compose_plan(text, [inside, outside], frozenset())
    assert plan.codes == {8: ["DC001"]}
    assert plan.skipped == [(inside, "inside a YAML block scalar")]
    assert apply_plan(text, plan) == "x:\n  a: |\n    one\n\n    two\n  b: >-\n    three\n  # dlint: ignore=DC001\n  c: 1\n"


def test_add_ignore_refuses_a_comment_that_would_change_the_data() -> None:
    from dlint.engine.add_ignore import Plan, _same_compose, _same_dockerfile, apply_plan

    text = 'x:\n  a: "one\n    two"\n'
    plan = Plan(codes={3: ["DC001"]})
    changed = apply_plan(text, plan)
    assert changed == 'x:\n  a: "one\n    # dlint: ignore=DC001\n    two"\n'
    assert not _same_compose(text, changed, "c.yaml")
    assert _same_compose(text, apply_plan(text, Plan(codes={2: ["DC001"]})), "c.yaml")
    assert _same_dockerfile("FROM a\nRUN x\n", "FROM a\n# dlint: ignore=DL3003\nRUN x\n", "Dockerfile")
    assert not _same_dockerfile("FROM a\nRUN x\n", "FROM a\nRUN x y\n", "Dockerfile")
