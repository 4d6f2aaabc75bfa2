"""dlint positions (1-based line and column in characters, 0-based character offsets)
to LSP positions (0-based line, character counted in the negotiated encoding: UTF-16
unless the client chose UTF-8 or UTF-32)."""

from __future__ import annotations

from bisect import bisect_right

from lsprotocol import types


def _units(text: str, encoding: str) -> int:
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", errors="surrogatepass"))
    return len(text.encode("utf-16-le", errors="surrogatepass")) // 2


class Positions:
    """Position conversions over one text."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = str(getattr(encoding, "value", encoding) or "utf-16").lower()
        self.starts = [0]
        position = text.find("\n")
        while position != -1:
            self.starts.append(position + 1)
            position = text.find("\n", position + 1)

    def _line_text(self, index: int) -> str:
        start = self.starts[index]
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)
        return self.text[start:end]

    def at(self, line: int, column: int) -> types.Position:
        """The position of 1-based ``line``/``column`` (clamped into the text)."""
        index = min(max(line - 1, 0), len(self.starts) - 1)
        text = self._line_text(index)
        return types.Position(line=index, character=_units(text[: max(column - 1, 0)], self.encoding))

    def of_offset(self, offset: int) -> types.Position:
        offset = min(max(offset, 0), len(self.text))
        index = bisect_right(self.starts, offset) - 1
        return types.Position(line=index, character=_units(self.text[self.starts[index] : offset], self.encoding))

    def offset(self, position: types.Position) -> int:
        """The character offset of an LSP position (clamped)."""
        index = min(max(position.line, 0), len(self.starts) - 1)
        text = self._line_text(index)
        if self.encoding == "utf-32" or text.isascii():
            column = min(position.character, len(text))
        else:
            column, units = 0, 0
            for char in text:
                if units >= position.character:
                    break
                units += _units(char, self.encoding)
                column += 1
        return self.starts[index] + column

    def span_range(self, span) -> types.Range:  # noqa: ANN001 - a dlint Span
        return types.Range(start=self.at(span.line, span.column), end=self.at(span.end_line, span.end_column))

    def offsets_range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.of_offset(start), end=self.of_offset(end))


def minimal_edit(before: str, after: str, positions: Positions) -> types.TextEdit:
    """One edit turning ``before`` (the text of ``positions``) into ``after``: the
    part between their common beginning and end."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end_before, end_after = len(before), len(after)
    while end_before > start and end_after > start and before[end_before - 1] == after[end_after - 1]:
        end_before -= 1
        end_after -= 1
    return types.TextEdit(range=positions.offsets_range(start, end_before), new_text=after[start:end_after])
