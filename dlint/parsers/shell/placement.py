"""Placing analysed text in its file."""

from __future__ import annotations

from bisect import bisect_right

from dlint.models.span import LineIndex, Span, new_span

class Placement:
    """Maps character offsets of an analysed buffer to spans of a file.

    The analysed text starts at ``base`` in the buffer; ``segments`` are
    ``(text_start, file_start, length)`` runs of the text that are contiguous
    in the file (the shape :class:`~dlint.models.dockerfile.SourceSlice` uses).
    """

    __slots__ = ("lines", "_base", "_segments", "_starts", "_line_starts")

    def __init__(self, lines: LineIndex, segments: list[tuple[int, int, int]], base: int = 0) -> None:
        self.lines = lines
        self._base = base
        self._segments = segments = segments or [(0, 0, 0)]
        self._starts = [segment[0] for segment in segments] if len(segments) > 1 else None  # for bisect
        self._line_starts = lines._starts  # read-only: the same bisect LineIndex.position does, inlined

    @classmethod
    def from_offsets(cls, lines: LineIndex, offsets: list[int]) -> Placement:
        """A placement of a text whose character ``i`` sits at file offset ``offsets[i]``."""
        segments: list[tuple[int, int, int]] = []
        run_start = 0
        for index in range(1, len(offsets) + 1):
            if index == len(offsets) or offsets[index] != offsets[index - 1] + 1:
                segments.append((run_start, offsets[run_start], index - run_start))
                run_start = index
        return cls(lines, segments)

    def offset(self, index: int) -> int:
        """File offset of buffer offset ``index`` (past the end: counted on from the last segment)."""
        index -= self._base
        segments = self._segments
        if len(segments) == 1:
            text_start, file_start, _ = segments[0]
        else:
            text_start, file_start, _ = segments[max(bisect_right(self._starts, index) - 1, 0)]
        return file_start + index - text_start

    def span(self, start: int, end: int) -> Span:
        """Span of buffer offsets ``start``–``end`` (the end never jumps a gap)."""
        segments = self._segments
        start -= self._base
        end -= self._base
        if len(segments) == 1:
            text_start, file_start, _ = segments[0]
            start += file_start - text_start
            end += file_start - text_start
        else:
            starts = self._starts
            index = bisect_right(starts, start) - 1
            text_start, file_start, _ = segments[index if index > 0 else 0]
            if end <= start:
                start = end = start + file_start - text_start
            else:
                start += file_start - text_start
                index = bisect_right(starts, end - 1) - 1
                text_start, file_start, _ = segments[index if index > 0 else 0]
                end += file_start - text_start
        # file_span(start, end), inlined
        lines = self._line_starts
        line = bisect_right(lines, start)
        line_start = lines[line - 1]
        if line == len(lines) or end < lines[line]:
            return new_span(Span, (start, end, line, start - line_start + 1, line, end - line_start + 1))
        end_line = bisect_right(lines, end)
        return new_span(Span, (start, end, line, start - line_start + 1, end_line, end - lines[end_line - 1] + 1))

    def file_span(self, start: int, end: int) -> Span:
        """Span of file offsets ``start``–``end``."""
        starts = self._line_starts
        index = bisect_right(starts, start) - 1
        line_start = starts[index]
        if index + 1 == len(starts) or end < starts[index + 1]:
            end_line, end_column = index + 1, end - line_start + 1
        else:
            end_index = bisect_right(starts, end) - 1
            end_line, end_column = end_index + 1, end - starts[end_index] + 1
        return new_span(Span, (start, end, index + 1, start - line_start + 1, end_line, end_column))
