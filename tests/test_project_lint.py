"""Compose projects and the Dockerfiles they build, linted together."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlint.engine.config import settings_from_dlint
from dlint.engine.discovery import IgnoreList, discover
from dlint.engine.lint import Linter, read_source

COMPOSE = """services:
  api:
    build:
      context: ./api
      dockerfile: docker/app.df
"""


def lint(root: Path, **config) -> list[str]:
    settings = settings_from_dlint({"select": ["DL3006", "DX001"], **config}, root, None, "test")
    found = discover([Path(".")], None, None)
    sources = [read_source(item.path, item.kind, str(item.path)) for item in found.files]
    result = Linter(settings).lint(sources)
    assert result.errors == []
    return [f"{finding.path}:{finding.span.line}:{finding.span.column} {finding.code}" for finding in result.findings]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    (tmp_path / "api" / "docker").mkdir(parents=True)
    (tmp_path / "api" / "docker" / "app.df").write_text("FROM debian\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_dockerfile_with_an_unusual_name_is_linted_through_compose(project: Path) -> None:
    assert lint(project) == ["api/docker/app.df:1:6 DL3006"]


def test_it_is_linted_once_when_discovery_found_it_too(project: Path) -> None:
    (project / "api" / "docker" / "app.df").rename(project / "api" / "docker" / "Dockerfile")
    (project / "compose.yaml").write_text(COMPOSE.replace("app.df", "Dockerfile"))
    assert lint(project) == ["api/docker/Dockerfile:1:6 DL3006"]


def test_excluded_dockerfiles_stay_excluded(project: Path) -> None:
    assert lint(project, exclude=["api/docker/"]) == []
    assert lint(project, **{"extend-exclude": ["api/docker/"]}) == []


def test_a_missing_dockerfile_is_reported_in_compose(project: Path) -> None:
    (project / "api" / "docker" / "app.df").unlink()
    assert lint(project) == ["compose.yaml:5:19 DX001"]


def lint_paths(paths: list[Path], select: list[str], root: Path, **config) -> list[str]:
    settings = settings_from_dlint({"select": select, **config}, root, None, "test")
    exclude = IgnoreList.from_lines(settings.root.absolute(), settings.exclude) if settings.exclude else None
    found = discover(paths, exclude, None)
    sources = [read_source(item.path, item.kind, str(item.path)) for item in found.files]
    result = Linter(settings).lint(sources)
    assert result.errors == []
    return [f"{finding.path}:{finding.span.line}:{finding.span.column} {finding.code}" for finding in result.findings]


@pytest.fixture
def floating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose Dockerfile builds on a floating tag (DX007 points into the Dockerfile)."""
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    build: .\n")
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nFROM node:lts-slim\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_findings_in_a_dockerfile_use_the_path_it_is_shown_with(floating: Path) -> None:
    shown = floating / "Dockerfile"
    assert lint_paths([floating], ["DX007"], floating) == [f"{shown}:2:11 DX007"]
    assert lint_paths([Path(".")], ["DX007"], floating) == ["Dockerfile:2:11 DX007"]


def test_findings_in_an_excluded_dockerfile_are_left_out(floating: Path) -> None:
    assert lint_paths([Path(".")], ["DX007"], floating, exclude=["Dockerfile"]) == []


def test_suppression_comments_in_the_dockerfile_apply(floating: Path) -> None:
    (floating / "Dockerfile").write_text("FROM python:3.12-slim\n# dlint: ignore=DX007\nFROM node:lts-slim\n")
    assert lint_paths([Path(".")], ["DX007"], floating) == []


def test_a_dockerfile_two_projects_build_is_reported_once(floating: Path) -> None:
    (floating / "other").mkdir()
    (floating / "other" / "compose.yaml").write_text("services:\n  job:\n    build: ..\n")
    assert lint_paths([Path(".")], ["DX007"], floating) == ["Dockerfile:2:11 DX007"]


def test_linting_only_the_compose_file_reaches_the_dockerfile(floating: Path) -> None:
    assert lint_paths([Path("compose.yaml")], ["DX007"], floating) == ["Dockerfile:2:11 DX007"]


def test_the_compose_build_context_of_each_dockerfile_is_known(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  api:\n    build:\n      context: .\n      dockerfile: docker/api.df\n"
        "  web:\n    build:\n      context: web\n      dockerfile: ../docker/Dockerfile\n"
        "  again:\n    build:\n      context: docker\n      dockerfile: Dockerfile\n"
    )
    (tmp_path / "docker").mkdir()
    (tmp_path / "web").mkdir()
    (tmp_path / "docker" / "api.df").write_text("FROM python:3.12-slim\n")
    (tmp_path / "docker" / "Dockerfile").write_text("FROM nginx:1.27-alpine\n")
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\n")  # built by no service
    monkeypatch.chdir(tmp_path)
    settings = settings_from_dlint({"select": ["DL3006"]}, tmp_path, None, "test")
    found = discover([Path(".")], None, None)
    linter = Linter(settings)
    linter.lint([read_source(item.path, item.kind, str(item.path)) for item in found.files])
    assert linter.build_contexts == {
        "docker/api.df": tmp_path.resolve(),
        "docker/Dockerfile": (tmp_path / "web").resolve(),  # the first service that builds it
    }


def test_a_dockerfile_built_by_compose_sees_the_services_build_context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docker").mkdir()
    (tmp_path / "docker" / "Dockerfile").write_text("FROM python:3.12-slim\nCOPY .env /app/.env\n")
    (tmp_path / ".dockerignore").write_text(".env\n")
    (tmp_path / ".env").write_text("A=1\n")
    monkeypatch.chdir(tmp_path)
    # alone, its context is its own folder, where no ignore file leaves .env out
    assert lint_paths([Path("docker/Dockerfile")], ["DF039"], tmp_path) == []
    (tmp_path / "compose.yaml").write_text("services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n")
    assert lint_paths([Path(".")], ["DF039"], tmp_path) == ["docker/Dockerfile:2:6 DF039"]
