"""Reading ``.env`` files the way Compose does: ``KEY=VALUE`` lines, comments,
quotes, ``export``, and ``${VAR}`` references to earlier keys."""

from __future__ import annotations

import re

from dlint.parsers.compose.interpolation import interpolate
from dlint.regex import regex

_LINE = regex(r"\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.\-]*)\s*(?:=\s*(.*))?\Z", re.DOTALL)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "$": "$"}


def parse_dotenv(text: str) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """Variables of an env file and problems as ``(1-based line, message)``.

    A bare ``KEY`` (which Compose would take from the shell) is left out: it is
    not known to the linter.
    """
    variables: dict[str, str] = {}
    problems: list[tuple[int, str]] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        number = index + 1
        line = lines[index]
        index += 1
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            problems.append((number, f"cannot read line {number} as KEY=VALUE"))
            continue
        key, raw = match.group(1), match.group(2)
        if raw is None:
            continue
        raw = raw.lstrip()
        if raw[:1] in ("'", '"'):
            quote = raw[0]
            body, index = _quoted(raw[1:], quote, lines, index)
            if body is None:
                problems.append((number, f"the quoted value of {key} is not closed"))
                continue
            if quote == "'":
                variables[key] = body
            else:
                variables[key] = _expand(_unescape(body), variables)
        else:
            comment = re.search(r"\s#", raw)
            if comment:
                raw = raw[: comment.start()]
            variables[key] = _expand(raw.strip(), variables)
    return variables, problems


def _quoted(first: str, quote: str, lines: list[str], index: int) -> tuple[str | None, int]:
    """The body of a quoted value whose text after the opening quote is ``first``,
    continued on ``lines[index:]`` until the closing quote, and the index of the
    line after it; (None, index) when it is never closed. Each line is scanned once."""
    parts: list[str] = []
    piece, escaped = first, False
    while True:
        end, escaped = _closing(piece, quote, escaped)
        if end != -1:
            parts.append(piece[:end])
            return "".join(parts), index
        parts.append(piece)
        if index == len(lines):
            return None, index
        piece = "\n" + lines[index]
        index += 1


def _closing(piece: str, quote: str, escaped: bool) -> tuple[int, bool]:
    """Offset of the closing ``quote`` in ``piece`` (-1 when there is none), and whether
    ``piece`` ends in a backslash that escapes the next character (double quotes only);
    ``escaped``: the first character of ``piece`` is escaped."""
    i = 1 if escaped else 0
    while i < len(piece):
        if piece[i] == "\\" and quote == '"':
            i += 2
            continue
        if piece[i] == quote:
            return i, False
        i += 1
    return -1, i > len(piece)


def _unescape(body: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), body)


def _expand(value: str, known: dict[str, str]) -> str:
    """Earlier keys referenced as ``${KEY}`` are filled in; unknown ones stay as written."""
    if "$" not in value:
        return value
    result = interpolate(value, known)
    return result.value if result.value is not None and not result.errors else value
