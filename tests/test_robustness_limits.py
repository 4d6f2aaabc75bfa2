"""Limits of the engine: findings per file."""

from __future__ import annotations

from pathlib import Path

from sandbox import run_dlint

from dlint.engine import lint
from dlint.engine.config import Settings
from dlint.engine.lint import Linter, SourceFile


def test_findings_past_the_limit_per_file_are_cut_in_position_order(monkeypatch) -> None:
    monkeypatch.setattr(lint, "MAX_FINDINGS_PER_FILE", 2)
    text = "# dlint: ignore=DX9901,DX9902,DX9903\nFROM alpine:3.20\n"
    other = "# dlint: ignore=DX9904\nFROM alpine:3.20\n"
    result = Linter(Settings(select=("DF001",))).lint(
        [SourceFile("Dockerfile", "dockerfile", text), SourceFile("other/Dockerfile", "dockerfile", other)]
    )
    assert [(f.path, f.span.column) for f in result.findings] == [
        ("Dockerfile", 17), ("Dockerfile", 24), ("other/Dockerfile", 17),
    ]
    assert result.truncated == {"Dockerfile": 3}


def test_a_file_with_more_findings_than_the_limit_is_reported_with_a_warning(tmp_path: Path) -> None:
    codes = ",".join(f"DX{number:04d}" for number in range(lint.MAX_FINDINGS_PER_FILE + 5))
    (tmp_path / "Dockerfile").write_text(f"# dlint: ignore={codes}\nFROM alpine:3.20\n")
    run = run_dlint("check", "-q", "--select", "DF001", "Dockerfile", cwd=tmp_path)
    assert run.returncode == 1
    assert run.stdout.count(b"\n") == lint.MAX_FINDINGS_PER_FILE
    assert run.stderr == b"dlint: warning: Dockerfile: 10,005 findings; only the first 10,000 are reported\n"


def test_the_summary_counts_the_files_not_linted(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine\n")
    (tmp_path / "b.Dockerfile").write_bytes("FROM alpine\n".encode("utf-16"))
    (tmp_path / "c.Dockerfile").write_bytes(b"FROM \x00\n")
    run = run_dlint("check", "--select", "DL3006", ".", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stdout.decode().splitlines()[-1] == "Found 1 problem (1 warning) in 1 file; 2 files not linted."
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\n")
    clean = run_dlint("check", "--select", "DL3006", ".", cwd=tmp_path)
    assert clean.stdout == b"No problems found in 1 file; 2 files not linted.\n"


def test_a_dockerfile_the_parser_fails_on_is_counted_as_not_linted(monkeypatch) -> None:
    import dlint.parsers.dockerfile as parser

    def broken(text, path="Dockerfile"):  # noqa: ANN001, ANN202
        raise RuntimeError("boom")

    monkeypatch.setattr(parser, "parse_dockerfile", broken)
    result = Linter(Settings()).lint([SourceFile("Dockerfile", "dockerfile", "FROM alpine:3.20\n")])
    assert result.not_linted == {"Dockerfile"}
    assert result.errors == ["Dockerfile: internal error while parsing: RuntimeError('boom')"]
