"""GitLab Code Quality report: the JSON array GitLab's merge request widget reads.

Severities: error → major, warning → minor, info and style → info. An error
from a rule with a security severity is raised to critical (7.0 and above) or
blocker (9.0 and above), the CVSS bands for high and critical. A lone
surrogate (an undecodable byte of a file name) becomes U+FFFD.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from dlint.engine.rule import Rule
from dlint.models.finding import Finding, Severity
from dlint.reporters._fingerprint import fingerprints
from dlint.reporters._location import RepoPaths, last_line
from dlint.reporters.escape import well_formed

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info", Severity.STYLE: "info"}


def render(
    findings: Sequence[Finding],
    rules: Sequence[type[Rule]],
    *,
    root: Path,
    sources: Mapping[str, str] | None = None,
    tool_version: str,
) -> str:
    """The Code Quality issues as an indented JSON array (``[]`` without findings)."""
    security = {rule.code: rule.security_severity for rule in rules if rule.security_severity is not None}
    paths = RepoPaths(root)
    digests = fingerprints(findings, paths=paths, sources=sources, algorithm="md5")
    issues = [
        {
            "description": f"{finding.code}: {finding.message}",
            "check_name": finding.code,
            "fingerprint": digest,
            "severity": _severity(finding, security.get(finding.code)),
            "location": {
                "path": paths.report(finding.path),
                "lines": {"begin": finding.span.line, "end": last_line(finding.span)},
            },
        }
        for finding, digest in zip(findings, digests, strict=True)
    ]
    return well_formed(json.dumps(issues, indent=2, ensure_ascii=False)) + "\n"


def _severity(finding: Finding, security_severity: float | None) -> str:
    if finding.severity is Severity.ERROR and security_severity is not None:
        if security_severity >= 9.0:
            return "blocker"
        if security_severity >= 7.0:
            return "critical"
    return SEVERITIES[finding.severity]
