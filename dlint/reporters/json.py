"""JSON: one array of finding objects, a stable public contract.

Each object: ``code``, ``name``, ``severity``, ``message``, ``path``, ``line``,
``column``, ``end_line``, ``end_column`` (1-based; the end is one past the last
character) and ``fix`` (null or ``{message, applicability, edits: [{line,
column, end_line, end_column, replacement}]}``), ordered by path, line, column
and code. Control characters are JSON-escaped; a lone surrogate (an
undecodable byte of a file name) becomes U+FFFD, so the text is valid UTF-8.

With ``--show-suppressed`` the suppressed findings are in the array too and
every object has one more key, ``suppressed``: null for a reported finding,
else ``{kind, justification}`` (``kind``: ``"inSource"`` or ``"baseline"``;
``justification``: the reason given, or null).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from dlint.engine.rule import Rule
from dlint.engine.suppression import Suppressed
from dlint.models.finding import Finding, Fix
from dlint.models.span import Span
from dlint.reporters import in_report_order
from dlint.reporters.escape import well_formed


def _position(span: Span) -> dict[str, int]:
    return {"line": span.line, "column": span.column, "end_line": span.end_line, "end_column": span.end_column}


def _fix(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "message": fix.message,
        "applicability": fix.applicability,
        "edits": [{**_position(edit.span), "replacement": edit.replacement} for edit in fix.edits],
    }


def _suppressed(why) -> dict[str, Any] | None:  # noqa: ANN001 - a Suppression or None
    return None if why is None else {"kind": why.kind, "justification": why.justification}


#: objects the standard library writes before orjson takes over: orjson's import costs
#: ≈ 10 ms (it imports dataclasses, inspect, uuid and datetime), the standard library
#: ≈ 7 µs an object more (its indenting is pure Python): a report of a few files never
#: pays the import, and a long one pays ≈ 2 ms for the objects before it
STDLIB_OBJECTS = 256


def object_text(item: dict[str, Any], *, fast: bool = True, sort_keys: bool = False) -> str:
    """``json.dumps(item, indent=2, ensure_ascii=False, sort_keys=sort_keys)``'s text;
    written by orjson when ``fast``, and by the standard library when orjson refuses
    the value (a lone surrogate in a string)."""
    if fast:
        import orjson

        try:
            return orjson.dumps(item, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS if sort_keys else orjson.OPT_INDENT_2).decode()
        except orjson.JSONEncodeError:
            pass
    return json.dumps(item, indent=2, ensure_ascii=False, sort_keys=sort_keys)


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "path": finding.path,
        **_position(finding.span),
        "fix": _fix(finding.fix),
    }


def render(
    findings: Sequence[Finding],
    rules: Sequence[type[Rule]],
    *,
    root: Path,
    sources: Mapping[str, str] | None = None,
    tool_version: str = "",
    suppressed: Sequence[Suppressed] | None = None,
) -> str:
    """``suppressed``: given (``--show-suppressed``), those findings are listed too and
    each object gets a ``suppressed`` key."""
    return "".join(render_pieces(findings, rules, root=root, suppressed=suppressed))


def render_pieces(
    findings: Sequence[Finding],
    rules: Sequence[type[Rule]],
    *,
    root: Path,
    sources: Mapping[str, str] | None = None,
    tool_version: str = "",
    suppressed: Sequence[Suppressed] | None = None,
) -> Iterator[str]:
    """:func:`render`'s text, one object at a time."""
    if suppressed is None:
        items = (finding_to_dict(finding) for finding in in_report_order(findings))
    else:
        pairs = sorted([*((finding, None) for finding in findings), *suppressed], key=lambda pair: pair[0].sort_key)
        items = ({**finding_to_dict(finding), "suppressed": _suppressed(why)} for finding, why in pairs)
    # the text json.dumps(list, indent=2) gives, one object at a time (a JSON string
    # holds no raw line break, so indenting each line is safe)
    opening = "[\n  "
    for count, item in enumerate(items):
        yield opening + well_formed(object_text(item, fast=count >= STDLIB_OBJECTS)).replace("\n", "\n  ")
        opening = ",\n  "
    yield "[]\n" if opening == "[\n  " else "\n]\n"
