"""The variables a shell command of a RUN sees: ARG/ENV of the stage and the plain
assignments (``x=…``, ``export x=…``, ``local x=…``) made before it in the same RUN."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from dlint.engine.context import DockerfileContext
from dlint.models.dockerfile import Instruction, KeyValueInstruction
from dlint.models.shell import SimpleCommand, Word
from dlint.regex import regex
from dlint.views.dockerfile.run import scripts, word_value

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
_STRAIGHT = regex(r"(?:\s|\\\n|;|&&|#[^\n]*)*")
_PIPED = regex(r"(?:\s|\\\n|;|&&|\|\|?|#[^\n]*)*")
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
    an ``sh -c`` string see no shell variable of the outer script.

    Worked out once per RUN for the default ``base`` (the pin rules share it)."""
    if base is not None:
        return _command_scopes(ctx, instruction, base)
    key = ("command_scopes", id(instruction))
    found = ctx.derived.get(key)
    if found is None:
        found = ctx.derived[key] = _command_scopes(ctx, instruction, variables(ctx, instruction))
    return found


def _command_scopes(
    ctx: DockerfileContext, instruction: Instruction, scope: Mapping[str, str | None]
) -> Callable[[SimpleCommand], Mapping[str, str | None]]:
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
