"""Glob matching (dlint/engine/globs.py): the automaton gives the regular expression's
answer, in linear time on the patterns that make a regular expression backtrack."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sandbox import run_dlint

from dlint.engine.globs import _regex, _simulate, compile_glob

GLOBS = st.text(alphabet="ab/*?[]!^\\", max_size=10)
PATHS = st.text(alphabet="ab/", max_size=12)


@settings(max_examples=600)
@given(GLOBS, PATHS, st.booleans(), st.booleans())
def test_the_automaton_agrees_with_the_regular_expression(glob: str, path: str, docker: bool, any_folder: bool) -> None:
    compiled = compile_glob(glob, docker=docker, any_folder=any_folder)
    regex = re.compile("^" + "".join(_regex(token) for token in compiled.tokens) + "$", re.DOTALL)
    assert _simulate(compiled.tokens, path) == (regex.match(path) is not None)


def test_patterns_that_backtrack_are_matched_by_the_automaton() -> None:
    stars = compile_glob("*a" * 12 + "b")
    assert stars.regex is None
    assert stars.match("a" * 200 + "d") is False
    assert stars.match("a" * 200 + "b") is True
    folders = compile_glob("**/" * 25 + "zz")
    assert folders.regex is None
    assert folders.match("x/" * 40 + "y") is False
    assert folders.match("x/" * 40 + "zz") is True
    docker = compile_glob("a**" * 10 + "c", docker=True)
    assert docker.match("a/" * 100 + "b") is False


def test_simple_patterns_keep_the_regular_expression() -> None:
    for glob, any_folder in (("*.pyc", True), ("build", False), ("**/testdata/", False), ("node_modules", True)):
        assert compile_glob(glob, any_folder=any_folder).regex is not None


def test_adversarial_gitignore_and_exclude_patterns_finish(tmp_path: Path) -> None:
    # written at run time, outside any git work tree: git's own matcher stalls on them too
    (tmp_path / ".gitignore").write_text("*a" * 12 + "b\n")
    (tmp_path / ("a" * 200 + "d")).mkdir()
    (tmp_path / ("a" * 200 + "d") / "Dockerfile").write_text("FROM alpine:3.20\nUSER app\n")
    deep = tmp_path / "deep"
    (deep / Path(*["x"] * 40)).mkdir(parents=True)
    (deep / ".gitignore").write_text("**/" * 25 + "zz\n")
    (deep / Path(*["x"] * 40) / "Dockerfile").write_text("FROM alpine:3.20\nUSER app\n")
    (tmp_path / ".dlint.toml").write_text('exclude = ["' + "*a" * 12 + 'c"]\n')
    run = run_dlint("check", "-q", "--select", "DL3006", ".", cwd=tmp_path, timeout=60)
    assert (run.returncode, run.stdout, run.stderr) == (0, b"", b"")
    listed = run_dlint("check", "--select", "DL3006", ".", cwd=tmp_path, timeout=60)
    assert listed.stdout == b"No problems found in 2 files.\n"
