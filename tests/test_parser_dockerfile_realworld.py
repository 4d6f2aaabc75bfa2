"""Snapshot tests: ten tricky real-world style Dockerfiles and the full model
dump expected for each (``<name>.expected.json`` next to ``<name>.Dockerfile``).

After a deliberate parser change, regenerate with
``DLINT_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_parser_dockerfile_realworld.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dlint.parsers.dockerfile import parse_dockerfile_bytes
from dlint.parsers.dockerfile_debug import dump_dockerfile

REALWORLD = Path(__file__).resolve().parent.parent / "fixtures" / "parser" / "dockerfile" / "realworld"
FILES = sorted(REALWORLD.glob("*.Dockerfile"))


def test_there_are_ten_realworld_files() -> None:
    assert len(FILES) == 10


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_realworld_snapshot(path: Path) -> None:
    dump = dump_dockerfile(parse_dockerfile_bytes(path.read_bytes(), path.name))
    expected_path = path.with_name(path.stem + ".expected.json")
    if os.environ.get("DLINT_UPDATE_SNAPSHOTS") == "1":
        expected_path.write_text(json.dumps(dump, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert dump == expected
