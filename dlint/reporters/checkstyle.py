"""Checkstyle XML report (the 4.3 layout most CI tools import).

Findings are grouped under one ``<file>`` per path, in the order the paths
first appear. Characters XML 1.0 cannot carry become U+FFFD.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path

from dlint.engine.rule import Rule
from dlint.models.finding import Finding, Severity
from dlint.regex import regex
from dlint.reporters._location import RepoPaths

SEVERITIES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info", Severity.STYLE: "info"}

_NOT_XML = regex("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(
    findings: Sequence[Finding],
    rules: Sequence[type[Rule]],
    *,
    root: Path,
    sources: Mapping[str, str] | None = None,
    tool_version: str,
) -> str:
    """The Checkstyle document, indented, with an XML declaration."""
    document = ET.Element("checkstyle", version="4.3")
    paths = RepoPaths(root)
    files: dict[str, ET.Element] = {}
    for finding in findings:
        name = _xml_text(paths.report(finding.path))
        if name not in files:
            files[name] = ET.SubElement(document, "file", name=name)
        ET.SubElement(
            files[name],
            "error",
            line=str(finding.span.line),
            column=str(finding.span.column),
            severity=SEVERITIES[finding.severity],
            message=_xml_text(finding.message),
            source=f"dlint.{finding.code}",
        )
    ET.indent(document)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(document, encoding="unicode") + "\n"


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
