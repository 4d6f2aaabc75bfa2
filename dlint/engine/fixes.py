"""Applying the fixes of findings to a source text.

A fix's edits are offsets into the text of the file its finding is in, so
:func:`apply_fixes` is always told which file the text is and uses the
findings located there only: a run that lints several files (a Compose file
and the Dockerfiles it builds) can never apply one file's edits to another.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from dlint.models.finding import Finding, Fix


class FixOutcome(NamedTuple):
    text: str
    applied: int  # fixes applied
    skipped: int  # fixes left out: they overlapped an earlier one (or fell outside the text)
    findings: tuple[Finding, ...] = ()  # the findings whose fixes were applied


def applicable(finding: Finding, unsafe: bool) -> Fix | None:
    """The fix of ``finding`` when this run may apply it."""
    fix = finding.fix
    if fix is None or not fix.edits:
        return None
    return fix if (fix.is_safe or unsafe) else None


def apply_fixes(text: str, findings: Iterable[Finding], *, path: str, unsafe: bool = False) -> FixOutcome:
    """``text``, the content of the file shown as ``path``, with every applicable
    fix of the findings in that file applied (findings in other files are left
    out); a fix whose edits overlap an already accepted fix is skipped whole (a
    later pass may apply it)."""
    fixes = []
    seen: set[tuple] = set()
    for finding in sorted(findings, key=lambda finding: finding.sort_key):
        fix = applicable(finding, unsafe) if finding.path == path else None
        if fix is None:
            continue
        key = tuple((edit.span.start, edit.span.end, edit.replacement) for edit in fix.edits)
        if key in seen:  # two findings offering the same fix
            continue
        seen.add(key)
        fixes.append((finding, fix))
    taken: list[tuple[int, int]] = []
    edits = []
    applied = skipped = 0
    accepted: list[Finding] = []
    for finding, fix in fixes:
        ranges = [(edit.span.start, edit.span.end) for edit in fix.edits]
        outside = any(not 0 <= start <= end <= len(text) for start, end in ranges)
        if outside or any(_overlaps(r, other) for r in ranges for other in taken) or _self_overlapping(ranges):
            skipped += 1
            continue
        taken.extend(ranges)
        edits.extend(fix.edits)
        accepted.append(finding)
        applied += 1
    pieces = []
    position = 0
    for edit in sorted(edits, key=lambda edit: (edit.span.start, edit.span.end)):
        pieces.append(text[position : edit.span.start])
        pieces.append(edit.replacement)
        position = edit.span.end
    pieces.append(text[position:])
    return FixOutcome("".join(pieces), applied, skipped, tuple(accepted))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # insertions collide only at the same point or inside
        return b[0] < a[0] < b[1] or a[0] < b[0] < a[1] or a == b
    return a[0] < b[1] and b[0] < a[1]


def _self_overlapping(ranges: list[tuple[int, int]]) -> bool:
    ordered = sorted(ranges)
    return any(_overlaps(ordered[i], ordered[i + 1]) for i in range(len(ordered) - 1))
