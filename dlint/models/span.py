"""Source positions: spans over a file's text and the index that makes them."""

from __future__ import annotations

from bisect import bisect_right

from dlint.models.base import Frozen


class Span(Frozen):
    """A region of a source file.

    ``line``/``column`` are 1-based and point at the first character;
    ``end_line``/``end_column`` point one past the last character (as SARIF's
    ``endColumn`` does). ``start``/``end`` are 0-based character offsets into
    the decoded text, used to apply fixes.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class LineIndex:
    """Turns character offsets of one text into spans (line starts + bisect)."""

    __slots__ = ("_starts", "length")

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        self.length = len(text)

    @classmethod
    def from_line_starts(cls, starts: list[int], length: int) -> LineIndex:
        """The index of a text whose lines start at ``starts`` (as the text's own scan
        would find them: 0, then one past each line break)."""
        index = cls.__new__(cls)
        index._starts = starts
        index.length = length
        return index

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[line - 1]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``."""
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        span = _new(Span)
        _set(span, "__dict__", {"start": start, "end": end, "line": line, "column": column, "end_line": end_line, "end_column": end_column})
        return span


_new = object.__new__
_set = object.__setattr__
