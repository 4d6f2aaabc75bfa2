"""Fingerprints that identify a finding across runs, even when lines move.

A finding's identity is its rule code, its repository-relative path, the
flagged source lines with whitespace collapsed (or, without the source, its
message) and how many identical findings came before it. Line numbers are not
part of it, so inserting lines above a finding keeps its fingerprint, while
editing the flagged text changes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from dlint.models.finding import Finding
from dlint.reporters._location import RepoPaths, last_line

VERSION = "v1"


def fingerprints(
    findings: Sequence[Finding],
    *,
    paths: RepoPaths,
    sources: Mapping[str, str] | None,
    algorithm: str = "sha256",
) -> list[str]:
    """Hex digests (``hashlib`` ``algorithm``) identifying each finding, in order."""
    lines_by_path: dict[str, list[str]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    digests = []
    for finding in findings:
        text = _flagged_text(finding, sources, lines_by_path)
        identity = (finding.code, paths.report(finding.path), text)
        occurrence = seen.get(identity, 0)
        seen[identity] = occurrence + 1
        material = "\0".join((VERSION, *identity, str(occurrence)))
        digests.append(hashlib.new(algorithm, material.encode("utf-8"), usedforsecurity=False).hexdigest())
    return digests


def _flagged_text(
    finding: Finding, sources: Mapping[str, str] | None, lines_by_path: dict[str, list[str]]
) -> str:
    """The flagged lines, whitespace-collapsed; the message when the source is unknown."""
    source = sources.get(finding.path) if sources else None
    if source is None:
        return "message:" + finding.message
    lines = lines_by_path.get(finding.path)
    if lines is None:
        lines = lines_by_path[finding.path] = source.split("\n")
    first, last = finding.span.line, last_line(finding.span)
    if not 1 <= first <= last <= len(lines):
        return "message:" + finding.message
    return "source:" + " ".join(" ".join(lines[first - 1 : last]).split())
