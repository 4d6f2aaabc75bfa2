"""Mutation fuzzing (see tests/fuzzing.py): whatever a file holds, dlint keeps its invariants.

The budget here is small (``DLINT_FUZZ_EXAMPLES``, 60 per kind by default) so CI stays
fast; ``python3 dev.py fuzz --minutes 20`` runs the same tests with new examples until
the time is up.
"""

from __future__ import annotations

from pathlib import Path

from fuzzing import examples, mutated
from hypothesis import HealthCheck, given, settings

from dlint.engine.config import Settings
from dlint.engine.lint import LintError, Linter, source_from_bytes
from dlint.reporters import renderer

SYNTAX_CODES = frozenset({"DF000", "DC000"})
FUZZ = settings(max_examples=examples(), deadline=None, suppress_health_check=list(HealthCheck), database=None)


def _linter() -> Linter:
    return Linter(Settings(select=("ALL",)))


def _source(text: str, kind: str):
    """The source as the command line would read it (NUL bytes refused there), or None."""
    name = "Dockerfile" if kind == "dockerfile" else "compose.yaml"
    try:
        return source_from_bytes(text.encode("utf-8"), name, kind)
    except LintError:
        return None


def _check_spans(result, texts: dict[str, str]) -> None:
    for finding in result.findings:
        span = finding.span
        text = texts[finding.path]
        assert 0 <= span.start <= span.end <= len(text), finding
        assert span.line >= 1 and span.column >= 1, finding
        assert (span.end_line, span.end_column) >= (span.line, span.column), finding
        assert span.line <= text.count("\n") + 1, finding


def _reports(result) -> list[str]:
    return [
        renderer(name)(result.findings, (), root=Path("."), sources=result.sources, tool_version="fuzz")
        for name in ("text", "json", "sarif", "github", "gitlab", "checkstyle")
    ]


def _syntax_problems(linter: Linter, source) -> int:
    return sum(finding.code in SYNTAX_CODES for finding in linter.lint([source]).findings)


def _check(text: str, kind: str) -> None:
    source = _source(text, kind)
    if source is None:
        return
    first = _linter().lint([source])
    assert not first.errors, first.errors
    _check_spans(first, first.sources)
    second = _linter().lint([source])
    assert [f.model_dump() for f in second.findings] == [f.model_dump() for f in first.findings]
    assert _reports(second) == _reports(first)

    linter = _linter()
    fixed, applied = linter.fix(source, unsafe=True)
    if applied:
        assert _syntax_problems(linter, fixed) <= _syntax_problems(linter, source)
        again, _ = linter.fix(fixed, unsafe=True)
        assert again.text == fixed.text


@FUZZ
@given(mutated("dockerfile"))
def test_mutated_dockerfiles_keep_the_invariants(text: str) -> None:
    _check(text, "dockerfile")


@FUZZ
@given(mutated("compose"))
def test_mutated_compose_files_keep_the_invariants(text: str) -> None:
    _check(text, "compose")
