"""Cheap conversion of command-line values for typer.

typer (0.2x) converts every option value through a pydantic TypeAdapter that
it builds anew for each parameter of the command being run; on ``dlint check``
that costs about 50 ms, a third of the run on a small file. dlint's options are
only strings, paths, enums and lists of them, which need no pydantic. This
module gives such parameters a converter of its own; any parameter of another
type, or a typer without this hook, keeps typer's own conversion.
"""

from __future__ import annotations

import types
from enum import Enum
from pathlib import Path
from typing import Any, Optional, Union, get_args, get_origin

_SIMPLE = (str, Path, bool)


class _Converter:
    """Stands in for typer's per-parameter ``RuntimeParam`` (same ``coerce`` call)."""

    __slots__ = ("convert", "many")

    def __init__(self, convert: Any, many: bool) -> None:
        self.convert = convert
        self.many = many

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            return () if param.multiple or param.nargs == -1 else None
        if self.many:
            return [self.one(item, param, ctx) for item in value]
        return self.one(value, param, ctx)

    def one(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return self.convert(value)
        except ValueError:
            import typer

            choices = ", ".join(repr(member.value) for member in self.convert)
            raise typer.BadParameter(f"{value!r} is not one of {choices}.", ctx=ctx, param=param) from None


def _converter(annotation: Any) -> _Converter | None:
    many = False
    if get_origin(annotation) in (Union, types.UnionType, Optional):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(members) != 1:
            return None
        annotation = members[0]
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
        many = True
    if annotation in _SIMPLE or (isinstance(annotation, type) and issubclass(annotation, Enum)):
        return _Converter(annotation, many)
    return None


def install() -> None:
    """Make typer use the cheap converter for parameters of the simple types
    (a no-op on a typer that converts values some other way)."""
    try:
        from typer.core import _TyperParameter
    except ImportError:
        return
    typers_own = getattr(_TyperParameter, "get_runtime_param", None)
    if typers_own is None or getattr(typers_own, "dlint_cheap", False):
        return

    def get_runtime_param(self: Any) -> Any:
        if getattr(self, "_runtime_param", None) is None:
            descriptor = getattr(self, "type_descriptor", None)
            converter = _converter(descriptor.annotation) if descriptor is not None else None
            if converter is not None:
                self._runtime_param = converter
        return typers_own(self)

    get_runtime_param.dlint_cheap = True  # type: ignore[attr-defined]
    _TyperParameter.get_runtime_param = get_runtime_param
