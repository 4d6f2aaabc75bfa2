"""Suppression comments, read from the source and applied after the rules ran.

Dockerfile::

    # dlint: ignore=DL3008,pipefail-missing    the next instruction (all its lines)
    # dlint: ignore-stage=DL3002               the stage of the next instruction
    # dlint: ignore-file=DL3006                the whole file
    # hadolint ignore=…  /  # hadolint stage ignore=…  /  # hadolint global ignore=…

A line directive skips blank and comment lines to reach its instruction.

Compose (read from raw lines, no YAML needed)::

    image: nginx  # dlint: ignore=DC101        this line and the lines nested under it
    # dlint: ignore=DC101                      the next line (and its nested lines)
    # dlint: ignore-file=DC101

A reason may follow the items, after `` -- `` or (as hadolint allows) after
another ``#``: ``# dlint: ignore=DL3008 -- pinned by the base image``. With
``require-reason`` a directive without one suppresses nothing.

Items are codes or names (any case). An item that is neither a rule name nor
code-shaped makes the directive invalid: it is not applied (as hadolint does)
and the unknown-suppression rule reports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from dlint.models.base import Model, field
from dlint.models.finding import Finding
from dlint.models.span import LineIndex, Span
from dlint.regex import regex

#: the ShellCheck family's code: an item naming it (``shellcheck``) covers every SC finding
SHELLCHECK = "SC"

_DIRECTIVE = regex(
    r"#\s*(?:dlint\s*(?::\s*)?ignore(?P<dlint_scope>-file|-stage)?"
    r"|hadolint\s+(?:(?P<hadolint_scope>global|stage)\s+)?ignore)"
    r"\s*=[ \t]*(?P<items>[^#\r\n]*)",
    re.IGNORECASE,
)
_ITEM = regex(r"[^,\s]+(?:[ \t]+[^,\s]+)*")
#: the `` -- `` that starts a directive's reason (``--`` alone, blank-delimited)
_REASON_MARK = regex(r"(?:^|[ \t])--(?=[ \t]|$)")

ALL_LINES = (1, 1 << 31)


class DirectiveItem(Model):
    """One code or name of a directive."""

    text: str
    span: Span
    code: str | None  # the rule code it names; None when it names nothing known
    known: bool  # a rule dlint has (False for a code of a rule it lacks, or a typo)
    used: bool = False
    #: every rule code it names: several for an alias shared by rules (a build check's
    #: name, ``SecretsUsedInArgOrEnv``: DF012 and DL3064), else ``(code,)``
    codes: tuple[str, ...] = ()


class Directive(Model):
    scope: str  # "next", "stage", "file" (Dockerfile) or "line", "file" (Compose)
    span: Span
    items: list[DirectiveItem]
    lines: tuple[int, int] = (0, -1)  # first and last line covered (inclusive)
    reason: str | None = None  # the text after `` -- `` (or a second ``#``), when given

    @property
    def valid(self) -> bool:
        return all(item.code is not None for item in self.items)

    def covers(self, line: int) -> bool:
        return self.lines[0] <= line <= self.lines[1]


def _resolve(text: str) -> tuple[tuple[str, ...], bool]:
    """The codes ``text`` names (none when it names nothing) and whether they are rules dlint has."""
    from dlint.engine.registry import rules_named
    from dlint.engine.selection import looks_like_code

    rules = rules_named(text)
    if rules:
        return tuple(rule.code for rule in rules), True
    if looks_like_code(text):
        return (text.upper(),), False
    return (), False


def parse_directive(text: str, offset: int, index: LineIndex) -> tuple[str, Span, list[DirectiveItem], str | None] | None:
    """The directive in ``text`` (a comment starting at ``offset``): its scope, span,
    items and reason, if any."""
    if "=" not in text:  # every directive has one; most comments do not
        return None
    match = _DIRECTIVE.search(text)
    if match is None:
        return None
    listed = match.group("items")
    rest = text[match.end("items") :].split("\n", 1)[0]
    mark = _REASON_MARK.search(listed)
    if mark is not None:
        rest = text[match.start("items") + mark.end() :].split("\n", 1)[0]
        listed = listed[: mark.start()]
    elif rest.startswith("#"):
        rest = rest[1:]
    else:
        rest = ""
    reason = rest.strip() or None
    scope = (match.group("dlint_scope") or "").lstrip("-").lower() or {
        "global": "file",
        "stage": "stage",
    }.get((match.group("hadolint_scope") or "").lower(), "next")
    items = []
    base = offset + match.start("items")
    for item in _ITEM.finditer(listed):
        codes, known = _resolve(item.group())
        span = index.span(base + item.start(), base + item.end())
        items.append(DirectiveItem(item.group(), span, codes[0] if codes else None, known, codes=codes))
    span = index.span(offset + match.start(), offset + match.start("items") + len(listed.rstrip()))
    return scope, span, items, reason


def _last_line(span: Span) -> int:
    """The last line holding a character of ``span``."""
    if span.end_column == 1 and span.end_line > span.line:
        return span.end_line - 1
    return span.end_line


def dockerfile_directives(dockerfile) -> list[Directive]:  # noqa: ANN001 - a Dockerfile model
    """Every suppression directive of a Dockerfile, with the lines it covers."""
    source = dockerfile.source
    index = dockerfile.lines
    instructions = dockerfile.instructions
    stages = dockerfile.stages
    directives = []
    for comment in dockerfile.comments:
        parsed = parse_directive(source[comment.span.start : comment.span.end], comment.span.start, index)
        if parsed is None:
            continue
        scope, span, items, reason = parsed
        directive = Directive(scope, span, items, reason=reason)
        target = next((i for i in instructions if i.span.line > comment.span.line), None)
        if scope == "file":
            directive.lines = ALL_LINES
        elif target is not None and scope == "next":
            directive.lines = (target.span.line, _last_line(target.span))
        elif target is not None and scope == "stage" and target.stage_index is not None:
            stage = target.stage_index
            first = stages[stage].from_instruction.span.line
            last = stages[stage + 1].from_instruction.span.line - 1 if stage + 1 < len(stages) else ALL_LINES[1]
            directive.lines = (first, last)
        directives.append(directive)
    return directives


def _leading(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def compose_directives(source: str) -> list[Directive]:
    """Every suppression directive of a Compose file, from its raw lines."""
    if "dlint" not in source:
        return []
    index = LineIndex(source)
    lines = source.split("\n")
    directives = []
    offset = 0
    for number, line in enumerate(lines, start=1):
        start = line.find("#")
        if start != -1 and "dlint" in line:
            parsed = parse_directive(line[start:], offset + start, index)
            if parsed is not None:
                scope, span, items, reason = parsed
                if scope == "stage":
                    scope = "next"  # no stages in Compose: the node it names
                directive = Directive("file" if scope == "file" else "line", span, items, reason=reason)
                if scope == "file":
                    directive.lines = ALL_LINES
                else:
                    target = number if line[:start].strip() else _next_content_line(lines, number)
                    if target is not None:
                        directive.lines = (target, _block_end(lines, target))
                directives.append(directive)
        offset += len(line) + 1
    return directives


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _next_content_line(lines: Sequence[str], number: int) -> int | None:
    for candidate in range(number + 1, len(lines) + 1):
        if _is_content(lines[candidate - 1]):
            return candidate
    return None


def _block_end(lines: Sequence[str], target: int) -> int:
    """The last line nested under ``target``: more indented, or a ``- item`` at the
    same indent under a ``key:`` line (YAML lets a block sequence sit there)."""
    head = lines[target - 1]
    indent = _leading(head)
    key_line = not head.lstrip().startswith("-")
    last = target
    for candidate in range(target + 1, len(lines) + 1):
        text = lines[candidate - 1]
        if not _is_content(text):
            continue
        leading = _leading(text)
        if leading > indent or (key_line and leading == indent and text.lstrip().startswith("-")):
            last = candidate
        else:
            break
    return last


class Suppression(NamedTuple):
    """Why a finding is not reported: ``kind`` is ``"inSource"`` (a comment in the
    file) or ``"baseline"``; ``justification`` the reason given, if any."""

    kind: str
    justification: str | None = None


#: a finding and why it is not reported
Suppressed = tuple[Finding, Suppression]


class SuppressionResult(Model):
    kept: list[Finding]
    suppressed: list[Suppressed] = field(default_factory=list)


def applies(directive: Directive, *, require_reason: bool = False) -> bool:
    """Whether ``directive`` suppresses anything (valid, with items, and with a reason
    when one is required)."""
    return directive.valid and bool(directive.items) and (directive.reason is not None or not require_reason)


def apply_directives(
    findings: Iterable[Finding],
    directives: Sequence[Directive],
    *,
    mandatory: frozenset[str] = frozenset(),
    require_reason: bool = False,
) -> SuppressionResult:
    """Drop findings a directive that applies covers; mark the items that matched as used."""
    result = SuppressionResult(kept=[])
    active = [directive for directive in directives if applies(directive, require_reason=require_reason)]
    for finding in findings:
        hit = None
        if finding.code not in mandatory:
            for directive in active:
                if directive.covers(finding.span.line):
                    for item in directive.items:
                        if finding.code.upper() in item.codes or (item.code == SHELLCHECK and finding.code.startswith("SC")):
                            item.used = True
                            hit = hit or directive
        if hit is None:
            result.kept.append(finding)
        else:
            result.suppressed.append((finding, Suppression("inSource", hit.reason)))
    return result
