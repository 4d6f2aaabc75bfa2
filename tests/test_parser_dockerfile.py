"""Parser cases from ``fixtures/parser/dockerfile/*.yml``: each case parses a
Dockerfile and compares parts of ``dump_dockerfile`` (addressed by dotted
paths such as ``instructions.1.command.span``) with the expected values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from dlint.parsers.dockerfile import parse_dockerfile
from dlint.parsers.dockerfile_debug import dump_dockerfile

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parser" / "dockerfile"


def load_cases() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return params


def resolve(data: Any, dotted: str) -> Any:
    """The part of ``data`` at ``dotted`` (dict keys and list indexes)."""
    for part in dotted.split("."):
        if isinstance(data, list):
            data = data[int(part)]
        else:
            data = data[part]
    return data


@pytest.mark.parametrize("case", load_cases())
def test_parser_case(case: dict[str, Any]) -> None:
    dump = dump_dockerfile(parse_dockerfile(case["dockerfile"]))
    for dotted, expected in case["expect"].items():
        assert resolve(dump, dotted) == expected, dotted


def test_every_case_checks_something() -> None:
    for param in load_cases():
        case = param.values[0]
        assert case["expect"], case["name"]
        assert "?" not in case["expect"].values(), case["name"]
