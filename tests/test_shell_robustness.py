"""Bad or strange input: the shell analysis never raises and stays best effort."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from dlint.parsers.dockerfile import parse_dockerfile
from dlint.parsers.shell import analyse_dockerfile, analyse_shell

SHELLISH = st.text(alphabet=string.printable + "é☕🐳\u00a0\x00", max_size=200)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    script = analyse_shell(text)
    for command in script.commands:
        assert 0 <= command.span.start <= command.span.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(SHELLISH)
def test_shell_like_text_spans_stay_inside(text: str) -> None:
    script = analyse_shell(text)
    for command in script.commands:
        for word in [command.name, *command.arguments]:
            if word is not None:
                assert 0 <= word.span.start <= word.span.end <= len(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(SHELLISH, min_size=1, max_size=4))
def test_arbitrary_runs_in_a_dockerfile_never_raise(bodies: list[str]) -> None:
    text = "FROM alpine\n" + "".join(f"RUN {body}\n" for body in bodies)
    dockerfile = parse_dockerfile(text)
    scripts = analyse_dockerfile(dockerfile)
    for script in scripts.values():
        for command in script.commands:
            assert 0 <= command.span.start <= command.span.end <= len(text)


def test_deep_nesting_is_cut_off_without_recursion_error() -> None:
    for text in ["$(" * 3000 + "x" + ")" * 3000, "(" * 3000 + "x" + ")" * 3000, "{ " * 2000 + "x" + "; }" * 2000,
                 "echo " + '"$(' * 1500 + "y" + ')"' * 1500]:
        analyse_shell(text)


def test_nested_sh_c_strings() -> None:
    text = "sh -c \"sh -c 'bash -c \\\"apt-get install -y x\\\"'\""
    script = analyse_shell(text)
    assert [(c.program, c.wrapped_by) for c in script.commands] == [
        ("sh", None), ("sh", "sh -c"), ("bash", "sh -c"), ("apt-get", "bash -c"),
    ]
    install = script.commands[3]
    assert text[install.span.start:install.span.end] == 'apt-get install -y x'


def test_unterminated_constructs_report_errors_and_keep_earlier_commands() -> None:
    for text, program in [("apt-get update && echo 'x", "apt-get"), ("curl x | (tar -x", "curl"),
                          ("if true; then make", "true"), ("case x in a) ls", "ls")]:
        script = analyse_shell(text)
        assert script.has_errors, text
        assert program in script.programs(), text


def test_runs_that_break_the_joint_parse_are_parsed_one_by_one() -> None:
    dockerfile = parse_dockerfile(
        "FROM alpine\n"
        "RUN echo 'open\n"
        "RUN echo closed' && ls\n"
        "RUN if true; then echo x\n"
        "RUN touch /f\n"
    )
    scripts = [dockerfile.shell(instruction) for instruction in dockerfile.instructions[1:]]
    assert [s.has_errors for s in scripts] == [True, True, True, False]
    assert [[c.program for c in s.commands] for s in scripts] == [["echo"], ["echo"], ["true", "echo"], ["touch"]]
    assert scripts[3].commands[0].span.line == 5


def test_copy_heredocs_and_data_heredocs_are_not_shell() -> None:
    dockerfile = parse_dockerfile(
        "FROM alpine\n"
        "COPY <<EOF /etc/x\n"
        "rm -rf /\n"
        "EOF\n"
        "RUN python3 <<EOF\n"
        "import os\n"
        "EOF\n"
    )
    copy, run = dockerfile.instructions[1:]
    assert dockerfile.shell(copy) is None
    assert dockerfile.shell(copy.heredocs[0]) is None
    assert dockerfile.shell(run.heredocs[0]) is None
    assert [c.program for c in dockerfile.shell(run).commands] == ["python3"]


def test_every_shell_node_is_keyed_by_id() -> None:
    dockerfile = parse_dockerfile(
        "FROM alpine\n"
        "ONBUILD RUN make\n"
        "RUN <<EOF\n"
        "ls\n"
        "EOF\n"
        "ENTRYPOINT [\"x\"]\n"
    )
    onbuild, run, entrypoint = dockerfile.instructions[1:]
    keys = set(analyse_dockerfile(dockerfile))
    assert keys == {id(onbuild.trigger), id(run), id(run.heredocs[0])}
    assert dockerfile.shell(onbuild) is None
    assert dockerfile.shell(entrypoint) is None


def test_parses_with_a_read_budget_keep_no_memory() -> None:
    """py-tree-sitter 0.26 keeps a reference to whatever a read callback returns:
    fresh bytes per read kept every budgeted text in memory for the rest of the run
    (≈ 9 KB per parse of this 5 KB script)."""
    import gc
    import tracemalloc

    from dlint.parsers.shell.grammar import parse

    script = "apt-get update && apt-get install -y curl " * 120
    parse(script)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(200):
            parse(f"{script} {number}")
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 50_000


@settings(max_examples=200, deadline=None)
@given(SHELLISH)
def test_node_types_by_kind_id_are_the_node_types(text: str) -> None:
    """The walker reads a node's type from its kind id: the same name, error nodes too."""
    from dlint.parsers.shell.grammar import node_types, parse

    types = node_types()
    pending = [parse(text + " $(( )))").root_node]
    while pending:
        node = pending.pop()
        assert types[node.kind_id] == node.type
        pending.extend(node.children)
