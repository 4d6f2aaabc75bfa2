"""Compose projects and the Dockerfiles they build, linted together."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlint.engine.config import settings_from_dlint
from dlint.engine.discovery import discover
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


def test_a_missing_dockerfile_is_reported_in_compose(project: Path) -> None:
    (project / "api" / "docker" / "app.df").unlink()
    assert lint(project) == ["compose.yaml:5:19 DX001"]
