"""Fast construction of model nodes and spans.

The parser has already checked what it builds, so nodes are made by filling
their ``__dict__`` (:func:`dlint.models.base.construct`; instructions with lazy
``arguments`` here).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, TypeVar

from dlint.models.base import construct
from dlint.models.span import Span, new_span

T = TypeVar("T")


def lazy_instruction(cls: type[T], fields: dict[str, Any], make_arguments: tuple[Any, ...]) -> T:
    """An instruction node whose ``arguments`` are made by ``function(*args)``
    (``make_arguments`` is ``(function, *args)``) on first access (see
    ``Instruction.__getattr__``)."""
    fields["_lazy_arguments"] = make_arguments
    return construct(cls, fields)


def span_at(start: int, end: int, line: int, column: int, end_line: int, end_column: int) -> Span:
    """A span whose positions the caller has worked out."""
    return new_span(Span, (start, end, line, column, end_line, end_column))


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
        return span_at(start, end, line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1)
