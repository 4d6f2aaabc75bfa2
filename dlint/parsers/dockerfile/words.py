"""Splitting instruction text into words, removing quotes, reading JSON arrays."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from dlint.regex import regex

_match_span = re.Match.span
JSON_STRING = regex(r'"(?:[^"\\]|\\.)*"')
#: a JSON array of strings without escapes (JSON's own whitespace, no control
#: characters): its items are read without the JSON decoder
PLAIN_JSON_ARRAY = regex(r'\[[ \t\n\r]*(?:"[^"\\\x00-\x1f]*"[ \t\n\r]*(?:,[ \t\n\r]*"[^"\\\x00-\x1f]*"[ \t\n\r]*)*)?\]')
#: JSON text nested deeper than this (arrays or objects) is not decoded: an exec
#: form holds only strings (depth 1), and the decoder recurses once per level
MAX_JSON_DEPTH = 32
#: strings (terminated or not) and the brackets that nest JSON
_JSON_NESTING = regex(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')


@lru_cache(maxsize=4)
def word_pattern(escape: str) -> re.Pattern[str]:
    """A word: unquoted runs, escaped characters and quoted strings (an
    unterminated quote runs to the end of the text), up to whitespace."""
    e = re.escape(escape)
    return re.compile(
        rf"""(?:[^\s"'{e}]+|{e}[\s\S]?|"(?:[^"{e}]|{e}[\s\S]?)*"?|'[^']*'?)+"""
    )


def split_words(text: str, escape: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each word of ``text[start:end]``."""
    pattern = word_pattern(escape)
    if end is None:
        end = len(text)
    return list(map(_match_span, pattern.finditer(text, start, end)))


def unquote(raw: str, escape: str) -> str:
    """A word as Docker reads it: quotes removed, escaped characters kept literally.

    Outside quotes the escape character takes the next character literally;
    inside double quotes it only escapes ``"``, ``$`` and itself; inside
    single quotes nothing is special. Runs of plain characters are copied at once.
    """
    if '"' not in raw and "'" not in raw and escape not in raw:
        return raw
    outside, inside = _special_characters(escape)
    out: list[str] = []
    index = 0
    length = len(raw)
    while index < length:
        match = outside.search(raw, index)
        if match is None:
            out.append(raw[index:])
            break
        special = match.start()
        out.append(raw[index:special])
        char = raw[special]
        if char == escape:
            out.append(raw[special + 1 : special + 2])
            index = special + 2
        elif char == "'":
            close = raw.find("'", special + 1)
            if close == -1:
                close = length
            out.append(raw[special + 1 : close])
            index = close + 1
        else:
            index = _unquote_double(raw, special + 1, escape, inside, out) + 1
    return "".join(out)


def _unquote_double(raw: str, index: int, escape: str, inside: re.Pattern[str], out: list[str]) -> int:
    """Add the text of the double-quoted string from ``index`` to ``out``; the index
    of its closing quote (the length of ``raw`` when unterminated)."""
    length = len(raw)
    while index < length:
        match = inside.search(raw, index)
        if match is None:
            out.append(raw[index:])
            return length
        stop = match.start()
        out.append(raw[index:stop])
        if raw[stop] == '"':
            return stop
        if stop + 1 < length and raw[stop + 1] in ('"', "$", escape):
            out.append(raw[stop + 1])
            index = stop + 2
        else:
            out.append(escape)
            index = stop + 1
    return length


@lru_cache(maxsize=4)
def _special_characters(escape: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What :func:`unquote` stops at: outside quotes, and inside double quotes."""
    e = re.escape(escape)
    return re.compile(f"[{e}'\"]"), re.compile(f'[{e}"]')


def parse_json_array(text: str) -> tuple[list[tuple[int, int, str]] | None, str | None]:
    """Read ``text`` (which starts with ``[``) as a JSON array of strings.

    Returns (items, problem): items are (start, end, value) of each string in
    ``text``; items is None when the text is not such an array, and problem
    says why when it is valid JSON but holds something other than strings.
    """
    stripped = text.rstrip()
    if PLAIN_JSON_ARRAY.fullmatch(stripped):
        return [(match.start(), match.end(), match.group()[1:-1]) for match in JSON_STRING.finditer(stripped)], None
    if json_depth(stripped) > MAX_JSON_DEPTH:
        return None, f"the JSON array nests more than {MAX_JSON_DEPTH} levels deep: it is read as shell form"
    try:
        data = json.loads(stripped)
    except ValueError:
        return None, None
    if not isinstance(data, list):
        return None, None
    if not all(isinstance(item, str) for item in data):
        return None, "the JSON array must hold only strings"
    items = []
    for match in JSON_STRING.finditer(stripped):
        items.append((match.start(), match.end(), json.loads(match.group())))
    if len(items) != len(data):  # cannot happen for a list of strings; be safe
        return None, None
    return items, None


def json_depth(text: str) -> int:
    """How deep arrays and objects nest in ``text``, brackets inside strings not counted."""
    depth = deepest = 0
    for match in _JSON_NESTING.finditer(text):
        token = match.group()
        if token == "[" or token == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif token == "]" or token == "}":
            depth -= 1
    return deepest
