"""Mutation fuzzing of dlint: seed files, mutations, and the invariants every run must keep.

Used by ``tests/test_fuzz.py`` (a small budget in CI) and by ``python3 dev.py fuzz``
(the same test over and over, with new random examples, for some minutes).

Each example is a seed from ``fixtures/fuzz/`` (or a rule case's text) with a few
mutations: bytes and tokens inserted, lines deleted, duplicated or swapped,
ranges cut. Whatever the result, linting it must

- raise nothing and report no internal error,
- give findings whose spans lie inside the text, 1-based, start before end,
- give the same findings and the same report twice,
- and ``--fix`` must give text with no more syntax problems than the input,
  which a second ``--fix`` leaves as it is.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import yaml
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "fuzz"
CASES = ROOT / "fixtures" / "rules"

#: text pieces that reach the parsers' corners
TOKENS = (
    "\\\n", "`\n", "\n", " ", "\t", '"', "'", "$", "${", "}", "${A:-", "$(", ")", "[", "]", "{", "}", ",",
    "<<EOF\n", "\nEOF\n", "&&", "|", ";", "#", "# dlint: ignore=", "# hadolint ignore=DL3008\n",
    "--mount=type=cache,target=/x ", "ONBUILD ", "FROM ", "RUN ", "ARG A=", "ENV A=$A$A ", "COPY --from=0 ",
    "EXPOSE 99999999999 ", ":", ": ", "- ", "  ", "&a ", "*a", "<<: *a\n", "!reset ", "!override ", "!!int ",
    "\x00", "\x1b[2K", "\ufeff", "\u202e", "é", "99999999999999999999",
)


@cache
def seeds(kind: str) -> tuple[str, ...]:
    """The seed texts of one kind: the files under fixtures/fuzz/<kind>/, then every
    rule case text of that kind."""
    found = [path.read_text(encoding="utf-8") for path in sorted((SEEDS / kind).iterdir())]
    key = "dockerfile" if kind == "dockerfile" else "compose"
    for path in sorted(CASES.glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")).get("cases", ()):
            text = case.get(key)
            if isinstance(text, str) and text.strip():
                found.append(text)
    return tuple(found)


def _insert(text: str, at: float, piece: str) -> str:
    index = int(at * len(text))
    return text[:index] + piece + text[index:]


def _cut(text: str, at: float, length: int) -> str:
    index = int(at * len(text))
    return text[:index] + text[index + length :]


def _lines(text: str, at: float, how: str) -> str:
    lines = text.splitlines(keepends=True)
    if not lines:
        return text
    index = min(int(at * len(lines)), len(lines) - 1)
    if how == "delete":
        del lines[index]
    elif how == "duplicate":
        lines.insert(index, lines[index])
    elif index + 1 < len(lines):
        lines[index], lines[index + 1] = lines[index + 1], lines[index]
    return "".join(lines)


FRACTION = st.floats(min_value=0, max_value=1, allow_nan=False)
MUTATION = st.one_of(
    st.tuples(st.just("insert"), FRACTION, st.sampled_from(TOKENS)),
    st.tuples(st.just("insert"), FRACTION, st.text(max_size=6)),
    st.tuples(st.just("cut"), FRACTION, st.integers(min_value=1, max_value=40)),
    st.tuples(st.just("lines"), FRACTION, st.sampled_from(("delete", "duplicate", "swap"))),
)


def mutate(text: str, mutations: list[tuple]) -> str:
    """``text`` with each mutation applied in turn."""
    for name, at, argument in mutations:
        if name == "insert":
            text = _insert(text, at, argument)
        elif name == "cut":
            text = _cut(text, at, argument)
        else:
            text = _lines(text, at, argument)
    return text


@st.composite
def mutated(draw, kind: str) -> str:
    """A seed of ``kind`` with one to five mutations."""
    text = draw(st.sampled_from(seeds(kind)))
    return mutate(text, draw(st.lists(MUTATION, min_size=1, max_size=5)))


def examples() -> int:
    """How many examples each fuzz test runs (``DLINT_FUZZ_EXAMPLES``, for dev.py fuzz)."""
    return int(os.environ.get("DLINT_FUZZ_EXAMPLES", "60"))
