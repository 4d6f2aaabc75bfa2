"""Making report text safe: printable for terminals, well-formed for machines.

Text from the linted files (image names, package names, excerpts) and file
names reach the output. In human-facing output (text, GitHub workflow
commands) control characters could move the cursor, erase lines (hiding a
finding), set the window title, reorder text (bidi controls) or start a fake
line, so :func:`printable` shows each as a visible escape instead.

File names that are not UTF-8 reach Python as lone surrogates (U+DC80–U+DCFF
stand for the bytes 0x80–0xFF), which no UTF-8 text may hold: :func:`printable`
shows them as the byte (``\\xff``), :func:`well_formed` replaces them with
U+FFFD for the machine formats (JSON, SARIF, GitLab, Checkstyle), which keep
their own escaping otherwise.
"""

from __future__ import annotations

import re

from dlint.regex import regex

#: what :func:`printable` escapes, as inclusive code point ranges: C0 controls but
#: tab, DEL and C1 controls; the Arabic letter mark and the left-to-right and
#: right-to-left marks; the line and paragraph separators; the bidi embeddings,
#: overrides and isolates; surrogates (undecodable bytes of file names)
UNSAFE_RANGES = (
    (0x00, 0x08),
    (0x0A, 0x1F),
    (0x7F, 0x9F),
    (0x061C, 0x061C),
    (0x200E, 0x200F),
    (0x2028, 0x2029),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
    (0xD800, 0xDFFF),
)
#: the surrogates that Python's ``surrogateescape`` makes of the bytes 0x80–0xFF
_ESCAPED_BYTES = range(0xDC80, 0xDD00)


def _character_class(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    return regex("[" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges) + "]")


_UNSAFE = _character_class(UNSAFE_RANGES)
_UNSAFE_KEEP_NEWLINES = _character_class(((0x00, 0x08), (0x0B, 0x1F), *UNSAFE_RANGES[2:]))
_SURROGATES = _character_class(((0xD800, 0xDFFF),))


def escape_character(character: str) -> str:
    """The visible escape of one character: ``\\x1b``, ``\\u202e``; an undecodable
    byte of a file name (a ``surrogateescape`` surrogate) as the byte, ``\\xff``."""
    code = ord(character)
    if code in _ESCAPED_BYTES:
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown_as(character: str) -> str:
    """How :func:`printable` shows one character: its escape, or itself."""
    return escape_character(character) if _UNSAFE.match(character) else character


def _escape(match: re.Match[str]) -> str:
    return escape_character(match.group())


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every character of :data:`UNSAFE_RANGES` written as
    ``\\xNN``/``\\uNNNN`` (tab kept; line feeds kept too with ``keep_newlines``)."""
    pattern = _UNSAFE_KEEP_NEWLINES if keep_newlines else _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape, text)


def well_formed(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD, so that it encodes as UTF-8."""
    if text.isascii() or _SURROGATES.search(text) is None:  # (the test of ASCII is the quicker scan)
        return text
    return _SURROGATES.sub("\ufffd", text)
