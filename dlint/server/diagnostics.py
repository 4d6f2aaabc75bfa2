"""Findings as LSP diagnostics."""

from __future__ import annotations

from lsprotocol import types

from dlint.models.finding import Finding, Severity
from dlint.server.positions import Positions

SOURCE = "dlint"

#: dlint's levels as LSP severities (style shows as a hint: the faintest mark)
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
    Severity.STYLE: types.DiagnosticSeverity.Hint,
}


def diagnostic(finding: Finding, positions: Positions) -> types.Diagnostic:
    from dlint.reporters._links import rule_page

    return types.Diagnostic(
        range=positions.span_range(finding.span),
        message=finding.message,
        severity=SEVERITIES.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=rule_page(finding.code)),
        source=SOURCE,
        data={"name": finding.name, "fix": None if finding.fix is None else finding.fix.applicability},
    )


def diagnostics(findings: list[Finding], positions: Positions) -> list[types.Diagnostic]:
    return [diagnostic(finding, positions) for finding in findings]
