"""Interpolation of ${…} expressions and reading .env files."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlint.parsers.compose.dotenv import parse_dotenv
from dlint.parsers.compose.interpolation import interpolate

ENV = {"SET": "value", "EMPTY": ""}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("plain", "plain"),
        ("$SET", "value"),
        ("${SET}", "value"),
        ("a${SET}b$SET.c", "avaluebvalue.c"),
        ("$$SET", "$SET"),
        ("$${SET}", "${SET}"),
        ("${EMPTY:-d}", "d"),
        ("${EMPTY-d}", ""),
        ("${UNSET:-d}", "d"),
        ("${UNSET-d}", "d"),
        ("${SET:-d}", "value"),
        ("${SET:+alt}", "alt"),
        ("${EMPTY:+alt}", ""),
        ("${EMPTY+alt}", "alt"),
        ("${SET:?must be set}", "value"),
        ("${UNSET:-${SET:-x}}", "value"),
        ("${UNSET:-${ALSO_UNSET:-x}}", "x"),
        ("${UNSET:-a ${SET} b}", "a value b"),
    ],
)
def test_known_values(text, value):
    result = interpolate(text, ENV)
    assert result.errors == []
    assert result.value == value


@pytest.mark.parametrize(
    ("text", "unresolved"),
    [("${UNSET}", ["UNSET"]), ("$UNSET", ["UNSET"]), ("x${UNSET:?err}", ["UNSET"]), ("${UNSET:+alt}", ["UNSET"]), ("${UNSET+alt}", ["UNSET"])],
)
def test_unknown_variables_are_not_guessed(text, unresolved):
    result = interpolate(text, ENV)
    assert result.value is None
    assert result.unresolved == unresolved


def test_defaults_apply_but_the_variable_is_still_listed_as_unknown():
    result = interpolate("${TAG:-1.0}", {})
    assert (result.value, result.variables, result.unresolved) == ("1.0", ["TAG"], ["TAG"])


def test_required_variable_known_to_be_empty():
    assert interpolate("${EMPTY:?set it}", ENV).required_missing == ["EMPTY"]
    assert interpolate("${EMPTY?set it}", ENV).required_missing == []


@pytest.mark.parametrize(
    ("text", "start", "end", "fragment"),
    [
        ("echo $1", 5, 6, "'$' must be followed"),
        ("cost: $", 6, 7, "'$' must be followed"),
        ("${", 0, 2, "not closed"),
        ("a ${B", 2, 5, "not closed"),
        ("${}", 0, 3, "empty"),
        ("${1A}", 0, 5, "not a variable name"),
        ("${A:=x}", 0, 7, "expected '}'"),
        ("${A B}", 0, 6, "expected '}'"),
    ],
)
def test_malformed_expressions_are_located(text, start, end, fragment):
    errors = interpolate(text, ENV).errors
    assert len(errors) == 1
    message, found_start, found_end = errors[0]
    assert fragment in message
    assert (found_start, found_end) == (start, end)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("${}:-?+ABab_1 x")), max_size=40))
def test_interpolation_never_raises(text):
    result = interpolate(text, ENV)
    assert result.value is None or isinstance(result.value, str)


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
