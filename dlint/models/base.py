"""The base of dlint's models: light records that pydantic v2 validates and dumps.

A subclass of :class:`Model` gets its fields from its annotations (defaults as
class attributes, :func:`field` for a default factory), and shares one
``__init__`` (keywords, or positions in field order), equality and ``repr`` with
every model: defining the ~40 model classes of a Dockerfile run so costs well
under a millisecond, and a run need not import :mod:`dataclasses` (which imports
``inspect``, ``ast`` and ``dis``: ≈ 5 ms) nor pydantic (≈ 100 ms).

pydantic v2 still does the validating and serialising: the first
:meth:`Model.model_validate`, :meth:`Model.model_dump` or
:meth:`Model.model_dump_json` makes every model class a standard dataclass
(without generated methods) for it to read, and imports it, through one cached
``TypeAdapter`` per class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

M = TypeVar("M", bound="Model")

_new = object.__new__
_set = object.__setattr__


class _Missing:
    """The default of a required field (``dataclasses.MISSING`` for models)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
#: (name, default or MISSING, default factory or None) of each field of each model class
_DEFAULTS: dict[type, tuple[tuple[str, Any, Any], ...]] = {}
#: set once pydantic is first used: from then on a model class is made a dataclass as it is defined
_AS_DATACLASSES = False


class _Factory:
    """What :func:`field` returns: the default factory of a field, in its class body."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], Any]) -> Any:
    """A field whose default is made by ``default_factory`` (``dataclasses.field``'s use here)."""
    return _Factory(default_factory)


def _is_class_variable(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return text.startswith(("ClassVar", "typing.ClassVar"))


class Model:
    """Base of every dlint model (see the module docstring)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        inherited = {name: (default, factory) for base in reversed(cls.__mro__[1:]) for name, default, factory in _DEFAULTS.get(base, ())}
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():
            if _is_class_variable(annotation):
                continue
            value = cls.__dict__.get(name, MISSING)
            if type(value).__name__ == "Field" and type(value).__module__ == "dataclasses":  # dataclasses.field(...)
                value = _Factory(value.default_factory) if callable(value.default_factory) else value.default
                setattr(cls, name, value)
            if isinstance(value, _Factory):  # made on first access when a builder leaves it out
                inherited[name] = (MISSING, value.make)
                setattr(cls, name, OnFirstUse(name, _call_factory(value.make)))
            elif isinstance(value, OnFirstUse):  # worked out late by the class itself
                inherited[name] = (MISSING, None)
            else:
                inherited[name] = (value, None)
        _DEFAULTS[cls] = tuple((name, default, factory) for name, (default, factory) in inherited.items())
        if _AS_DATACLASSES:
            _as_dataclass(cls)

    def __init__(self, *positional: Any, **values: Any) -> None:
        data = self.__dict__
        known = _DEFAULTS[type(self)]
        if len(positional) > len(known):
            raise TypeError(f"{type(self).__name__}: {len(positional)} positional values for {len(known)} fields")
        for (name, _, _), value in zip(known, positional):
            if name in values:
                raise TypeError(f"{type(self).__name__}: field {name!r} given twice")
            values[name] = value
        for name, default, factory in known:
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
        if instance is None:  # no class-level default: the field has none (nor for dataclasses and pydantic)
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
    is :data:`MISSING` for a required field, the factory None when there is none."""
    return _defaults(cls)


def _defaults(cls: type) -> tuple[tuple[str, Any, Any], ...]:
    """(name, default or MISSING, default factory or None) of each field of ``cls``."""
    return _DEFAULTS[cls]


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

        _dataclasses_for_pydantic()
        found = _ADAPTERS[cls] = TypeAdapter(cls)
    return found


def _dataclasses_for_pydantic() -> None:
    """Make every model class defined so far a standard dataclass (bases first),
    and any defined later as it is: pydantic reads a model's fields from there."""
    global _AS_DATACLASSES
    if _AS_DATACLASSES:
        return
    _AS_DATACLASSES = True
    pending = [Model]
    while pending:
        cls = pending.pop()
        _as_dataclass(cls)
        pending.extend(cls.__subclasses__())


def _as_dataclass(cls: type) -> None:
    """``dataclass(init=False, repr=False, eq=False)`` on ``cls``, with its factory
    fields shown to it as ``dataclasses.field`` (and given back their
    :class:`OnFirstUse` afterwards)."""
    import dataclasses

    if "__dataclass_fields__" in cls.__dict__:
        return
    for base in cls.__mro__[1:]:
        if issubclass(base, Model) and "__dataclass_fields__" not in base.__dict__:
            _as_dataclass(base)
    own = cls.__dict__.get("__annotations__", {})
    first_use = {name: cls.__dict__[name] for name, _, factory in _DEFAULTS.get(cls, ()) if name in own and factory is not None and isinstance(cls.__dict__.get(name), OnFirstUse)}
    for name, _, factory in _DEFAULTS.get(cls, ()):
        if name in first_use:
            setattr(cls, name, dataclasses.field(default_factory=factory))
    dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    for name, descriptor in first_use.items():
        setattr(cls, name, descriptor)
