"""Text for people: one ``path:line:col: CODE message`` line per finding, the
source line with ``^^^`` under the span, and a summary (ANSI colour optional)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from dlint.engine.rule import Rule
from dlint.models.finding import Finding, Severity

_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_CYAN = "\033[36m"
_COLOURS = {
    Severity.ERROR: "\033[1;31m",
    Severity.WARNING: "\033[1;33m",
    Severity.INFO: "\033[1;34m",
    Severity.STYLE: "\033[1;35m",
}
_PLURALS = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos", Severity.STYLE: "style"}
_SINGULARS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info", Severity.STYLE: "style"}


@dataclass(frozen=True)
class Painter:
    enabled: bool

    def __call__(self, text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if self.enabled and text else text


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def excerpt(source: str, finding: Finding, paint: Painter) -> list[str]:
    """The finding's first line with a gutter and ``^`` under the span."""
    lines = source.split("\n")
    span = finding.span
    if not 1 <= span.line <= len(lines):
        return []
    line = lines[span.line - 1].rstrip("\r").replace("\t", " ")
    start = min(span.column - 1, len(line))
    end = span.end_column - 1 if span.end_line == span.line else len(line)
    width = max(1, min(end, len(line)) - start)
    number = str(span.line)
    gutter = " " * len(number)
    colour = _COLOURS[finding.severity]
    return [
        f"{paint(number, _CYAN)} {paint('|', _CYAN)} {line}",
        f"{gutter} {paint('|', _CYAN)} {' ' * start}{paint('^' * width, colour)}",
    ]


def _headline(finding: Finding, paint: Painter) -> str:
    span = finding.span
    location = paint(f"{finding.path}:{span.line}:{span.column}:", _BOLD)
    return f"{location} {paint(finding.code, _COLOURS[finding.severity])} {finding.message}"


def _fix_note(finding: Finding, paint: Painter) -> str | None:
    fix = finding.fix
    if fix is None:
        return None
    how = "--fix" if fix.is_safe else "--fix --unsafe-fixes"
    return paint(f"  = fix ({fix.applicability}, {how}): {fix.message}", _DIM)


def summary(findings: Sequence[Finding], files: int) -> str:
    checked = _plural(files, "file", "files")
    if not findings:
        return f"No problems found in {checked}."
    counts = Counter(finding.severity for finding in findings)
    parts = [
        _plural(counts[level], _SINGULARS[level], _PLURALS[level]) for level in Severity if counts[level]
    ]
    text = f"Found {_plural(len(findings), 'problem', 'problems')} ({', '.join(parts)}) in {checked}"
    safe = sum(1 for finding in findings if finding.fix is not None and finding.fix.is_safe)
    unsafe = sum(1 for finding in findings if finding.fix is not None and not finding.fix.is_safe)
    notes = []
    if safe:
        notes.append(f"{safe} fixable with --fix")
    if unsafe:
        notes.append(f"{unsafe} more with --fix --unsafe-fixes" if safe else f"{unsafe} fixable with --fix --unsafe-fixes")
    return text + ("; " + ", ".join(notes) if notes else "") + "."


def statistics(findings: Sequence[Finding], paint: Painter) -> list[str]:
    """One line per code: count, code, name, fixability; most frequent first."""
    counts = Counter(finding.code for finding in findings)
    names = {finding.code: finding.name for finding in findings}
    fixable = {finding.code for finding in findings if finding.fix is not None}
    width = len(str(max(counts.values()))) if counts else 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        f"{count:>{width}}  {paint(code, _BOLD)}  {names[code]}{'  [fixable]' if code in fixable else ''}"
        for code, count in rows
    ]


def render(
    findings: Sequence[Finding],
    rules: Sequence[type[Rule]] = (),
    *,
    root: Path | None = None,
    sources: Mapping[str, str] | None = None,
    tool_version: str = "",
    color: bool = False,
    files: int = 0,
    show_statistics: bool = False,
    quiet: bool = False,
    fixed: int = 0,
) -> str:
    paint = Painter(color)
    ordered = sorted(findings, key=lambda finding: finding.sort_key)
    out: list[str] = []
    if show_statistics:
        out.extend(statistics(ordered, paint))
    else:
        for finding in ordered:
            out.append(_headline(finding, paint))
            if quiet:
                continue
            source = (sources or {}).get(finding.path)
            if source is not None:
                out.extend(excerpt(source, finding, paint))
            note = _fix_note(finding, paint)
            if note:
                out.append(note)
    if not quiet:
        if out and not show_statistics:
            out.append("")
        if fixed:
            out.append(f"Fixed {_plural(fixed, 'problem', 'problems')}.")
        out.append(summary(ordered, files))
    return "\n".join(out) + "\n" if out else ""
