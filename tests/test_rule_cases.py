"""Runs every rule case file: fixtures/rules/<CODE>.yml (format in the common brief)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dlint.engine.config import settings_from_dlint
from dlint.engine.discovery import file_kind
from dlint.engine.lint import Linter, SourceFile
from dlint.engine.registry import find_rule
from dlint.engine.selection import selected_rules

CASES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
CASE_KEYS = {"name", "dockerfile", "compose", "files", "config", "expect", "fixed"}


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and set(data) == {"rule", "cases"}, f"{path.name}: needs exactly 'rule' and 'cases'"
    assert data["rule"] == path.stem, f"{path.name}: rule {data['rule']!r} does not match the file name"
    assert find_rule(data["rule"]) is not None, f"{path.name}: no rule {data['rule']}"
    return data


def _collect() -> list:
    params = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = _load(path)
        for index, case in enumerate(data["cases"]):
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}[{index}] {case.get('name', '?')}"))
    return params


def _rules(code: str, settings) -> list:
    """The case's rule only, unless its config selects rules itself."""
    if settings.select is None and not settings.extend_select:
        return [find_rule(code)]
    explicit = {entry.upper() for entry in (*(settings.select or ()), *settings.extend_select)}
    return [rule for rule in selected_rules(settings) if not rule.mandatory or rule.code in explicit]


def _sources(case: dict, root: Path) -> tuple[list[SourceFile], bool]:
    """Writes the case's files under ``root``; the sources to lint and whether paths are shown."""
    if "files" in case:
        files, shown = case["files"], True
    elif "dockerfile" in case:
        files, shown = {"Dockerfile": case["dockerfile"]}, False
    else:
        files, shown = {"compose.yaml": case["compose"]}, False
    sources = []
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        kind = file_kind(path.name)
        if kind is not None:
            sources.append(SourceFile(relative, kind, text, path))
    return sources, shown


@pytest.mark.parametrize(("code", "case"), _collect())
def test_rule_case(code: str, case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    unknown = set(case) - CASE_KEYS
    assert not unknown, f"unknown case keys {sorted(unknown)}"
    assert sum(key in case for key in ("dockerfile", "compose", "files")) == 1, "one of dockerfile/compose/files"
    monkeypatch.chdir(tmp_path)
    settings = settings_from_dlint(case.get("config") or {}, tmp_path, None, "case config")
    linter = Linter(settings, rules=_rules(code, settings))
    sources, shown = _sources(case, tmp_path)
    result = linter.lint(sources)
    assert result.errors == []
    got = [
        (f"{finding.path}:" if shown else "") + f"{finding.span.line}:{finding.span.column} {finding.code}"
        for finding in result.findings
    ]
    # an expected entry may name the finding's level too: "4:15 DC039 [error]"
    levels = [f"{entry} [{finding.severity.value}]" for entry, finding in zip(got, result.findings)]
    expected = case["expect"]
    assert [level if "[" in want else entry for entry, level, want in zip(got, levels, expected)] + got[len(expected):] == expected
    if "fixed" in case:
        assert len(sources) == 1, "'fixed' needs a single-file case"
        fixed, _ = linter.fix(sources[0], unsafe=True)
        assert fixed.text == case["fixed"]
