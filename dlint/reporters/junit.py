"""JUnit XML report (the layout Jenkins, GitLab and Azure Pipelines read).

One ``<testsuite name="dlint">`` holds a failing test case per finding
(``classname`` the file, ``name`` the code and position) and a passing one
per linted file without findings (the files in ``sources``), ordered by path.
Characters XML 1.0 cannot carry become U+FFFD.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path

from dlint.engine.rule import Rule
from dlint.models.finding import Finding
from dlint.reporters._location import RepoPaths
from dlint.reporters.checkstyle import _xml_text

SUITE_NAME = "dlint"


def render(
    findings: Sequence[Finding],
    rules: Sequence[type[Rule]],
    *,
    root: Path,
    sources: Mapping[str, str] | None = None,
    tool_version: str,
) -> str:
    """The JUnit document, indented, with an XML declaration."""
    paths = RepoPaths(root)
    by_file: dict[str, list[Finding]] = {}
    for finding in findings:
        by_file.setdefault(paths.report(finding.path), []).append(finding)
    for path in sources or ():
        by_file.setdefault(paths.report(path), [])
    tests = len(findings) + sum(1 for found in by_file.values() if not found)
    counts = {"tests": str(tests), "failures": str(len(findings)), "errors": "0", "skipped": "0"}
    document = ET.Element("testsuites", name=SUITE_NAME, **counts)
    suite = ET.SubElement(document, "testsuite", name=SUITE_NAME, **counts)
    for path in sorted(by_file):
        name = _xml_text(path)
        if not by_file[path]:
            ET.SubElement(suite, "testcase", classname=name, name=name)
        for finding in by_file[path]:
            position = f"{name}:{finding.span.line}:{finding.span.column}"
            case = ET.SubElement(suite, "testcase", classname=name, name=f"{finding.code} {position}")
            failure = ET.SubElement(case, "failure", type=finding.code, message=_xml_text(finding.message))
            failure.text = f"{position}: {finding.code} [{finding.severity.value}] {_xml_text(finding.message)}"
    ET.indent(document)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(document, encoding="unicode") + "\n"
