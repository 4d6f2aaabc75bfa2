"""Applying fixes: ordering, overlaps, safety, passes, refusing fixes that break syntax."""

from __future__ import annotations

from dlint.engine.config import Settings
from dlint.engine.fixes import apply_fixes
from dlint.engine.lint import Linter, SourceFile
from dlint.models.finding import Edit, Finding, Fix, Severity
from dlint.models.span import LineIndex

TEXT = "abcdefghij"
INDEX = LineIndex(TEXT)


def finding(start: int, end: int, replacement: str, *, safe: bool = True, code: str = "DX0001") -> Finding:
    span = INDEX.span(start, end)
    fix = Fix(message="m", edits=(Edit(span=span, replacement=replacement),), applicability="safe" if safe else "unsafe")
    return Finding.model_construct(code=code, name="n", severity=Severity.INFO, message="m", path="p", span=span, fix=fix)


def test_edits_apply_in_order_regardless_of_finding_order() -> None:
    outcome = apply_fixes(TEXT, [finding(8, 9, "I"), finding(0, 1, "A"), finding(4, 4, "+")])
    assert (outcome.text, outcome.applied, outcome.skipped) == ("Abcd+efghIj", 3, 0)


def test_overlapping_fix_is_skipped_whole() -> None:
    outcome = apply_fixes(TEXT, [finding(0, 5, "X"), finding(3, 7, "Y")])
    assert (outcome.text, outcome.applied, outcome.skipped) == ("Xfghij", 1, 1)


def test_adjacent_edits_do_not_overlap_and_duplicates_apply_once() -> None:
    outcome = apply_fixes(TEXT, [finding(0, 2, "X"), finding(2, 4, "Y"), finding(2, 4, "Y", code="DX0002")])
    assert (outcome.text, outcome.applied) == ("XYefghij", 2)


def test_unsafe_fixes_need_the_flag() -> None:
    findings = [finding(0, 1, "A", safe=False)]
    assert apply_fixes(TEXT, findings).text == TEXT
    assert apply_fixes(TEXT, findings, unsafe=True).text == "Abcdefghij".replace("a", "A", 1)


def test_linter_fix_runs_passes_until_clean() -> None:
    linter = Linter(Settings(select=("DL3025",)))
    source = SourceFile("Dockerfile", "dockerfile", "FROM a:1\nCMD run --fast\nENTRYPOINT tini\n")
    fixed, applied = linter.fix(source, unsafe=True)
    assert applied == 2
    assert fixed.text == 'FROM a:1\nCMD ["run", "--fast"]\nENTRYPOINT ["tini"]\n'
    unchanged, none = linter.fix(source)  # the DL3025 fix is unsafe
    assert (unchanged.text, none) == (source.text, 0)
