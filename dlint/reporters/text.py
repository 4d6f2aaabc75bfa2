"""Text for people: one ``path:line:col: CODE [severity] message`` line per
finding, the source line with ``^^^`` under the span, and a summary (ANSI
colour optional: the severity is always written as a word too).

The work and the text per finding are bounded whatever the file: each file's
line index is built once, an excerpt shows one line (a multi-line span's
first, marked to its end) cut to :data:`EXCERPT_COLUMNS` columns around the
span, and file content, paths and messages are made
:func:`~dlint.reporters.escape.printable` (carets count the escapes' columns).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from dlint.engine.rule import Rule
from dlint.engine.suppression import Suppressed
from dlint.models.finding import Finding, Severity
from dlint.models.span import LineIndex
from dlint.reporters import in_report_order
from dlint.reporters.escape import printable, shown_as

#: an excerpt shows at most this many columns of its line (an escaped character
#: counts as the columns of its escape): a longer line is cut to a window around
#: the span, "…" marking cut text at either end
EXCERPT_COLUMNS = 120
#: columns of the line kept before the span when the line is cut at its start
EXCERPT_LEAD = 20
#: a span starting within this many columns is shown from the start of its line
_BEFORE = EXCERPT_COLUMNS - EXCERPT_LEAD
_ELLIPSIS = "\u2026"

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


class Painter(NamedTuple):
    enabled: bool

    def __call__(self, text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if self.enabled and text else text


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def excerpt(source: str, lines: LineIndex, finding: Finding, paint: Painter) -> list[str]:
    """The finding's first line with a gutter and ``^`` under the span (to the end
    of that line for a multi-line span), cut to a window around the span."""
    span = finding.span
    if not 1 <= span.line <= lines.line_count:
        return []
    start, length = _line_bounds(source, lines, span.line)
    column = min(span.column - 1, length)
    end = min(span.end_column - 1, length) if span.end_line == span.line else length
    shown, offset, width = _view(source, start, length, column, max(end, column))
    number = str(span.line)
    gutter = " " * len(number)
    return [
        f"{paint(number, _CYAN)} {paint('|', _CYAN)} {shown}",
        f"{gutter} {paint('|', _CYAN)} {' ' * offset}{paint('^' * width, _COLOURS[finding.severity])}",
    ]


def _line_bounds(source: str, lines: LineIndex, line: int) -> tuple[int, int]:
    """Offset and length of ``line`` in ``source``, without its line break (``\\r\\n`` too)."""
    start = lines.line_start(line)
    end = lines.line_start(line + 1) - 1 if line < lines.line_count else lines.length
    if end > start and source[end - 1] == "\r":
        end -= 1
    return start, end - start


def _view(source: str, start: int, length: int, column: int, end: int) -> tuple[str, int, int]:
    """The shown part of the line at ``start`` (``length`` characters long), the
    caret offset and the caret width under its 0-based columns ``column``–``end``.

    Only the characters that can be shown are looked at: at most ``_BEFORE``
    before the span and ``EXCERPT_COLUMNS`` from its start (each shows as one
    column or more).
    """
    if length <= EXCERPT_COLUMNS:
        line = source[start : start + length]
        if printable(line) == line:  # the common case: the whole line, one column per character
            return line.replace("\t", " "), column, max(1, end - column)
    skipped = 0 if length <= EXCERPT_COLUMNS else max(0, column - _BEFORE)
    cells = _cells(source[start + skipped : start + min(length, column + EXCERPT_COLUMNS)])
    at = column - skipped
    first = _window_start(cells, at, skipped == 0)
    last = _window_end(cells, first)
    left = _ELLIPSIS if skipped + first > 0 else ""
    right = _ELLIPSIS if skipped + last < length else ""
    offset = len(left) + sum(map(len, cells[first:at]))
    width = sum(map(len, cells[at : min(end - skipped, last)]))
    return left + "".join(cells[first:last]) + right, offset, max(1, width)


def _cells(text: str) -> list[str]:
    """How each character of ``text`` is shown: escaped when unsafe, a tab as one
    space (so that carets stay aligned), anything else as itself."""
    text = text.replace("\t", " ")
    if printable(text) == text:
        return list(text)
    return [shown_as(character) for character in text]


def _window_start(cells: list[str], at: int, from_line_start: bool) -> int:
    """The first cell shown: the line's start when the line fits or the span starts
    within the first ``_BEFORE`` columns, else as many cells before the span as fit
    in ``EXCERPT_LEAD``."""
    fits = sum(map(len, cells)) <= EXCERPT_COLUMNS
    if from_line_start and (fits or sum(map(len, cells[:at])) <= _BEFORE):
        return 0
    back = list(accumulate(map(len, reversed(cells[:at]))))
    return at - bisect_right(back, EXCERPT_LEAD)


def _window_end(cells: list[str], first: int) -> int:
    """One past the last cell shown: as many as fit in ``EXCERPT_COLUMNS`` columns."""
    return first + bisect_right(list(accumulate(map(len, cells[first:]))), EXCERPT_COLUMNS)


def _headline(finding: Finding, paint: Painter) -> str:
    span = finding.span
    location = paint(f"{printable(finding.path)}:{span.line}:{span.column}:", _BOLD)
    colour = _COLOURS[finding.severity]
    level = paint(f"[{_SINGULARS[finding.severity]}]", colour)
    return f"{location} {paint(finding.code, colour)} {level} {printable(finding.message)}"


def suppressed_line(finding: Finding, kind: str, justification: str | None, paint: Painter) -> str:
    """The headline of a suppressed finding (``--show-suppressed``), marked with why."""
    why = "suppressed" if kind == "inSource" else f"suppressed ({kind})"
    if justification:
        why += f": {justification}"
    return f"{_headline(finding, paint)} {paint(printable(f'[{why}]'), _DIM)}"


def _fix_note(finding: Finding, paint: Painter) -> str | None:
    fix = finding.fix
    if fix is None:
        return None
    how = "--fix" if fix.is_safe else "--fix --unsafe-fixes"
    return paint(f"  = fix ({fix.applicability}, {how}): {printable(fix.message)}", _DIM)


class Tally:
    """What the summary and the statistics say of findings, counted as they pass."""

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        self.severities: Counter[Severity] = Counter()
        self.codes: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        self.safe = self.unsafe = 0  # findings with a safe fix, with an unsafe one
        self.safe_codes: set[str] = set()
        self.fixable_codes: set[str] = set()
        for finding in findings:
            self.add(finding)

    def add(self, finding: Finding) -> None:
        self.severities[finding.severity] += 1
        self.codes[finding.code] += 1
        self.names.setdefault(finding.code, finding.name)
        if finding.fix is not None:
            self.fixable_codes.add(finding.code)
            if finding.fix.is_safe:
                self.safe += 1
                self.safe_codes.add(finding.code)
            else:
                self.unsafe += 1


def summary(findings: Iterable[Finding] | Tally, files: int, not_linted: int = 0) -> str:
    """The last line: what was found in the ``files`` linted, and how many files
    could not be linted (their errors are printed after the report)."""
    tally = findings if isinstance(findings, Tally) else Tally(findings)
    checked = _plural(files, "file", "files")
    missed = f"; {_plural(not_linted, 'file', 'files')} not linted" if not_linted else ""
    total = sum(tally.severities.values())
    if not total:
        return f"No problems found in {checked}{missed}."
    counts = tally.severities
    parts = [
        _plural(counts[level], _SINGULARS[level], _PLURALS[level]) for level in Severity if counts[level]
    ]
    text = f"Found {_plural(total, 'problem', 'problems')} ({', '.join(parts)}) in {checked}"
    notes = []
    if tally.safe:
        notes.append(f"{tally.safe} fixable with --fix")
    if tally.unsafe:
        notes.append(f"{tally.unsafe} more with --fix --unsafe-fixes" if tally.safe else f"{tally.unsafe} fixable with --fix --unsafe-fixes")
    return text + ("; " + ", ".join(notes) if notes else "") + missed + "."


def statistics(findings: Iterable[Finding] | Tally, paint: Painter) -> list[str]:
    """One line per code: count, code, ``[*]`` when a finding has a safe fix (``[-]``
    when only unsafe ones), name; most frequent first, then by code."""
    tally = findings if isinstance(findings, Tally) else Tally(findings)
    counts = tally.codes
    width = len(str(max(counts.values()))) if counts else 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    marks = {
        code: "[*] " if code in tally.safe_codes else "[-] " if code in tally.fixable_codes else "    " for code in counts
    }
    return [f"{count:>{width}}  {paint(code, _BOLD)}  {marks[code]}{tally.names[code]}" for code, count in rows]


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
    not_linted: int = 0,
    suppressed: Sequence[Suppressed] = (),
) -> str:
    """``suppressed``: findings not reported, each with its suppression (``kind``,
    ``justification``), listed after the findings when given (``--show-suppressed``)."""
    return "".join(render_pieces(
        findings, rules, sources=sources, color=color, files=files, show_statistics=show_statistics,
        quiet=quiet, fixed=fixed, not_linted=not_linted, suppressed=suppressed,
    ))


def render_pieces(
    findings: Iterable[Finding],
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
    not_linted: int = 0,
    suppressed: Sequence[Suppressed] = (),
    totals: Callable[[], tuple[int, int]] | None = None,
) -> Iterator[str]:
    """:func:`render`'s text, a finding at a time (one file's line index kept at a
    time); ``totals``: ``(files, not_linted)``, asked once the findings are out (a
    streamed run knows them only then), instead of ``files`` and ``not_linted``."""
    paint = Painter(color)
    tally = Tally()
    shown = False  # a line was written
    if show_statistics:
        for finding in findings:
            tally.add(finding)
        for line in statistics(tally, paint):
            shown = True
            yield line + "\n"
    else:
        indexed: tuple[str, LineIndex] | None = None  # the path of the last finding with an excerpt, its lines
        for finding in in_report_order(findings):
            tally.add(finding)
            lines = [_headline(finding, paint)]
            if not quiet:
                source = (sources or {}).get(finding.path)
                if source is not None:
                    if indexed is None or indexed[0] != finding.path:
                        indexed = (finding.path, LineIndex(source))
                    lines.extend(excerpt(source, indexed[1], finding, paint))
                note = _fix_note(finding, paint)
                if note:
                    lines.append(note)
            shown = True
            yield "\n".join(lines) + "\n"
        for finding, why in sorted(suppressed, key=lambda pair: pair[0].sort_key):
            shown = True
            yield suppressed_line(finding, why.kind, why.justification, paint) + "\n"
    if not quiet:
        if shown and not show_statistics:
            yield "\n"
        if fixed:
            yield f"Fixed {_plural(fixed, 'problem', 'problems')}.\n"
        if totals is not None:
            files, not_linted = totals()
        yield summary(tally, files, not_linted) + "\n"
