"""Applying fixes: ordering, overlaps, safety, passes, one file at a time, refusing fixes that break syntax."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dlint.engine.config import Settings
from dlint.engine.fixes import apply_fixes
from dlint.engine.lint import Linter, SourceFile, syntax_problems
from dlint.engine.rule import Rule
from dlint.models.finding import Edit, Finding, Fix, Severity, Violation
from dlint.models.span import LineIndex

TEXT = "abcdefghij"
INDEX = LineIndex(TEXT)


def finding(start: int, end: int, replacement: str, *, safe: bool = True, code: str = "DX0001", path: str = "p") -> Finding:
    span = INDEX.span(start, end)
    fix = Fix(message="m", edits=(Edit(span=span, replacement=replacement),), applicability="safe" if safe else "unsafe")
    return Finding.model_construct(code=code, name="n", severity=Severity.INFO, message="m", path=path, span=span, fix=fix)


def test_edits_apply_in_order_regardless_of_finding_order() -> None:
    outcome = apply_fixes(TEXT, [finding(8, 9, "I"), finding(0, 1, "A"), finding(4, 4, "+")], path="p")
    assert (outcome.text, outcome.applied, outcome.skipped) == ("Abcd+efghIj", 3, 0)


def test_overlapping_fix_is_skipped_whole() -> None:
    outcome = apply_fixes(TEXT, [finding(0, 5, "X"), finding(3, 7, "Y")], path="p")
    assert (outcome.text, outcome.applied, outcome.skipped) == ("Xfghij", 1, 1)


def test_adjacent_edits_do_not_overlap_and_duplicates_apply_once() -> None:
    outcome = apply_fixes(TEXT, [finding(0, 2, "X"), finding(2, 4, "Y"), finding(2, 4, "Y", code="DX0002")], path="p")
    assert (outcome.text, outcome.applied) == ("XYefghij", 2)


def test_unsafe_fixes_need_the_flag() -> None:
    findings = [finding(0, 1, "A", safe=False)]
    assert apply_fixes(TEXT, findings, path="p").text == TEXT
    assert apply_fixes(TEXT, findings, path="p", unsafe=True).text == "Abcdefghij".replace("a", "A", 1)


def test_linter_fix_runs_passes_until_clean() -> None:
    linter = Linter(Settings(select=("DL3025",)))
    source = SourceFile("Dockerfile", "dockerfile", "FROM a:1\nCMD run --fast\nENTRYPOINT tini\n")
    fixed, applied = linter.fix(source, unsafe=True)
    assert applied == 2
    assert fixed.text == 'FROM a:1\nCMD ["run", "--fast"]\nENTRYPOINT ["tini"]\n'
    unchanged, none = linter.fix(source)  # the DL3025 fix is unsafe
    assert (unchanged.text, none) == (source.text, 0)


def test_only_the_fixes_of_findings_in_the_named_file_apply() -> None:
    findings = [finding(0, 1, "A", path="other"), finding(2, 3, "C")]
    outcome = apply_fixes(TEXT, findings, path="p")
    assert (outcome.text, outcome.applied, outcome.skipped) == ("abCdefghij", 1, 0)
    assert apply_fixes(TEXT, findings, path="nowhere").text == TEXT


def test_a_fix_with_an_edit_outside_the_text_is_skipped() -> None:
    long = LineIndex(TEXT + "xyz").span(9, 13)
    outside = finding(0, 1, "A").model_copy(update={"fix": Fix(message="m", edits=(Edit(span=long, replacement="!"),))})
    outcome = apply_fixes(TEXT, [outside, finding(2, 3, "C")], path="p")
    assert (outcome.text, outcome.applied, outcome.skipped) == ("abCdefghij", 1, 1)


COMPOSE = "version: '3'\nservices:\n  app:\n    build: ./web\n    image: myapp:1.0\n    ports: !reset []\n"
DOCKERFILE = "FROM python:3.12 as build\nENV APP_HOME /app\nexpose 8080/TCP\n"


def test_fixing_a_compose_file_applies_none_of_the_built_dockerfiles_fixes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    linter = Linter(Settings(select=("DC010", "DF027", "DF030", "DF026", "DF034"), root=tmp_path))
    source = SourceFile("compose.yaml", "compose", COMPOSE, tmp_path / "compose.yaml")
    fixable = [(f.path, f.code) for f in linter.lint([source]).findings if f.fix]
    assert fixable == [("compose.yaml", "DC010"), ("web/Dockerfile", "DF027"), ("web/Dockerfile", "DF030"),
                       ("web/Dockerfile", "DF026"), ("web/Dockerfile", "DF034")]
    fixed, applied = linter.fix(source)
    assert (fixed.text, applied) == (COMPOSE.replace("version: '3'\n", ""), 1)
    assert (tmp_path / "web" / "Dockerfile").read_text() == DOCKERFILE


class _BreaksCompose(Rule):
    """Test rule whose fix puts ``replacement`` before the first line of a Compose file."""

    code = "DX9003"
    name = "test-breaks-compose"
    severity = Severity.INFO
    category = "style"
    kind = "compose"
    replacement = "broken: [\n"

    def check_compose_file(self, ctx):
        span = LineIndex(ctx.source).span(0, 0)
        yield Violation(span, "break it", ctx.replace(span, self.replacement, "break it"))


class _AddsSchemaError(_BreaksCompose):
    code = "DX9004"
    name = "test-adds-schema-error"
    replacement = "servicez: {}\n"


class _Harmless(_BreaksCompose):
    code = "DX9005"
    name = "test-harmless"
    replacement = "# a comment\n"


@pytest.mark.parametrize(("rule", "applied"), [(_BreaksCompose, 0), (_AddsSchemaError, 0), (_Harmless, 10)])
def test_a_compose_fix_that_adds_a_syntax_or_schema_problem_is_refused_even_with_reset_tags(rule: type[Rule], applied: int) -> None:
    assert syntax_problems("compose", COMPOSE) == Counter()  # !reset is Compose's own tag, not a problem
    fixed, count = Linter(Settings(), rules=[rule]).fix(SourceFile("compose.yaml", "compose", COMPOSE))
    assert (fixed.text, count) == ("# a comment\n" * applied + COMPOSE, applied)


def test_the_guard_compares_problems_not_their_line_numbers() -> None:
    broken = "services:\n  a: [\n"
    assert syntax_problems("compose", "# moved\n" + broken) == syntax_problems("compose", broken) != Counter()


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  a:\n    image: nginx:1\n    restart: !!int notanint\n",  # PyYAML's constructor raised ValueError
        "services:\n  a:\n    image: nginx:1\nx-deep: " + "[" * 600 + "]" * 600 + "\n",  # pure-Python PyYAML recursed
    ],
)
def test_the_compose_guard_reads_what_the_linter_reads(text: str) -> None:
    fixed, applied = Linter(Settings(), rules=[_BreaksCompose]).fix(SourceFile("compose.yaml", "compose", text))
    assert (fixed.text, applied) == (text, 0)
