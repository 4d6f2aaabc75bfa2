"""Hostile input: gitignore patterns, suppression comments and config values never crash."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dlint.engine.config import ConfigError, settings_from_dlint, settings_from_hadolint
from dlint.engine.discovery import IgnoreList, compile_pattern
from dlint.engine.suppression import compose_directives

GLOB_CHARS = st.text(alphabet="ab/*?[]!\\#. -^", max_size=12)


@settings(max_examples=400, deadline=None)
@given(GLOB_CHARS, st.text(alphabet="ab/.-", max_size=10))
def test_any_gitignore_line_compiles_and_matches(line: str, path: str) -> None:
    pattern = compile_pattern(line)
    if pattern is not None:
        IgnoreList(Path("/r"), [pattern]).verdict(Path("/r") / (path or "x"), False)


def test_odd_brackets() -> None:
    for line in ("[]", "[", "a[]b", "[!]", "[]]", "x[a-"):
        compile_pattern(line)
    assert IgnoreList.from_lines(Path("/r"), ["[]]"]).verdict(Path("/r/]"), False) is True


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="# dlint:ignore=-filestagehadolintglobal,DL3006\n x", max_size=60))
def test_compose_directives_never_crash(text: str) -> None:
    for directive in compose_directives(text):
        assert directive.lines[0] <= directive.lines[1] or directive.lines == (0, -1)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
KEYS = st.sampled_from(
    ["select", "ignore", "extend-select", "severity", "options", "fail-on", "exclude", "per-file-ignores",
     "trusted-registries", "label-schema", "strict-labels", "disable-ignore-pragma"]
)
HADOLINT_KEYS = st.sampled_from(
    ["ignored", "trustedRegistries", "override", "failure-threshold", "label-schema", "strict-labels", "no-fail"]
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, JSONISH, max_size=3), st.dictionaries(HADOLINT_KEYS, JSONISH, max_size=3))
def test_config_values_either_load_or_raise_config_error(dlint_data: dict, hadolint_data: dict) -> None:
    for load, data in ((settings_from_dlint, dlint_data), (settings_from_hadolint, hadolint_data)):
        try:
            load(data, Path("/r"), Path("/r/c"), "c")
        except ConfigError:
            pass
