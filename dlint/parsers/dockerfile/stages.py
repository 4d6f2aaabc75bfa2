"""After parsing: stages, variable scopes, SHELL in force, image references."""

from __future__ import annotations

from dlint.models import dockerfile as m
from dlint.models.base import construct
from dlint.parsers.dockerfile.images import split_reference
from dlint.parsers.dockerfile.variables import PLATFORM_ARGS, substitute

DEFAULT_SHELL = ("/bin/sh", "-c")
#: instructions whose shell form runs in the SHELL in force
USES_SHELL = frozenset({"RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"})


class _StageState:
    __slots__ = ("stage", "args", "env", "scope", "shell")

    def __init__(self, stage: m.Stage, env: dict[str, str | None], shell: list[str]) -> None:
        self.stage = stage
        self.args: dict[str, str | None] = {}
        self.env = env
        self.scope: dict[str, str | None] = dict(env)
        self.shell = shell

    def refresh(self) -> None:
        self.scope = {**self.args, **self.env}


def resolve_stages(dockerfile: m.Dockerfile) -> None:
    """Fill stages, global args, stage indexes, shell programs, images and scopes."""
    escape = dockerfile.escape
    scopes = dockerfile._scopes  # noqa: SLF001 - the parser owns it
    global_scope: dict[str, str | None] = dict.fromkeys(PLATFORM_ARGS)
    states: list[_StageState] = []
    current: _StageState | None = None
    for instruction in dockerfile.instructions:
        keyword = instruction.keyword
        if keyword == "FROM":
            scopes[id(instruction)] = global_scope
            current = _start_stage(instruction, states, global_scope, escape)  # type: ignore[arg-type]
            dockerfile.stages.append(current.stage)
            continue
        if current is None:
            scopes[id(instruction)] = global_scope
            if keyword == "ARG":
                dockerfile.global_args.append(instruction)  # type: ignore[arg-type]
                global_scope = dict(global_scope)
                _declare_args(instruction, global_scope, global_scope, {}, escape)  # type: ignore[arg-type]
            continue
        _in_stage(instruction, keyword, current, states, global_scope, scopes, escape)
        if keyword == "ONBUILD" and instruction.trigger is not None:  # type: ignore[attr-defined]
            trigger = instruction.trigger  # type: ignore[attr-defined]
            _in_stage(trigger, trigger.keyword, current, states, global_scope, scopes, escape, record=False)
            scopes[id(trigger)] = scopes[id(instruction)]


def _start_stage(instruction: m.FromInstruction, states: list[_StageState], global_scope: dict[str, str | None], escape: str) -> _StageState:
    index = len(states)
    image = instruction.image
    value, resolved = substitute(image.raw, global_scope, escape) if image.raw else ("", False)
    fields = image.__dict__
    base: _StageState | None = None
    if resolved and value:
        fields["value"] = value
        fields["resolved"] = True
        lowered = value.lower()
        for state in states:
            if state.stage.name == lowered:
                base = state
                break
        if base is not None:
            fields["stage"] = base.stage.index
        elif lowered == "scratch":
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
    env = dict(base.env) if base else {}
    shell = base.shell if base else list(DEFAULT_SHELL)
    state = _StageState(stage, env, shell)
    states.append(state)
    return state


def _in_stage(
    instruction: m.Instruction,
    keyword: str,
    current: _StageState,
    states: list[_StageState],
    global_scope: dict[str, str | None],
    scopes: dict[int, dict[str, str | None]],
    escape: str,
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
    if keyword == "ARG":
        _declare_args(instruction, current.args, global_scope, current.scope, escape)  # type: ignore[arg-type]
        current.refresh()
    elif keyword == "ENV":
        scope = current.scope
        env = dict(current.env)
        for pair in instruction.pairs:  # type: ignore[attr-defined]
            if pair.value is None:
                continue
            value, resolved = substitute(pair.value.raw, scope, escape)
            env[pair.key.value] = value if resolved else None
        current.env = env
        current.refresh()
    elif keyword == "SHELL":
        if instruction.program:  # type: ignore[attr-defined]
            current.shell = [token.value for token in instruction.program]  # type: ignore[attr-defined]
    elif keyword == "COPY" or keyword == "ADD":
        _copy_source(instruction, current, states, escape)  # type: ignore[arg-type]


def _declare_args(
    instruction: m.KeyValueInstruction,
    target: dict[str, str | None],
    global_scope: dict[str, str | None],
    scope: dict[str, str | None],
    escape: str,
) -> None:
    for pair in instruction.pairs:
        name = pair.key.value
        if pair.value is None:
            target[name] = global_scope.get(name) if target is not global_scope else target.get(name)
        else:
            value, resolved = substitute(pair.value.raw, {**global_scope, **scope} if target is global_scope else scope, escape)
            target[name] = value if resolved else None


def _copy_source(instruction: m.CopyInstruction, current: _StageState, states: list[_StageState], escape: str) -> None:
    flag = instruction.flag("from")
    if flag is None or not flag.value:
        return
    value, resolved = substitute(flag.value, current.scope, escape)
    fields = {"raw": flag.value, "value": value if resolved else "", "resolved": resolved, "span": flag.value_span or flag.span}
    if resolved:
        lowered = value.lower()
        if lowered.isdigit():
            index = int(lowered)
            if index < current.stage.index:
                fields["stage"] = index
        else:
            for state in states[: current.stage.index]:
                if state.stage.name == lowered:
                    fields["stage"] = state.stage.index
                    break
            else:
                fields.update(split_reference(value))
    instruction.__dict__["source_stage"] = construct(m.ImageRef, fields)
