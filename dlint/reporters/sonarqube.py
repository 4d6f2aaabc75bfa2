"""SonarQube generic issue import format (SonarQube 10.3+ and SonarQube Cloud).

The report names, under ``rules``, each rule that has findings (engine
``dlint``), with a Clean Code attribute and one impact: its software quality
follows the rule's category, its severity the findings' (error → HIGH,
warning → MEDIUM, info and style → LOW; the most serious of the rule's
findings). Sonar's columns are 0-based and count UTF-16 code units (Java
strings): a column is converted with the file's text when ``sources`` holds
it. A range Sonar would refuse (empty, or ending after a line break) is given
by its lines only. A lone surrogate becomes U+FFFD.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from dlint.engine.rule import Rule, doc_sections
from dlint.models.finding import Finding, Severity
from dlint.models.span import Span
from dlint.reporters._links import is_shellcheck_code, rule_page
from dlint.reporters._location import RepoPaths, last_line
from dlint.reporters.escape import well_formed

ENGINE_ID = "dlint"
IMPACT_SEVERITIES = {Severity.ERROR: "HIGH", Severity.WARNING: "MEDIUM", Severity.INFO: "LOW", Severity.STYLE: "LOW"}
#: rule category → (Clean Code attribute, software quality)
CATEGORIES = {
    "security": ("TRUSTWORTHY", "SECURITY"),
    "correctness": ("LOGICAL", "RELIABILITY"),
    "syntax": ("LOGICAL", "RELIABILITY"),
    "performance": ("EFFICIENT", "RELIABILITY"),
    "best-practice": ("CONVENTIONAL", "MAINTAINABILITY"),
    "maintainability": ("CLEAR", "MAINTAINABILITY"),
    "style": ("FORMATTED", "MAINTAINABILITY"),
}


def render(
    findings: Sequence[Finding],
    rules: Sequence[type[Rule]],
    *,
    root: Path,
    sources: Mapping[str, str] | None = None,
    tool_version: str,
) -> str:
    """The report as indented JSON (empty ``rules`` and ``issues`` without findings).

    ``rules`` describe the findings' codes; a code missing from them is looked
    up in dlint's rule registry.
    """
    known = {rule.code: rule for rule in rules}
    severities: dict[str, Severity] = {}
    for finding in findings:
        current = severities.get(finding.code)
        if current is None or finding.severity.rank < current.rank:
            severities[finding.code] = finding.severity
    if any(code not in known for code in severities):
        from dlint.engine.registry import all_rules

        known = {rule.code: rule for rule in all_rules()} | known
    paths = RepoPaths(root)
    texts = sources or {}
    report = {
        "rules": [_rule(code, known.get(code), severity, findings) for code, severity in severities.items()],
        "issues": [
            {
                "ruleId": finding.code,
                "primaryLocation": {
                    "message": finding.message,
                    "filePath": paths.report(finding.path),
                    "textRange": text_range(finding.span, texts.get(finding.path)),
                },
            }
            for finding in findings
        ],
    }
    return well_formed(json.dumps(report, indent=2, ensure_ascii=False)) + "\n"


def _rule(code: str, rule: type[Rule] | None, severity: Severity, findings: Sequence[Finding]) -> dict[str, Any]:
    if rule is None:  # not a registered rule (a ShellCheck code): what its findings tell
        first = next(finding for finding in findings if finding.code == code)
        name, category = first.name, "correctness"
        description = f"ShellCheck {code}: {first.message} See {rule_page(code)}" if is_shellcheck_code(code) else name
    else:
        name, category = rule.name, rule.category
        description = doc_sections(rule.docs()).get("Why is this bad?") or rule.summary()
    attribute, quality = CATEGORIES[category]
    return {
        "id": code,
        "name": name,
        "description": description,
        "engineId": ENGINE_ID,
        "cleanCodeAttribute": attribute,
        "impacts": [{"softwareQuality": quality, "severity": IMPACT_SEVERITIES[severity]}],
    }


def text_range(span: Span, text: str | None) -> dict[str, int]:
    """Sonar's text range of ``span``: lines 1-based, columns 0-based in UTF-16 units."""
    end_line = last_line(span)
    if span.end_line != end_line or span.end <= span.start:
        return {"startLine": span.line, "endLine": end_line}
    return {
        "startLine": span.line,
        "endLine": end_line,
        "startColumn": utf16_column(text, span.start, span.column),
        "endColumn": utf16_column(text, span.end, span.end_column),
    }


def utf16_column(text: str | None, offset: int, column: int) -> int:
    """The 0-based UTF-16 column of character ``offset`` of ``text``, whose 1-based
    character column is ``column``; ``column - 1`` when the text is unknown or
    does not hold that position."""
    line_start = offset - (column - 1)
    if text is None or line_start < 0 or offset > len(text):
        return column - 1
    return len(text[line_start:offset].encode("utf-16-le", "surrogatepass")) // 2
