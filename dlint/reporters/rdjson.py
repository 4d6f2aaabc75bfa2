"""reviewdog Diagnostic Format (rdjson): the JSON ``reviewdog -f=rdjson`` reads.

Positions are 1-based with an exclusive end, as dlint's spans are, but
reviewdog counts columns in UTF-8 bytes where dlint counts characters: a
column is converted with the file's text when ``sources`` holds it, and
written as the character column otherwise. Fixes become suggestions (safe
and unsafe alike: a reviewer applies them by hand). A lone surrogate (an
undecodable byte of a file name) becomes U+FFFD.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from dlint.engine.rule import Rule
from dlint.models.finding import Finding, Severity
from dlint.models.span import Span
from dlint.reporters._location import RepoPaths
from dlint.reporters.escape import well_formed
from dlint.reporters._links import INFORMATION_URI, rule_page

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO", Severity.STYLE: "INFO"}


def render(
    findings: Sequence[Finding],
    rules: Sequence[type[Rule]],
    *,
    root: Path,
    sources: Mapping[str, str] | None = None,
    tool_version: str,
) -> str:
    """The diagnostic result as indented JSON (an empty ``diagnostics`` array without findings)."""
    paths = RepoPaths(root)
    texts = sources or {}
    result = {
        "source": {"name": "dlint", "url": INFORMATION_URI},
        "diagnostics": [
            _diagnostic(finding, paths.report(finding.path), texts.get(finding.path)) for finding in findings
        ],
    }
    return well_formed(json.dumps(result, indent=2, ensure_ascii=False)) + "\n"


def _diagnostic(finding: Finding, path: str, text: str | None) -> dict[str, Any]:
    diagnostic: dict[str, Any] = {
        "message": finding.message,
        "location": {"path": path, "range": _range(finding.span, text)},
        "severity": SEVERITIES[finding.severity],
        "code": {"value": finding.code, "url": rule_page(finding.code)},
    }
    if finding.fix is not None:
        diagnostic["suggestions"] = [
            {"range": _range(edit.span, text), "text": edit.replacement} for edit in finding.fix.edits
        ]
    return diagnostic


def _range(span: Span, text: str | None) -> dict[str, dict[str, int]]:
    return {
        "start": {"line": span.line, "column": byte_column(text, span.start, span.column)},
        "end": {"line": span.end_line, "column": byte_column(text, span.end, span.end_column)},
    }


def byte_column(text: str | None, offset: int, column: int) -> int:
    """The 1-based UTF-8 byte column of character ``offset`` of ``text``, whose
    character column is ``column``; ``column`` itself when the text is unknown
    or does not hold that position."""
    line_start = offset - (column - 1)
    if text is None or line_start < 0 or offset > len(text):
        return column
    return len(text[line_start:offset].encode("utf-8", "surrogatepass")) + 1
