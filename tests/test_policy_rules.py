"""Policy rules set from config without code: DF060/DC080 (``allowed-base-images``,
``denied-base-images``) and DC081 (``required-compose-keys``). The cases of each rule are in
fixtures/rules/; these tests check what the case runner cannot: the messages naming the
config file and key, the settings' checks, and Compose projects of several files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlint.cli import app
from dlint.engine.config import ConfigError, settings_from_dlint
from dlint.knowledge.image_policy import matching

RUNNER = CliRunner()
POLICY = ["--select", "DF060,DC080,DC081"]


def check(folder: Path, *options: str) -> tuple[int, list[dict], str]:
    result = RUNNER.invoke(app, ["check", "--format", "json", *POLICY, *options, str(folder)], env={"NO_COLOR": "1"})
    findings = json.loads(result.stdout) if result.stdout.strip().startswith("[") else []
    return result.exit_code, findings, result.stdout + (result.stderr or "")


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def shown(findings: list[dict]) -> list[str]:
    return [f"{f['path']}:{f['line']}:{f['column']}: {f['code']} {f['message']}" for f in findings]


def test_messages_name_the_glob_the_key_and_the_config_file(tmp_path: Path) -> None:
    write(tmp_path, {
        "pyproject.toml": '[tool.dlint]\nallowed-base-images = ["docker.io/library/*"]\ndenied-base-images = ["*:latest"]\n'
                          'required-compose-keys = ["restart", "mem_limit|deploy.resources.limits.memory"]\n',
        "Dockerfile": "FROM python:latest AS old\nFROM ghcr.io/acme/base:1.2\n",
        "compose.yaml": "services:\n  web:\n    image: ghcr.io/acme/web:1\n    restart: always\n",
    })  # fmt: skip
    status, findings, _ = check(Path("."))
    assert status == 1
    assert shown(findings) == [
        "Dockerfile:1:6: DF060 base image python:latest matches '*:latest' of denied-base-images (pyproject.toml [tool.dlint])",
        "Dockerfile:2:6: DF060 base image ghcr.io/acme/base:1.2 matches none of allowed-base-images (pyproject.toml [tool.dlint])",
        "compose.yaml:2:3: DC081 service web does not set mem_limit or deploy.resources.limits.memory, which required-compose-keys requires (pyproject.toml [tool.dlint])",
        "compose.yaml:3:12: DC080 image ghcr.io/acme/web:1 of service web matches none of allowed-base-images (pyproject.toml [tool.dlint])",
    ]


def test_a_config_in_a_sub_folder_and_a_command_line_override_are_named(tmp_path: Path) -> None:
    write(tmp_path, {"svc/.dlint.toml": 'denied-base-images = ["centos*"]\n', "svc/Dockerfile": "FROM centos:7\n"})
    _, findings, _ = check(Path("svc"))
    assert [f["message"] for f in findings] == ["base image centos:7 matches 'centos*' of denied-base-images (svc/.dlint.toml)"]
    _, findings, _ = check(Path("svc"), "--config", 'denied-base-images = ["centos:7"]')
    assert [f["message"] for f in findings] == ["base image centos:7 matches 'centos:7' of denied-base-images (--config 'denied-base-images = [\"centos:7\"]')"]


def test_without_a_policy_the_rules_report_nothing(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": "FROM centos:7\n", "compose.yaml": "services:\n  web:\n    image: nginx:latest\n"})
    assert check(Path("."))[:2] == (0, [])


def test_the_policy_rules_are_ignored_like_any_other(tmp_path: Path) -> None:
    write(tmp_path, {".dlint.toml": 'denied-base-images = ["centos"]\nignore = ["base-image-policy"]\n', "Dockerfile": "FROM centos:7\n",
                     "compose.yaml": "services:\n  os:\n    image: centos:7 # dlint: ignore=DC080\n"})  # fmt: skip
    assert not [f for f in check(Path("."), "--select", "ALL")[1] if f["code"] in ("DF060", "DC080")]


def test_required_keys_are_judged_on_the_merged_project_and_reported_where_the_service_is_defined(tmp_path: Path) -> None:
    write(tmp_path, {
        ".dlint.toml": 'required-compose-keys = ["restart", "logging.driver"]\n',
        "common.yaml": "services:\n  base:\n    image: acme/base:1\n    logging:\n      driver: json-file\n",
        "compose.yaml": "services:\n  api:\n    extends:\n      file: common.yaml\n      service: base\n  web:\n    image: nginx:1.27\n",
        "compose.override.yaml": "services:\n  api:\n    restart: always\n",
    })  # fmt: skip
    _, findings, _ = check(Path("."))
    assert shown(findings) == [
        "compose.yaml:6:3: DC081 service web does not set restart, logging.driver, which required-compose-keys requires (.dlint.toml)",
    ]
    _, named, _ = check(Path("compose.override.yaml"))  # a named override file: linted in its project
    assert named == []


def test_dlint_config_shows_the_policies(tmp_path: Path) -> None:
    write(tmp_path, {".dlint.toml": 'allowed-base-images = ["ghcr.io/acme/*"]\nrequired-compose-keys = { "*" = ["restart"], "db*" = ["volumes"] }\n'})
    result = RUNNER.invoke(app, ["config", "."])
    shown_config = json.loads(result.stdout[: result.stdout.rindex("}") + 1]) if result.stdout.lstrip().startswith("{") else None
    text = result.stdout
    assert '"allowed-base-images": [\n    "ghcr.io/acme/*"\n  ]' in text or (shown_config and shown_config["allowed-base-images"] == ["ghcr.io/acme/*"])
    assert '"db*": [' in text and '"denied-base-images": null' in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"allowed-base-images": 3}, "case: allowed-base-images: expected a list of strings, got 3"),
        ({"denied-base-images": [1]}, "case: denied-base-images: expected a list of strings, got [1]"),
        ({"required-compose-keys": {"*": "restart", "db": 2}}, "case: required-compose-keys.db: expected a list of strings, got 2"),
        ({"required-compose-key": []}, "case: unknown key 'required-compose-key'"),
    ],
)
def test_bad_policy_settings_name_the_key(tmp_path: Path, data: dict, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        settings_from_dlint(data, tmp_path, None, "case")
    assert str(caught.value) == message


def test_a_policy_is_handed_to_the_rules_with_where_it_was_set(tmp_path: Path) -> None:
    settings = settings_from_dlint({"denied-base-images": ["a"], "required-compose-keys": ["restart"]}, tmp_path, None, "case")
    shared = settings.shared_options()
    assert shared["denied_base_images"] == ["a"] and shared["required_compose_keys"] == ["restart"]
    assert shared["policy_origins"] == {"denied-base-images": "case", "required-compose-keys": "case"}
    assert "allowed_base_images" not in shared


@pytest.mark.parametrize(
    ("reference", "pattern", "matches"),
    [
        ("python:3.12-slim", "python", True),
        ("python:3.12-slim", "python:3.12*", True),
        ("python:3.12-slim", "python:3.11*", False),
        ("python:3.12-slim", "docker.io/library/*", True),
        ("library/python:3.12", "python", True),
        ("index.docker.io/library/python:3.12", "python:3.12", True),
        ("acme/api:1", "docker.io/library/*", False),
        ("acme/api:1", "docker.io/acme/*", True),
        ("ghcr.io/acme/api:1.4@sha256:" + "a" * 64, "ghcr.io/acme/api", True),
        ("ghcr.io/acme/api:1.4", "GHCR.IO/ACME/*", True),
        ("ghcr.io/acme/api:1.4", "acme/*", False),
        ("localhost:5000/tools/x:1", "localhost:5000/*", True),
        ("pythonista/tool:1", "python", False),
    ],
)
def test_image_globs(reference: str, pattern: str, matches: bool) -> None:
    assert (matching(reference, [pattern]) is not None) is matches
