"""Source positions: spans over a file's text and the index that makes them."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, NamedTuple


class Span(NamedTuple):
    """A region of a source file.

    ``line``/``column`` are 1-based and point at the first character;
    ``end_line``/``end_column`` point one past the last character (as SARIF's
    ``endColumn`` does). ``start``/``end`` are 0-based character offsets into
    the decoded text, used to apply fixes.

    A named tuple: a file's model holds hundreds of spans, and a tuple is made
    in a fifth of the time of any other object. pydantic reads and writes it as
    a mapping of the six names (see ``__get_pydantic_core_schema__``).
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    @classmethod
    def model_construct(cls, **values: int) -> Span:
        return cls(**values)

    def model_dump(self) -> dict[str, int]:
        return self._asdict()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        return record_schema(cls, handler, {name: int for name in cls._fields}, cls._asdict)


def record_schema(cls: type, handler: Any, fields: dict[str, Any], as_mapping: Any, from_mapping: Any = None) -> Any:
    """pydantic's schema of a tuple-based record: validated from an instance or from
    a mapping of ``fields`` (name -> type; ``from_mapping(data)`` makes the record,
    ``cls(**data)`` by default), dumped as the mapping ``as_mapping(record)``."""
    from pydantic_core import core_schema

    mapping = core_schema.typed_dict_schema(
        {name: core_schema.typed_dict_field(handler.generate_schema(kind)) for name, kind in fields.items()}
    )
    return core_schema.union_schema(
        [core_schema.is_instance_schema(cls), core_schema.no_info_after_validator_function(from_mapping or (lambda data: cls(**data)), mapping)],
        serialization=core_schema.plain_serializer_function_ser_schema(as_mapping, return_schema=mapping),
    )


#: ``new_span(Span, (start, end, line, column, end_line, end_column))``: a span made
#: without the keyword handling of ``Span(...)`` (the parsers' hot path)
new_span = tuple.__new__


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
        return new_span(Span, (start, end, line, column, end_line, end_column))
