"""Dockerfile parsing, shell analysis and rules do bounded work on any input.

The reproductions of ../shared/robustness (kept as small inputs under
fixtures/robustness/) run through the command line in the sandbox; every limit
of the parser and the shell analysis is checked at its edge; the rewritten
patterns and splitters are checked against what they replace. Nothing here
measures time: inputs are sized so that the code before these fixes would not
finish within the sandbox's limit (or a child process's timeout).
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sandbox import run_dlint, snapshot

from dlint.parsers.dockerfile import parse_dockerfile, stages, variables
from dlint.parsers.dockerfile.lexer import DIRECTIVE
from dlint.parsers.dockerfile.variables import (
    MAX_EXPANSION,
    MAX_NESTING,
    ExpansionLimit,
    ExpansionTooLong,
    UnknownScope,
    expand,
    substitute,
)
from dlint.parsers.dockerfile.words import MAX_JSON_DEPTH, parse_json_array
from dlint.parsers.shell import analyse_shell
from dlint.parsers.shell.walker import MAX_WRAPPERS
from dlint.knowledge import credentials as _credentials
from dlint.views.text import abbreviated, parse_int, split_shell_words

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "robustness"
#: seconds a hostile run may take here (the fixed code takes a few at most)
QUICK = 30

# -- the reproductions, as users run them ------------------------------------------------

#: fixture → (rules selected, the findings as ``line:column CODE message``)
REPRODUCTIONS = {
    "arg-expansion-bomb": (
        "DF000,DF023",
        ["15:9 DF000 variable expansion adds more than 65,536 characters; the value is treated as unknown"],
    ),
    "parser-recursion-nested-default": (
        "DF000,DF023",
        ["2:7 DF000 variable defaults nest more than 32 levels deep; the value is treated as unknown"],
    ),
    "parser-recursion-json-cmd": (
        "DF000,DL3025",
        [
            "2:5 DF000 CMD: the JSON array nests more than 32 levels deep: it is read as shell form",
            "2:5 DL3025 CMD in shell form: write it as a JSON array (exec form)",
        ],
    ),
    "parser-recursion-onbuild": (
        "DF000,DL3043",
        [
            "2:9 DL3043 ONBUILD is not allowed as an ONBUILD trigger",
            "2:17 DF000 ONBUILD triggers nest more than 2 levels deep: the rest of the line is not read",
        ],
    ),
    "rule-crash-df022-pip": ("DF000,DF022", []),
    "rule-crash-expose-bigint": (
        "DF000,DL3011",
        ["2:8 DL3011 port 111111111111111111111111111111111111111… is above 65535, the highest valid port"],
    ),
}


def _copy(name: str, tmp_path: Path) -> Path:
    folder = tmp_path / name
    shutil.copytree(FIXTURES / name, folder)
    return folder


def _findings(stdout: bytes) -> list[str]:
    return [f"{f['line']}:{f['column']} {f['code']} {f['message']}" for f in json.loads(stdout)]


@pytest.mark.parametrize("name", sorted(REPRODUCTIONS))
def test_reproduction_is_checked_with_exact_findings(name: str, tmp_path: Path) -> None:
    select, expected = REPRODUCTIONS[name]
    folder = _copy(name, tmp_path)
    run = run_dlint("check", "--format", "json", "--select", select, "Dockerfile", cwd=folder, timeout=QUICK)
    assert (run.returncode, run.stderr) == (1 if expected else 0, b"")
    assert _findings(run.stdout) == expected


@pytest.mark.parametrize("name", sorted(REPRODUCTIONS))
def test_reproduction_is_fixed_like_it_is_checked(name: str, tmp_path: Path) -> None:
    """--fix ends as check does (these files have no safe fix) and leaves the file as it was."""
    select, expected = REPRODUCTIONS[name]
    folder = _copy(name, tmp_path)
    before = snapshot(folder)
    run = run_dlint("check", "--fix", "--format", "json", "--select", select, "Dockerfile", cwd=folder, timeout=QUICK)
    assert (run.returncode, run.stderr) == (1 if expected else 0, b"")
    assert _findings(run.stdout) == expected
    assert snapshot(folder) == before


def test_a_40_kb_run_of_url_characters_is_checked_for_credentials(tmp_path: Path) -> None:
    """DF013 over the text of the ``redos-url-credentials`` reproduction's kind, and worse:
    long runs of scheme characters, then one real URL password at the end."""
    text = "FROM alpine:3.20\nRUN echo " + "a" * 40_000 + " " + "a:" * 20_000 + " " + "a" * 39_990 + "://u:pw@host\n"
    (tmp_path / "Dockerfile").write_text(text)
    run = run_dlint("check", "--format", "json", "--select", "DF013", "Dockerfile", cwd=tmp_path, timeout=QUICK)
    assert run.returncode == 1
    assert _findings(run.stdout) == [
        "2:120007 DF013 this is a password in a URL, written in the Dockerfile: revoke it and pass it as a build secret"
    ]


# -- files that made the parser or the rules quadratic ------------------------------------


def _check(tmp_path: Path, text: str, select: str) -> tuple[int, list[str]]:
    (tmp_path / "Dockerfile").write_text(text)
    run = run_dlint("check", "--format", "json", "--select", select, "Dockerfile", cwd=tmp_path, timeout=QUICK)
    assert run.stderr == b""
    return run.returncode, _findings(run.stdout)


def test_twenty_thousand_args_fit_in_the_sandbox(tmp_path: Path) -> None:
    """Each ARG copied every variable in scope: 17 s and 5 GB before; now past 1,000
    names the scope is unknown (one finding) and the rest of the file costs nothing."""
    text = "FROM alpine:3.20\n" + "".join(f"ARG A{i}=x\n" for i in range(19_998)) + "RUN echo $UNDEFINED\n"
    assert _check(tmp_path, text, "DF000,DF023") == (
        1, ["1002:1 DF000 more than 1,000 variables are in scope; from here on their values are treated as unknown"]
    )


def test_a_deep_chain_of_stages_is_linted_in_linear_time(tmp_path: Path) -> None:
    """Rules walked each stage's whole chain of FROM <stage>: quadratic in stages."""
    text = "FROM alpine:3.20 AS s0\n" + "".join(f"FROM s{i} AS s{i + 1}\nRUN chown -R a /x\n" for i in range(2_000))
    status, findings = _check(tmp_path, text, "DF000,DF018,DF023,DL3022")
    assert status == 1
    assert findings == [
        "130:6 DF000 stages build on one another more than 64 deep; from here on such a base is treated as unknown"
    ]


def test_thirty_thousand_heredoc_markers_on_one_run_line(tmp_path: Path) -> None:
    """The command each heredoc feeds was looked up by scanning the line once per marker."""
    markers = " ".join(f"<<E{i}" for i in range(30_000))
    bodies = "".join(f"x\nE{i}\n" for i in range(30_000))
    assert _check(tmp_path, f"FROM alpine:3.20\nRUN cat {markers}\n{bodies}", "DF000") == (0, [])


def test_a_run_of_shell_garbage_is_not_analysed_and_the_other_runs_are(tmp_path: Path) -> None:
    """tree-sitter-bash's error recovery on ``))))…`` is quadratic: 15 s for 48 KB before."""
    text = "FROM debian:12\nRUN apt-get install -y curl\nRUN " + ")" * 200_000 + "\nRUN apt-get install -y wget\n"
    assert _check(tmp_path, text, "DL3008") == (
        1,
        [
            "2:24 DL3008 Pin the version of `curl`: `apt-get install <package>=<version>`",
            "4:24 DL3008 Pin the version of `wget`: `apt-get install <package>=<version>`",
        ],
    )


@pytest.mark.parametrize("run", ["RUN {}", "RUN sh -c '{}'"])
def test_many_small_runs_of_shell_garbage_are_each_bounded(run: str, tmp_path: Path) -> None:
    """Each is parsed alone (the joint parse is abandoned) or as a ``sh -c`` string:
    without a read budget each small one cost 0.1 s, 40 s for this file."""
    text = "FROM debian:12\nRUN apt-get install -y curl\n" + (run.format(")" * 4000) + "\n") * 400
    assert _check(tmp_path, text, "DL3008") == (
        1, ["2:24 DL3008 Pin the version of `curl`: `apt-get install <package>=<version>`"]
    )


def test_a_line_of_a_hundred_thousand_sudo_fits_in_the_sandbox(tmp_path: Path) -> None:
    """Each wrapper followed copied the rest of the words: 1.3 GB for 400,000 before.
    Past the wrapper limit the command they wrap is not seen: nothing is reported."""
    text = "FROM debian:12\nRUN " + "sudo " * 100_000 + "apt-get install -y curl\n"
    assert _check(tmp_path, text, "DL3008") == (0, [])


# -- limits of variable expansion -------------------------------------------------------


def test_an_expansion_may_add_up_to_its_limit() -> None:
    scope = {"A": "x" * MAX_EXPANSION, "B": "y"}
    assert expand("$A", scope) == ("x" * MAX_EXPANSION, True)
    with pytest.raises(ExpansionTooLong, match="adds more than 65,536 characters"):
        expand("$A$B", scope)
    with pytest.raises(ExpansionTooLong):
        expand('"${A}-${B}"', scope)  # the full expander counts as the quick path does
    assert substitute("$A$B", scope) == ("", False)
    assert expand("${B:-$A}", scope, limit=1) == ("y", True)  # a default not taken adds nothing


def test_defaults_nest_up_to_their_limit() -> None:
    def nested(depth: int) -> str:
        return "${U:-" * depth + "x" + "}" * depth

    assert expand(nested(MAX_NESTING), {}) == ("x", True)
    with pytest.raises(ExpansionLimit, match="nest more than 32 levels deep"):
        expand(nested(MAX_NESTING + 1), {})
    assert substitute(nested(100_000), {}) == ("", False)
    assert expand(nested(100_000), {"U": "set"}) == ("set", True)  # not followed: nothing to bound


def _reference_closing_brace(text: str, index: int, end: int, escape: str) -> int:
    """The expander's brace scan before it was made one pass: depth counting from ``index``."""
    depth = 1
    while index < end:
        char = text[index]
        if char == escape:
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="{}x\\`", max_size=16), st.sampled_from(["\\", "`"]), st.data())
def test_braces_matched_once_agree_with_the_scan_at_each_level(text: str, escape: str, data) -> None:
    opens = [i + 1 for i, char in enumerate(text) if char == "{"]
    if not opens:
        return
    expander = variables._Expander(text, {}, escape)  # noqa: SLF001 - the unit under test
    start = data.draw(st.sampled_from(opens))
    close = _reference_closing_brace(text, start, len(text), escape)
    assert expander._closing_brace(start, len(text)) == close  # noqa: SLF001
    index = start  # then the nested levels, as the expander reaches them
    while close != -1 and index < close:
        if text[index] == escape:
            index += 2
            continue
        if text[index] == "{":
            expected = _reference_closing_brace(text, index + 1, close, escape)
            assert expander._closing_brace(index + 1, close) == expected  # noqa: SLF001
        index += 1


def test_the_parsers_expansions_of_one_file_are_bounded() -> None:
    """Each value stays under the per-word limit; together they pass the file's budget."""
    big = "x" * 60_000
    lines = ["FROM alpine:3.20", f"ARG BIG={big}"] + [f"ARG C{i}=$BIG" for i in range(20)] + ["RUN true"]
    dockerfile = parse_dockerfile("\n".join(lines) + "\n")
    assert [(issue.span.line, issue.message) for issue in dockerfile.syntax_issues] == [
        (20, "variable expansions in this file add more than 1,048,576 characters in all; "
             "later values that add any are treated as unknown"),
    ]
    scope = dockerfile.variables_at(dockerfile.instructions[-1])
    assert scope["C16"] == big and scope["C17"] is None and scope["C19"] is None
    assert scope["BIG"] == big  # a literal value adds nothing


def test_past_the_variable_limit_every_name_is_unknown() -> None:
    lines = ["FROM alpine:3.20", *(f"ENV E{i}=v" for i in range(1_001)), "ENV LATER=v", "RUN echo $LATER $NEVER"]
    dockerfile = parse_dockerfile("\n".join(lines) + "\n")
    assert [(issue.span.line, issue.message) for issue in dockerfile.syntax_issues] == [
        (1002, "more than 1,000 variables are in scope; from here on their values are treated as unknown"),
    ]
    scope = dockerfile.variables_at(dockerfile.instructions[-1])
    assert isinstance(scope, UnknownScope)
    assert "NEVER" in scope and scope["NEVER"] is None and scope.get("LATER") is None
    assert substitute("$LATER", scope) == ("", False)
    assert dockerfile.variables_at(dockerfile.instructions[500]) == {f"E{i}": "v" for i in range(499)}


def test_the_scope_copies_of_a_file_are_bounded(monkeypatch) -> None:
    monkeypatch.setattr(stages, "MAX_SCOPE_ENTRIES", 100)
    lines = ["FROM alpine:3.20", *(f"ENV E{i}=v" for i in range(20)), "FROM alpine:3.20 AS next", "ENV X=1"]
    dockerfile = parse_dockerfile("\n".join(lines) + "\n")
    assert [(issue.span.line, issue.message) for issue in dockerfile.syntax_issues] == [
        (15, "the variable scopes of this file hold more than 1,000,000 entries; "
             "from here on variable values are treated as unknown"),
    ]
    assert all(isinstance(dockerfile.variables_at(i), UnknownScope) for i in dockerfile.instructions[15:] if i.keyword != "FROM")


def test_a_stage_chain_deeper_than_its_limit_has_an_unknown_base() -> None:
    depth = stages.MAX_STAGE_DEPTH
    lines = ["FROM alpine:3.20 AS s0", "ENV A=1"] + [f"FROM s{i} AS s{i + 1}" for i in range(depth + 2)] + ["RUN echo $A"]
    dockerfile = parse_dockerfile("\n".join(lines) + "\n")
    assert [(issue.span.line, issue.message) for issue in dockerfile.syntax_issues] == [
        (depth + 3, f"stages build on one another more than {depth} deep; from here on such a base is treated as unknown"),
    ]
    last_linked, cut, after = dockerfile.stages[depth], dockerfile.stages[depth + 1], dockerfile.stages[depth + 2]
    assert last_linked.base_stage == depth - 1 and last_linked.image.stage == depth - 1
    assert cut.base_stage is None and not cut.image.resolved and cut.image.value == ""
    assert after.base_stage == depth + 1  # a new chain starts at the cut
    assert isinstance(dockerfile.variables_at(dockerfile.instructions[-1]), UnknownScope)
    assert all(isinstance(dockerfile.variables_at(i), UnknownScope) for i in dockerfile.stages[depth + 2].instructions)


def test_the_variables_of_a_stage_built_on_one_past_a_limit_stay_unknown() -> None:
    lines = ["FROM alpine:3.20 AS s0"] + [f"FROM s{i} AS s{i + 1}" for i in range(stages.MAX_STAGE_DEPTH + 1)]
    lines += ["ENV OWN=1", "RUN echo $OWN", f"FROM s{stages.MAX_STAGE_DEPTH + 1}", "RUN echo $OWN"]
    dockerfile = parse_dockerfile("\n".join(lines) + "\n")
    runs = [i for i in dockerfile.instructions if i.keyword == "RUN"]
    assert [isinstance(dockerfile.variables_at(run), UnknownScope) for run in runs] == [True, True]


# -- limits of the parser ---------------------------------------------------------------


def test_json_nests_up_to_its_limit() -> None:
    def nested(depth: int) -> str:
        return "[" * depth + '"a"' + "]" * depth

    assert parse_json_array(nested(MAX_JSON_DEPTH)) == (None, "the JSON array must hold only strings")
    assert parse_json_array(nested(MAX_JSON_DEPTH + 1)) == (
        None, "the JSON array nests more than 32 levels deep: it is read as shell form"
    )
    assert parse_json_array('["[[[[", "{{{{"]') == ([(1, 7, "[[[["), (9, 15, "{{{{")], None)  # brackets in strings
    assert parse_json_array("[" * 100_000)[0] is None


def test_onbuild_is_read_two_levels_deep() -> None:
    dockerfile = parse_dockerfile("FROM x\nONBUILD ONBUILD RUN a\nONBUILD ONBUILD ONBUILD RUN b\n")
    two, three = dockerfile.instructions[1], dockerfile.instructions[2]
    assert two.trigger.trigger.keyword == "RUN"
    assert three.trigger.trigger.keyword == "ONBUILD" and three.trigger.trigger.trigger is None
    assert [(issue.span.line, issue.span.column, issue.message) for issue in dockerfile.syntax_issues] == [
        (3, 17, "ONBUILD triggers nest more than 2 levels deep: the rest of the line is not read"),
    ]


def test_the_command_a_heredoc_feeds_is_read_per_command() -> None:
    dockerfile = parse_dockerfile(
        "FROM x\nRUN <<A << B python3 && cat <<C\na\nA\nb\nB\nc\nC\n"
    )
    heredocs = dockerfile.instructions[1].heredocs
    assert [(h.delimiter, h.interpreter, h.script) for h in heredocs] == [
        ("A", "python3", False), ("B", "python3", False), ("C", "cat", False),
    ]


_OLD_DIRECTIVE = re.compile(r"#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="# \t=ab1\u00a0\x0b", max_size=14))
def test_directive_values_are_read_as_the_lazy_pattern_read_them(line: str) -> None:
    old, new = _OLD_DIRECTIVE.match(line), DIRECTIVE.match(line)
    assert (old is None) == (new is None)
    if old is not None:
        value = new.group(2)
        assert (old.group(1), old.group(2), old.start(2)) == (new.group(1), value.rstrip() or value, new.start(2))


def test_a_directive_with_a_hundred_thousand_trailing_blanks() -> None:
    dockerfile = parse_dockerfile("# syntax=docker/dockerfile:1" + " " * 100_000 + "x\nFROM alpine:3.20\n")
    assert dockerfile.directives[0].value == "docker/dockerfile:1" + " " * 100_000 + "x"


# -- limits of the shell analysis -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [")" * 200_000, "|!" * 100_000, "\n".join(f"cat <<A{i} <<B{i}\nA{i}\nB{i}" for i in range(20_000)), "<<<" * 100_000],
)
def test_shell_text_tree_sitter_cannot_parse_in_linear_time_is_not_analysed(text: str) -> None:
    script = analyse_shell(text)
    assert script.has_errors and script.commands == []


def test_a_long_real_script_is_analysed() -> None:
    text = "".join(f"if [ -f /x{i} ]; then apt-get install -y p{i} | tee /log; fi\n" for i in range(5_000))
    script = analyse_shell(text)
    assert not script.has_errors
    assert len(script.commands) == 10_000  # ``[ … ]`` is a test, not a command


def test_wrappers_are_followed_up_to_their_limit() -> None:
    script = analyse_shell("sudo " * 1_000 + "apt-get install -y curl")
    assert len(script.commands) == MAX_WRAPPERS + 1
    assert [c.program for c in script.commands[-2:]] == ["sudo", "sudo"]
    real = analyse_shell("sudo -E env A=1 nice -n 5 timeout 30 apt-get install x")
    assert [(c.program, c.wrapped_by) for c in real.commands] == [
        ("sudo", None), ("env", "sudo"), ("nice", "env"), ("timeout", "nice"), ("apt-get", "timeout"),
    ]


# -- patterns and helpers rewritten to be linear ----------------------------------------

_OLD_URL_CREDENTIALS = re.compile(
    r"[A-Za-z][A-Za-z0-9+.-]*://(?P<user>[^\s:/@'\"$]*):(?P<password>[^\s@/'\"$][^\s@/'\"]*)@[^\s/@'\"]"
)
URLISH = st.lists(st.sampled_from(["a", "Z", "1", "+", ".", "-", ":", "/", "@", " ", "$", "'", "://", "a:b@c", "http://", "é"]), max_size=14)


@settings(max_examples=600, deadline=None)
@given(URLISH)
def test_url_credentials_finds_what_the_backtracking_pattern_found(pieces: list[str]) -> None:
    text = "".join(pieces)
    def spans(matches):  # noqa: ANN001, ANN202
        return [(m.span("user"), m.span("password"), m.end()) for m in matches]

    assert spans(_credentials.url_credentials(text)) == spans(_OLD_URL_CREDENTIALS.finditer(text))


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="ab \t\n'\"\\$#\u00a0", max_size=14))
def test_split_shell_words_splits_as_shlex_does(text: str) -> None:
    try:
        expected: list[str] | None = shlex.split(text)
    except ValueError:
        expected = None
    try:
        got: list[str] | None = split_shell_words(text)
    except ValueError:
        got = None
    assert got == expected


def test_numbers_are_read_with_a_digit_limit() -> None:
    assert [parse_int(t) for t in ("0080", "0" * 5_000 + "7", "9" * 18)] == [80, 7, 10**18 - 1]
    assert [parse_int(t) for t in ("9" * 19, "1" * 4_301, "²", "٣", "", "-1", "1e3")] == [None] * 7
    assert parse_int("70000", max_digits=5) == 70000 and parse_int("700000", max_digits=5) is None
    assert abbreviated("x" * 10, 40) == "x" * 10 and abbreviated("x" * 50, 40) == "x" * 39 + "…"


def test_rewritten_patterns_finish_on_adversarial_text() -> None:
    """Each pattern that backtracked quadratically, over 40 KB built to make it retry at
    every position; in a child process with a timeout, so that a regression fails, not hangs."""
    script = r"""
from dlint.parsers.dockerfile.lexer import DIRECTIVE
from dlint.knowledge.apt import _CONFIG_ENTRY
from dlint.knowledge.credentials import CREDENTIAL_PATTERNS, credentials_in
from dlint.views.text import split_shell_words
from dlint.rules.dockerfile.df022_tls_verification_disabled import _APT_TRUSTED
from dlint.rules.dockerfile.dl1001_inline_ignore_pragma import _IGNORE_PRAGMA
n = 40000
results = [
    _CONFIG_ENTRY.findall("APT::" * (n // 5)) == [],
    _CONFIG_ENTRY.findall("APT::" * (n // 5) + ' 1 APT::Get::Assume-Yes "true"')[-1] == ("APT::Get::Assume-Yes", "true"),
    _APT_TRUSTED.search("deb [" * (n // 5)) is None,
    _APT_TRUSTED.search("deb [ " * (n // 6) + "trusted=yes]") is not None,
    DIRECTIVE.match("# syntax=a" + " " * n + "b").group(2) == "a" + " " * n + "b",
    _IGNORE_PRAGMA.match("dlint" + " " * n) is None,
    _IGNORE_PRAGMA.match("dlint" + " " * n + ": ignore=DL3008") is not None,
    split_shell_words("a" * n + " '" + "b" * n + "' \"" + "c" * n + '"') == ["a" * n, "b" * n, "c" * n],
]
for prefix in ("ghp_", "github_pat_", "glpat-", "xoxb-", "sk_live_", "npm_", "AKIA", "AIza", "-----BEGIN A "):
    for filler in ("a", "A", "_", "-", "A "):
        text = (prefix + filler * (n // len(filler))) * 2 + "é"
        for pattern, _ in CREDENTIAL_PATTERNS:
            list(pattern.finditer(text))
        credentials_in(text)
results.append(credentials_in("-----BEGIN " + "A " * (n // 2) + "PRIVATE KEY-----") == [(0, n + 27, "a private key")])
print(results)
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=QUICK, check=False, cwd=ROOT)
    assert (run.returncode, run.stderr) == (0, b"")
    assert run.stdout == b"[" + b", ".join([b"True"] * 9) + b"]\n"
