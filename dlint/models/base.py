"""The base of dlint's models: light dataclasses that pydantic v2 validates and dumps.

A subclass of :class:`Model` is made a standard dataclass as it is defined
(fields from its annotations, ``dataclasses.field`` for defaults), without
generated methods: one keyword ``__init__``, equality and ``repr`` shared by
every model. Defining the ~40 model classes of a Dockerfile run so costs well
under a millisecond, where pydantic's ``BaseModel`` would cost its import —
about 100 ms, two thirds of a small ``dlint check`` on these machines.

pydantic v2 still does the validating and serialising: it reads the
dataclass fields, and :meth:`Model.model_validate`, :meth:`Model.model_dump`
and :meth:`Model.model_dump_json` (named as on ``BaseModel``) import it on
first use, through one cached ``TypeAdapter`` per class.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from typing import Any, TypeVar

M = TypeVar("M", bound="Model")

_new = object.__new__
_set = object.__setattr__


class Model:
    """Base of every dlint model (see the module docstring)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclass(init=False, repr=False, eq=False)(cls)
        own = cls.__dict__.get("__annotations__", {})
        for item in fields(cls):  # a field with a default factory may be left out by builders
            if item.default_factory is not MISSING and item.name in own and item.name not in cls.__dict__:
                setattr(cls, item.name, OnFirstUse(item.name, _call_factory(item.default_factory)))

    def __init__(self, **values: Any) -> None:
        data = self.__dict__
        for name, default, factory in _defaults(type(self)):
            if name in values:
                data[name] = values.pop(name)
            elif default is not MISSING:
                data[name] = default
            elif factory is not None:
                data[name] = factory()
            else:
                raise TypeError(f"{type(self).__name__}: missing field {name!r}")
        if values:
            raise TypeError(f"{type(self).__name__}: unknown fields {', '.join(sorted(values))}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name, _, _ in _defaults(type(self)))

    __hash__ = None  # type: ignore[assignment]  # mutable; Frozen models hash their fields

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name, _, _ in _defaults(type(self)))
        return f"{type(self).__name__}({shown})"

    # -- BaseModel's names for what dlint uses of it ---------------------------------

    @classmethod
    def model_construct(cls: type[M], **values: Any) -> M:
        """An instance from trusted values, without validation (defaults filled in)."""
        return cls(**values)

    def model_copy(self: M, *, update: dict[str, Any] | None = None) -> M:
        """A shallow copy, with ``update``'s fields replaced (not validated)."""
        copy = _new(type(self))
        _set(copy, "__dict__", {**self.__dict__, **(update or {})})
        return copy

    @classmethod
    def model_validate(cls: type[M], data: Any) -> M:
        """An instance from plain data, validated by pydantic (raises ``pydantic.ValidationError``)."""
        return adapter(cls).validate_python(data)

    def model_dump(self, **options: Any) -> dict[str, Any]:
        """Plain data of the model (pydantic's ``dump_python`` options apply)."""
        return adapter(type(self)).dump_python(self, **options)

    def model_dump_json(self, **options: Any) -> str:
        return adapter(type(self)).dump_json(self, **options).decode()


class OnFirstUse:
    """A field whose value a builder may leave out of an instance's ``__dict__``:
    ``make(instance)`` gives it on first access, and it is stored there (after
    which the instance's value is read directly). Every field with a default
    factory has one, so parsers need not make the many empty lists; a model class
    may set its own for a field that is worked out late (see the Dockerfile and
    shell models).

    A descriptor rather than ``__getattr__``: a class with ``__getattr__`` reads
    every attribute more slowly, this slows only its own field.
    """

    __slots__ = ("name", "make")

    def __init__(self, name: str, make: Callable[[Any], Any]) -> None:
        self.name = name
        self.make = make

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:  # no class-level default: dataclasses and pydantic see none
            raise AttributeError(self.name)
        value = instance.__dict__[self.name] = self.make(instance)
        return value


def _call_factory(factory: Callable[[], Any]) -> Callable[[Any], Any]:
    return lambda _instance: factory()


class Frozen(Model):
    """A model whose fields cannot be reassigned; hashable by its field values."""

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name, _, _ in _defaults(type(self))))


def construct(cls: type[M], fields: dict[str, Any]) -> M:
    """An instance of ``cls`` whose ``__dict__`` is ``fields``, as given: the parsers'
    builder for trusted values. A field with a plain default may be left out (the
    class holds it), and so may one with a default factory (made on first access,
    see :class:`OnFirstUse`); every other field must be there."""
    instance = _new(cls)
    instance.__dict__ = fields  # (a third faster than object.__setattr__; Frozen models are not made here)
    return instance


def build(cls: type[M], fields: dict[str, Any]) -> M:
    """:func:`construct` after filling in the fields whose default comes from a
    factory (mutable defaults) and are missing; a field with a plain default may be
    left out (the class holds it). ``fields`` must hold every required field.

    For models whose ``__dict__`` is read as a whole (the Compose models, which
    merging copies field by field); parsers whose nodes are only read by attribute
    use :func:`construct` and leave empty defaults to :class:`OnFirstUse`."""
    for name, make in factories_of(cls):
        if name not in fields:
            fields[name] = make()
    instance = _new(cls)
    instance.__dict__ = fields
    return instance


def field_names(cls: type[Model]) -> tuple[str, ...]:
    """The field names of a model class, in declaration order."""
    return tuple(name for name, _, _ in _defaults(cls))


def defaults_of(cls: type[Model]) -> tuple[tuple[str, Any, Any], ...]:
    """``(name, default, default factory)`` of each field of a model class; the default
    is ``dataclasses.MISSING`` for a required field, the factory None when there is none."""
    return _defaults(cls)


_DEFAULTS: dict[type, tuple[tuple[str, Any, Any], ...]] = {}


def _defaults(cls: type) -> tuple[tuple[str, Any, Any], ...]:
    """(name, default or MISSING, default factory or None) of each field of ``cls``."""
    found = _DEFAULTS.get(cls)
    if found is None:
        found = _DEFAULTS[cls] = tuple(
            (item.name, item.default, None if item.default_factory is MISSING else item.default_factory)
            for item in fields(cls)
        )
    return found


_FACTORIES: dict[type, tuple[tuple[str, Any], ...]] = {}


def factories_of(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, default factory) of the fields of ``cls`` that have one."""
    found = _FACTORIES.get(cls)
    if found is None:
        found = _FACTORIES[cls] = tuple((name, factory) for name, _, factory in _defaults(cls) if factory is not None)
    return found


_ADAPTERS: dict[type, Any] = {}


def adapter(cls: type) -> Any:
    """pydantic's ``TypeAdapter`` of a model class (pydantic is imported here, on first use)."""
    found = _ADAPTERS.get(cls)
    if found is None:
        from pydantic import TypeAdapter

        found = _ADAPTERS[cls] = TypeAdapter(cls)
    return found
