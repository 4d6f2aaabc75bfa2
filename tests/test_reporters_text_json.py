"""Text and JSON reporters: exact output on real findings of DL3002/DL3006/DL3007/DL3025, and on\nhostile content (control characters, very long lines, file names that are not UTF-8)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dlint.engine.config import Settings
from dlint.engine.lint import Linter, SourceFile
from dlint.models.finding import Edit, Finding, Fix, Severity
from dlint.models.span import LineIndex, Span
from dlint.reporters import FORMATS, piece_renderer, renderer
from dlint.reporters import text as text_reporter
from dlint.reporters.text import EXCERPT_COLUMNS, EXCERPT_LEAD
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
        "app/Dockerfile:1:11: DL3007 [warning] node:latest uses the latest tag: name the version you build on\n"
        "1 | FROM node:latest\n"
        "  |           ^^^^^^\n"
        "app/Dockerfile:2:6: DL3025 [warning] CMD in shell form: write it as a JSON array (exec form)\n"
        "2 |  CMD node server.js\n"
        "  |      ^^^^^^^^^^^^^^\n"
        "  = fix (unsafe, --fix --unsafe-fixes): rewrite in exec form\n"
        "app/Dockerfile:4:6: DL3002 [warning] the image runs as root: end with USER set to an unprivileged user\n"
        "4 | USER root\n"
        "  |      ^^^^\n"
        "\n"
        "Found 3 problems (3 warnings) in 1 file; 1 fixable with --fix --unsafe-fixes.\n"
    )


def test_text_colour_and_statistics() -> None:
    result = lint()
    coloured = render_text(result.findings[:1], sources=result.sources, files=1, color=True)
    assert coloured.splitlines()[0] == (
        "\x1b[1mapp/Dockerfile:1:11:\x1b[0m \x1b[1;33mDL3007\x1b[0m \x1b[1;33m[warning]\x1b[0m"
        " node:latest uses the latest tag: name the version you build on"
    )
    assert coloured.splitlines()[2] == "  \x1b[36m|\x1b[0m           \x1b[1;33m^^^^^^\x1b[0m"
    stats = render_text(result.findings, files=1, show_statistics=True)
    assert stats.splitlines()[:3] == ["1  DL3002      root-user", "1  DL3007      latest-tag", "1  DL3025  [-] shell-form-command"]


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
    assert FORMATS == ("text", "json", "sarif", "github", "gitlab", "checkstyle", "junit", "sonarqube", "rdjson")
    for name in FORMATS:
        assert callable(renderer(name))
        assert callable(piece_renderer(name))


def test_every_format_gives_the_same_text_in_pieces() -> None:
    """The command line writes the report piece by piece: the pieces join to the text
    ``render`` gives, and the text and JSON reports come a finding at a time."""
    result = lint()
    common = {"root": Path("."), "sources": result.sources, "tool_version": "1"}
    for name in FORMATS:
        pieces = list(piece_renderer(name)(result.findings, (), **common))
        assert "".join(pieces) == renderer(name)(result.findings, (), **common), name
    assert len(list(piece_renderer("json")(result.findings, (), **common))) == 4  # 3 objects and the closing bracket
    text_pieces = list(piece_renderer("text")(result.findings, (), files=1, **common))
    assert text_pieces[0].startswith("app/Dockerfile:1:11: DL3007") and text_pieces[0].endswith("^^^^^^\n")
    assert text_pieces[-2:] == ["\n", "Found 3 problems (3 warnings) in 1 file; 1 fixable with --fix --unsafe-fixes.\n"]


# -- hostile content, long lines, undecodable file names -----------------------------------


def found(text: str, start: int, end: int, message: str = "m", path: str = "Dockerfile", fix=None, index=None) -> Finding:
    """A DL3007 warning over ``text[start:end]`` (``index``: the text's line index)."""
    span = (index or LineIndex(text)).span(start, end)
    return Finding(code="DL3007", name="latest-tag", severity=Severity.WARNING, message=message, path=path, span=span, fix=fix)


def excerpt_of(text: str, start: int, end: int) -> list[str]:
    """The two excerpt lines of a finding over ``text[start:end]``."""
    return render_text([found(text, start, end)], sources={"Dockerfile": text}, quiet=False).splitlines()[1:3]


def test_control_and_bidi_characters_are_escaped_and_carets_follow_the_escapes() -> None:
    source = 'RUN echo "\x1b]0;t\x07" \u202eok\tdone\n'
    hostile = "tag `\x1b[1A\x1b[2K`\nDockerfile:9:9: DL0000 forged"
    pin = Fix(message="pin \x1b[31m", edits=(Edit(span=LineIndex(source).span(0, 0), replacement=""),))
    path = "a\x1b[2J\udcffb"
    findings = [found(source, 9, 17, hostile, path=path, fix=pin), found(source, 19, 21), found(source, 22, 26)]
    text = render_text(findings, sources={path: source, "Dockerfile": source}, files=2)
    assert text == (
        "Dockerfile:1:20: DL3007 [warning] m\n"
        "1 | RUN echo \"\\x1b]0;t\\x07\" \\u202eok done\n"
        "  |                               ^^\n"
        "Dockerfile:1:23: DL3007 [warning] m\n"
        "1 | RUN echo \"\\x1b]0;t\\x07\" \\u202eok done\n"
        "  |                                  ^^^^\n"
        "a\\x1b[2J\\xffb:1:10: DL3007 [warning] tag `\\x1b[1A\\x1b[2K`\\x0aDockerfile:9:9: DL0000 forged\n"
        "1 | RUN echo \"\\x1b]0;t\\x07\" \\u202eok done\n"
        "  |          ^^^^^^^^^^^^^^\n"
        "  = fix (safe, --fix): pin \\x1b[31m\n"
        "\n"
        "Found 3 problems (3 warnings) in 2 files; 1 fixable with --fix.\n"
    )
    text.encode("utf-8")


def test_colour_codes_are_the_reporters_own_and_content_stays_escaped() -> None:
    source = "FROM a\x1b[2J\n"
    coloured = render_text([found(source, 5, 10, "image a\x1b[2J")], sources={"Dockerfile": source}, color=True)
    assert coloured.splitlines()[:3] == [
        "\x1b[1mDockerfile:1:6:\x1b[0m \x1b[1;33mDL3007\x1b[0m \x1b[1;33m[warning]\x1b[0m image a\\x1b[2J",
        "\x1b[36m1\x1b[0m \x1b[36m|\x1b[0m FROM a\\x1b[2J",
        "  \x1b[36m|\x1b[0m      \x1b[1;33m^^^^^^^^\x1b[0m",  # under a, \\x1b and [2J
    ]


def test_a_long_line_is_cut_to_a_window_around_the_span() -> None:
    assert EXCERPT_COLUMNS == 120 and EXCERPT_LEAD == 20
    line = "RUN " + "x" * 200 + " target " + "y" * 200
    source = line + "\n"
    start = line.index("target")
    assert excerpt_of(source, start, start + 6) == [
        "1 | \u2026" + line[start - 20 : start + 100] + "\u2026",
        "  | " + " " * 21 + "^^^^^^",
    ]


def test_a_span_in_the_first_hundred_columns_is_shown_from_the_line_start() -> None:
    line = "RUN " + "x" * 90 + " target " + "y" * 200
    start = line.index("target")
    assert excerpt_of(line + "\n", start, start + 6) == [
        "1 | " + line[:120] + "\u2026",
        "  | " + " " * start + "^^^^^^",
    ]


def test_a_line_that_fits_is_shown_whole_wherever_the_span_is() -> None:
    line = "RUN " + "x" * 100 + " target"
    assert excerpt_of(line + "\n", 105, 111) == ["1 | " + line, "  | " + " " * 105 + "^^^^^^"]
    escaped = "RUN " + "x" * 100 + "\x1b target"  # 112 characters, 115 columns
    assert excerpt_of(escaped + "\n", 106, 112) == ["1 | " + escaped.replace("\x1b", "\\x1b"), "  | " + " " * 109 + "^^^^^^"]


def test_carets_of_a_long_span_stop_at_the_window() -> None:
    line = "RUN " + "x" * 300
    assert excerpt_of(line + "\n", 4, 304) == ["1 | " + line[:120] + "\u2026", "  | " + " " * 4 + "^" * 116]


def test_a_span_at_the_end_of_a_long_line() -> None:
    line = "x" * 412
    assert excerpt_of(line, 412, 412) == ["1 | \u2026" + "x" * 20, "  | " + " " * 21 + "^"]


def test_escapes_count_as_their_columns_and_are_never_split() -> None:
    line = "RUN " + "\x1b" * 100 + "z"
    assert excerpt_of(line + "\n", 104, 105) == ["1 | \u2026" + "\\x1b" * 5 + "z", "  | " + " " * 21 + "^"]
    early = "\x1b" * 30 + "target\n"  # within 100 characters, but at column 121 once escaped
    assert excerpt_of(early, 30, 36) == ["1 | \u2026" + "\\x1b" * 5 + "target", "  | " + " " * 21 + "^^^^^^"]
    wide = "\x7f" * 40  # 160 columns once escaped: the window holds 30 escapes
    assert excerpt_of(wide, 0, 40) == ["1 | " + "\\x7f" * 30 + "\u2026", "  | " + "^" * 120]


def test_a_multi_line_span_on_a_long_line_shows_its_first_line_cut() -> None:
    source = "RUN " + "a" * 200 + " \\\n  b\n"
    assert excerpt_of(source, 0, len(source) - 1) == ["1 | " + source[:120] + "\u2026", "  | " + "^" * 120]


def test_crlf_line_endings_are_not_shown() -> None:
    assert excerpt_of("FROM a:latest\r\nUSER x\r\n", 7, 13) == ["1 | FROM a:latest", "  |        ^^^^^^"]


def test_twenty_thousand_findings_on_one_long_line_give_bounded_text(monkeypatch) -> None:
    codes = [f"DL{number}" for number in range(20_000)]
    source = "# dlint: ignore=" + ",".join(codes) + "\nFROM alpine:3.19\n"
    starts = [len("# dlint: ignore=")]
    for code in codes[:-1]:
        starts.append(starts[-1] + len(code) + 1)
    index = LineIndex(source)
    findings = [found(source, start, start + len(code), index=index) for start, code in zip(starts, codes, strict=True)]
    built = []
    monkeypatch.setattr(text_reporter, "LineIndex", lambda text: built.append(text) or LineIndex(text))
    text = render_text(findings, sources={"Dockerfile": source})
    assert len(built) == 1  # one line index per file, not one split per finding
    lines = text.splitlines()
    assert len(lines) == 3 * len(findings) + 2
    assert max(map(len, lines)) <= len("1 | ") + EXCERPT_COLUMNS + 2
    assert source[starts[10_000] : starts[10_000] + 8] == "DL10000,"
    middle = lines.index(f"Dockerfile:1:{starts[10_000] + 1}: DL3007 [warning] m")
    assert lines[middle + 1 : middle + 3] == [
        "1 | \u2026" + source[starts[10_000] - 20 : starts[10_000] + 100] + "\u2026",
        "  | " + " " * 21 + "^" * len("DL10000"),
    ]


def test_json_keeps_its_escaping_and_is_valid_utf8_for_undecodable_names() -> None:
    text = "FROM a\n"
    finding = found(text, 5, 6, "image `a\x1b[2J\u202e`", path="t/Dockerfile.bad\udcff")
    output = renderer("json")([finding], [], root=Path("."))
    assert '"message": "image `a\\u001b[2J\u202e`"' in output
    assert '"path": "t/Dockerfile.bad\ufffd"' in output
    assert json.loads(output.encode("utf-8"))[0]["path"] == "t/Dockerfile.bad\ufffd"


def test_printable_escapes_controls_bidi_separators_and_undecodable_bytes() -> None:
    from dlint.reporters.escape import printable

    text = "a\x00\x1b\x7f\x85\x9f\u061c\u200e\u202e\u2066\u2028\u2029\udcff\ud800\tb\nc\r"
    assert printable(text) == "a\\x00\\x1b\\x7f\\x85\\x9f\\u061c\\u200e\\u202e\\u2066\\u2028\\u2029\\xff\\ud800\tb\\x0ac\\x0d"
    assert printable("a\nb\r\n", keep_newlines=True) == "a\nb\\x0d\n"
    assert printable("plain é ☕ \u00a0 \u200b") == "plain é ☕ \u00a0 \u200b"


def test_well_formed_replaces_only_lone_surrogates() -> None:
    from dlint.reporters.escape import well_formed

    assert well_formed("bad\udcff \ud800 ok é 🐳 \x1b") == "bad\ufffd \ufffd ok é 🐳 \x1b"


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(), st.integers(min_value=0, max_value=2**31), st.none() | st.text())
def test_json_objects_are_written_as_the_standard_library_writes_them(message, path, line, replacement) -> None:
    """orjson writes the report's objects: the text is the one ``json.dumps(indent=2,
    ensure_ascii=False)`` gives, whatever the strings hold (controls, U+2028, astral
    characters, lone surrogates: those fall back to the standard library)."""
    from dlint.reporters.json import object_text

    item = {
        "code": "DL3007", "message": message, "path": path, "line": line, "column": 1,
        "fix": None if replacement is None else {"edits": [{"line": line, "replacement": replacement}], "nested": []},
        "suppressed": {},
    }
    assert object_text(item) == object_text(item, fast=False) == json.dumps(item, indent=2, ensure_ascii=False)


def test_a_long_json_report_reads_as_a_short_one_does() -> None:
    """The first STDLIB_OBJECTS objects are written by the standard library, the rest by
    orjson: the report is ``json.dumps(indent=2)`` of the whole list either way."""
    from dlint.reporters.json import STDLIB_OBJECTS, finding_to_dict, render

    findings = [
        Finding(code="DL3007", name="latest-tag", severity=Severity.WARNING, message=f"café \u2028 {n}", path="Dockerfile",
                span=Span(n * 10, n * 10 + 4, n + 1, 1, n + 1, 5))
        for n in range(STDLIB_OBJECTS + 3)
    ]
    text = render(findings, [], root=Path("."))
    assert text == json.dumps([finding_to_dict(finding) for finding in findings], indent=2, ensure_ascii=False) + "\n"
