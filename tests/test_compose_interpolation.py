"""Interpolation of ${…} expressions and reading .env files."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlint.parsers.compose.dotenv import parse_dotenv
from dlint.parsers.compose.interpolation import MAX_LENGTH, MAX_NESTING, interpolate

ENV = {"SET": "value", "EMPTY": "", "JSON": '{"json":2}'}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("plain", "plain"),
        ("$SET", "value"),
        ("${SET}", "value"),
        ("a${SET}b$SET.c", "avaluebvalue.c"),
        ("$SET-bar", "value-bar"),
        ("$$SET", "$SET"),
        ("$${SET}", "${SET}"),
        ("$$$SET", "$value"),
        ("$$", "$"),
        ("${EMPTY:-d}", "d"),
        ("${EMPTY-d}", ""),
        ("${UNSET:-d}", "d"),
        ("${UNSET-d}", "d"),
        ("${UNSET:-}", ""),
        ("${SET:-d}", "value"),
        ("${SET:+alt}", "alt"),
        ("${EMPTY:+alt}", ""),
        ("${EMPTY+alt}", "alt"),
        ("${SET:?must be set}", "value"),
        ("${SET?bar-baz}", "value"),
        ("${EMPTY?err}", ""),
        ("${UNSET-myerror?msg}", "myerror?msg"),
        ("${EMPTY:-/non:-alphanumeric}", "/non:-alphanumeric"),
        ("${UNSET:-${SET:-x}}", "value"),
        ("${UNSET:-${ALSO_UNSET:-x}}", "x"),
        ("${UNSET:-a ${SET} b}", "a value b"),
        ("${SET-${SET} ${SET}}", "value"),
        ("${SET:+${SET},}B", "value,B"),
        ("${EMPTY+$SET ${SET:+second}}", "value second"),
        # a $ that starts no expression is kept as it is (Compose v2)
        ("sh -c 'echo $(date)'", "sh -c 'echo $(date)'"),
        ("echo $1 $@ $*", "echo $1 $@ $*"),
        ("a $ string", "a $ string"),
        ("^REGEX$", "^REGEX$"),
        ("$}", "$}"),
        ("$", "$"),
        ("$-x $:y $?", "$-x $:y $?"),
        # a default runs to the last } of its line, then to the first balanced }
        ('ok ${UNSET:-{"json":1}}', 'ok {"json":1}'),
        ('ok ${JSON:-{"json":1}}', 'ok {"json":2}'),
        ("${UNSET:-a}b}", "ab}"),
        ("${UNSET:-x} and ${SET}", "x and value"),
        ("${SET:-a}\n${UNSET:-b}", "value\nb"),
        # '{}' inside a default hides its '}' from the count: the rest of the line is the default
        ("${SET:-{}} ${SET:-y}", "value"),
        ("${UNSET:-{{}}x}", "{{}x}"),
        ("${SET:+{}}}", "{}}"),
        ("${UNSET:-}}}", "}}"),
        ("${SET:-a}}", "value}"),
        ("${UNSET:-a${SET}b}c}", "avaluebc}"),
        ("${UNSET-${SET:-{}}}", "value"),
        ("${UNSET:-$}", "$"),
        ("${UNSET:-$$}", "$"),
    ],
)
def test_known_values(text, value):
    result = interpolate(text, ENV)
    assert result.errors == []
    assert result.value == value


@pytest.mark.parametrize(
    ("text", "unresolved"),
    [
        ("${UNSET}", ["UNSET"]),
        ("$UNSET", ["UNSET"]),
        ("x${UNSET:?err}", ["UNSET"]),
        ("${UNSET?}", ["UNSET"]),
        ("${UNSET:+alt}", ["UNSET"]),
        ("${UNSET+alt}", ["UNSET"]),
        ("$set", ["set"]),
        ("${SET:+${UNSET}}", ["UNSET"]),
    ],
)
def test_unknown_variables_are_not_guessed(text, unresolved):
    result = interpolate(text, ENV)
    assert (result.value, result.unresolved, result.errors) == (None, unresolved, [])


def test_defaults_apply_but_the_variable_is_still_listed_as_unknown():
    result = interpolate("${TAG:-1.0}", {})
    assert (result.value, result.variables, result.unresolved) == ("1.0", ["TAG"], ["TAG"])


def test_names_are_case_insensitive_as_in_go_regexp():
    env = {"lower": "a", "_x9": "b", "\u212a": "kelvin", "\u017f": "long s"}
    assert interpolate("$lower-${_x9}.$\u212a/${\u017f}", env).value == "a-b.kelvin/long s"
    assert interpolate("$é", env).value == "$é"


@pytest.mark.parametrize("text", ["${EMPTY:?set it}", "${UNSET:?set it}", "${UNSET?set it}"])
def test_a_required_variable_without_a_value_is_unknown_not_an_error(text):
    """The shell's environment may set it (it takes precedence over .env)."""
    result = interpolate(text, ENV)
    assert (result.value, result.errors) == (None, [])


def test_unused_branches_are_not_evaluated():
    assert (interpolate("${SET:-${}}", ENV).value, interpolate("${SET:-${}}", ENV).errors) == ("value", [])
    assert interpolate("${EMPTY:+${}}", ENV).errors == []
    assert interpolate("${UNSET:+${}}", ENV).errors == []
    assert interpolate("${SET?${}}", ENV).errors == []
    result = interpolate("${SET:+$UNSET}", ENV)
    assert (result.value, result.variables, result.unresolved) == (None, ["SET", "UNSET"], ["UNSET"])


@pytest.mark.parametrize(
    ("text", "start", "end", "message"),
    [
        ("${", 0, 2, "'${' is not closed with '}'"),
        ("a ${B", 2, 5, "'${B' is not closed with '}'"),
        ("${}", 0, 3, "invalid interpolation '${}': no variable name"),
        ("${ }", 0, 4, "invalid interpolation '${ }': a variable name (a letter or _, then letters, digits or _) must follow '${'"),
        ("${ foo}", 0, 7, "invalid interpolation '${ foo}': a variable name (a letter or _, then letters, digits or _) must follow '${'"),
        ("${1}", 0, 4, "invalid interpolation '${1}': a variable name (a letter or _, then letters, digits or _) must follow '${'"),
        ("${foo }", 0, 7, "invalid interpolation '${foo }': after foo only '}' or one of :- - :+ + :? ? may follow"),
        ("${foo!}", 0, 7, "invalid interpolation '${foo!}': after foo only '}' or one of :- - :+ + :? ? may follow"),
        ("${A:=x}", 0, 7, "invalid interpolation '${A:=x}': after A only '}' or one of :- - :+ + :? ? may follow"),
        ("${A:-x", 0, 6, "'${A:-' is not closed with '}' on its line"),
        ("x ${A:-y\nz}", 2, 8, "'${A:-' is not closed with '}' on its line"),
        ("${A:-x}\n${B", 8, 11, "'${B' is not closed with '}'"),
        ("${UNSET:-${}}", 9, 12, "invalid interpolation '${}': no variable name"),
        ("${UNSET:-x ${1}}", 11, 15, "invalid interpolation '${1}': a variable name (a letter or _, then letters, digits or _) must follow '${'"),
        ("${SET:+${A B}}", 7, 13, "invalid interpolation '${A B}': after A only '}' or one of :- - :+ + :? ? may follow"),
        # the '{}' hides its '}', so the default of UNSET is "{}} ${SET:-y", where ${SET:- is not closed
        ("${UNSET:-{}} ${SET:-y}", 13, 21, "'${SET:-' is not closed with '}' on its line"),
    ],
)
def test_malformed_expressions_are_located(text, start, end, message):
    result = interpolate(text, ENV)
    assert result.errors == [(message, start, end)]
    assert result.value is None


def test_every_malformed_expression_is_reported_once():
    result = interpolate("${} $1 ${A B} ${ok} ${", {"ok": "1"})
    assert [(start, end) for _, start, end in result.errors] == [(0, 3), (7, 13), (20, 22)]


def test_a_long_expression_is_shortened_in_the_message():
    text = "${" + "a" * 100 + " }"
    assert interpolate(text, {}).errors == [
        (f"invalid interpolation '${{{'a' * 35}…': after {'a' * 37}… only '}}' or one of :- - :+ + :? ? may follow", 0, 104)
    ]


def test_nesting_and_length_are_bounded():
    deep = "${A:-" * (MAX_NESTING + 1) + "x" + "}" * (MAX_NESTING + 1)
    result = interpolate(deep, {})
    assert result.value is None
    assert result.errors == [(f"interpolation nested more than {MAX_NESTING} levels deep; dlint treats the value as unknown", 5 * MAX_NESTING, len(deep) - MAX_NESTING)]
    assert interpolate("${A:-" * MAX_NESTING + "x" + "}" * MAX_NESTING, {}).value == "x"
    big = {"B": "b" * (MAX_LENGTH // 2 + 1)}
    result = interpolate("$B$B", big)
    assert result.value is None
    assert result.errors == [(f"the interpolated value is longer than {MAX_LENGTH:,} characters; dlint treats it as unknown", 0, 4)]


@pytest.mark.parametrize(
    "text",
    [
        "${A:-x} " * 100_000,  # many defaults on one long line
        "${A:-x" * 100_000,  # none of them closed
        "${ " * 100_000,  # many malformed ones
        "$$" * 200_000 + "${A:-x}",
        "${A:-" + "{" * 100_000 + "}",
        "${A:-x}" + "}" * 100_000,
        ("${A:-x} " * 50 + "\n") * 500,
    ],
)
def test_scanning_is_linear(text):
    start = time.perf_counter()
    interpolate(text, {})
    assert time.perf_counter() - start < 2.0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("${}:-?+ABab_1 x\n")), max_size=40))
def test_interpolation_never_raises(text):
    result = interpolate(text, ENV)
    assert result.value is None or isinstance(result.value, str)
    assert all(0 <= start < end <= len(text) for _, start, end in result.errors)
    if "$" not in text:
        assert (result.value, result.errors) == (text, [])


def test_dotenv_reads_like_compose():
    text = (
        "# comment\n"
        "export A=1\n"
        "B = two words # trailing comment\n"
        "C='single ${A} kept'\n"
        'D="double ${A}\\n"\n'
        "E=${A}-${B}\n"
        "F\n"
        'G="multi\n'
        'line"\n'
        "H=#not-a-comment\n"
        "I=\n"
    )
    variables, problems = parse_dotenv(text)
    assert problems == []
    assert variables == {
        "A": "1",
        "B": "two words",
        "C": "single ${A} kept",
        "D": "double 1\n",
        "E": "1-two words",
        "G": "multi\nline",
        "H": "#not-a-comment",
        "I": "",
    }


def test_dotenv_problems_name_the_line():
    variables, problems = parse_dotenv("A=1\n!!!\nB='open\n")
    assert variables == {"A": "1"}
    assert problems == [(2, "cannot read line 2 as KEY=VALUE"), (3, "the quoted value of B is not closed")]


def test_pieces_are_the_escapes_and_outer_expressions_in_order() -> None:
    from dlint.parsers.compose.interpolation import interpolate

    text = "a $$b ${C:-${D}} $E $ ${F}"
    assert [text[start:end] for start, end in interpolate(text, {}).pieces] == ["$$", "${C:-${D}}", "$E", "${F}"]
