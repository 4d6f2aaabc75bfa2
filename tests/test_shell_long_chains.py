"""Long ``&&``/``||``/``;``/``|`` chains are walked to their first command.

tree-sitter-bash nests one ``list`` (and, with redirections, one
``redirected_statement``) per operator, the first command deepest: a walk that
counted each level as nesting dropped the first commands of a chain of more than
about 120 (60 with redirections).
"""

from __future__ import annotations

import time

from dlint.engine.config import Settings
from dlint.engine.lint import lint_text
from dlint.models.shell import ShellScript
from dlint.parsers.dockerfile import parse_dockerfile
from dlint.parsers.shell import analyse_shell

LENGTH = 300


def run_script(body: str) -> tuple[str, ShellScript]:
    """The Dockerfile text of ``RUN body`` and the shell analysis of that RUN."""
    text = f"FROM debian:12\nRUN {body}\n"
    dockerfile = parse_dockerfile(text)
    script = dockerfile.shell(dockerfile.instructions[1])
    assert script is not None
    return text, script


def test_every_command_of_a_long_and_chain_in_order() -> None:
    text, script = run_script(" && ".join(f"echo {i}" for i in range(LENGTH)))
    assert [(c.program, c.words()) for c in script.commands] == [("echo", [str(i)]) for i in range(LENGTH)]
    assert [text[c.span.start:c.span.end] for c in script.commands] == [f"echo {i}" for i in range(LENGTH)]
    assert not script.has_errors and not script.pipelines
    assert all(c.pipeline is None and c.wrapped_by is None for c in script.commands)


def test_a_long_chain_with_a_redirection_on_every_command() -> None:
    text, script = run_script(" && ".join(f"X{i}=1 echo {i} > /tmp/f{i}" for i in range(LENGTH)))
    assert [(c.program, c.words()) for c in script.commands] == [("echo", [str(i)]) for i in range(LENGTH)]
    assert [[(a.name, a.value.text) for a in c.assignments] for c in script.commands] == [
        [(f"X{i}", "1")] for i in range(LENGTH)
    ]
    first = script.commands[0]
    assert [(r.operator, r.target.text) for r in first.redirects] == [(">", "/tmp/f0")]
    assert text[first.span.start:first.span.end] == "X0=1 echo 0 > /tmp/f0"


def test_a_long_chain_mixing_operators_and_pipes() -> None:
    operators = ["&&", "|", "||", "|", "|", "&&", "||"]  # and a ";" after the 280th command
    after = [";" if i == 279 else operators[i % len(operators)] for i in range(LENGTH - 1)]
    _, script = run_script(" ".join(f"echo {i} {operator}" for i, operator in enumerate(after)) + f" echo {LENGTH - 1}")
    assert [c.words() for c in script.commands] == [[str(i)] for i in range(LENGTH)]
    runs: list[list[int]] = [[0]]  # the commands joined by pipes, in source order
    for i, operator in enumerate(after, 1):
        if operator == "|":
            runs[-1].append(i)
        else:
            runs.append([i])
    assert sorted(p.commands for p in script.pipelines) == [run for run in runs if len(run) > 1]
    for index, pipeline in enumerate(script.pipelines):
        assert all(script.commands[k].pipeline == index for k in pipeline.commands)
    assert all(c.pipeline is None for run in runs if len(run) == 1 for c in [script.commands[run[0]]])


def test_a_sh_c_string_at_the_start_of_a_long_chain() -> None:
    _, script = run_script("sh -c 'apt-get update && apt-get install -y curl' && " + " && ".join(["true"] * LENGTH))
    assert [(c.program, c.wrapped_by, c.wrapper) for c in script.commands[:3]] == [
        ("sh", None, None), ("apt-get", "sh -c", 0), ("apt-get", "sh -c", 0),
    ]
    assert len(script.commands) == LENGTH + 3


def test_dl3008_on_the_first_command_of_a_long_chain() -> None:
    text = "FROM debian:12\nRUN apt-get install -y curl && " + " && ".join(f"echo {i}" for i in range(LENGTH)) + "\n"
    findings = lint_text(text, settings=Settings(select=("DL3008",)))
    assert [(f.code, f.span.line, f.span.column) for f in findings] == [("DL3008", 2, 24)]


def test_deep_nesting_stays_bounded() -> None:
    started = time.perf_counter()
    for text in ["$(" * 2000 + "x" + ")" * 2000, "( " * 2000 + "x" + " )" * 2000,
                 "sh -c " + "'sh -c " * 300 + "x" + "'" * 300,
                 " && ".join(["( a && b"] * 2000) + ")" * 2000]:
        script = analyse_shell(text)
        assert len(script.commands) < 1000, text[:20]
    assert time.perf_counter() - started < 10
