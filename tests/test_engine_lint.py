"""The lint API: post-processing (severity, per-file ignores), reading files, safe fixing."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from dlint.engine.config import Settings
from dlint.engine.lint import LintError, Linter, SourceFile, lint_text, read_source
from dlint.engine.writing import write_atomically
from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation

TEXT = "FROM debian\nUSER root\n"


def summary(findings) -> list[tuple[str, str, str]]:
    return [(f.path, f.code, f.severity.value) for f in findings]


def test_lint_text_with_defaults() -> None:
    found = summary(lint_text(TEXT))
    assert ("Dockerfile", "DL3006", "warning") in found and ("Dockerfile", "DL3002", "warning") in found
    assert summary(lint_text(TEXT, settings=Settings(select=("DL3006",)))) == [("Dockerfile", "DL3006", "warning")]


def test_severity_override_applies_to_findings() -> None:
    settings = Settings(select=("DL3006", "DL3002"), severity={"root-user": Severity.ERROR})
    assert summary(lint_text(TEXT, settings=settings)) == [
        ("Dockerfile", "DL3006", "warning"),
        ("Dockerfile", "DL3002", "error"),
    ]


def test_per_file_ignores_match_globs_from_the_root(tmp_path: Path) -> None:
    settings = Settings(
        select=("DL3006", "DL3002"), root=tmp_path, per_file_ignores={"legacy/**": ("DL300",), "*.dev": ("root-user",)}
    )
    linter = Linter(settings)
    sources = [
        SourceFile(str(tmp_path / "legacy/app/Dockerfile"), "dockerfile", TEXT),
        SourceFile(str(tmp_path / "Dockerfile.dev"), "dockerfile", TEXT),
        SourceFile(str(tmp_path / "Dockerfile"), "dockerfile", TEXT),
    ]
    found = [(Path(f.path).relative_to(tmp_path).as_posix(), f.code) for f in linter.lint(sources).findings]
    assert found == [("Dockerfile", "DL3006"), ("Dockerfile", "DL3002"), ("Dockerfile.dev", "DL3006")]


def test_findings_sorted_by_path_line_column_code() -> None:
    linter = Linter(Settings(select=("DL3006", "DL3002")))
    result = linter.lint([SourceFile("b/Dockerfile", "dockerfile", TEXT), SourceFile("a/Dockerfile", "dockerfile", TEXT)])
    assert [(f.path, f.span.line) for f in result.findings] == [
        ("a/Dockerfile", 1), ("a/Dockerfile", 2), ("b/Dockerfile", 1), ("b/Dockerfile", 2)
    ]
    assert result.files == 2


def test_read_source_errors_are_located(tmp_path: Path) -> None:
    binary = tmp_path / "Dockerfile"
    binary.write_bytes(b"FROM a\x00\x01")
    with pytest.raises(LintError, match=r"Dockerfile: binary file \(contains NUL bytes\), not a dockerfile"):
        read_source(binary, "dockerfile")
    with pytest.raises(LintError, match="missing: cannot read: No such file or directory"):
        read_source(tmp_path / "missing", "dockerfile", "missing")
    bom = tmp_path / "bom"
    bom.write_bytes(b"\xef\xbb\xbfFROM a:1\n")
    source = read_source(bom, "dockerfile")
    assert (source.text, source.bom) == ("FROM a:1\n", True)


def test_unknown_kind_is_an_error() -> None:
    result = Linter(Settings()).lint([SourceFile("x", "helm", "")])
    assert result.errors == ["unknown file kind 'helm'"]


class _BreaksSyntax(Rule):
    """Test rule whose fix misspells the instruction."""

    code = "DX9002"
    name = "test-breaks-syntax"
    severity = Severity.INFO
    category = "style"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})

    def check_instruction(self, ctx, instruction):
        span = instruction.keyword_token.span
        yield Violation(span, "shout", ctx.replace(span, "RUNN", "misspell"))


def test_fix_that_adds_syntax_errors_is_refused() -> None:
    linter = Linter(Settings(), rules=[_BreaksSyntax])
    source = SourceFile("Dockerfile", "dockerfile", "FROM a:1\nRUN x\n")
    fixed, applied = linter.fix(source)
    assert (fixed.text, applied) == (source.text, 0)


def test_write_atomically_keeps_mode_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text("old")
    path.chmod(0o640)
    write_atomically(path, "new\n", bom=True)
    assert path.read_bytes() == b"\xef\xbb\xbfnew\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["Dockerfile"]


def test_per_file_ignores_reach_rules_that_are_off_by_default(tmp_path: Path) -> None:
    settings = Settings(select=("DF002", "DL3006"), root=tmp_path, per_file_ignores={"Dockerfile": ("DF",)})
    source = SourceFile(str(tmp_path / "Dockerfile"), "dockerfile", "# dlint: ignore=DL3006\nFROM a:1\n")
    assert Linter(settings).lint([source]).findings == []
    settings = Settings(select=("DF002", "DL3006"), root=tmp_path)
    assert [f.code for f in Linter(settings).lint([source]).findings] == ["DF002"]


class _Crashes(Rule):
    """Test rule with a bug."""

    code = "DX9003"
    name = "test-crashes"
    severity = Severity.INFO
    category = "style"
    kind = "dockerfile"
    instructions = frozenset({"USER"})

    def check_instruction(self, ctx, instruction):
        raise RuntimeError("boom")


def test_a_failing_rule_is_reported_and_the_others_still_run() -> None:
    from dlint.engine.registry import find_rule

    linter = Linter(Settings(), rules=[_Crashes, find_rule("DL3002")])
    result = linter.lint([SourceFile("Dockerfile", "dockerfile", "FROM a:1\nUSER root\nUSER root\n")])
    assert [(f.code, f.span.line, f.severity.value, f.message) for f in result.findings] == [
        ("DX9003", 2, "error", "internal error in rule DX9003 (test-crashes): RuntimeError: boom; please report it"),
        ("DL3002", 3, "warning", result.findings[1].message),
    ]
    assert result.errors == ["Dockerfile: internal error in rule DX9003 (test-crashes): RuntimeError('boom')"]


def test_invalid_utf8_is_reported_and_never_fixed(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"FROM a:1\nCMD run \xff\n")
    source = read_source(path, "dockerfile")
    assert source.undecodable == b"FROM a:1\nCMD run \xff\n"
    linter = Linter(Settings(select=("DL3025",)))
    codes = [(f.code, f.span.line) for f in linter.lint([source]).findings]
    assert ("DF000", 2) in codes and ("DL3025", 2) in codes
    assert linter.fix(source, unsafe=True) == (source, 0)
