"""The tree-sitter bash parser (created once, on first use) and byte offsets."""

from __future__ import annotations

from functools import cache

from tree_sitter import Language, Parser, Tree


@cache
def _parser() -> Parser:
    import tree_sitter_bash

    return Parser(Language(tree_sitter_bash.language()))


def parse(text: str) -> tuple[Tree, list[int] | None]:
    """Parse ``text``; also return a byte-offset → character-offset table, or
    None when the text is ASCII (byte and character offsets are equal)."""
    if text.isascii():
        return _parser().parse(text.encode()), None
    data = text.encode("utf-8", "surrogatepass")
    return _parser().parse(data), byte_to_char_table(text)


def byte_to_char_table(text: str) -> list[int]:
    """``table[b]`` is the index of the character that UTF-8 byte ``b`` belongs to
    (``table[len(bytes)] == len(text)``)."""
    table: list[int] = []
    extend = table.extend
    for index, char in enumerate(text):
        code = ord(char)
        if code < 0x80:
            table.append(index)
        else:
            extend((index,) * (2 if code < 0x800 else 3 if code < 0x10000 else 4))
    table.append(len(text))
    return table
