"""Fingerprints that identify a finding across runs, even when lines move.

A finding's identity is its rule code, its repository-relative path, the
flagged source lines with whitespace collapsed (at most their first
:data:`MAX_FLAGGED_CHARS` characters; or, without the source, its message) and
how many identical findings came before it. Line numbers are not part of it,
so inserting lines above a finding keeps its fingerprint, while editing the
flagged text changes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from dlint.models.finding import Finding
from dlint.models.span import LineIndex
from dlint.reporters._location import RepoPaths, last_line

VERSION = "v1"
#: characters of the flagged lines read for one fingerprint (bounded work per finding)
MAX_FLAGGED_CHARS = 4096


def fingerprints(
    findings: Sequence[Finding],
    *,
    paths: RepoPaths,
    sources: Mapping[str, str] | None,
    algorithm: str = "sha256",
) -> list[str]:
    """Hex digests (``hashlib`` ``algorithm``) identifying each finding, in order."""
    indexes: dict[str, LineIndex] = {}
    seen: dict[tuple[str, str, str], int] = {}
    digests = []
    for finding in findings:
        text = _flagged_text(finding, sources, indexes)
        identity = (finding.code, paths.report(finding.path), text)
        occurrence = seen.get(identity, 0)
        seen[identity] = occurrence + 1
        material = "\0".join((VERSION, *identity, str(occurrence)))
        # surrogatepass: a file name's undecodable bytes (lone surrogates) hash too, distinctly
        digest = hashlib.new(algorithm, material.encode("utf-8", "surrogatepass"), usedforsecurity=False)
        digests.append(digest.hexdigest())
    return digests


def _flagged_text(finding: Finding, sources: Mapping[str, str] | None, indexes: dict[str, LineIndex]) -> str:
    """The flagged lines, whitespace-collapsed; the message when the source is unknown."""
    source = sources.get(finding.path) if sources else None
    if source is None:
        return "message:" + finding.message
    index = indexes.get(finding.path)
    if index is None:
        index = indexes[finding.path] = LineIndex(source)
    first, last = finding.span.line, last_line(finding.span)
    if not 1 <= first <= last <= index.line_count:
        return "message:" + finding.message
    start = index.line_start(first)
    end = index.line_start(last + 1) if last < index.line_count else index.length
    return "source:" + " ".join(source[start : min(end, start + MAX_FLAGGED_CHARS)].split())
