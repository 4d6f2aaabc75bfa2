"""Spans for the Dockerfile parser, made fast (nodes themselves are made with
:func:`dlint.models.base.construct`: the parser has already checked their values)."""

from __future__ import annotations

from bisect import bisect_right

from dlint.models.span import Span, new_span


class Positions:
    """Turns file offsets into :class:`Span` objects (line starts + bisect)."""

    __slots__ = ("starts",)

    def __init__(self, starts: list[int]) -> None:
        self.starts = starts

    def span(self, start: int, end: int) -> Span:
        starts = self.starts
        line = bisect_right(starts, start)
        end_line = line
        if end != start and line < len(starts) and end >= starts[line]:
            end_line = bisect_right(starts, end)
        return new_span(Span, (start, end, line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1))
