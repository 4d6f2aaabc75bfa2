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
    defaults = _DEFAULTS.get(cls)
    if defaults is None:
        defaults = _defaults_of(cls)
    if defaults:
        for name, make in defaults:
            if name not in fields:
                fields[name] = make()
    obj = _new(cls)
    _set(obj, "__dict__", fields)
    _set(obj, "__pydantic_fields_set__", set(fields))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


_DEFAULTS: dict[type, list[tuple[str, Any]]] = {}


def _defaults_of(cls: type) -> list[tuple[str, Any]]:
    result = []
    for name, info in cls.model_fields.items():  # type: ignore[attr-defined]
        if info.default_factory is not None:
            result.append((name, info.default_factory))
        elif not info.is_required():
            default = info.default
            result.append((name, lambda default=default: default))
    _DEFAULTS[cls] = result
    return result


class Positions:
    """Turns file offsets into :class:`Span` objects (line starts + bisect)."""

    __slots__ = ("starts",)

    def __init__(self, starts: list[int]) -> None:
        self.starts = starts

    def span(self, start: int, end: int) -> Span:
        starts = self.starts
        line = bisect_right(starts, start)
        end_line = line
        if end != start:
            count = len(starts)
            if end_line >= count or end < starts[end_line]:
                pass
            else:
                end_line = bisect_right(starts, end)
        return node(
            Span,
            {
                "start": start,
                "end": end,
                "line": line,
                "column": start - starts[line - 1] + 1,
                "end_line": end_line,
                "end_column": end - starts[end_line - 1] + 1,
            },
        )
