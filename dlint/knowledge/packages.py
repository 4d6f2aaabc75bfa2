"""How package managers spell their command lines, for the package-manager rules (apt-get,
apk, pip, npm, gem, go, yarn…); each tool's own syntax is in its module (:mod:`.apt`,
:mod:`.apk`, :mod:`.pip`, :mod:`.rpm`, :mod:`.npm`, :mod:`.go`), read from its manual.

- :class:`OptionSyntax` says how a tool spells its options (which take a value,
  whether short options bundle as in ``-yq``, Go's one-dash long options);
  :func:`read_invocation` splits a command's words into :class:`Option` and
  operands with it, giving an :class:`Invocation` (``--version``/``--help`` calls
  are informational, never installs);
- :func:`program_reader` + :func:`run_invocations` find the invocations of a
  tool among a RUN's commands;
- :func:`unpinned`: the package words a pin check rejects (a word whose value is
  unknown is never one), and :func:`pin_message`: one finding for them all;
- :func:`insert_after`: a fix that inserts text right after a word.

The variables a command sees are in :mod:`dlint.views.dockerfile.shell_scopes`, cache
mounts and removals in :mod:`dlint.views.dockerfile.run_paths`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from dlint.engine.context import DockerfileContext
from dlint.models.dockerfile import Instruction
from dlint.models.finding import Fix
from dlint.models.shell import SimpleCommand, Word
from dlint.views.dockerfile.run import package_commands, program
from dlint.views.dockerfile.shell_scopes import word_text

_new_tuple = tuple.__new__  # a named tuple from all its items, without its Python-level __new__

# -- command lines ----------------------------------------------------------------------


class OptionSyntax(NamedTuple):
    """How a tool spells its options.

    ``valued`` lists the options (with their dashes: ``"-t"``, ``"--target-release"``)
    whose value may be the next word. ``bundling``: GNU style, ``-yq`` is ``-y -q``
    and ``-tfoo`` is ``-t foo`` when ``-t`` takes a value; without it every
    ``-word`` is one option (Go's ``-ldflags``). ``unknown_long_valued``: a long
    option not in ``known_long`` takes the next word as its value.
    """

    valued: frozenset[str] = frozenset()
    bundling: bool = True
    unknown_long_valued: bool = False
    known_long: frozenset[str] = frozenset()
    #: options that make the tool print its version or usage and stop, when they come
    #: before the subcommand (``yarn --version``, ``npm -v``; ``gem install --version 2``
    #: is a version pin), and subcommands that do the same (``go version``, ``pip help``)
    informational: frozenset[str] = frozenset({"--version", "--help", "-h"})
    informational_subcommands: frozenset[str] = frozenset({"help"})


class Option(NamedTuple):
    """One option as written: ``name`` with its dashes, its value if any."""

    name: str
    word: Word
    value: str | None = None  # "2" for ``-q=2``, the next word's text for ``-t stable``
    value_word: Word | None = None  # the separate word holding the value


class Invocation(NamedTuple):
    """A command of one tool, read: its options and its operands (subcommand first)."""

    command: SimpleCommand
    tool: str  # the tool's canonical name: "pip" for ``python3 -m pip``, "apt-get"
    options: tuple[Option, ...]
    operands: tuple[Word, ...]
    after_double_dash: tuple[Word, ...] = ()  # words after ``--`` (also in ``operands``)
    #: the command only prints a version or usage (``yarn --version``, ``go help``): it
    #: installs nothing; :func:`invocations` and :func:`program_reader` leave it out
    informational: bool = False

    @property
    def name_word(self) -> Word:
        """The command name word: where a missing option is reported."""
        assert self.command.name is not None
        return self.command.name

    @property
    def subcommand(self) -> Word | None:
        return self.operands[0] if self.operands else None

    @property
    def targets(self) -> tuple[Word, ...]:
        """The operands after the subcommand (the packages of ``install``)."""
        return self.operands[1:]

    def has(self, *names: str) -> bool:
        return any(option.name in names for option in self.options)

    def option(self, *names: str) -> Option | None:
        """The last option called one of ``names`` (a later option wins)."""
        for option in reversed(self.options):
            if option.name in names:
                return option
        return None


#: the options nearly every tool reads as "print the version / usage and stop"
INFORMATIONAL = frozenset({"--version", "--help", "-h"})


def read_options(words: Iterable[Word], syntax: OptionSyntax) -> tuple[list[Option], list[Word], list[Word]]:
    """Split ``words`` into (options, operands, words after ``--``)."""
    options: list[Option] = []
    operands: list[Word] = []
    rest = list(words)
    index = 0
    while index < len(rest):
        word = rest[index]
        text = word.text
        index += 1
        if text == "--":
            tail = rest[index:]
            operands.extend(tail)
            return options, operands, tail
        if not text.startswith("-") or text == "-":
            operands.append(word)
            continue
        following = rest[index] if index < len(rest) else None
        if text.startswith("--") or not syntax.bundling:
            name, equals, value = text.partition("=")
            if equals:
                options.append(Option(name, word, value))
                continue
            takes_value = name in syntax.valued or (
                syntax.unknown_long_valued and name.startswith("--") and name not in syntax.known_long
            )
            if takes_value and following is not None:
                options.append(Option(name, word, following.text, following))
                index += 1
            else:
                options.append(Option(name, word))
            continue
        consumed = _read_short_bundle(word, syntax, following, options)
        index += consumed
    return options, operands, []


def _read_short_bundle(word: Word, syntax: OptionSyntax, following: Word | None, options: list[Option]) -> int:
    """Read ``-yqt value`` style bundles into ``options``; returns how many
    following words the bundle consumed (0 or 1)."""
    text = word.text
    position = 1
    while position < len(text):
        name = "-" + text[position]
        remainder = text[position + 1 :]
        if remainder.startswith("="):  # apt's ``-q=2``, ``-o=Opt=val``
            options.append(Option(name, word, remainder[1:]))
            return 0
        if name in syntax.valued:
            if remainder:
                options.append(Option(name, word, remainder))
                return 0
            if following is not None:
                options.append(Option(name, word, following.text, following))
                return 1
            options.append(Option(name, word))
            return 0
        options.append(Option(name, word))
        position += 1
    return 0


def read_invocation(command: SimpleCommand, tool: str, syntax: OptionSyntax, skip: int = 0) -> Invocation:
    """``command`` read as ``tool``, ignoring its first ``skip`` arguments
    (``-m pip`` of ``python -m pip``); read once per command and reading, the
    rules share what was read. It is kept in the command's ``__dict__`` without the
    command: an invocation kept there would make a reference cycle, and the batch's
    commands would wait for the cyclic garbage collector, which then walks them all."""
    read = command.__dict__.setdefault("_invocations", {})
    key = (tool, syntax, skip)
    found = read.get(key)
    if found is None:
        options, operands, tail = read_options(command.arguments[skip:], syntax)
        found = read[key] = (tuple(options), tuple(operands), tuple(tail), _informational(options, operands, syntax))
    return _new_tuple(Invocation, (command, tool, *found))


def _informational(options: list[Option], operands: list[Word], syntax: OptionSyntax) -> bool:
    """An informational option before the first operand, or an informational subcommand."""
    if operands and operands[0].text in syntax.informational_subcommands:
        return True
    found = [option.word for option in options if option.name in syntax.informational]
    if not found or not operands:
        return bool(found)
    return any(_before(word, operands[0]) for word in found)


def _before(word: Word, other: Word) -> bool:
    if len(word) == 5 and len(other) == 5 and word[2] is other[2]:
        return word[3] < other[3]  # placed words of one analysis: compare offsets, no span made
    return word.span.start < other.span.start


def invocations(
    run_commands: Iterable[SimpleCommand],
    reader: Callable[[SimpleCommand], Invocation | None],
) -> Iterator[Invocation]:
    """The commands ``reader`` recognises, read, in order (not those that only
    print a version or usage: :attr:`Invocation.informational`)."""
    for command in run_commands:
        invocation = reader(command)
        if invocation is not None and not invocation.informational:
            yield invocation


def program_reader(
    programs: Iterable[str], syntax: OptionSyntax, tool: str | None = None
) -> Callable[[SimpleCommand], Invocation | None]:
    """A reader for :func:`invocations` recognising commands named one of
    ``programs`` (None for one that only prints a version or usage)."""
    names = frozenset(programs)

    def read(command: SimpleCommand) -> Invocation | None:
        name = program(command)
        if name not in names:
            return None
        invocation = read_invocation(command, tool or name, syntax)
        return None if invocation.informational else invocation

    return read


def run_invocations(
    ctx: DockerfileContext, instruction: Instruction, reader: Callable[[SimpleCommand], Invocation | None]
) -> list[Invocation]:
    """The invocations ``reader`` recognises among the commands of a RUN
    (cmd and PowerShell command lines too: :func:`~dlint.views.dockerfile.run.package_commands`);
    read once per RUN and reader, shared by the rules (the key holds the reader, so a
    reader made for one call is never confused with a later one)."""
    key = ("invocations", id(instruction), reader)
    found = ctx.derived.get(key)
    if found is None:
        found = ctx.derived[key] = list(invocations(package_commands(ctx, instruction), reader))
    return list(found)


def unpinned(
    words: Iterable[Word], scope: Mapping[str, str | None], pinned: Callable[[str], bool]
) -> Iterator[tuple[Word, str]]:
    """The package words ``pinned`` rejects, each with how to show it in a
    message (```curl```, or ```$PKGS` (`wget`)`` when the value came from a
    variable). An unquoted word whose value holds several items
    (``ARG PKGS="curl=8.5 wget"``) is split as the shell splits it and each
    item is checked; a word whose value is unknown is skipped."""
    for word in words:
        value = word_text(word, scope)
        if value is None:
            continue
        items = value.split() if word.value is None and not any(q in word.raw for q in "\"'") else [value]
        for item in items:
            if not pinned(item):
                yield word, f"`{item}`" if item == word.text else f"`{word.text}` (`{item}`)"
                break


#: how many unpinned packages a message names before "and N more"
NAMED = 3


def pin_message(found: Sequence[tuple[Word, str]], what: str = "version", noun: str = "") -> tuple[Word, str]:
    """One finding for the unpinned packages of a command (``found``, not empty,
    from :func:`unpinned`): the first word and ``Pin the version of `curl``` /
    ``Pin the versions of `curl`, `wget`, `git` and 2 more`` (``what``:
    ``"stream"``; ``noun``: ``"module"`` gives ``of module `x```)."""
    shown = [text for _, text in found]
    several = "s" if len(shown) > 1 else ""
    if len(shown) > NAMED:
        names = ", ".join(shown[:NAMED]) + f" and {len(shown) - NAMED} more"
    elif several:
        names = ", ".join(shown[:-1]) + " and " + shown[-1]
    else:
        names = shown[0]
    of = f"{noun}{several} " if noun else ""
    return found[0][0], f"Pin the {what}{several} of {of}{names}"


# -- fixes ------------------------------------------------------------------------------


def insert_after(ctx: DockerfileContext, word: Word, text: str, message: str, *, safe: bool = True) -> Fix:
    """A fix inserting ``text`` right after ``word``."""
    return ctx.replace(ctx.span(word.span.end, word.span.end), text, message, safe=safe)
