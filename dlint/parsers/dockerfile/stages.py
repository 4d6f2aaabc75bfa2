"""After parsing: stages, variable scopes, SHELL in force, image references."""

from __future__ import annotations

from dlint.models import dockerfile as m
from dlint.models.base import construct
from dlint.parsers.dockerfile.images import split_reference
from dlint.parsers.dockerfile.variables import (
    MAX_EXPANSION,
    MAX_FILE_EXPANSION,
    MAX_SCOPE_ENTRIES,
    MAX_VARIABLES,
    PLATFORM_ARGS,
    UNKNOWN_SCOPE,
    ExpansionLimit,
    ExpansionTooLong,
    expand,
)

DEFAULT_SHELL = ("/bin/sh", "-c")
#: instructions whose shell form runs in the SHELL in force
USES_SHELL = frozenset({"RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"})
#: a stage index of ``COPY --from`` has at most this many digits (more names no stage)
_MAX_INDEX_DIGITS = 6
#: stages build ``FROM`` one another at most this deep: a deeper stage's base is
#: unknown (its image unresolved, its variables unknown), with a syntax issue, so
#: that what walks a chain of stages walks at most this many
MAX_STAGE_DEPTH = 64

Scope = dict[str, str | None]


class _StageState:
    __slots__ = ("stage", "args", "env", "scope", "shell", "depth")

    def __init__(self, stage: m.Stage, env: Scope, shell: list[str], depth: int) -> None:
        self.stage = stage
        self.args: Scope = {}
        self.env = env
        self.scope: Scope = dict(env)
        self.shell = shell
        self.depth = depth  # stages below it in its chain of FROM <stage>

    def refresh(self) -> None:
        self.scope = {**self.args, **self.env}


class _States:
    """The stages so far, and the first stage of each name (what FROM and
    ``COPY --from`` name), found without a scan."""

    __slots__ = ("all", "named")

    def __init__(self) -> None:
        self.all: list[_StageState] = []
        self.named: dict[str, _StageState] = {}

    def add(self, state: _StageState) -> None:
        self.all.append(state)
        if state.stage.name is not None:
            self.named.setdefault(state.stage.name, state)


class _Variables:
    """The parser's variable tracking of one file, within the limits of
    :mod:`~dlint.parsers.dockerfile.variables`. A limit reached is one syntax
    issue; past a scope limit every variable is unknown (``exhausted``)."""

    __slots__ = ("issues", "room", "entries", "exhausted", "reported")

    def __init__(self, issues: list[m.SyntaxIssue]) -> None:
        self.issues = issues
        self.room = MAX_FILE_EXPANSION  # characters the parser's expansions may still add
        self.entries = MAX_SCOPE_ENTRIES  # scope entries the parser may still copy
        self.exhausted = False
        self.reported: set[str] = set()

    def expand(self, text: str, scope: Scope, escape: str, span: m.Span) -> tuple[str, bool]:
        """``text`` expanded in ``scope``; unknown past a limit (reported at ``span``)."""
        if "$" not in text:
            return expand(text, scope, escape)  # nothing to add: no limit to mind
        room = self.room
        limit = room if room < MAX_EXPANSION else MAX_EXPANSION
        try:
            value, resolved = expand(text, scope, escape, limit)
        except ExpansionLimit as error:
            for_file = isinstance(error, ExpansionTooLong) and limit < MAX_EXPANSION
            self.report(_FILE_EXPANSION_MESSAGE if for_file else str(error), span)
            return "", False
        self.room = room - len(value) + len(text)
        return value, resolved

    def counted(self, scope: Scope, span: m.Span) -> bool:
        """Count ``scope``, a new copy, against the limits; False once past one."""
        size = len(scope)
        self.entries -= size
        if size <= MAX_VARIABLES and self.entries >= 0:
            return True
        self.exhaust(_TOO_MANY_VARIABLES if size > MAX_VARIABLES else _TOO_MANY_ENTRIES, span)
        return False

    def exhaust(self, message: str, span: m.Span) -> None:
        self.exhausted = True
        self.report(message, span)

    def report(self, message: str, span: m.Span) -> None:
        """A syntax issue, once per message in a file."""
        if message not in self.reported:
            self.reported.add(message)
            self.issues.append(construct(m.SyntaxIssue, {"message": message, "span": span}))


_FILE_EXPANSION_MESSAGE = (
    f"variable expansions in this file add more than {MAX_FILE_EXPANSION:,} characters in all; "
    "later values that add any are treated as unknown"
)
_TOO_MANY_VARIABLES = f"more than {MAX_VARIABLES:,} variables are in scope; from here on their values are treated as unknown"
_TOO_DEEP = f"stages build on one another more than {MAX_STAGE_DEPTH} deep; from here on such a base is treated as unknown"
_TOO_MANY_ENTRIES = (
    f"the variable scopes of this file hold more than {MAX_SCOPE_ENTRIES:,} entries; "
    "from here on variable values are treated as unknown"
)


def resolve_stages(dockerfile: m.Dockerfile) -> None:
    """Fill stages, global args, stage indexes, shell programs, images and scopes."""
    escape = dockerfile.escape
    scopes = dockerfile._scopes  # noqa: SLF001 - the parser owns it
    variables = _Variables(dockerfile.syntax_issues)
    global_scope: Scope = dict.fromkeys(PLATFORM_ARGS)
    states = _States()
    current: _StageState | None = None
    for instruction in dockerfile.instructions:
        keyword = instruction.keyword
        if keyword == "FROM":
            scopes[id(instruction)] = global_scope
            current = _start_stage(instruction, states, global_scope, escape, variables)  # type: ignore[arg-type]
            dockerfile.stages.append(current.stage)
            continue
        if current is None:
            scopes[id(instruction)] = global_scope
            if keyword == "ARG":
                dockerfile.global_args.append(instruction)  # type: ignore[arg-type]
                global_scope = _global_args(instruction, global_scope, escape, variables)  # type: ignore[arg-type]
            continue
        _in_stage(instruction, keyword, current, states, global_scope, scopes, escape, variables)
        if keyword == "ONBUILD" and instruction.trigger is not None:  # type: ignore[attr-defined]
            trigger = instruction.trigger  # type: ignore[attr-defined]
            _in_stage(trigger, trigger.keyword, current, states, global_scope, scopes, escape, variables, record=False)
            scopes[id(trigger)] = scopes[id(instruction)]


def _global_args(instruction: m.KeyValueInstruction, scope: Scope, escape: str, variables: _Variables) -> Scope:
    """The global scope after the global ``ARG`` ``instruction``."""
    if variables.exhausted:
        return UNKNOWN_SCOPE
    scope = dict(scope)
    _declare_args(instruction, scope, scope, scope, escape, variables)
    return scope if variables.counted(scope, instruction.span) else UNKNOWN_SCOPE


def _start_stage(
    instruction: m.FromInstruction, states: _States, global_scope: Scope, escape: str, variables: _Variables
) -> _StageState:
    index = len(states.all)
    image = instruction.image
    value, resolved = variables.expand(image.raw, global_scope, escape, image.span) if image.raw else ("", False)
    base = states.named.get(value.lower()) if resolved and value else None
    cut = base is not None and base.depth == MAX_STAGE_DEPTH
    if cut:
        variables.report(_TOO_DEEP, image.span)
        value, resolved, base = "", False, None
    fields = image.__dict__
    if resolved and value:
        fields["value"] = value
        fields["resolved"] = True
        if base is not None:
            fields["stage"] = base.stage.index
        elif value.lower() == "scratch":
            fields["is_scratch"] = True
        else:
            fields.update(split_reference(value))
    name = instruction.stage_name.value.lower() if instruction.stage_name is not None else None
    instruction.stage_index = index
    stage = construct(
        m.Stage,
        {
            "index": index,
            "name": name,
            "from_instruction": instruction,
            "instructions": [],
            "base_stage": base.stage.index if base else None,
        },
    )
    shell = base.shell if base else list(DEFAULT_SHELL)
    if variables.exhausted or cut or (base is not None and base.scope is UNKNOWN_SCOPE):  # nothing known of its variables
        state = _StageState(stage, {}, shell, 0)
        state.scope = UNKNOWN_SCOPE
    else:
        state = _StageState(stage, dict(base.env) if base else {}, shell, base.depth + 1 if base else 0)
        if not variables.counted(state.scope, instruction.span):
            state.scope = UNKNOWN_SCOPE
    states.add(state)
    return state


def _in_stage(
    instruction: m.Instruction,
    keyword: str,
    current: _StageState,
    states: _States,
    global_scope: Scope,
    scopes: dict[int, Scope],
    escape: str,
    variables: _Variables,
    record: bool = True,
) -> None:
    data = instruction.__dict__
    data["stage_index"] = current.stage.index
    if record:
        current.stage.instructions.append(instruction)
        scopes[id(instruction)] = current.scope
    if keyword in USES_SHELL:
        data["shell_program"] = current.shell
    if not record:
        return
    if keyword == "ARG" or keyword == "ENV":
        if variables.exhausted or current.scope is UNKNOWN_SCOPE:
            return  # past a limit: its variables are not followed
        if keyword == "ARG":
            _declare_args(instruction, current.args, global_scope, current.scope, escape, variables)  # type: ignore[arg-type]
        else:
            current.env = _env(instruction, current, escape, variables)  # type: ignore[arg-type]
        current.refresh()
        if not variables.counted(current.scope, instruction.span):
            current.scope = UNKNOWN_SCOPE
    elif keyword == "SHELL":
        if instruction.program:  # type: ignore[attr-defined]
            current.shell = [token.value for token in instruction.program]  # type: ignore[attr-defined]
    elif keyword == "COPY" or keyword == "ADD":
        _copy_source(instruction, current, states, escape, variables)  # type: ignore[arg-type]


def _env(instruction: m.KeyValueInstruction, current: _StageState, escape: str, variables: _Variables) -> Scope:
    """The stage's ENV values after ``instruction``."""
    scope = current.scope
    env = dict(current.env)
    for pair in instruction.pairs:
        if pair.value is None:
            continue
        value, resolved = variables.expand(pair.value.raw, scope, escape, pair.value.span)
        env[pair.key.value] = value if resolved else None
    return env


def _declare_args(
    instruction: m.KeyValueInstruction,
    target: Scope,
    global_scope: Scope,
    scope: Scope,
    escape: str,
    variables: _Variables,
) -> None:
    for pair in instruction.pairs:
        name = pair.key.value
        if pair.value is None:
            target[name] = global_scope.get(name) if target is not global_scope else target.get(name)
        else:
            value, resolved = variables.expand(pair.value.raw, scope, escape, pair.value.span)
            target[name] = value if resolved else None


def _copy_source(
    instruction: m.CopyInstruction, current: _StageState, states: _States, escape: str, variables: _Variables
) -> None:
    flag = instruction.flag("from")
    if flag is None or not flag.value:
        return
    span = flag.value_span or flag.span
    value, resolved = variables.expand(flag.value, current.scope, escape, span)
    fields = {"raw": flag.value, "value": value if resolved else "", "resolved": resolved, "span": span}
    if resolved:
        lowered = value.lower()
        if lowered.isdecimal() and lowered.isascii():
            index = int(lowered) if len(lowered) <= _MAX_INDEX_DIGITS else current.stage.index
            if index < current.stage.index:
                fields["stage"] = index
        else:
            named = states.named.get(lowered)
            if named is not None and named.stage.index < current.stage.index:
                fields["stage"] = named.stage.index
            else:
                fields.update(split_reference(value))
    instruction.__dict__["source_stage"] = construct(m.ImageRef, fields)
