"""The Compose hardening group (DC065–DC070): selected by name, and its fixes give the
expected text, which parses again and no longer reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlint.engine.config import settings_from_dlint
from dlint.engine.lint import Linter, SourceFile
from dlint.engine.selection import selected_rules
from dlint.parsers.compose.load import load_compose_file

HARDENING = {"DC065", "DC066", "DC067", "DC068", "DC069", "DC070"}

SOURCE = """\
services:
  api:  # the public API
    image: acme/api:1.4
    # ports are published by the proxy
    expose: ["8080"]
  worker:
    image: acme/worker:1.4
    read_only: false
    cap_add:
      - NET_BIND_SERVICE
"""

FIXED = """\
services:
  api:  # the public API
    read_only: true
    cap_drop: [ALL]
    security_opt: ["no-new-privileges:true"]
    image: acme/api:1.4
    # ports are published by the proxy
    expose: ["8080"]
  worker:
    cap_drop: [ALL]
    security_opt: ["no-new-privileges:true"]
    image: acme/worker:1.4
    read_only: true
    cap_add:
      - NET_BIND_SERVICE
"""


def _linter(tmp_path: Path, config: dict) -> Linter:
    settings = settings_from_dlint(config, tmp_path, None, "test config")
    return Linter(settings, rules=selected_rules(settings))


def _source(tmp_path: Path, text: str) -> SourceFile:
    path = tmp_path / "compose.yaml"
    path.write_text(text, encoding="utf-8")
    return SourceFile("compose.yaml", "compose", text, path)


def test_the_group_is_off_by_default_and_on_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    default = {rule.code for rule in selected_rules(settings_from_dlint({}, tmp_path, None, "test"))}
    assert not HARDENING & default
    extended = {rule.code for rule in selected_rules(settings_from_dlint({"extend-select": ["hardening"]}, tmp_path, None, "test"))}
    assert HARDENING <= extended


def test_the_fixes_together_give_the_expected_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    linter = _linter(tmp_path, {"select": sorted(HARDENING)})
    fixed, applied = linter.fix(_source(tmp_path, SOURCE), unsafe=True)
    assert fixed.text == FIXED
    assert applied == 6
    compose = load_compose_file("compose.yaml", fixed.text)
    assert compose.issues == []
    assert compose.services["api"].read_only.value is True
    left = {finding.code for finding in linter.lint([fixed]).findings}
    assert left == {"DC068", "DC069", "DC070"}  # no fix: a number or a digest has to be chosen


def test_safe_fixing_leaves_the_file_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    linter = _linter(tmp_path, {"select": sorted(HARDENING)})
    fixed, applied = linter.fix(_source(tmp_path, SOURCE), unsafe=False)
    assert (fixed.text, applied) == (SOURCE, 0)
