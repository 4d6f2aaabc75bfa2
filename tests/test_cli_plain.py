"""A plain ``dlint check PATH…`` runs without typer and prints what the typer path prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dlint.cli_core import PLAIN_FLAGS, PLAIN_OPTIONS, plain_check, plain_command


def test_only_check_with_paths_alone_is_plain() -> None:
    assert plain_check(["check"]) and plain_check(["check", "Dockerfile", "services/"])
    assert not plain_check([]) and not plain_check(["rules"]) and not plain_check(["check", "-"])
    assert plain_check(["check", "Dockerfile", "--format", "json"]) and not plain_check(["-v", "check"])
    assert plain_check(["check", "--force-exclude", "Dockerfile", "-q"])  # the pre-commit hook's command line
    assert not plain_check(["check", "--force-exclude=1", "Dockerfile"]) and not plain_check(["check", "--verbose"])
    assert not plain_check(["check", "--", "-Dockerfile"])
    for typer_says in (["--format", "JSON"], ["--format"], ["--select", "-x"], ["-fjson"], ["-f=json"], ["--stdin-filename", "a"]):
        assert not plain_check(["check", *typer_says, "Dockerfile"]), typer_says


COMMAND_LINES = [
    ["check"],
    ["check", "--format", "json", "Dockerfile", "compose.yaml"],
    ["check", "-f", "sarif", "--sarif-category=app", "--root", "src", "--output", "report.sarif", "."],
    ["check", "--output-format=json", "-o", "out.json", "-j", "1", "--jobs=2", "Dockerfile"],
    ["check", "--select", "DL3006", "--select=DF0", "--extend-select", "security", "--ignore", "DL3008,DL3009", "--ignore=shellcheck"],
    ["check", "--fail-on", "none", "-t", "error", "--failure-threshold=warning", "--kind", "dockerfile", "x.txt"],
    ["check", "--config", "ruff.toml", "--config=select = ['DL3006']", "--exclude", "vendor/", "--extend-exclude=build/"],
    ["check", "--baseline", "b.json", "--force-exclude", "-q", "--no-color", "--exit-zero", "Dockerfile"],
]


@pytest.mark.parametrize("arguments", COMMAND_LINES)
def test_a_plain_command_line_gives_check_what_typer_gives(arguments: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The keywords read without typer, with :func:`check`'s defaults for the others,
    are those typer hands it."""
    import inspect

    from typer.testing import CliRunner

    import dlint.cli_core as core
    from dlint.cli import app
    from dlint.cli_coercion import install

    defaults = {name: parameter.default for name, parameter in inspect.signature(core.check).parameters.items()}
    given: dict = {}
    monkeypatch.setattr(core, "check", lambda **keywords: given.update(keywords))
    install()
    assert CliRunner().invoke(app, arguments).exit_code == 0
    paths, keywords = plain_command(arguments)
    del defaults["verbose"], given["verbose"]  # --verbose acts through typer's callback; check reads no value of it
    assert {**defaults, "paths": paths or None, **keywords} == given


def _imported(arguments: list[str], cwd: Path) -> set[str]:
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "dlint", *arguments], cwd=cwd, capture_output=True, text=True)
    return {line.rsplit("|", 1)[1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}


def test_a_plain_check_imports_no_heavy_module(tmp_path: Path) -> None:
    """Start-up: neither a Dockerfile nor a Compose file run imports dataclasses (and with
    it inspect, ast, dis), pydantic or importlib.metadata; models become dataclasses only
    for pydantic (``dlint debug``), plugins are found without importlib.metadata."""
    (tmp_path / "Dockerfile").write_text("FROM debian:12\nRUN apt-get update && apt-get install -y curl\nUSER app\n")
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    build: .\n    ports: ['127.0.0.1:8080:80']\n")
    for target in ("Dockerfile", "compose.yaml"):
        heavy = _imported(["check", target], tmp_path) & {
            "dataclasses", "inspect", "ast", "pydantic", "importlib.metadata", "typer",
            "importlib.resources", "tempfile", "shutil", "difflib",  # tree-sitter-bash's __init__, ShellCheck's folder
        }
        assert heavy == set(), target
