"""The language server's parts, in process: positions, documents, settings, the engine
wrapper (a rule that crashes is logged), hover text and the minimal edit."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="pygls is not installed")

from lsprotocol import types  # noqa: E402

from dlint.server.documents import kind_of, make_document  # noqa: E402
from dlint.server.hover import rule_text, suppression_code_at  # noqa: E402
from dlint.server.linting import Engine, buffers_over_disk  # noqa: E402
from dlint.server.positions import Positions, minimal_edit  # noqa: E402
from dlint.server.settings import SettingsStore, is_config_file  # noqa: E402


def test_positions_count_utf16_units():
    text = "FROM debian:12\nRUN echo \U0001f600 && apt-get install curl\n"
    positions = Positions(text)
    # apt-get starts at character column 15 (1-based); the emoji is two UTF-16 units, four UTF-8 bytes
    assert positions.at(2, 15) == types.Position(line=1, character=15)
    assert Positions(text, "utf-32").at(2, 15) == types.Position(line=1, character=14)
    assert Positions(text, "utf-8").at(2, 15) == types.Position(line=1, character=17)
    offset = text.index("apt-get")
    assert positions.of_offset(offset) == types.Position(line=1, character=15)
    assert positions.offset(types.Position(line=1, character=15)) == offset


def test_positions_clamp_out_of_text():
    positions = Positions("FROM a\n")
    assert positions.at(99, 5) == types.Position(line=1, character=0)
    assert positions.of_offset(1000) == types.Position(line=1, character=0)


def test_minimal_edit_is_the_changed_part():
    before = "FROM a\nRUN x\n"
    after = "FROM a\n# dlint: ignore=DL1\nRUN x\n"
    edit = minimal_edit(before, after, Positions(before))
    assert edit.range.start == edit.range.end == types.Position(line=1, character=0)
    assert edit.new_text == "# dlint: ignore=DL1\n"


@pytest.mark.parametrize(("uri", "language", "kind"), [
    ("file:///p/Dockerfile", "dockerfile", "dockerfile"),
    ("file:///p/anything.txt", "dockerfile", "dockerfile"),
    ("file:///p/api.Dockerfile", "plaintext", "dockerfile"),
    ("file:///p/compose.yaml", "yaml", "compose"),
    ("file:///p/docker-compose.prod.yml", "yaml", "compose"),
    ("file:///p/values.yaml", "yaml", None),
    ("file:///p/stack.yml", "dockercompose", "compose"),
    ("file:///p/main.py", "python", None),
    ("untitled:Untitled-1", "dockerfile", "dockerfile"),
])
def test_document_kinds(uri, language, kind):
    assert kind_of(uri, language) == kind


def test_config_file_names():
    assert is_config_file("/p/.dlint.toml") and is_config_file("/p/.hadolint.yaml") and is_config_file("/p/pyproject.toml")
    assert not is_config_file("/p/compose.yaml")


def test_settings_nearest_config_and_client_options(tmp_path: Path):
    (tmp_path / ".dlint.toml").write_text('ignore = ["DL3008"]\n')
    store = SettingsStore()
    store.update({"ignore": ["DL3014"]})
    settings, key = store.for_path(tmp_path / "sub" / "Dockerfile")
    assert settings.source == tmp_path / ".dlint.toml"
    assert set(settings.ignore) == {"DL3008", "DL3014"}
    assert store.for_path(tmp_path / "sub" / "Dockerfile")[1] == key


def test_settings_table_from_the_editor(tmp_path: Path):
    store = SettingsStore()
    store.update({"config": {"select": ["DL3014"]}})
    settings, _ = store.for_path(tmp_path / "Dockerfile")
    assert settings.select == ("DL3014",)


def test_bad_config_is_logged_and_defaults_used(tmp_path: Path):
    (tmp_path / ".dlint.toml").write_text("ignore = [\n")
    logged: list[str] = []
    engine = Engine(SettingsStore(), logged.append)
    document = make_document((tmp_path / "Dockerfile").as_uri(), "dockerfile", "FROM debian\nRUN apt-get install -y curl=1\n")
    outcome = engine.lint(document, {document.uri: document})
    assert "DL3006" in {finding.code for finding in outcome.findings}
    assert any(".dlint.toml" in message for message in logged)


def test_rule_crash_is_logged_and_other_rules_report(tmp_path: Path, monkeypatch):
    from dlint.rules.dockerfile import dl3014_apt_get_without_yes as module  # noqa: F401 - the rule whose hook fails

    rule = next(value for value in vars(module).values() if isinstance(value, type) and getattr(value, "code", "") == "DL3014")

    def boom(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        raise RuntimeError("rule bug")

    for hook in ("check_instruction", "check_stage", "check_dockerfile"):
        if hook in vars(rule):
            monkeypatch.setattr(rule, hook, boom)
    logged: list[str] = []
    engine = Engine(SettingsStore(), logged.append)
    document = make_document((tmp_path / "Dockerfile").as_uri(), "dockerfile", "FROM python:3.12\nRUN apt-get install curl\n")
    outcome = engine.lint(document, {document.uri: document})
    found = {finding.code for finding in outcome.findings}
    assert "DL3008" in found  # the other rules still report (the engine marks the failed one's place)
    assert any("rule bug" in message for message in logged)


def test_same_text_is_not_linted_again(tmp_path: Path, monkeypatch):
    engine = Engine(SettingsStore(), lambda message: None)
    document = make_document((tmp_path / "Dockerfile").as_uri(), "dockerfile", "FROM python:3.12\n")
    first = engine.lint(document, {document.uri: document})
    linter, _ = engine.linter(document)
    monkeypatch.setattr(linter, "lint", lambda sources: pytest.fail("linted again"))
    assert engine.lint(document, {document.uri: document}) is first


def test_overlay_is_emptied_after_the_lint(tmp_path: Path):
    from dlint import reading

    path = tmp_path / "Dockerfile"
    path.write_text("FROM disk\n")
    document = make_document(path.as_uri(), "dockerfile", "FROM buffer\n")
    with buffers_over_disk([document]):
        assert reading.read_regular(path) == b"FROM buffer\n"
    assert reading.OVERLAY == {}
    assert reading.read_regular(path) == b"FROM disk\n"


def test_hover_texts():
    about = rule_text("DL3014")
    assert about.startswith("**DL3014**") and "Why is this bad?" in about and "/rules/DL3014.md" in about
    assert rule_text("apt-get-without-yes") == about
    assert rule_text("NOPE0") is None
    assert "shellcheck.net" in rule_text("SC2086")
    line = "image: nginx  # dlint: ignore=DC101,DC041 -- fine\n"
    positions = Positions(line)
    assert suppression_code_at(line, positions, types.Position(line=0, character=line.index("DC041") + 2)) == "DC041"
    assert suppression_code_at(line, positions, types.Position(line=0, character=2)) is None


def test_config_maps_a_file_to_compose(tmp_path: Path):
    (tmp_path / ".dlint.toml").write_text('compose-files = ["stack.yml"]\n')
    store = SettingsStore()
    assert store.maps_to_compose((tmp_path / "stack.yml").resolve())
    assert not store.maps_to_compose((tmp_path / "other.yml").resolve())


def test_check_does_not_import_the_server(tmp_path: Path):
    import subprocess
    import sys

    (tmp_path / "Dockerfile").write_text("FROM debian:12\n")
    for command in (["check", "Dockerfile"], ["check", "--format", "json", "Dockerfile"]):
        run = subprocess.run([sys.executable, "-X", "importtime", "-m", "dlint", *command], cwd=tmp_path,
                             capture_output=True, text=True, timeout=120)
        imported = [line for line in run.stderr.splitlines() if "pygls" in line or "lsprotocol" in line or "dlint.server" in line]
        assert imported == [], command
