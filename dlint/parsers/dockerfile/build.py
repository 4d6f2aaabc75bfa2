"""Fast construction of model nodes and spans.

The parser has already checked what it builds, so nodes are made by filling
their ``__dict__`` (like ``Model.model_construct``, without its per-call work).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, TypeVar

from dlint.models.base import defaults_of
from dlint.models.span import Span, new_span

T = TypeVar("T")

_new = object.__new__
_set = object.__setattr__


def node(cls: type[T], fields: dict[str, Any]) -> T:
    """An instance of the model ``cls`` holding ``fields`` as given.

    Every field without a default must be in ``fields``; fields left out take
    the model's default (filled here, as ``model_construct`` would).
    """
    shape = _SHAPES.get(cls)
    for name, make in _shape_of(cls) if shape is None else shape:
        if name not in fields:
            fields[name] = make()
    obj = _new(cls)
    _set(obj, "__dict__", fields)
    return obj


def lazy_instruction(cls: type[T], fields: dict[str, Any], make_arguments: Any) -> T:
    """An instruction node whose ``arguments`` are made by ``make_arguments()``
    on first access (see ``Instruction.__getattr__``)."""
    shape = _SHAPES.get(cls)
    for name, make in _shape_of(cls) if shape is None else shape:
        if name not in fields and name != "arguments":
            fields[name] = make()
    fields["_lazy_arguments"] = make_arguments
    obj = _new(cls)
    _set(obj, "__dict__", fields)
    return obj


_SHAPES: dict[type, list[tuple[str, Any]]] = {}


def _shape_of(cls: type) -> list[tuple[str, Any]]:
    """(name, default factory) of the fields of a model with mutable defaults
    (the others are read from the class when missing from an instance)."""
    shape = [(name, factory) for name, _, factory in defaults_of(cls) if factory is not None]
    _SHAPES[cls] = shape
    return shape


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
