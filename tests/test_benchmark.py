"""``scripts/benchmark.py``: ``--only corpus`` measures a folder's Dockerfiles and Compose
files both (against hadolint and dclint when they are on ``PATH``); the floor ``--only cold``
prints beside dlint's cold start (the interpreter importing what a check imports from
outside dlint) is measured on exactly those modules."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "benchmark.py"


@pytest.fixture(scope="module")
def benchmark():
    spec = importlib.util.spec_from_file_location("benchmark_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "compose"),
    [
        ("compose.yaml", True),
        ("compose.yml", True),
        ("docker-compose.yml", True),
        ("docker-compose.override.yml", True),
        ("compose.prod.yaml", True),
        ("docker-compose-dev.yaml", True),
        ("compose.json", False),
        ("my-compose.yaml", False),
        ("values.yaml", False),
        ("Dockerfile", False),
    ],
)
def test_compose_file_names(benchmark, name: str, compose: bool) -> None:
    assert benchmark._is_compose_file(name) is compose


def test_a_corpus_of_both_kinds_gets_a_row_group_for_each(benchmark, tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "Dockerfile").write_text("FROM debian:12\nUSER 1000\n")
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    image: nginx:1.27\n")
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))  # no hadolint, no dclint: dlint's rows only
    benchmark.bench_corpus(3, tmp_path)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "corpus (1 Dockerfiles, 3 interleaved rounds, median)",
        "  dlint",
        "  dlint, no ShellCheck",
        "corpus (1 Compose files, 3 interleaved rounds, median)",
        "  dlint",
        "  dlint, no ShellCheck",
    ]


def test_the_floor_imports_what_a_check_imports_from_outside_dlint(benchmark, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM debian:12\nRUN echo hi\nUSER 1000\n")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    modules = benchmark._modules_outside_dlint([sys.executable, "-m", "dlint", "check", "--ignore", "shellcheck", str(tmp_path / "Dockerfile")], env)
    assert {"re", "pathlib", "tree_sitter._binding", "tree_sitter_bash._binding"} <= set(modules)
    assert not [name for name in modules if name.partition(".")[0] == "dlint" or name == "runpy"]
    assert len(modules) == len(set(modules))
    report = "import sys; print(sorted(set(sys.modules) - set(sys.argv[1:])))"
    floor = subprocess.run([sys.executable, "-c", benchmark._IMPORT_RECORDED + report, *modules], capture_output=True, text=True, check=True)
    plain = subprocess.run([sys.executable, "-c", "import sys; print(sorted(sys.modules))"], capture_output=True, text=True, check=True)
    # beyond what the interpreter always has, the floor imported only the recorded modules:
    # tree-sitter-bash's binding without its package (whose importlib.resources dlint avoids)
    extra = set(eval(floor.stdout)) - set(eval(plain.stdout)) - {"__main__"}
    assert extra == set()
    assert "tree_sitter_bash" not in modules
