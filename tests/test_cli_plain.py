"""A plain ``dlint check PATH…`` runs without typer and prints what the typer path prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dlint.cli_core import PLAIN_FLAGS, plain_check


def test_only_check_with_paths_alone_is_plain() -> None:
    assert plain_check(["check"]) and plain_check(["check", "Dockerfile", "services/"])
    assert not plain_check([]) and not plain_check(["rules"]) and not plain_check(["check", "-"])
    assert not plain_check(["check", "Dockerfile", "--format", "json"]) and not plain_check(["-v", "check"])
    assert plain_check(["check", "--force-exclude", "Dockerfile", "-q"])  # the pre-commit hook's command line
    assert not plain_check(["check", "--force-exclude=1", "Dockerfile"]) and not plain_check(["check", "--verbose"])
    assert not plain_check(["check", "--", "-Dockerfile"])


def test_the_plain_flags_are_check_options_that_take_no_value() -> None:
    """Each flag of PLAIN_FLAGS is spelled, and sets, what typer's ``check`` declares: a
    flag with no callback and no environment variable."""
    import typer.main

    from dlint.cli import app

    options = typer.main.get_command(app).commands["check"].params
    declared = {}
    for option in options:
        if getattr(option, "is_flag", False) and option.callback is None and option.envvar is None:
            declared.update({spelling: (option.name, True) for spelling in option.opts})
            declared.update({spelling: (option.name, False) for spelling in option.secondary_opts})
    assert {flag: declared.get(flag) for flag in PLAIN_FLAGS} == PLAIN_FLAGS


def test_plain_flags_give_what_typer_gives(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM debian\nRUN echo $1\n")
    (tmp_path / ".dlint.toml").write_text('exclude = ["skipped/"]\n')
    (tmp_path / "skipped").mkdir()
    (tmp_path / "skipped" / "Dockerfile").write_text("FROM debian\n")
    flags = ["--force-exclude", "-q", "--no-force-exclude", "--force-exclude", "--exit-zero"]
    plain = subprocess.run([sys.executable, "-X", "importtime", "-m", "dlint", "check", *flags, "Dockerfile", "skipped/Dockerfile"],
                           cwd=tmp_path, capture_output=True, text=True)
    through_typer = subprocess.run([sys.executable, "-m", "dlint", "check", *flags, "Dockerfile", "skipped/Dockerfile", "--jobs", "1"],
                                   cwd=tmp_path, capture_output=True, text=True)
    assert "typer" not in plain.stderr
    assert plain.returncode == through_typer.returncode == 0
    assert plain.stdout == through_typer.stdout
    assert plain.stdout.splitlines() == [
        "Dockerfile:1:6: DL3006 [warning] base image debian has no tag: name a version tag so builds are repeatable",
        "Dockerfile:2:10: SC2086 [info] Double quote to prevent globbing and word splitting.",
    ]


def test_a_plain_check_imports_no_typer_and_reports_the_same(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM debian\nRUN echo $1\n")
    plain = subprocess.run([sys.executable, "-X", "importtime", "-m", "dlint", "check", "Dockerfile"],
                           cwd=tmp_path, capture_output=True, text=True)
    through_typer = subprocess.run([sys.executable, "-m", "dlint", "check", "Dockerfile", "--no-color"],
                                   cwd=tmp_path, capture_output=True, text=True)
    assert "typer" not in plain.stderr
    assert plain.returncode == through_typer.returncode == 1
    assert plain.stdout == through_typer.stdout
    assert "Dockerfile:2:10: SC2086 [info]" in plain.stdout


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
