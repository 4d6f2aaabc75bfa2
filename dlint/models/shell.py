"""Model of shell analysis: the simple commands and pipelines of a shell script."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import Any

from dlint.models.base import Model, OnFirstUse, field
from dlint.models.span import Span, record_schema


class ShellNode(Model):
    """Base of the shell analysis models."""


_new_tuple = tuple.__new__
_raw = itemgetter(0)
_value = itemgetter(1)


class Word(tuple):
    """A shell word. ``value`` is its literal text with quotes removed, or None
    when it contains an expansion (``$x``, ``$(…)``, globs stay literal).

    A tuple (a script has many words; one object each): ``(raw, value, span)``,
    or ``(raw, value, placement, start, end)`` when the analysis leaves the span
    to be worked out on use (most positions are never read). Words are equal
    when their ``raw``, ``value`` and ``span`` are. pydantic reads and writes a
    word as ``{raw, value, span}``.
    """

    __slots__ = ()

    def __new__(cls, raw: str, value: str | None, span: Span) -> Word:
        return _new_tuple(cls, (raw, value, span))

    @classmethod
    def placed(cls, raw: str, value: str | None, placement: Any, start: int, end: int) -> Word:
        """A word whose span is ``placement.span(start, end)``, made on use."""
        return _new_tuple(cls, (raw, value, placement, start, end))

    raw: str = property(_raw)  # type: ignore[assignment]
    value: str | None = property(_value)  # type: ignore[assignment]

    @property
    def span(self) -> Span:
        if len(self) == 3:
            return self[2]
        return self[2].span(self[3], self[4])

    @property
    def text(self) -> str:
        """The literal value when known, otherwise the raw text."""
        return self[1] if self[1] is not None else self[0]

    def _key(self) -> tuple[str, str | None, Span]:
        return self[0], self[1], self.span

    def __eq__(self, other: object) -> bool:
        if type(other) is not Word:
            return NotImplemented
        return self._key() == other._key()  # type: ignore[attr-defined]

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Word(raw={self[0]!r}, value={self[1]!r}, span={self.span!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return Word, self._key()

    def as_mapping(self) -> dict[str, Any]:
        return {"raw": self[0], "value": self[1], "span": self.span}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        return record_schema(cls, handler, {"raw": str, "value": str | None, "span": Span}, cls.as_mapping)


class Redirect(ShellNode):
    operator: str  # ">", ">>", "2>", "<", "&>", "<<" …
    target: Word | None
    span: Span


class Assignment(ShellNode):
    name: str
    value: Word | None
    span: Span


class SimpleCommand(ShellNode):
    """One simple command, e.g. ``apt-get install -y curl``.

    ``name`` is the command word with any path removed from ``value``
    (``/usr/bin/apt-get`` gives ``apt-get``); ``arguments`` are the words after it.
    Commands run through ``sudo``/``env``/``nice``/``xargs``… and inside
    ``sh -c '…'`` strings are listed as commands of their own as well.
    """

    #: The analysis may leave ``span`` out and put ``(placement, start, end)``
    #: under ``_at`` in the instance's ``__dict__``: it is worked out on first use
    #: (see :class:`~dlint.models.base.OnFirstUse` below the class).

    name: Word | None  # None for a bare assignment such as ``FOO=bar``
    arguments: list[Word] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)
    span: Span
    pipeline: int | None = None  # index into ShellScript.pipelines when part of a pipeline of 2+ commands
    wrapped_by: str | None = None  # "sudo", "sh -c" … when run through another command
    wrapper: int | None = None  # index into ShellScript.commands of the command that runs this one

    def _program(self) -> str | None:
        """Base name of the command (``apt-get``), None when not literal."""
        if self.name is None or self.name.value is None:
            return None
        return self.name.value.rsplit("/", 1)[-1]

    #: :meth:`_program`, worked out once (every rule that reads RUN commands asks; an
    #: :class:`~dlint.models.base.OnFirstUse` costs half a ``cached_property``)
    program = OnFirstUse("program", _program)  # not a field: no annotation

    def words(self) -> list[str]:
        return [word.text for word in self.arguments]

    def has_flag(self, *flags: str) -> bool:
        """True when any of ``flags`` is present; ``-y`` also matches inside ``-qy``,
        ``--opt`` also matches ``--opt=value``."""
        return any(self.find_flag(flag) is not None for flag in flags)

    def find_flag(self, flag: str) -> Word | None:
        """The argument word that carries ``flag`` (see :meth:`has_flag`)."""
        long = flag.startswith("--")
        assigned = flag + "="
        short = not long and len(flag) == 2
        for word in self.arguments:
            text = word[0] if word[1] is None else word[1]  # Word.text, inlined
            if text == "--":
                break
            if long:
                if text == flag or text.startswith(assigned):
                    return word
            elif short and text.startswith("-") and not text.startswith("--"):
                if flag[1] in text[1:]:
                    return word
            elif text == flag:
                return word
        return None

    def option_value(self, *options: str) -> str | None:
        """The value given to the last of ``options`` present: ``-o VALUE``,
        ``-oVALUE``, ``--opt VALUE`` or ``--opt=VALUE``; None when absent."""
        found = None
        arguments = self.arguments
        for index, word in enumerate(arguments):
            text = word.text
            if text == "--":
                break
            for option in options:
                if text == option:
                    found = arguments[index + 1].text if index + 1 < len(arguments) else None
                elif option.startswith("--") and text.startswith(option + "="):
                    found = text[len(option) + 1 :]
                elif len(option) == 2 and not option.startswith("--") and text.startswith(option) and len(text) > 2:
                    found = text[2:]
        return found

    def positional(self, valued: Iterable[str] = ()) -> list[Word]:
        """Arguments that are not flags (a word after ``--`` is always positional).

        Options named in ``valued`` take the next word as their value, which is
        then not positional: ``positional(["-o"])`` of ``apt-get -o A=1 install x``
        gives ``install``, ``x``."""
        valued = frozenset(valued)
        result: list[Word] = []
        after_double_dash = False
        skip_next = False
        for word in self.arguments:
            text = word.text
            if skip_next:
                skip_next = False
            elif after_double_dash:
                result.append(word)
            elif text == "--":
                after_double_dash = True
            elif not text.startswith("-") or text == "-":
                result.append(word)
            elif text in valued:
                skip_next = True
        return result

    def subcommand(self, valued: Iterable[str] = ()) -> str | None:
        """The first positional argument, e.g. ``install`` for ``apt-get -y install x``
        (``valued``: options that take the next word, see :meth:`positional`)."""
        words = self.positional(valued)
        return words[0].text if words else None


def _placed_span(node: ShellNode) -> Span:
    at = node.__dict__.pop("_at", None)
    if at is None:
        raise AttributeError("span")
    return at[0].span(at[1], at[2])


SimpleCommand.span = OnFirstUse("span", _placed_span)  # type: ignore[assignment]


class Pipeline(ShellNode):
    """Commands joined by ``|``. ``commands`` lists every command its stages run,
    in order, including commands run through a wrapper (``curl … | sudo sh``
    lists ``curl``, ``sudo``, ``sh``); commands of ``$(…)`` and of ``sh -c``
    strings are not part of it."""

    commands: list[int]  # indexes into ShellScript.commands
    span: Span
    pipefail: bool  # ``set -o pipefail`` or a pipefail SHELL is in force here


class ShellScript(ShellNode):
    """Every simple command of one shell source, in source order.

    As for :class:`SimpleCommand`, the analysis may leave ``span`` to be worked
    out on first use from ``_at``."""

    commands: list[SimpleCommand] = field(default_factory=list)
    pipelines: list[Pipeline] = field(default_factory=list)
    has_errors: bool = False  # tree-sitter found syntax errors (analysis still best effort)
    span: Span

    def find(self, program: str, subcommand: str | None = None, valued: Iterable[str] = ()) -> Iterator[SimpleCommand]:
        """Commands whose :attr:`SimpleCommand.program` is ``program``
        (and whose first positional argument is ``subcommand``, if given;
        ``valued`` names options that take the next word, e.g. ``["-o"]``)."""
        valued = tuple(valued)
        for command in self.commands:
            if command.program == program and (subcommand is None or command.subcommand(valued) == subcommand):
                yield command

    def find_any(self, programs: Iterable[str]) -> Iterator[SimpleCommand]:
        """Commands whose :attr:`SimpleCommand.program` is one of ``programs``."""
        wanted = frozenset(programs)
        for command in self.commands:
            if command.program in wanted:
                yield command

    def programs(self) -> set[str]:
        return {command.program for command in self.commands if command.program}

    def pipeline_commands(self, pipeline: Pipeline) -> list[SimpleCommand]:
        """The commands of ``pipeline`` (see :class:`Pipeline`)."""
        return [self.commands[index] for index in pipeline.commands]

    def wrapper_of(self, command: SimpleCommand) -> SimpleCommand | None:
        """The command that runs ``command`` (``sudo`` for ``sudo apt-get …``), if any."""
        return self.commands[command.wrapper] if command.wrapper is not None else None


ShellScript.span = OnFirstUse("span", _placed_span)  # type: ignore[assignment]
