"""``dlint debug dockerfile``: the parsed model of a Dockerfile as JSON."""

from __future__ import annotations

import json
from typing import Any

from dlint.models.dockerfile import Dockerfile, Instruction

_SPAN_KEYS = frozenset({"start", "end", "line", "column", "end_line", "end_column"})


def dump_dockerfile(model: Dockerfile) -> dict[str, Any]:
    """A JSON-ready view of ``model``: spans shown as ``"line:col-end_line:end_col"``,
    each instruction with its typed fields and the variables in scope there."""
    instructions = []
    for instruction in model.instructions:
        data = _dump_instruction(instruction)
        data["type"] = type(instruction).__name__
        data["variables"] = model.variables_at(instruction)
        instructions.append(data)
    return {
        "path": model.path,
        "escape": model.escape,
        "decode_replaced": model.decode_replaced,
        "directives": [_compact(directive.model_dump()) for directive in model.directives],
        "global_args": [pair.key.value for instruction in model.global_args for pair in instruction.pairs],
        "stages": [
            {
                "index": stage.index,
                "name": stage.name,
                "image": _compact(stage.image.model_dump()),
                "base_stage": stage.base_stage,
                "lines": f"{stage.from_instruction.span.line}-"
                + str((stage.instructions[-1] if stage.instructions else stage.from_instruction).span.end_line),
                "instructions": len(stage.instructions),
            }
            for stage in model.stages
        ],
        "instructions": instructions,
        "comments": [_compact(comment.model_dump()) for comment in model.comments],
        "syntax_issues": [_compact(issue.model_dump()) for issue in model.syntax_issues],
    }


def _dump_instruction(instruction: Instruction) -> dict[str, Any]:
    """An instruction with the fields of its own class (an ONBUILD trigger's too)."""
    data = _compact(instruction.model_dump())
    trigger = getattr(instruction, "trigger", None)
    if trigger is not None:
        data["trigger"] = _dump_instruction(trigger)
    return data


def dump_dockerfile_json(model: Dockerfile) -> str:
    return json.dumps(dump_dockerfile(model), indent=2, ensure_ascii=False)


def _compact(value: Any) -> Any:
    if isinstance(value, dict):
        if value.keys() == _SPAN_KEYS:
            return f"{value['line']}:{value['column']}-{value['end_line']}:{value['end_column']}"
        return {key: _compact(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_compact(item) for item in value]
    if isinstance(value, tuple):
        return [_compact(item) for item in value]
    return value
