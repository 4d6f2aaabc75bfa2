"""Helpers of the shell model, as rules use them, and the fast model building."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from dlint.models.shell import ShellScript, SimpleCommand, Word
from dlint.models.span import LineIndex, Span
from dlint.parsers.dockerfile import parse_dockerfile
from dlint.parsers.shell import analyse_shell
from dlint.parsers.shell.placement import Placement


def where(span: Span) -> str:
    return f"{span.line}:{span.column}-{span.end_line}:{span.end_column}"


def test_apt_get_install_question_in_one_call() -> None:
    dockerfile = parse_dockerfile(
        "FROM debian:12\n"
        "RUN apt-get update && apt-get -o Dpkg::Options::=--force-confnew install \\\n"
        "      --no-install-recommends curl=8.* git && sudo apt-get install -qy vim\n"
    )
    script = dockerfile.shell(dockerfile.instructions[1])
    assert script is not None
    assert len(list(script.find("apt-get", "install"))) == 1  # the -o value reads as the subcommand
    installs = list(script.find("apt-get", "install", valued=["-o"]))
    assert [c.has_flag("-y", "--yes", "--assume-yes") for c in installs] == [False, True]
    packages = installs[0].positional(["-o"])[1:]
    assert [(word.text, where(word.span)) for word in packages] == [("curl=8.*", "3:31-3:39"), ("git", "3:40-3:43")]
    assert installs[1].wrapped_by == "sudo"
    assert script.wrapper_of(installs[1]) is script.commands[2]
    assert script.commands[2].program == "sudo"


def test_flags_and_option_values() -> None:
    command = analyse_shell("curl -fsSL -o /tmp/x --retry=3 -H 'A: b' --output y https://x -- -z").commands[0]
    assert command.has_flag("-s") and command.has_flag("--retry") and not command.has_flag("-z")
    assert command.find_flag("-L").raw == "-fsSL"
    assert command.option_value("-o", "--output") == "y"
    assert command.option_value("--retry") == "3"
    assert command.option_value("-H") == "A: b"
    assert command.option_value("--missing") is None
    assert [word.text for word in command.positional()] == ["/tmp/x", "A: b", "y", "https://x", "-z"]
    assert [word.text for word in command.positional(["-o", "-H", "--output"])] == ["https://x", "-z"]
    assert command.subcommand() == "/tmp/x"
    assert analyse_shell("tar -xzf a.tgz").commands[0].option_value("-f") is None
    assert analyse_shell("gcc -O2 -ofoo x.c").commands[0].option_value("-o") == "foo"


def test_find_any_programs_and_pipeline_commands() -> None:
    script = analyse_shell("wget -qO- https://x | sudo bash; /usr/bin/curl y | tar -x")
    assert [c.program for c in script.find_any(["curl", "wget"])] == ["wget", "curl"]
    assert script.programs() == {"wget", "sudo", "bash", "curl", "tar"}
    first, second = script.pipelines
    assert [c.program for c in script.pipeline_commands(first)] == ["wget", "sudo", "bash"]
    assert [c.program for c in script.pipeline_commands(second)] == ["curl", "tar"]
    assert script.commands[2].pipeline == 0 and script.commands[2].wrapped_by == "sudo"


def test_built_models_equal_validated_ones_and_dump() -> None:
    lines = LineIndex("echo hi\n")
    placement = Placement(lines, [(0, 0, 8)])
    span = placement.span(5, 7)
    assert span == Span(start=5, end=7, line=1, column=6, end_line=1, end_column=8)
    word = Word.placed("hi", "hi", placement, 5, 7)
    assert word.span == span
    assert word == Word("hi", "hi", span) and hash(word) == hash(Word("hi", "hi", span))
    assert word != Word("hi", None, span)
    assert pickle.loads(pickle.dumps(word)) == word
    script = analyse_shell("echo hi | cat")
    dumped = script.model_dump()
    assert ShellScript.model_validate(dumped) == script
    assert dumped["commands"][0]["arguments"][0]["value"] == "hi"
    assert SimpleCommand.model_validate(dumped["commands"][1]).program == "cat"


def test_placement_with_segments() -> None:
    text = "RUN a \\\n  b\n"
    lines = LineIndex(text)
    # "a   b" analysed: "a " at file offset 4, "  b" at offset 8 (after the continuation)
    script = analyse_shell("a   b", lines=lines, segments=[(0, 4, 2), (2, 8, 3)])
    command = script.commands[0]
    assert where(command.name.span) == "1:5-1:6"
    assert where(command.arguments[0].span) == "2:3-2:4"
    assert where(command.span) == "1:5-2:4"
    assert where(script.span) == "1:5-2:4"



def test_the_bash_grammar_loads_without_its_package_and_falls_back_to_the_import(monkeypatch) -> None:
    import sys

    from tree_sitter import Language

    from dlint.parsers.shell import grammar

    direct = grammar._bash_language()
    assert "tree_sitter_bash._binding" in sys.modules

    class NothingFound:
        @staticmethod
        def find_spec(name, path=None):
            return None

    monkeypatch.delitem(sys.modules, "tree_sitter_bash._binding")
    monkeypatch.setattr(grammar, "PathFinder", NothingFound)
    fallback = grammar._bash_language()  # the package's own import
    assert "tree_sitter_bash" in sys.modules
    assert Language(direct) == Language(fallback)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab\n", max_size=40),
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 6)), max_size=5),
    st.integers(0, 30),
    st.integers(0, 30),
)
def test_placement_span_is_the_line_index_span_of_the_mapped_offsets(text, gaps, start, length) -> None:
    """A span starts at the file offset of ``start`` and ends one past that of the last
    character before its end (never across a gap)."""
    end = start + length
    segments, text_start, file_start = [], 0, 0
    for gap, length in gaps:
        file_start += gap
        segments.append((text_start, file_start, length))
        text_start += length
        file_start += length
    lines = LineIndex(text)
    placement = Placement(lines, segments)
    first = placement.offset(start)
    last = first if end == start else placement.offset(end - 1) + 1
    assert placement.span(start, end) == lines.span(first, last)
