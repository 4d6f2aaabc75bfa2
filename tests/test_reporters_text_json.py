"""Text and JSON reporters: exact output on real findings of DL3002/DL3006/DL3007/DL3025."""

from __future__ import annotations

import json
from pathlib import Path

from dlint.engine.config import Settings
from dlint.engine.lint import Linter, SourceFile
from dlint.reporters import FORMATS, renderer
from dlint.reporters.text import render as render_text

SOURCE = "FROM node:latest\n\tCMD node server.js\nFROM scratch\nUSER root\n"


def lint():
    linter = Linter(Settings(select=("DL3002", "DL3006", "DL3007", "DL3025")))
    result = linter.lint([SourceFile("app/Dockerfile", "dockerfile", SOURCE)])
    return result


def test_text_report() -> None:
    result = lint()
    text = render_text(result.findings, root=Path("."), sources=result.sources, files=1)
    assert text == (
        "app/Dockerfile:1:11: DL3007 node:latest uses the latest tag: name the version you build on\n"
        "1 | FROM node:latest\n"
        "  |           ^^^^^^\n"
        "app/Dockerfile:2:6: DL3025 CMD in shell form: write it as a JSON array (exec form)\n"
        "2 |  CMD node server.js\n"
        "  |      ^^^^^^^^^^^^^^\n"
        "  = fix (unsafe, --fix --unsafe-fixes): rewrite in exec form\n"
        "app/Dockerfile:4:6: DL3002 the image runs as root: end with USER set to an unprivileged user\n"
        "4 | USER root\n"
        "  |      ^^^^\n"
        "\n"
        "Found 3 problems (3 warnings) in 1 file; 1 fixable with --fix --unsafe-fixes.\n"
    )


def test_text_colour_and_statistics() -> None:
    result = lint()
    coloured = render_text(result.findings[:1], sources=result.sources, files=1, color=True)
    assert coloured.splitlines()[0] == (
        "\x1b[1mapp/Dockerfile:1:11:\x1b[0m \x1b[1;33mDL3007\x1b[0m node:latest uses the latest tag: name the version you build on"
    )
    assert coloured.splitlines()[2] == "  \x1b[36m|\x1b[0m           \x1b[1;33m^^^^^^\x1b[0m"
    stats = render_text(result.findings, files=1, show_statistics=True)
    assert stats.splitlines()[:3] == ["1  DL3002  root-user", "1  DL3007  latest-tag", "1  DL3025  shell-form-command  [fixable]"]


def test_text_summary_wording() -> None:
    assert render_text([], files=3) == "No problems found in 3 files.\n"
    assert render_text([], files=3, quiet=True) == ""


def test_multi_line_span_is_marked_to_the_end_of_its_first_line() -> None:
    linter = Linter(Settings(select=("DL3025",)))
    source = "FROM a:1\nCMD run \\\n  --fast\n"
    result = linter.lint([SourceFile("Dockerfile", "dockerfile", source)])
    lines = render_text(result.findings, sources=result.sources).splitlines()
    assert lines[1:3] == ["2 | CMD run \\", "  |     ^^^^^"]


def test_json_contract() -> None:
    result = lint()
    data = json.loads(renderer("json")(result.findings, [], root=Path(".")))
    assert data[0] == {
        "code": "DL3007",
        "name": "latest-tag",
        "severity": "warning",
        "message": "node:latest uses the latest tag: name the version you build on",
        "path": "app/Dockerfile",
        "line": 1,
        "column": 11,
        "end_line": 1,
        "end_column": 17,
        "fix": None,
    }
    assert data[1]["fix"] == {
        "message": "rewrite in exec form",
        "applicability": "unsafe",
        "edits": [{"line": 2, "column": 6, "end_line": 2, "end_column": 20, "replacement": '["node", "server.js"]'}],
    }
    assert [item["code"] for item in data] == ["DL3007", "DL3025", "DL3002"]


def test_json_order_is_stable_whatever_the_input_order() -> None:
    result = lint()
    render = renderer("json")
    assert render(result.findings[::-1], [], root=Path(".")) == render(result.findings, [], root=Path("."))
    assert render([], [], root=Path(".")) == "[]\n"


def test_every_format_is_dispatched() -> None:
    assert FORMATS == ("text", "json", "sarif", "github", "gitlab", "checkstyle")
    for name in FORMATS:
        assert callable(renderer(name))
