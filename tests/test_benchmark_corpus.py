"""``scripts/benchmark.py --only corpus``: a folder's Dockerfiles and Compose files are
both measured (against hadolint and dclint when they are on ``PATH``)."""

from __future__ import annotations

import importlib.util
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
