"""Making file content safe to print to a terminal.

Text from the linted files (image names, package names, excerpts) reaches
human-facing output. Control characters in it could move the cursor, erase
lines (hiding a finding), set the window title or reorder text (bidi
overrides), so :func:`printable` shows each as a visible escape instead.
Machine formats (JSON, SARIF, Checkstyle, GitLab) keep their own escaping.
"""

from __future__ import annotations

import re

#: C0 controls but tab, DEL, C1 controls, and the Unicode bidi embeddings,
#: overrides and isolates (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C)
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_KEEP_NEWLINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control and bidi-override character written as ``\\xNN``/``\\uNNNN``
    (tab kept; line feeds kept too with ``keep_newlines``)."""
    pattern = _UNSAFE_KEEP_NEWLINES if keep_newlines else _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape, text)
