"""The pre-commit hook: its file pattern, and a real `pre-commit try-repo` run on a temporary repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())


def _hook() -> dict:
    (hook,) = HOOKS
    return hook


@pytest.mark.parametrize(
    ("path", "matched"),
    [
        ("Dockerfile", True),
        ("services/api/Dockerfile", True),
        ("Dockerfile.dev", True),
        ("docker/api.Dockerfile", True),
        ("build/web.dockerfile", True),
        ("Containerfile", True),
        ("images/Containerfile.arm64", True),
        ("compose.yaml", True),
        ("deploy/compose.override.yml", True),
        ("docker-compose.yml", True),
        ("ops/docker-compose-prod.yaml", True),
        ("composer.yaml", False),
        ("values.yaml", False),
        ("Dockerfile.dockerignore", False),
        ("dlint/models/dockerfile.py", False),
        ("dockerfile", True),
        ("README.md", False),
    ],
)
def test_files_pattern(path: str, matched: bool) -> None:
    hook = _hook()
    selected = re.search(hook["files"], path) is not None and re.search(hook["exclude"], path) is None
    assert selected is matched


def test_hook_declaration() -> None:
    hook = _hook()
    # --force-exclude: the files pre-commit names are left out when the config excludes them
    assert (hook["id"], hook["language"], hook["entry"]) == ("dlint", "python", "dlint check --force-exclude")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.skipif(
    not (ROOT / ".git").exists(),
    reason="pre-commit try-repo needs this project as a git repository (an unpacked sdist is not one)",
)
def test_pre_commit_try_repo_runs_the_hook(tmp_path: Path) -> None:
    """Installs this checkout as a hook repository (pip needs the package index for setuptools)."""
    pre_commit = Path(sys.executable).with_name("pre-commit")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "Dockerfile").write_text("FROM debian\n")
    (repo / "svc").mkdir()
    (repo / "svc" / "Dockerfile").write_text("FROM debian:12-slim\n")
    (repo / "notes.txt").write_text("FROM debian\n")
    for excluded in ("legacy", "vendor"):  # by the exclude setting; vendor/ is vendored as well
        (repo / excluded).mkdir()
        (repo / excluded / "Dockerfile").write_text("FROM debian\n")
    (repo / ".dlint.toml").write_text('exclude = ["legacy/"]\n')
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    result = subprocess.run(
        [str(pre_commit), "try-repo", str(ROOT), "dlint", "--all-files", "--verbose"],
        cwd=repo, capture_output=True, text=True, env=env, timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Dockerfile:1:6: DL3006 [warning] base image debian has no tag" in output
    assert "svc/Dockerfile" not in output.split("Found", 1)[0].replace("svc/Dockerfile:", "")  # clean file
    assert "notes.txt" not in output
    assert "legacy/Dockerfile" not in output and "vendor/Dockerfile" not in output
    assert "dlint: " not in output  # no error or warning either
