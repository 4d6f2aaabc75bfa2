"""Compose projects as docker compose forms them: base + override, alternative files,
overlays, COMPOSE_FILE, compose-projects, and named-file runs (fixtures/projects)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlint.engine.config import Settings
from dlint.engine.discovery import discover
from dlint.engine.lint import Linter, read_source

PROJECTS = Path(__file__).resolve().parent.parent / "fixtures" / "projects"
FOLDERS = sorted(path.name for path in PROJECTS.iterdir() if path.is_dir())


@pytest.fixture(autouse=True)
def _no_compose_file_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMPOSE_FILE", raising=False)
    monkeypatch.delenv("COMPOSE_PATH_SEPARATOR", raising=False)


def _lint(folder: Path, targets: list[str], settings: Settings | None = None) -> list[str]:
    """``dlint check TARGETS`` run in ``folder``: 'path:line:column CODE' of each finding."""
    found = discover([Path(target) for target in targets])
    sources = []
    for item in found.files:
        source = read_source(item.path, item.kind, str(item.path))
        source.named = item.explicit
        sources.append(source)
    result = Linter(settings or Settings(root=folder)).lint(sources)
    assert result.errors == []
    return [f"{finding.path}:{finding.span.line}:{finding.span.column} {finding.code}" for finding in result.findings]


def _compose_files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*.y*ml") if "compose" in path.name)


@pytest.mark.parametrize("name", FOLDERS)
def test_a_named_compose_file_gets_exactly_its_findings_of_the_folder_run(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = PROJECTS / name
    monkeypatch.chdir(folder)
    whole = _lint(folder, ["."])
    for path in _compose_files(folder):
        assert _lint(folder, [path]) == [line for line in whole if line.startswith(f"{path}:")], path


def test_an_alternative_file_is_a_project_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = PROJECTS / "alternative-files"
    monkeypatch.chdir(folder)
    # the same host port in compose.yaml and docker-compose.prod.yml is no clash (DC013),
    # and the prod file's network_mode: host is reported
    assert _lint(folder, ["."]) == [
        "compose.yaml:2:3 DC042",
        "compose.yaml:2:3 DC043",
        "docker-compose.prod.yml:2:3 DC042",
        "docker-compose.prod.yml:2:3 DC043",
        "docker-compose.prod.yml:6:19 DC037",
    ]


def test_an_overlay_is_read_with_the_base_and_reports_only_its_own_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = PROJECTS / "overlay-dev"
    monkeypatch.chdir(folder)
    found = _lint(folder, ["compose.dev.yaml"])
    # api is the base's service (no false "no image" or restart findings on it); cache is not
    assert found == ["compose.dev.yaml:4:9 DC054", "compose.dev.yaml:5:17 DC036"]


def test_a_staged_override_is_linted_with_its_base_and_a_staged_base_with_its_override(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = PROJECTS / "override-staged"
    monkeypatch.chdir(folder)
    assert _lint(folder, ["compose.override.yaml"]) == ["compose.override.yaml:5:9 DC054"]
    # the restart policy is in the override: no DC041 on the base
    assert _lint(folder, ["compose.yaml"]) == ["compose.yaml:2:3 DC043"]


def test_compose_file_in_the_env_file_names_the_project(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = PROJECTS / "compose-file-variable"
    monkeypatch.chdir(folder)
    assert _lint(folder, ["compose.ci.yaml"]) == ["compose.ci.yaml:4:9 DC054"]


def test_compose_file_in_the_environment_applies_to_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "compose.yaml").write_text("services:\n  app:\n    image: acme/app:2.0\n")
    (tmp_path / "compose.ci.yaml").write_text("services:\n  app:\n    ports: ['8080:80']\n  app2:\n    image: acme/app:2.0\n    ports: ['8080:80']\n")
    monkeypatch.chdir(tmp_path)
    settings = Settings(root=tmp_path, select=("DC013",))
    assert _lint(tmp_path, ["."], settings) == ["compose.ci.yaml:6:13 DC013"]  # an overlay of compose.yaml
    monkeypatch.setenv("COMPOSE_FILE", "compose.ci.yaml")
    assert _lint(tmp_path, ["."], settings) == ["compose.ci.yaml:6:13 DC013"]  # compose.ci.yaml alone is the folder's project
    monkeypatch.setenv("COMPOSE_FILE", "compose.yaml;compose.ci.yaml")
    monkeypatch.setenv("COMPOSE_PATH_SEPARATOR", ";")
    assert _lint(tmp_path, ["."], settings) == ["compose.ci.yaml:6:13 DC013"]


def test_compose_projects_from_the_settings_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "compose.yaml").write_text("services:\n  app:\n    image: acme/app:2.0\n    ports: ['8080:80']\n")
    (tmp_path / "compose.ci.yaml").write_text("services:\n  other:\n    image: acme/other:1.0\n    ports: ['8080:80']\n")
    monkeypatch.chdir(tmp_path)
    alone = Settings(root=tmp_path, select=("DC013",))
    assert _lint(tmp_path, ["."], alone) == []  # compose.ci.yaml shares no service: a project of its own
    together = Settings(root=tmp_path, select=("DC013",), compose_projects=((tmp_path / "compose.yaml", tmp_path / "compose.ci.yaml"),))
    assert _lint(tmp_path, ["."], together) == ["compose.ci.yaml:4:13 DC013"]


def test_a_value_through_an_anchor_is_reported_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "compose.yaml").write_text(
        "x-base: &base\n  image: acme/app\n  privileged: true\n"
        "services:\n  a:\n    <<: *base\n  b:\n    <<: *base\n  c:\n    <<: *base\n"
    )
    monkeypatch.chdir(tmp_path)
    assert _lint(tmp_path, ["."], Settings(root=tmp_path, select=("DC001", "DC036"))) == ["compose.yaml:2:10 DC001", "compose.yaml:3:15 DC036"]


def test_a_file_in_a_folder_without_a_base_file_is_a_fragment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # frappe_docker's overrides/compose.*.yaml are read with -f after the root compose.yaml
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "compose.migrator.yaml").write_text(
        "services:\n  migrator:\n    image: acme/migrate:1.0\n    depends_on: [configurator]\n    volumes: [sites:/sites]\n    privileged: true\n"
    )
    monkeypatch.chdir(tmp_path)
    # the undefined service and volume may be in the files it is read with; privileged is certain
    assert _lint(tmp_path, ["."], Settings(root=tmp_path, select=("DC054", "DC046", "DC036"))) == ["overrides/compose.migrator.yaml:6:17 DC036"]


def test_debug_compose_of_a_folder_shows_the_projects_and_why(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from dlint.parsers.compose_debug import dump_projects

    monkeypatch.chdir(PROJECTS / "overlay-dev")
    assert json.loads(dump_projects(".")) == {
        "projects": [
            {"files": ["compose.yaml", "compose.dev.yaml"], "reports": ["compose.dev.yaml"], "why": "an overlay of compose.yaml: its services add to theirs"},
            {"files": ["compose.yaml"], "reports": ["compose.yaml"], "why": "compose.yaml is the folder's Compose file"},
        ],
        "errors": [],
    }


def test_a_layer_whose_new_services_need_the_base_services_is_an_overlay(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = PROJECTS / "extra-layer"
    monkeypatch.chdir(folder)
    found = [line for line in _lint(folder, ["."]) if line.split()[1] in ("DC036", "DC054")]
    # chatbot's depends_on names the base's collector: no DC054, read as base + layer;
    # probe names a service no file defines: a project of its own, and DC054;
    # helper needs opamp of another layer (compose.observability.yaml): a fragment, no DC054
    assert found == ["compose.agent.yaml:6:17 DC036", "compose.standalone.yaml:7:9 DC054"]


def test_an_overlay_needing_another_layers_service_is_read_as_a_fragment(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from dlint.parsers.compose_debug import dump_projects

    monkeypatch.chdir(PROJECTS / "extra-layer")
    projects = {project["reports"][0]: project for project in json.loads(dump_projects("."))["projects"]}
    assert projects["compose.assistant.yaml"] == {
        "files": ["compose.yaml", "compose.assistant.yaml"],
        "reports": ["compose.assistant.yaml"],
        "why": "an overlay of compose.yaml: its services add to theirs; it needs opamp, which neither defines"
        " (another -f layer may: read as a fragment)",
    }
    assert projects["compose.observability.yaml"]["why"] == "an overlay of compose.yaml: its services need theirs"


def test_an_included_file_is_reported_by_the_project_that_includes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # laradock's pattern: web/compose.yml is its folder's base file, but the root file
    # includes it with project_directory: . — its network, its dependency and its build
    # context (./web from the root) are the including project's, not errors of its own
    folder = PROJECTS / "included-services"
    settings = Settings(root=folder, select=("DC046", "DC054", "DX001", "DX002", "DC057", "DC042"))
    monkeypatch.chdir(folder)
    expected = ["web/compose.yml:2:3 DC042", "web/compose.yml:5:18 DC057"]
    assert _lint(folder, ["."], settings) == ["compose.yaml:9:3 DC042", *expected]
    assert _lint(folder, ["web/compose.yml"], settings) == expected
    monkeypatch.chdir(folder / "web")  # from the included file's own folder, the root file is found above it
    assert _lint(folder / "web", ["compose.yml"], settings) == [line.removeprefix("web/") for line in expected]
