"""Property-based tests of the Dockerfile parser (hypothesis, bounded runs)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlint.models.span import LineIndex
from dlint.parsers.dockerfile import parse_dockerfile
from dlint.parsers.dockerfile.words import parse_json_array

FRAGMENTS = [
    "FROM ", "RUN ", "CMD ", "COPY ", "ADD ", "ENV ", "ARG ", "LABEL ", "ONBUILD ", "SHELL ",
    "HEALTHCHECK ", "USER ", "WORKDIR ", "EXPOSE ", "VOLUME ", "run ", "from ", "FOO ",
    "--from=", "--mount=type=cache,target=/x ", "--platform=$P ", "--link ", "--", "AS ", "as ",
    "\\", "`", "\\ ", " \\", "\t", " ", "  ", "\r", "\n", "\r\n", "\n\n",
    "#", "# ", "# escape=`", "# syntax=x", "# escape=\\", "#!",
    "<<EOF", "<<-EOF", "<<'EOF'", '<<"EOF"', "EOF", "\tEOF", "<<A", "A", "<<<",
    '"', "'", "[", "]", '["a", "b"]', '["x",', "=", "a=b", "$", "${", "}", "${A:-b}", "$A",
    "ubuntu:24.04", "scratch", "NONE", "CMD", "é", "\ufeff", "\u2028", "\x0c",
]  # fmt: skip

dockerfile_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=40
).map("".join)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(dockerfile_text)
def test_instruction_spans_are_ordered_and_round_trip(text: str) -> None:
    dockerfile = parse_dockerfile(text)
    source = dockerfile.source
    position = 0
    pieces = []
    for instruction in dockerfile.instructions:
        span = instruction.span
        assert position <= span.start <= span.end <= len(source)
        pieces.append(source[position : span.start])
        pieces.append(source[span.start : span.end])
        position = span.end
        written = instruction.written_keyword  # read before the token is made
        keyword = instruction.keyword_token
        assert written == keyword.raw == instruction.written_keyword
        assert keyword.span.start == span.start
        if keyword.span.line == keyword.span.end_line:  # a keyword may be split by a continuation
            assert source[keyword.span.start : keyword.span.end] == keyword.raw
    pieces.append(source[position:])
    assert "".join(pieces) == source


@SETTINGS
@given(dockerfile_text)
def test_spans_agree_with_the_line_index(text: str) -> None:
    dockerfile = parse_dockerfile(text)
    index = LineIndex(dockerfile.source)
    assert dockerfile.lines._starts == index._starts  # the parser hands over its own line scan
    spans = []
    for instruction in dockerfile.instructions:
        spans += [instruction.span, instruction.keyword_token.span]
        spans += [token.span for token in instruction.arguments]
        spans += [flag.span for flag in instruction.flags]
    spans += [comment.span for comment in dockerfile.comments]
    spans += [issue.span for issue in dockerfile.syntax_issues]
    for span in spans:
        assert span == index.span(span.start, span.end)


@SETTINGS
@given(dockerfile_text)
def test_source_slices_map_every_character_to_the_same_character(text: str) -> None:
    dockerfile = parse_dockerfile(text)
    source = dockerfile.source
    slices = []
    for instruction in dockerfile.instructions:
        for node in (instruction, getattr(instruction, "trigger", None)):
            command = getattr(node, "command", None)
            if command is not None and command.source is not None:
                slices.append(command.source)
            slices += [heredoc.source for heredoc in getattr(node, "heredocs", None) or []]
    for piece in slices:
        for index, char in enumerate(piece.text):
            assert source[piece.to_file_offset(index)] == char


@SETTINGS
@given(dockerfile_text)
def test_single_line_tokens_are_their_raw_text(text: str) -> None:
    dockerfile = parse_dockerfile(text)
    source = dockerfile.source
    for instruction in dockerfile.instructions:
        for token in instruction.arguments:
            if token.span.line == token.span.end_line:
                assert source[token.span.start : token.span.end] == token.raw


JSON_PIECES = ['"', " ", "\t", "\n", ",", "[", "]", "a", "\\", "\\n", '\\"', "\x01", "\x0b", "é", "1", "{}", "null"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(JSON_PIECES), max_size=14).map(lambda pieces: "[" + "".join(pieces)))
def test_json_arrays_read_as_the_json_decoder_reads_them(text: str) -> None:
    try:
        data = json.loads(text.rstrip())
    except ValueError:
        data = None
    items, problem = parse_json_array(text)
    if isinstance(data, list) and all(isinstance(item, str) for item in data):
        assert items is not None and [value for _, _, value in items] == data
        assert all(json.loads(text[start:end]) == value for start, end, value in items)
    else:
        assert items is None and (problem is not None) == isinstance(data, list)
