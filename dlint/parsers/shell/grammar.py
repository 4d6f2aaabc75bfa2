"""The tree-sitter bash parser (created once, on first use)."""

from __future__ import annotations

import re
from functools import cache

from tree_sitter import Language, Parser, Tree

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@cache
def _parser() -> Parser:
    import tree_sitter_bash

    return Parser(Language(tree_sitter_bash.language()))


def parse(text: str) -> Tree:
    """Parse ``text``. Byte offsets of the tree are character offsets of ``text``.

    tree-sitter-bash only ever sees ASCII: every other character is replaced
    with ``a`` first. Bash reads such characters as word characters (as it
    reads ``a``), offsets need no UTF-8 conversion, and some code points
    (U+2D01D, U+9D08D, U+FB802 after ``{``) crash tree-sitter-bash 0.25.
    Callers take word texts from ``text`` itself, never from the tree.
    """
    if not text.isascii():
        text = _NON_ASCII.sub("a", text)
    return _parser().parse(text.encode())
