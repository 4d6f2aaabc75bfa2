"""Compose options of a run: --env-file, --compose-file and compose-schema, from the CLI and config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlint.cli import app

RUNNER = CliRunner()
COMPOSE = "services:\n  web:\n    image: nginx:${TAG}\n"


def run(args: list[str]):
    return RUNNER.invoke(app, ["check", "--format", "json", "--select", "DC001,DC002", *args], env={"NO_COLOR": "1"})


def codes(result) -> list[str]:
    return [f"{item['path']}:{item['line']}:{item['column']} {item['code']}" for item in json.loads(result.stdout)]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    (tmp_path / "prod.env").write_text("TAG=latest\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_unknown_variables_are_not_judged_without_an_env_file(project: Path) -> None:
    result = run(["."])
    assert (result.exit_code, codes(result)) == (0, [])


def test_env_file_fills_in_variables(project: Path) -> None:
    result = run([".", "--env-file", "prod.env"])
    assert (result.exit_code, codes(result)) == (1, ["compose.yaml:3:12 DC001"])


def test_env_file_from_config(project: Path) -> None:
    (project / ".dlint.toml").write_text('env-file = "prod.env"\n')
    assert codes(run(["."])) == ["compose.yaml:3:12 DC001"]


def test_missing_env_file_is_an_error(project: Path) -> None:
    result = run([".", "--env-file", "nope.env"])
    assert result.exit_code == 2
    assert "nope.env: env file not found" in result.stderr


def test_compose_files_make_one_project_in_order(project: Path) -> None:
    (project / "compose.yaml").write_text("services:\n  web:\n    image: nginx:1.27\n")
    (project / "staging.yaml").write_text("services:\n  web:\n    image: nginx:latest\n")
    result = run(["--compose-file", "compose.yaml", "--compose-file", "staging.yaml"])
    assert codes(result) == ["staging.yaml:3:12 DC001"]


def test_compose_schema_validates_in_addition(project: Path) -> None:
    schema = {
        "type": "object",
        "properties": {"services": {"type": "object", "additionalProperties": {"type": "object", "required": ["restart"]}}},
    }
    (project / "extra.json").write_text(json.dumps(schema))
    (project / ".dlint.toml").write_text('compose-schema = "extra.json"\n')
    result = run(["."])
    assert codes(result) == ["compose.yaml:2:3 DC002"]
    assert "restart" in json.loads(result.stdout)[0]["message"]


def test_unreadable_compose_schema_is_an_error(project: Path) -> None:
    (project / "extra.json").write_text("{")
    (project / ".dlint.toml").write_text('compose-schema = "extra.json"\n')
    result = run(["."])
    assert result.exit_code == 2
    assert "cannot use as compose-schema" in result.stderr


def test_ill_typed_compose_keys_name_the_key(project: Path) -> None:
    (project / ".dlint.toml").write_text("compose-files = 3\n")
    result = run(["."])
    assert result.exit_code == 2
    assert "compose-files" in result.stderr
