"""Runs the shell analysis cases in ``fixtures/parser/shell/*.yml``.

A case has ``shell:`` (a plain script, optional ``pipefail:``) or ``dockerfile:``
and lists what the analysis must find, exactly:

- ``commands``: one line per command, ``"line:col-end_line:end_col name args…"``
  (words as written), then ``[by WRAPPER]`` and ``|N`` for pipeline N when set;
- ``pipelines``: ``"i,j,… pipefail"`` or ``"i,j,… no-pipefail"``;
- ``errors``: ``has_errors`` (default false).

Dockerfile cases give ``scripts``: for each instruction or heredoc with shell
analysis, ``"RUN@line"``/``"heredoc@line"`` mapped to the same three keys, or
null when the analysis must be None.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from dlint.models.shell import ShellScript, SimpleCommand
from dlint.parsers.dockerfile import parse_dockerfile
from dlint.parsers.shell import analyse_shell

CASES = Path(__file__).parent.parent / "fixtures" / "parser" / "shell"


def _load() -> list[Any]:
    cases = []
    for path in sorted(CASES.glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return cases


def describe_command(command: SimpleCommand) -> str:
    span = command.span
    parts = [f"{span.line}:{span.column}-{span.end_line}:{span.end_column}"]
    parts.append(command.name.raw if command.name is not None else "-")
    parts.extend(word.raw for word in command.arguments)
    if command.wrapped_by is not None:
        parts.append(f"[by {command.wrapped_by}]")
    if command.pipeline is not None:
        parts.append(f"|{command.pipeline}")
    return " ".join(parts)


def describe(script: ShellScript | None) -> dict[str, Any] | None:
    if script is None:
        return None
    return {
        "commands": [describe_command(command) for command in script.commands],
        "pipelines": [
            ",".join(map(str, pipeline.commands)) + (" pipefail" if pipeline.pipefail else " no-pipefail")
            for pipeline in script.pipelines
        ],
        "errors": script.has_errors,
    }


def _expected(entry: dict[str, Any] | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    return {
        "commands": entry.get("commands", []),
        "pipelines": entry.get("pipelines", []),
        "errors": entry.get("errors", False),
    }


def dockerfile_scripts(text: str) -> dict[str, Any]:
    dockerfile = parse_dockerfile(text, "Dockerfile")
    found: dict[str, Any] = {}
    for instruction in dockerfile.instructions:
        trigger = getattr(instruction, "trigger", None)
        owner = trigger if trigger is not None else instruction
        if owner.keyword not in ("RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"):
            continue
        found[f"{owner.keyword}@{owner.span.line}"] = describe(dockerfile.shell(owner))
        for heredoc in getattr(owner, "heredocs", []):
            found[f"heredoc@{heredoc.body_span.line}"] = describe(dockerfile.shell(heredoc))
    return found


@pytest.mark.parametrize("case", _load())
def test_case(case: dict[str, Any]) -> None:
    if "shell" in case:
        script = analyse_shell(case["shell"], pipefail=case.get("pipefail", False))
        assert describe(script) == _expected(case)
    else:
        expected = {key: _expected(value) for key, value in case["scripts"].items()}
        assert dockerfile_scripts(case["dockerfile"]) == expected
