"""GitHub Actions workflow commands: one annotation per finding.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message``. GitHub
reads columns only on single-line annotations, and its ``endColumn`` is the
last annotated column (inclusive), unlike a span's; spans that run to the end
of a line or over several lines are annotated as whole lines.

GitHub shows annotations and the log in a terminal-like viewer, so the file
name, title and message are first made :func:`~dlint.reporters.escape.printable`
(one line, no control characters), then given the workflow commands' own
%-encoding: of ``%``, CR and LF in the message, and also of ``:`` and ``,`` in
properties, so that nothing can end a property or the command early.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from dlint.engine.rule import Rule
from dlint.models.finding import Finding, Severity
from dlint.reporters._location import RepoPaths, last_line
from dlint.reporters.escape import printable

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice", Severity.STYLE: "notice"}

_DATA_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_PROPERTY_ESCAPES = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def render(
    findings: Sequence[Finding],
    rules: Sequence[type[Rule]],
    *,
    root: Path,
    sources: Mapping[str, str] | None = None,
    tool_version: str,
) -> str:
    """One workflow command per line (nothing at all without findings)."""
    paths = RepoPaths(root)
    return "".join(_command(finding, paths) + "\n" for finding in findings)


def _command(finding: Finding, paths: RepoPaths) -> str:
    span = finding.span
    end_line = last_line(span)
    properties = {"file": printable(paths.report(finding.path)), "line": span.line, "endLine": end_line}
    if span.end_line == span.line:
        properties["col"] = span.column
        properties["endColumn"] = max(span.column, span.end_column - 1)
    properties["title"] = printable(f"{finding.code} {finding.name}")
    rendered = ",".join(f"{key}={str(value).translate(_PROPERTY_ESCAPES)}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {rendered}::{printable(finding.message).translate(_DATA_ESCAPES)}"
