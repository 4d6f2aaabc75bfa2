"""Differential test against dockerfile-parse on every heredoc-free fixture:
the same instruction keywords with the same start and end lines.

dockerfile-parse differs from BuildKit (and from us) in two documented ways,
so inputs that use them are left out: an empty line inside a continuation
ends its instruction there, and an instruction whose continuation runs into
the end of the file is dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from dockerfile_parse import DockerfileParser

from dlint.parsers.dockerfile import parse_dockerfile

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parser" / "dockerfile"


def fixture_inputs() -> list[tuple[str, str]]:
    inputs = []
    for path in sorted(FIXTURES.glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            inputs.append((f"{path.stem}: {case['name']}", case["dockerfile"]))
    for path in sorted((FIXTURES / "realworld").glob("*.Dockerfile")):
        inputs.append((path.stem, path.read_text(encoding="utf-8")))
    return inputs


def has_heredoc(dockerfile) -> bool:
    for instruction in dockerfile.instructions:
        trigger = getattr(instruction, "trigger", None)
        if getattr(instruction, "heredocs", None) or (trigger is not None and getattr(trigger, "heredocs", None)):
            return True
    return False


def uses_known_divergence(source: str, escape: str) -> bool:
    e = re.escape(escape)
    lines = r"(?:[ \t]*#[^\n]*\n)*"
    continued = rf"^(?![ \t]*#)[^\n]*{e}[ \t]*\r?\n"  # a line (not a comment) ending in the escape
    empty_in_continuation = re.search(rf"{continued}{lines}[ \t]*\r?\n", source, re.MULTILINE)
    continuation_at_end = re.search(
        rf"^(?![ \t]*#)[^\n]*{e}[ \t]*(?:\r?\n{lines}[ \t]*(?:#[^\n]*)?)?\Z", source, re.MULTILINE
    )
    return bool(empty_in_continuation or continuation_at_end)


CASES = []
for name, source in fixture_inputs():
    model = parse_dockerfile(source)
    if has_heredoc(model) or uses_known_divergence(source, model.escape):
        continue
    CASES.append(pytest.param(source, id=name))


def test_most_fixtures_take_part() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize("source", CASES)
def test_same_instructions_and_lines_as_dockerfile_parse(source: str, tmp_path: Path) -> None:
    parser = DockerfileParser(path=str(tmp_path))
    parser.content = source
    theirs = [
        (item["instruction"], item["startline"] + 1, item["endline"] + 1)
        for item in parser.structure
        if item["instruction"] != "COMMENT"
    ]
    ours = [(i.keyword, i.span.line, i.span.end_line) for i in parse_dockerfile(source).instructions]
    assert ours == theirs
