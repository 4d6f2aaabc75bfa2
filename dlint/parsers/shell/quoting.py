"""Quote and escape removal for shell words, optionally keeping where each
character came from (needed to place the commands of ``sh -c '…'`` strings)."""

from __future__ import annotations

#: characters a backslash escapes inside double quotes
DOUBLE_QUOTE_ESCAPES = '$`"\\\n'

_ANSI_C_SIMPLE = {
    "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b",
    "f": "\f", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?",
}
_HEX = "0123456789abcdefABCDEF"


def unescape(text: str, escapable: str | None = None) -> str:
    """Remove backslash escapes: ``\\x`` gives ``x`` (any character when
    ``escapable`` is None, else only those in it); backslash-newline vanishes."""
    if "\\" not in text:
        return text
    return unescape_with_offsets(text, 0, escapable)[0]


def unescape_with_offsets(text: str, start: int, escapable: str | None = None) -> tuple[str, list[int]]:
    """:func:`unescape` plus, for each result character, ``start`` + its index in ``text``."""
    chars: list[str] = []
    offsets: list[int] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\\" and index + 1 < length and (escapable is None or text[index + 1] in escapable):
            index += 1
            char = text[index]
            if char == "\n":
                index += 1
                continue
        chars.append(char)
        offsets.append(start + index)
        index += 1
    return "".join(chars), offsets


def decode_ansi_c(text: str, start: int = 0) -> tuple[str, list[int]]:
    """Decode the body of a ``$'…'`` string; each character maps to the offset
    (``start`` + index) of the escape or character it came from."""
    chars: list[str] = []
    offsets: list[int] = []
    index = 0
    length = len(text)
    while index < length:
        origin = index
        char = text[index]
        index += 1
        if char == "\\" and index < length:
            code = text[index]
            index += 1
            if code in _ANSI_C_SIMPLE:
                char = _ANSI_C_SIMPLE[code]
            elif code in "xuU":
                limit = {"x": 2, "u": 4, "U": 8}[code]
                digits = ""
                while index < length and len(digits) < limit and text[index] in _HEX:
                    digits += text[index]
                    index += 1
                char = _code_point(digits, 16) if digits else "\\" + code
            elif code in "01234567":
                digits = code
                while index < length and len(digits) < 3 and text[index] in "01234567":
                    digits += text[index]
                    index += 1
                char = _code_point(digits, 8)
            elif code == "c" and index < length:
                char = chr(ord(text[index]) & 0x1F)
                index += 1
            else:
                char = "\\" + code
        for piece in char:
            chars.append(piece)
            offsets.append(start + origin)
    return "".join(chars), offsets


def _code_point(digits: str, base: int) -> str:
    value = int(digits, base)
    return chr(value) if value <= 0x10FFFF else "\ufffd"
