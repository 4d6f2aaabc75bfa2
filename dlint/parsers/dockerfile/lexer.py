"""Physical lines to logical lines: parser directives, comments, line
continuations with the active escape character, and heredoc bodies.

Follows BuildKit's reader: directives only at the very top (a blank line, a
non-directive comment or an instruction ends them); inside a continuation,
comment lines and empty lines are skipped; an escape character followed only
by blanks continues the line; the first line of an instruction is stripped on
the left, continuation lines are kept as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, count
from operator import add
from typing import NamedTuple

from dlint.regex import regex

#: ``# name=value``; the value is group 2 with trailing blanks removed (a lazy
#: ``(.+?)\s*$`` would rescan the blanks after every character: quadratic)
DIRECTIVE = regex(r"#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+)$")
KNOWN_DIRECTIVES = frozenset({"syntax", "escape", "check"})
#: builds a named tuple from all its items without its Python-level ``__new__``
_new_tuple = tuple.__new__
#: At most this many comments are kept (a generated file of millions of
#: comment lines must not exhaust memory); ``Lexer.dropped_comments`` counts the rest.
MAX_COMMENTS = 50_000


class RawComment(NamedTuple):
    start: int  # offset of ``#``
    end: int
    text: str


class RawDirective(NamedTuple):
    name: str
    value: str
    start: int
    end: int
    value_start: int


class Logical(NamedTuple):
    """One instruction's text with continuations joined and its offset map."""

    text: str
    segments: list[tuple[int, int, int]]  # (text_start, file_start, length)
    first_line: int  # 0-based physical line numbers
    last_line: int
    end: int  # file offset just after the last character that belongs to it
    line: int = 0  # 1-based number of the first line
    line_start: int = 0  # file offset where that line starts

    def offset(self, index: int) -> int:
        segments = self.segments
        if len(segments) == 1:
            return segments[0][1] + index
        return _map(segments, index)

    def end_offset(self, index: int) -> int:
        if index <= 0:
            return self.offset(0)
        return self.offset(index - 1) + 1


def _map(segments: list[tuple[int, int, int]], index: int) -> int:
    low, high = 0, len(segments) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if segments[middle][0] <= index:
            low = middle
        else:
            high = middle - 1
    text_start, file_start, _ = segments[low]
    return file_start + index - text_start


def sub_segments(segments: list[tuple[int, int, int]], start: int, end: int) -> list[tuple[int, int, int]]:
    """The segments of ``text[start:end]``, renumbered from 0."""
    if len(segments) == 1:
        return [(0, segments[0][1] + start - segments[0][0], end - start)]
    result = []
    for text_start, file_start, length in segments:
        low = text_start if text_start > start else start  # max() and min(), without their calls
        high = text_start + length
        if high > end:
            high = end
        if low < high or (low == high == start and not result and length == 0):
            result.append((low - start, file_start + low - text_start, high - low))
    if not result:
        result.append((0, _map(segments, start) if segments else 0, 0))
    return result


class HeredocBody(NamedTuple):
    text: str
    segments: list[tuple[int, int, int]]
    body_start: int
    body_end: int
    terminator: tuple[int, int] | None  # file offsets of the delimiter on its line


class Lexer:
    """Reads a Dockerfile's text line by line: directives, comments, instructions."""

    def __init__(self, source: str, escape: str = "\\") -> None:
        self.source = source
        self.escape = escape
        self.comments: list[RawComment] = []
        self.directives: list[RawDirective] = []
        self.index = 0  # next physical line to read
        self.dropped_comments = 0
        lines = source.split("\n")
        # line i starts after the lines before it and their i line breaks (no loop in Python)
        starts = list(map(add, accumulate(map(len, lines), initial=0), count()))
        starts.pop()  # the offset past the last line
        if "\r" in source:
            lines = [line[:-1] if line.endswith("\r") else line for line in lines]
        self.lines = lines
        self.starts = starts

    def read_directives(self) -> None:
        """Consume the parser directives at the top of the file."""
        lines = self.lines
        index = 0
        while index < len(lines):
            line = lines[index]
            stripped = line.lstrip()
            if index == 0 and stripped.startswith("#!"):
                self._comment(index, line, stripped)
                index += 1
                continue
            match = DIRECTIVE.match(stripped)
            if match is None or match.group(1).lower() not in KNOWN_DIRECTIVES:
                break
            offset = self.starts[index] + len(line) - len(stripped)
            value = match.group(2)
            self.directives.append(
                RawDirective(
                    name=match.group(1).lower(),
                    value=value.rstrip() or value,
                    start=offset,
                    end=offset + len(stripped.rstrip()),
                    value_start=offset + match.start(2),
                )
            )
            index += 1
        self.index = index

    def _comment(self, index: int, line: str, stripped: str) -> None:
        if len(self.comments) >= MAX_COMMENTS:
            self.dropped_comments += 1
            return
        start = self.starts[index] + len(line) - len(stripped)
        body = stripped.rstrip()
        self.comments.append(_new_tuple(RawComment, (start, start + len(body), body[1:].strip())))

    def next_logical(self) -> Logical | None:
        """The next instruction line (continuations joined), or None at the end."""
        lines = self.lines
        starts = self.starts
        count = len(lines)
        index = self.index
        escape = self.escape
        while index < count:
            line = lines[index]
            stripped = line.lstrip()
            if not stripped:
                index += 1
                continue
            if stripped[0] == "#":
                self._comment(index, line, stripped)
                index += 1
                continue
            first = index
            file_start = starts[index] + len(line) - len(stripped)
            trimmed = stripped.rstrip(" \t")
            if not trimmed.endswith(escape):  # one line: the common case
                self.index = index + 1
                end = starts[index] + len(line.rstrip())
                return _new_tuple(Logical, (stripped, [(0, file_start, len(stripped))], index, index, end, index + 1, starts[index]))
            piece, continued = trimmed[:-1], True
            parts = [piece]
            segments = [(0, file_start, len(piece))]
            length = len(piece)
            last_content = index
            while continued:
                index += 1
                if index >= count:
                    break
                line = lines[index]
                stripped = line.lstrip()
                if not stripped:
                    continue
                if stripped[0] == "#":
                    self._comment(index, line, stripped)
                    continue
                trimmed = line.rstrip(" \t")
                continued = trimmed.endswith(escape)
                piece = trimmed[:-1] if continued else line
                parts.append(piece)
                size = len(piece)
                segments.append((length, starts[index], size))
                length += size
                last_content = index
            self.index = min(index, count - 1) + 1
            text = "".join(parts) if len(parts) > 1 else parts[0]
            if not text.strip():
                index = self.index
                continue
            end_line = lines[last_content]
            end = starts[last_content] + len(end_line.rstrip())
            return _new_tuple(Logical, (text, segments, first, min(index, count - 1), end, first + 1, starts[first]))
        self.index = index
        return None

    def read_heredoc(self, delimiter: str, strip_tabs: bool) -> HeredocBody:
        """Consume a heredoc body up to and including its terminator line."""
        if not strip_tabs:
            body = self._read_heredoc_fast(delimiter)
            if body is not None:
                return body
        return self.read_heredoc_lines(delimiter, strip_tabs)

    def _read_heredoc_fast(self, delimiter: str) -> HeredocBody | None:
        """One regex search for the terminator and one slice for the body
        (None when the body has CR characters: the line reader handles those)."""
        starts = self.starts
        count = len(starts)
        index = self.index
        source = self.source
        if index >= count:
            return None
        body_start = starts[index]
        match = re.compile(rf"^{re.escape(delimiter)}\r?$", re.MULTILINE).search(source, body_start)
        if match is None:
            text = source[body_start:]
            end_line = count
            body_end = len(source) - (1 if text.endswith("\n") else 0) if text else body_start
            terminator = None
        else:
            end_line = bisect_right(starts, match.start()) - 1
            text = source[body_start : starts[end_line]]
            body_end = max(starts[end_line] - 1, body_start)
            terminator = (match.start(), match.start() + len(delimiter))
            end_line += 1
        if "\r" in text:
            return None
        self.index = end_line
        return HeredocBody(text, [(0, body_start, len(text))] if text else [], body_start, body_end, terminator)

    def read_heredoc_lines(self, delimiter: str, strip_tabs: bool) -> HeredocBody:
        """Consume a heredoc body line by line (``<<-`` and CRLF files)."""
        lines = self.lines
        starts = self.starts
        count = len(lines)
        index = self.index
        parts: list[str] = []
        segments: list[tuple[int, int, int]] = []
        length = 0
        body_start = starts[index] if index < count else len(self.source)
        body_end = body_start
        terminator = None
        while index < count:
            line = lines[index]
            candidate = line.lstrip("\t") if strip_tabs else line
            if candidate == delimiter:
                offset = starts[index] + len(line) - len(candidate)
                terminator = (offset, offset + len(candidate))
                index += 1
                break
            has_newline = index < count - 1
            if not has_newline and not line:
                index += 1
                break
            file_start = starts[index] + len(line) - len(candidate)
            content = len(candidate)
            _extend(segments, length, file_start, content)
            piece = candidate
            if has_newline:
                piece += "\n"
                _extend(segments, length + content, starts[index + 1] - 1, 1)
            parts.append(piece)
            length += len(piece)
            body_end = starts[index] + len(line)
            index += 1
        self.index = index
        return HeredocBody("".join(parts), segments, body_start, max(body_end, body_start), terminator)


def _extend(segments: list[tuple[int, int, int]], text_start: int, file_start: int, length: int) -> None:
    """Append a segment, merging it with the previous one when both are contiguous."""
    if segments:
        last_text, last_file, last_length = segments[-1]
        if last_text + last_length == text_start and last_file + last_length == file_start:
            segments[-1] = (last_text, last_file, last_length + length)
            return
    if length:
        segments.append((text_start, file_start, length))
