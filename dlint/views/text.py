"""Numbers and shell words read from input text, safely whatever its size.

- :func:`is_decimal` / :func:`parse_int`: ASCII digits only (``str.isdigit``
  also accepts ``²``, which ``int()`` refuses) and a bounded number of digits
  (``int()`` raises past 4,300 digits, and no rule compares numbers that big).
- :func:`abbreviated`: a long value shortened for a message.
- :func:`split_shell_words`: what ``shlex.split(text)`` returns, in linear
  time (``shlex`` grows each token by concatenation: quadratic in its length).
"""

from __future__ import annotations

from dlint.regex import regex

#: digits of the largest number a rule reads (a uid, a port, a stage index, a level)
MAX_DIGITS = 18


def is_decimal(text: str) -> bool:
    """``text`` is one or more ASCII digits."""
    return text.isascii() and text.isdigit()


def parse_int(text: str, max_digits: int = MAX_DIGITS) -> int | None:
    """``text`` as a number when it is ASCII digits with at most ``max_digits``
    digits after leading zeros; None otherwise."""
    if not is_decimal(text):
        return None
    significant = text.lstrip("0")
    return int(significant or "0") if len(significant) <= max_digits else None


def abbreviated(text: str, width: int = 40) -> str:
    """``text`` for a message: cut to ``width`` characters with ``…`` when longer."""
    return text if len(text) <= width else text[: width - 1] + "…"


#: one piece of a shell word as ``shlex.split`` reads it (POSIX mode, no
#: comments), or a run of the blanks between words
_PIECE = regex(r"""[^ \t\r\n'"\\]+|\\[\s\S]|'[^']*'|"(?:[^"\\]|\\[\s\S])*"|[ \t\r\n]+""")
_BLANKS = frozenset(" \t\r\n")


def split_shell_words(text: str) -> list[str]:
    """``shlex.split(text)``: words split at blanks, quotes removed; ``ValueError``
    for an unterminated quote or a trailing backslash, where shlex raises it."""
    words: list[str] = []
    parts: list[str] | None = None  # the word being read
    position = 0
    while position < len(text):
        match = _PIECE.match(text, position)
        if match is None:
            raise ValueError(f"unterminated quote or escape at {position}")
        piece = match.group()
        position = match.end()
        if piece[0] in _BLANKS:
            if parts is not None:
                words.append("".join(parts))
                parts = None
            continue
        if parts is None:
            parts = []
        parts.append(_unquoted(piece))
    if parts is not None:
        words.append("".join(parts))
    return words


def _unquoted(piece: str) -> str:
    """A piece of :data:`_PIECE` as shlex reads it: inside double quotes a
    backslash escapes only ``"`` and itself."""
    first = piece[0]
    if first == "'":
        return piece[1:-1]
    if first == "\\":
        return piece[1]
    if first == '"':
        return _DOUBLE_QUOTE_ESCAPE.sub(lambda match: match.group()[1], piece[1:-1])
    return piece


_DOUBLE_QUOTE_ESCAPE = regex(r'\\["\\]')
