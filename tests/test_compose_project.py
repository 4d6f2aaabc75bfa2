"""The project view: discovery, override merging, extends, include, references, lint path, debug dump."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dlint.engine.config import Settings
from dlint.engine.lint import Linter, SourceFile
from dlint.engine.registry import find_rule
from dlint.parsers.compose.project import discover_compose_files, load_compose_project, read_variables
from dlint.parsers.compose_debug import dump_compose

PROJECT = Path(__file__).resolve().parent.parent / "fixtures" / "parser" / "compose" / "project"


def shown(path: Path) -> str:
    return path.relative_to(PROJECT).as_posix()


@pytest.fixture(scope="module")
def project():
    return load_compose_project(discover_compose_files(PROJECT), display=shown)


def origin(node):
    return (node.path, node.span.line, node.span.column)


def test_discovery_finds_main_file_then_override(tmp_path):
    assert [p.name for p in discover_compose_files(PROJECT)] == ["compose.yaml", "compose.override.yaml"]
    (tmp_path / "docker-compose.yml").write_text("services: {}\n")
    (tmp_path / "docker-compose.override.yaml").write_text("services: {}\n")
    (tmp_path / "compose.yml").write_text("services: {}\n")
    assert [p.name for p in discover_compose_files(tmp_path)] == ["compose.yml", "docker-compose.override.yaml"]


def test_variables_come_from_dotenv_or_the_env_file_never_the_shell(tmp_path, monkeypatch):
    monkeypatch.setenv("NGINX_TAG", "from-shell")
    assert read_variables(PROJECT) == {"NGINX_TAG": "1.26", "PG_VERSION": "16"}
    other = tmp_path / "ci.env"
    other.write_text("NGINX_TAG=ci\n")
    assert read_variables(PROJECT, other) == {"NGINX_TAG": "ci"}


def test_every_file_is_read_once_in_order(project):
    assert [f.path for f in project.files] == [
        "compose.yaml", "db/compose.yaml", "compose.override.yaml", "shared/base.yaml"
    ]
    assert [f.is_override for f in project.files] == [False, False, True, False]
    assert [i.message for f in project.files for i in f.issues] == []
    assert project.name == "shop"


def test_override_merges_by_compose_rules_and_remembers_origins(project):
    web = project.services["web"]
    assert web.image.effective == "nginx:1.26"
    assert [(p.published, p.target) for p in web.ports] == [("8080", "80"), ("8443", "443")]  # duplicate dropped
    assert [origin(p) for p in web.ports] == [("compose.yaml", 8, 9), ("compose.override.yaml", 4, 9)]
    assert [(v.source, v.target, v.path) for v in web.volumes] == [
        ("./dev-site", "/srv", "compose.override.yaml"),  # same target: replaced
        ("logs", "/var/log/nginx", "compose.yaml"),
    ]
    assert {name: (var.value.value, var.path) for name, var in web.environment.items()} == {
        "MODE": ("production", "compose.yaml"),
        "LEVEL": ("debug", "compose.override.yaml"),
    }
    assert [i.value for i in web.command.items] == ["nginx-debug", "-g", "daemon off;"]  # replaced, not appended
    assert origin(web.healthcheck.test) == ("compose.override.yaml", 12, 13)
    assert list(web.depends_on) == ["api"] and web.name_span.line == 5


def test_extends_from_another_file_then_override(project):
    api = project.services["api"]
    assert origin(api.image) == ("shared/base.yaml", 3, 12)
    assert {name: var.value.value for name, var in api.environment.items()} == {"ROLE": "api", "PYTHONUNBUFFERED": "1"}
    assert api.build.context.value == "./api"
    assert origin(api.restart) == ("compose.override.yaml", 15, 14)
    assert api.labels == {}  # !reset
    assert [e.file.value for e in api.env_file] == ["base.env"]
    assert (api.path, api.name_span.line) == ("compose.yaml", 17)


def test_included_services_and_resources_join_the_project(project):
    assert list(project.services) == ["db", "web", "api"]
    assert project.services["db"].image.effective == "postgres:16"
    assert set(project.volumes) == {"pgdata", "logs"}


def test_override_alone_is_not_missing_an_image(tmp_path):
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    image: nginx:1.27\n")
    (tmp_path / "compose.override.yaml").write_text("services:\n  web:\n    ports: ['80:80']\n")
    merged = load_compose_project(discover_compose_files(tmp_path)).services["web"]
    assert merged.image.value == "nginx:1.27" and merged.ports[0].published == "80"


def test_reference_problems_are_located_in_the_file_that_names_them(tmp_path):
    (tmp_path / "compose.yaml").write_text(
        "include: [a.yaml]\n"
        "services:\n"
        "  one:\n    extends: two\n"
        "  two:\n    extends: one\n"
        "  three:\n    extends: {file: base.yaml, service: missing}\n"
        "    env_file: [{path: absent.env, required: true}]\n"
    )
    (tmp_path / "a.yaml").write_text("include: [compose.yaml]\n")
    (tmp_path / "base.yaml").write_text("services:\n  present:\n    image: x:1\n")
    project = load_compose_project([tmp_path / "compose.yaml"], display=lambda p: p.name)
    found = sorted((i.path, i.span.line, i.span.column, i.message) for f in project.files for i in f.issues)
    assert found == [
        ("a.yaml", 1, 11, "include cycle: compose.yaml includes this file again"),
        ("compose.yaml", 4, 14, "extends cycle: service one extends itself through two"),
        ("compose.yaml", 6, 14, "extends cycle: service two extends itself through one"),
        ("compose.yaml", 8, 41, "extended service missing is not defined in base.yaml"),
        ("compose.yaml", 9, 23, "env_file absent.env does not exist (mark it required: false if it is optional)"),
    ]


def test_lint_path_reports_each_file_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    image: nginx\n")
    (tmp_path / "compose.override.yaml").write_text("services:\n  web:\n    image: nginx:latest\n    imgae: x\n")
    sources = [SourceFile(name, "compose", (tmp_path / name).read_text(), tmp_path / name) for name in ("compose.override.yaml", "compose.yaml")]
    rules = [find_rule("DC001"), find_rule("DC002")]
    result = Linter(Settings(), rules=rules).lint(sources)
    assert [(f.path, f.span.line, f.span.column, f.code) for f in result.findings] == [
        ("compose.override.yaml", 3, 12, "DC001"),
        ("compose.override.yaml", 4, 5, "DC002"),
        ("compose.yaml", 3, 12, "DC001"),
    ]


def test_debug_dump_is_json_of_the_merged_project():
    cwd = os.getcwd()
    os.chdir(PROJECT)
    try:
        data = json.loads(dump_compose(["compose.yaml", "compose.override.yaml"]))
    finally:
        os.chdir(cwd)
    assert data["name"] == "shop"
    assert list(data["services"]) == ["db", "web", "api"]
    port = data["services"]["web"]["ports"][1]
    assert (port["published"], port["path"], port["span"]["line"], port["span"]["column"]) == ("8443", "compose.override.yaml", 4, 9)
    assert [f["path"] for f in data["files"]] == ["compose.yaml", "db/compose.yaml", "compose.override.yaml", "shared/base.yaml"]
    assert data["variables"] == {"NGINX_TAG": "1.26", "PG_VERSION": "16"}
    assert data["services"]["web"]["keys"]["healthcheck"] == {
        "path": "compose.override.yaml", "line": 11, "column": 5, "value": {"test": ["CMD", "true"]}
    }
    assert data["services"]["web"]["keys"]["command"]["value"] == ["nginx-debug", "-g", "daemon off;"]


def test_listed_files_form_one_project_in_their_order(tmp_path, monkeypatch):
    from dlint.parsers.compose_lint import Projects

    monkeypatch.chdir(tmp_path)
    (tmp_path / "ci").mkdir()
    names = ["base.yml", "ci/extra.yml", "compose.override.yaml", "compose.yaml"]
    sources = [SourceFile(name, "compose", "services: {}\n", tmp_path / name) for name in names]
    for name in names:
        (tmp_path / name).write_text("services: {}\n")
    plans = Projects(sources, project_files=["ci/extra.yml", "base.yml"]).plans
    assert [([str(f.relative_to(tmp_path)) for f in plan.files], plan.why) for plan in plans] == [
        (["ci/extra.yml", "base.yml"], "named in --compose-file/compose-files"),
        (["compose.yaml", "compose.override.yaml"], "compose.yaml is the folder's Compose file, compose.override.yaml its override"),
    ]


def test_project_rules_judge_the_merged_project_and_point_at_the_causing_file(tmp_path, monkeypatch):
    from dlint.engine.rule import Rule
    from dlint.models.finding import Severity, Violation

    class SharedHostPort(Rule):
        """Test rule: two services publish the same host port."""

        code = "DC999"
        name = "test-shared-host-port"
        severity = Severity.ERROR
        category = "correctness"
        kind = "compose"

        def check_compose_project(self, ctx):
            owners = {}
            for service in ctx.project.services.values():
                for port in service.ports:
                    if port.published in owners:
                        yield Violation(port.span, f"{port.published} is also published by {owners[port.published]}", path=port.path)
                    owners.setdefault(port.published, service.name)

    monkeypatch.chdir(tmp_path)
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    image: x:1\n    ports: ['8080:80']\n  b:\n    image: y:1\n")
    (tmp_path / "compose.override.yaml").write_text("services:\n  b:\n    ports:\n      - 8080:81\n")
    sources = [SourceFile(name, "compose", (tmp_path / name).read_text(), tmp_path / name) for name in ("compose.yaml", "compose.override.yaml")]
    findings = Linter(Settings(), rules=[SharedHostPort]).lint(sources).findings
    assert [(f.path, f.span.line, f.span.column, f.message) for f in findings] == [
        ("compose.override.yaml", 4, 9, "8080 is also published by a")
    ]


def test_deploy_is_deep_merged_and_typed_again(tmp_path):
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: x:1\n    deploy:\n      replicas: 2\n      resources: {limits: {memory: 1G}}\n"
    )
    (tmp_path / "compose.override.yaml").write_text(
        "services:\n  web:\n    deploy:\n      resources: {limits: {cpus: '2'}}\n    dns: [9.9.9.9]\n"
    )
    web = load_compose_project(discover_compose_files(tmp_path), display=lambda p: p.name).services["web"]
    assert (web.deploy.replicas.value, web.deploy.limits.memory.value, web.deploy.limits.cpus.value) == (2, "1G", "2")
    assert (web.deploy.limits.memory.path, web.deploy.limits.cpus.path) == ("compose.yaml", "compose.override.yaml")
    assert [d.value for d in web.dns] == ["9.9.9.9"]


def test_debug_dump_lists_files_it_cannot_read(tmp_path):
    data = json.loads(dump_compose([tmp_path / "absent.yaml"]))
    assert data["errors"] == [f"{tmp_path / 'absent.yaml'}: cannot read the file"]
    assert data["services"] == {} and data["files"] == []


def test_project_rules_get_the_dockerfiles_services_build_from(tmp_path, monkeypatch):
    from dlint.engine.rule import Rule
    from dlint.models.finding import Severity, Violation

    seen = {}

    class Recorder(Rule):
        """Test rule: records what a project rule receives."""

        code = "DX999"
        name = "test-recorder"
        severity = Severity.INFO
        category = "correctness"
        kind = "project"

        def check_project(self, ctx):
            seen.update({path: [i.keyword for i in d.instructions] for path, d in ctx.dockerfiles.items()})
            return iter(())

    monkeypatch.chdir(tmp_path)
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "Dockerfile").write_text("FROM python:3.12\nRUN true\n")
    (tmp_path / "worker.Dockerfile").write_text("FROM alpine:3.20\n")
    (tmp_path / "compose.yaml").write_text(
        "services:\n  api:\n    build: ./api\n  worker:\n    build: {context: ., dockerfile: worker.Dockerfile}\n"
        "  inline:\n    build: {context: ., dockerfile_inline: FROM scratch}\n  gone:\n    build: ./missing\n"
    )
    sources = [SourceFile("compose.yaml", "compose", (tmp_path / "compose.yaml").read_text(), tmp_path / "compose.yaml")]
    assert Linter(Settings(), rules=[Recorder]).lint(sources).findings == []
    assert seen == {
        str((tmp_path / "api" / "Dockerfile").resolve()): ["FROM", "RUN"],
        str((tmp_path / "worker.Dockerfile").resolve()): ["FROM"],
    }


def test_hooks_and_watch_rules_are_appended(tmp_path):
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: x:1\n    post_start: [{command: a}]\n    develop: {watch: [{action: rebuild, path: .}]}\n"
    )
    (tmp_path / "compose.override.yaml").write_text(
        "services:\n  web:\n    post_start: [{command: b}]\n    develop: {watch: [{action: sync, path: ./src, target: /src}]}\n"
    )
    web = load_compose_project(discover_compose_files(tmp_path)).services["web"]
    assert [h.command.items[0].value for h in web.post_start] == ["a", "b"]
    assert [w.action.value for w in web.develop_watch] == ["rebuild", "sync"]
