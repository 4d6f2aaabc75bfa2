"""Shared logic of the package-manager rules (apt-get, apk, pip, npm, gem, go, yarn…).

Reading a command line:

- :class:`OptionSyntax` says how a tool spells its options (which take a value,
  whether short options bundle as in ``-yq``, Go's one-dash long options);
  :func:`read_invocation` splits a command's words into :class:`Option` and
  operands with it, giving an :class:`Invocation`;
- :func:`program` is the program a command runs (never a ``--flag`` word);
  :func:`program_reader` + :func:`run_invocations` find the invocations of a
  tool among a RUN's commands.

Around that:

- :func:`word_text`: the value of a shell word with the ARG/ENV in scope
  expanded (None when unknown: an unresolvable word is never flagged);
  :func:`unpinned`: the package words a pin check rejects, and
  :func:`pin_message`: one finding for them all (first word, names);
- :func:`mounted` / :func:`covers`: a ``--mount=type=cache`` or ``tmpfs`` over a
  cache directory (or a directory above it) keeps the cache out of the image;
- :func:`removes_path` / :func:`removed_later`: ``rm`` of a directory or its contents;
- :func:`stage_reaches_image`: whether what a RUN leaves behind can end up in a
  built image (the last stage, a stage another stage builds on, ONBUILD);
- :func:`insert_after`: a fix that inserts text right after a word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from dlint.engine.context import DockerfileContext
from dlint.models.dockerfile import Instruction, KeyValueInstruction, RunInstruction
from dlint.models.finding import Fix
from dlint.models.shell import SimpleCommand, Word
from dlint.rules._run import package_commands, scripts, word_value

# -- command lines ----------------------------------------------------------------------


@dataclass(frozen=True)
class OptionSyntax:
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


@dataclass(frozen=True)
class Option:
    """One option as written: ``name`` with its dashes, its value if any."""

    name: str
    word: Word
    value: str | None = None  # "2" for ``-q=2``, the next word's text for ``-t stable``
    value_word: Word | None = None  # the separate word holding the value


@dataclass(frozen=True)
class Invocation:
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


def program(command: SimpleCommand) -> str | None:
    """The base name of the command run (:attr:`SimpleCommand.program`), None
    when the command word cannot be a program (``--flag``, ``NAME=value``)."""
    name = command.program
    if not name or name.startswith("-") or "=" in (command.name.text if command.name else ""):
        return None
    return name


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
    (``-m pip`` of ``python -m pip``)."""
    options, operands, tail = read_options(command.arguments[skip:], syntax)
    return Invocation(command, tool, tuple(options), tuple(operands), tuple(tail), _informational(options, operands, syntax))


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
    (cmd and PowerShell command lines too: :func:`~dlint.rules._run.package_commands`)."""
    return list(invocations(package_commands(ctx, instruction), reader))


# -- word values ------------------------------------------------------------------------


class _ShellScope(dict):
    """Dockerfile variables as a shell sees them: a name the Dockerfile does not
    define may still be set at run time (base image ENV, earlier shell code), so
    its value is unknown rather than empty."""

    def __contains__(self, name: object) -> bool:
        return True

    def __missing__(self, name: str) -> None:
        return None

    def get(self, name: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return self[name]  # every name is in scope: unknown unless defined


def variables(ctx: DockerfileContext, instruction: Instruction) -> Mapping[str, str | None]:
    """ARG/ENV values a RUN sees. An ONBUILD trigger runs in a later build:
    it sees the ENV values baked into this image, but not its ARGs."""
    scope = _ShellScope(ctx.dockerfile.variables_at(instruction))
    if instruction.onbuild:
        kept = _env_names(ctx, instruction)
        return _ShellScope({name: value for name, value in scope.items() if name in kept})
    if instruction.stage_index is None:
        # No FROM yet (an invalid file): read the ENVs above it in order, as a best effort.
        for earlier in ctx.dockerfile.instructions:
            if earlier is instruction or earlier.stage_index is not None:
                break
            if isinstance(earlier, KeyValueInstruction) and earlier.keyword == "ENV":
                for pair in earlier.pairs:
                    scope[pair.key.value] = pair.value.value if pair.value is not None else None
    return scope


class _Overlay(Mapping[str, "str | None"]):
    """``base`` with the shell variables ``assigned`` (None: unknown) over it;
    ``get`` reads names as ``[]`` does (a name ``base`` leaves unknown stays so)."""

    def __init__(self, base: Mapping[str, str | None], assigned: dict[str, str | None]) -> None:
        self.base = base
        self.assigned = assigned

    def __getitem__(self, name: str) -> str | None:
        return self.assigned[name] if name in self.assigned else self.base[name]

    def __contains__(self, name: object) -> bool:
        return name in self.assigned or name in self.base

    def get(self, name: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return self[name] if name in self else default

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self.base), **self.assigned})

    def __len__(self) -> int:
        return len({**dict.fromkeys(self.base), **self.assigned})


#: what may stand between two commands of a straight sequence: blanks, line
#: continuations, comments, ``;`` and ``&&`` (``|`` and ``||`` too when neither
#: side assigns, see :func:`command_scopes`)
_STRAIGHT = re.compile(r"(?:\s|\\\n|;|&&|#[^\n]*)*")
_PIPED = re.compile(r"(?:\s|\\\n|;|&&|\|\|?|#[^\n]*)*")
_DECLARATIONS = frozenset({"export", "local", "readonly", "declare", "typeset"})
#: declaration options that keep a value as written (``declare -i x=1+1`` does not)
_PLAIN_DECLARATION = frozenset({"-x", "-r", "-g", "--"})
#: commands that set the variables they name, from input
_READERS = frozenset({"read", "unset", "mapfile", "readarray", "getopts"})
#: commands that may set any variable
_ANY_SETTERS = frozenset({".", "source", "eval"})


def command_scopes(
    ctx: DockerfileContext, instruction: Instruction, base: Mapping[str, str | None] | None = None
) -> Callable[[SimpleCommand], Mapping[str, str | None]]:
    """The variables each command of a RUN sees: ``base`` (the ARG/ENV of
    :func:`variables` unless given) with the shell variables assigned before it
    in the same script (``x=…``, ``export``/``local``/``readonly``/``declare x=…``).

    Only the straight sequence at the start of a script counts: commands joined
    by ``;``, ``&&`` or newlines. From the first other construct on (``if``,
    a loop, ``||`` or ``|`` around an assignment, a subshell, a function) any
    name the script assigns is unknown, as is one set by ``read``, ``unset``…
    or by a value that cannot be known (``x=$(cat list)``); after ``.``,
    ``source`` or ``eval`` every name the script assigned is. Commands inside
    ``$(…)`` or run by a wrapper (``sudo``) see the scope around them; those of
    an ``sh -c`` string see no shell variable of the outer script."""
    scope = variables(ctx, instruction) if base is None else base
    found: dict[int, Mapping[str, str | None]] = {}
    source = ctx.source
    for script in scripts(ctx, instruction):
        listed = script.commands
        if not any(command.name is None or command.program in _SCOPE_CHANGERS for command in listed):
            continue
        assigned: dict[str, str | None] = {}
        straight = True
        end = script.span.start
        previous: SimpleCommand | None = None
        for command in listed:
            span = command.span
            if span.start < end:  # inside the command before: ``$(…)``, ``sudo …``, ``sh -c '…'``
                inner = dict.fromkeys(assigned) if (command.wrapped_by or "").endswith(" -c") else assigned
                found[id(command)] = _Overlay(scope, dict(inner))
                continue
            if straight:
                gap = source[end : span.start]
                sets = _sets_variables(command) or (previous is not None and _sets_variables(previous))
                straight = bool((_STRAIGHT if sets else _PIPED).fullmatch(gap))
                if not straight:
                    assigned = dict.fromkeys(assigned)
            here = _Overlay(scope, dict(assigned)) if assigned else scope
            found[id(command)] = here
            _assign(command, assigned, scope, straight)
            end = max(end, span.end)
            previous = command
    return lambda command: found.get(id(command), scope)


_SCOPE_CHANGERS = _DECLARATIONS | _READERS | _ANY_SETTERS


def _sets_variables(command: SimpleCommand) -> bool:
    return command.name is None or command.program in _DECLARATIONS


def _assign(
    command: SimpleCommand, assigned: dict[str, str | None], scope: Mapping[str, str | None], straight: bool
) -> None:
    """Record in ``assigned`` what ``command`` does to shell variables."""
    program = command.program
    if command.name is None or program in _DECLARATIONS:
        plain = straight and all(
            word.text in _PLAIN_DECLARATION for word in command.arguments if word.text.startswith("-")
        )
        for assignment in command.assignments:
            value: str | None = ""
            if assignment.value is not None:
                value = word_value(assignment.value, _Overlay(scope, assigned)) if plain else None
            assigned[assignment.name] = value if plain else None
    elif program in _READERS:
        for word in command.arguments:
            if not word.text.startswith("-"):
                assigned[word.text] = None
    elif program in _ANY_SETTERS:
        for name in assigned:
            assigned[name] = None


def word_text(word: Word, scope: Mapping[str, str | None]) -> str | None:
    """The value of ``word`` with Dockerfile variables from :func:`variables`
    expanded; None when it cannot be known (then rules stay silent)."""
    value = word_value(word, scope)
    if value is None or value == "" and word.value is None:
        return None
    return value


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


def _env_names(ctx: DockerfileContext, instruction: Instruction) -> set[str]:
    """Names set by ENV above ``instruction`` in its stage and the stages it builds on."""
    stages = ctx.dockerfile.stages
    index = instruction.stage_index
    names: set[str] = set()
    seen: set[int] = set()
    while index is not None and index < len(stages) and index not in seen:
        seen.add(index)
        for earlier in stages[index].instructions:
            if earlier.span.start >= instruction.span.start:
                break
            if isinstance(earlier, KeyValueInstruction) and earlier.keyword == "ENV":
                names.update(pair.key.value for pair in earlier.pairs)
        index = stages[index].base_stage
    return names


# -- cache directories ------------------------------------------------------------------


def normal_path(path: str) -> str:
    """``/var/cache/apk/*``, ``/var/cache/apk/`` and ``/var/cache/apk/.`` → ``/var/cache/apk``."""
    while len(path) > 1 and (path.endswith("/*") or path.endswith("/.") or path.endswith("/")):
        path = path[:-1] if path.endswith("/") else path[:-2]
    return path


def covers(path: str, directory: str) -> bool:
    """True when ``path`` is ``directory`` or a directory above it."""
    path = normal_path(path)
    directory = normal_path(directory)
    return directory == path or directory.startswith(path.rstrip("/") + "/")


def mounted(instruction: Instruction, directory: str, exact: bool = False) -> bool:
    """The RUN mounts a cache or tmpfs over ``directory`` (or, unless ``exact``,
    over a directory above it), so nothing written there stays in the image."""
    if not isinstance(instruction, RunInstruction):
        return False
    for mount in instruction.mounts:
        target = mount.target
        if mount.type not in ("cache", "tmpfs") or not target:
            continue
        if normal_path(target) == normal_path(directory) if exact else covers(target, directory):
            return True
    return False


def removes_path(command: SimpleCommand, directory: str) -> bool:
    """``rm`` of ``directory``, its contents (``dir/*``) or a directory above it."""
    if command.program != "rm":
        return False
    return any(not word.text.startswith("-") and covers(word.text, directory) for word in command.arguments)


def removed_later(run_commands: list[SimpleCommand], command: SimpleCommand, directory: str) -> bool:
    """Some command after ``command`` in ``run_commands`` removes ``directory``."""
    later = False
    for other in run_commands:
        if later and removes_path(other, directory):
            return True
        later = later or other is command
    return False


# -- stages -----------------------------------------------------------------------------


def stage_reaches_image(ctx: DockerfileContext, instruction: Instruction) -> bool:
    """Whether files a RUN leaves behind can end up in a built image: true in
    the last stage, in a stage a later ``FROM`` builds on, before any FROM, and
    in ONBUILD triggers (they run in whatever image builds on this one). A stage
    only used through ``COPY --from`` (or not at all) is thrown away."""
    index = instruction.stage_index
    stages = ctx.dockerfile.stages
    if instruction.onbuild or index is None or not stages or index >= len(stages) - 1:
        return True
    return index in ctx.dockerfile.base_stages()


# -- fixes ------------------------------------------------------------------------------


def insert_after(ctx: DockerfileContext, word: Word, text: str, message: str, *, safe: bool = True) -> Fix:
    """A fix inserting ``text`` right after ``word``."""
    return ctx.replace(ctx.span(word.span.end, word.span.end), text, message, safe=safe)
