"""The parser's public API: bytes and bad input, the substitute helper,
offset maps, model helpers, lazy arguments and the debug dump."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import dlint.parsers.dockerfile as parser_module
from dlint.parsers.dockerfile import BinaryFileError, parse_dockerfile, parse_dockerfile_bytes, substitute, variables
from dlint.parsers.dockerfile_debug import dump_dockerfile, dump_dockerfile_json


def test_invalid_utf8_is_replaced_and_reported_where_it_is() -> None:
    dockerfile = parse_dockerfile_bytes(b"FROM x\nRUN echo \xff\xfe\n", "Dockerfile")
    assert dockerfile.decode_replaced is True
    assert dockerfile.instructions[1].command.shell.value == "echo \ufffd\ufffd"
    issue = dockerfile.syntax_issues[0]
    assert "not valid UTF-8" in issue.message
    assert (issue.span.line, issue.span.column) == (2, 10)


def test_nul_bytes_raise_binary_file_error() -> None:
    with pytest.raises(BinaryFileError, match="binary"):
        parse_dockerfile_bytes(b"\x7fELF\x00\x00\x01", "Dockerfile")


def test_utf8_bom_is_dropped_and_positions_follow_the_text_after_it() -> None:
    for dockerfile in (parse_dockerfile_bytes(b"\xef\xbb\xbfFROM x\n"), parse_dockerfile("\ufeffFROM x\n")):
        assert dockerfile.source == "FROM x\n"
        assert dockerfile.instructions[0].span.start == 0
        assert dockerfile.instructions[0].span.column == 1
        assert dockerfile.decode_replaced is False


@pytest.mark.parametrize(
    ("text", "scope", "expected"),
    [
        ("plain", {}, ("plain", True)),
        ("$A-${A}", {"A": "x"}, ("x-x", True)),
        ("${A:-d}", {"A": ""}, ("d", True)),
        ("${A-d}", {"A": ""}, ("", True)),
        ("${A:+set}", {"A": "v"}, ("set", True)),
        ("${A+set}", {}, ("", True)),
        ("${UNDEFINED}", {}, ("", True)),
        ("${A}", {"A": None}, ("", False)),
        ("${A:-x}", {"A": None}, ("", False)),
        ("\\$A '$A' \"$A\"", {"A": "v"}, ("$A $A v", True)),
        ("${A:-${B}}", {"B": "nested"}, ("nested", True)),
        ("${A%.*}", {"A": "a.b"}, ("", False)),
        ("${broken", {}, ("", False)),
    ],
)
def test_substitute(text: str, scope: dict[str, str | None], expected: tuple[str, bool]) -> None:
    assert substitute(text, scope) == expected


@given(
    text=st.text(alphabet="$AB_{}:-+?x\"' \\`", max_size=24),
    scope=st.dictionaries(st.sampled_from(["A", "B", "AB", "_"]), st.none() | st.sampled_from(["", "v", "$A"]), max_size=4),
    escape=st.sampled_from(["\\", "`"]),
)
def test_substitute_agrees_with_the_full_expander(text: str, scope: dict[str, str | None], escape: str) -> None:
    """The quick path for plain ``$NAME``/``${NAME}`` texts gives what the expander gives."""
    expander = variables._Expander(text, scope, escape)  # noqa: SLF001 - the reference
    assert substitute(text, scope, escape) == (expander.run(0, len(text), top=True), expander.resolved)


def test_substitute_with_backtick_escape() -> None:
    assert substitute("`$A $A", {"A": "v"}, "`") == ("$A v", True)


def test_command_source_maps_joined_text_back_to_the_file() -> None:
    text = "FROM x\nRUN apt-get update && \\\n    apt-get install -y curl\n"
    dockerfile = parse_dockerfile(text)
    source = dockerfile.instructions[1].command.source
    assert source.text == "apt-get update &&     apt-get install -y curl"
    second = source.text.index("apt-get install")
    assert text[source.to_file_offset(second) :].startswith("apt-get install")
    assert source.to_file_end(len("apt-get update &&")) == text.index(" \\")
    span = source.file_span(dockerfile.lines, second, len(source.text))
    assert (span.line, span.column, span.end_line, span.end_column) == (3, 5, 3, 28)


def test_strip_tabs_heredoc_source_skips_the_tabs() -> None:
    text = "FROM x\nRUN <<-EOT\n\t\techo a\n\tEOT\n"
    heredoc = parse_dockerfile(text).instructions[1].heredocs[0]
    assert heredoc.body == "echo a\n"
    assert text[heredoc.source.to_file_offset(0)] == "e"
    assert heredoc.source.to_file_offset(0) == text.index("echo")


def test_flag_returns_the_last_flag_of_a_name() -> None:
    instruction = parse_dockerfile("FROM x\nCOPY --chown=a --chown=b x /y\n").instructions[1]
    assert instruction.flag("chown").value == "b"
    assert instruction.flag("from") is None


def test_stage_helpers_and_trigger_scope() -> None:
    dockerfile = parse_dockerfile("FROM a AS Build\nENV K=v\nONBUILD RUN echo $K\nFROM build\n")
    assert dockerfile.stage_named("BUILD").index == 0
    assert dockerfile.stage_named("nope") is None
    assert dockerfile.final_stage.index == 1
    trigger = dockerfile.instructions[2].trigger
    assert trigger.onbuild is True
    assert trigger.stage_index == 0
    assert dockerfile.variables_at(trigger) == {"K": "v"}


def test_arguments_are_made_on_first_access_and_dumped() -> None:
    instruction = parse_dockerfile("FROM x\nRUN echo hi\n").instructions[1]
    assert "arguments" not in instruction.__dict__
    assert [token.value for token in instruction.arguments] == ["echo", "hi"]
    assert instruction.model_dump()["arguments"][1]["raw"] == "hi"


def test_debug_dump_is_json_with_compact_spans() -> None:
    dockerfile = parse_dockerfile("ARG V=1\nFROM x:$V AS a\nONBUILD RUN echo\n")
    dump = dump_dockerfile(dockerfile)
    assert dump["global_args"] == ["V"]
    assert dump["stages"][0]["image"]["value"] == "x:1"
    assert dump["instructions"][2]["trigger"]["arguments"][0]["span"] == "3:13-3:17"
    assert json.loads(dump_dockerfile_json(dockerfile)) == dump


def test_huge_inputs_are_parsed() -> None:
    """Linear-time parsing keeps these to a second or so (see scripts/benchmark.py); a hang fails CI."""
    cases = [
        "FROM x\nRUN " + "echo abc && " * 4_200_000 + "\n",  # a 50 MB line
        "FROM x\nRUN a \\\n" + "  b \\\n" * 10_000 + "  c\n",  # a 10,000-line continuation
        "FROM x\nRUN <<EOF\n" + "echo line\n" * 1_000_000 + "EOF\n",  # a 10 MB heredoc
        "\\",
        "FROM x\nRUN \\",
    ]
    for text in cases:
        dockerfile = parse_dockerfile(text)
        assert dockerfile.instructions or text == "\\"


def test_instruction_and_comment_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parser_module, "MAX_INSTRUCTIONS", 3)
    dockerfile = parse_dockerfile("FROM x\n" + "RUN a\n" * 5)
    assert len(dockerfile.instructions) == 3
    assert dockerfile.syntax_issues[-1].span.line == 4
    assert "more than 3 instructions" in dockerfile.syntax_issues[-1].message
    monkeypatch.setattr("dlint.parsers.dockerfile.lexer.MAX_COMMENTS", 2)
    dockerfile = parse_dockerfile("# a\n# b\n# c\n# d\nFROM x\n")
    assert [comment.text for comment in dockerfile.comments] == ["a", "b"]
    assert dockerfile.syntax_issues[-1].message.startswith("2 comments after the first 2")
