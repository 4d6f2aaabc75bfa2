"""Fast construction of model nodes and spans.

The parser has already checked what it builds, so nodes skip pydantic's
validation (like ``model_construct``, but without its per-call overhead).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, TypeVar

from dlint.models.span import Span

T = TypeVar("T")

_new = object.__new__
_set = object.__setattr__


def node(cls: type[T], fields: dict[str, Any]) -> T:
    """An instance of the pydantic model ``cls`` holding ``fields`` as given.

    Every field without a default must be in ``fields``; fields left out take
    the model's default (filled here, as ``model_construct`` would).
    """
    shape = _SHAPES.get(cls) or _shape_of(cls)
    statics, factories, private = shape
    if statics:
        for name in statics.keys() - fields.keys():
            fields[name] = statics[name]
    for name, make in factories:
        if name not in fields:
            fields[name] = make()
    obj = _new(cls)
    _set(obj, "__dict__", fields)
    _set(obj, "__pydantic_fields_set__", set(fields))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", {"_lazy_arguments": None} if private else None)
    return obj


def lazy_instruction(cls: type[T], fields: dict[str, Any], make_arguments: Any) -> T:
    """An instruction node whose ``arguments`` are made by ``make_arguments()``
    on first access (see ``Instruction.__getattr__``)."""
    statics, factories, _ = _SHAPES.get(cls) or _shape_of(cls)
    if statics:
        for name in statics.keys() - fields.keys():
            fields[name] = statics[name]
    for name, make in factories:
        if name not in fields and name != "arguments":
            fields[name] = make()
    obj = _new(cls)
    _set(obj, "__dict__", fields)
    _set(obj, "__pydantic_fields_set__", set(fields))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", {"_lazy_arguments": make_arguments})
    return obj


_SHAPES: dict[type, tuple[dict[str, Any], list[tuple[str, Any]], bool]] = {}


def _shape_of(cls: type) -> tuple[dict[str, Any], list[tuple[str, Any]], bool]:
    """(immutable defaults, default factories, has private attributes) of a model."""
    statics: dict[str, Any] = {}
    factories: list[tuple[str, Any]] = []
    for name, info in cls.model_fields.items():  # type: ignore[attr-defined]
        if info.default_factory is not None:
            factories.append((name, info.default_factory))
        elif not info.is_required():
            statics[name] = info.default
    shape = (statics, factories, "_lazy_arguments" in cls.__private_attributes__)  # type: ignore[attr-defined]
    _SHAPES[cls] = shape
    return shape


def plain(cls: type[T], fields: dict[str, Any]) -> T:
    """Like :func:`node` for models whose fields are always all given (Span,
    Token): their instances can share one fields-set (adding a field name to it
    is a no-op as every name is already in it)."""
    obj = _new(cls)
    _set(obj, "__dict__", fields)
    _set(obj, "__pydantic_fields_set__", _ALL_FIELDS[cls])
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def span_at(start: int, end: int, line: int, column: int, end_line: int, end_column: int) -> Span:
    """A span whose positions the caller has worked out."""
    obj = _new(Span)
    _set(
        obj,
        "__dict__",
        {"start": start, "end": end, "line": line, "column": column, "end_line": end_line, "end_column": end_column},
    )
    _set(obj, "__pydantic_fields_set__", _SPAN_FIELDS)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


_SPAN_FIELDS = set(Span.model_fields)
_ALL_FIELDS: dict[type, set[str]] = {Span: _SPAN_FIELDS}


def register_plain(cls: type) -> None:
    _ALL_FIELDS[cls] = set(cls.model_fields)  # type: ignore[attr-defined]


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
