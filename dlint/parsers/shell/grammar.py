"""The tree-sitter bash parser (created once, on first use)."""

from __future__ import annotations

import sys
from functools import cache
from importlib.machinery import PathFinder

from tree_sitter import Language, Parser, Tree

from dlint.regex import regex

_NON_ASCII = regex(r"[^\x00-\x7f]")

#: tree-sitter-bash reads the text again and again while it recovers from some
#: syntax errors (``))))…``, ``|!|!…``, many heredocs on a line: the time grows
#: with the square of their length). A parse that has read more than
#: ``READ_FACTOR`` times its text, plus ``READ_SLACK`` bytes, is abandoned
#: (:class:`ParseAbandoned`); a real script reads it once or twice.
READ_FACTOR = 16
READ_SLACK = 4096
#: bytes handed to tree-sitter per read (small enough that re-reading shows)
_CHUNK = 4096
#: what every read hands to tree-sitter, refilled each time: py-tree-sitter 0.26
#: keeps a reference to each object a read callback returns, so fresh bytes per
#: read would stay in memory for the rest of the run (every text parsed with a
#: budget, read once or more); tree-sitter needs a piece only until its next read
_PIECE = bytearray()


class ParseAbandoned(Exception):
    """tree-sitter-bash read the text more than its budget allows: it is not analysed."""


@cache
def _parser() -> Parser:
    return Parser(Language(_bash_language()))


@cache
def node_types() -> dict[int, str]:
    """``Node.type`` by ``Node.kind_id``, tree-sitter's two error kinds included: the
    names made once and interned (``Node.type`` makes a string at each call, which a
    set lookup then hashes)."""
    language = _parser().language
    kinds = [*range(language.node_kind_count), 0xFFFE, 0xFFFF]
    return {kind: sys.intern(language.node_kind_for_id(kind)) for kind in kinds}


def _bash_language() -> object:
    """tree-sitter-bash's language pointer, from its compiled ``_binding`` module
    loaded without the package's ``__init__``: that imports ``importlib.resources``
    (and through it ``tempfile``, ``shutil``, ``random``: ≈ 5 ms of a 55 ms cold
    run) for query files dlint never reads. The usual import when the layout differs."""
    name = "tree_sitter_bash._binding"
    module = sys.modules.get(name)
    if module is None:
        package = PathFinder.find_spec("tree_sitter_bash")
        spec = PathFinder.find_spec(name, package.submodule_search_locations) if package else None
        if spec is None or spec.loader is None:
            import tree_sitter_bash

            return tree_sitter_bash.language()
        module = spec.loader.create_module(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return module.language()


def parse(text: str, *, budget: bool = True) -> Tree:
    """Parse ``text``. Byte offsets of the tree are character offsets of ``text``.

    tree-sitter-bash only ever sees ASCII: every other character is replaced
    with ``a`` first. Bash reads such characters as word characters (as it
    reads ``a``), offsets need no UTF-8 conversion, and some code points
    (U+2D01D, U+9D08D, U+FB802 after ``{``) crash tree-sitter-bash 0.25.
    Callers take word texts from ``text`` itself, never from the tree.
    Raises :class:`ParseAbandoned` past the read budget (see :data:`READ_FACTOR`).
    ``budget=False`` (a text of at most ``READ_SLACK`` bytes only) parses without
    it: for the one parse of a file's sources, whose cost is then bounded anyway.
    Any other parse keeps it: many small texts re-read add up (an 800 KB file of
    4 KB garbage RUNs, each parsed alone without it, took 21 s).
    """
    if not text.isascii():
        text = _NON_ASCII.sub("a", text)
    data = text.encode()
    if not budget and len(data) <= READ_SLACK:
        return _parser().parse(data)
    room = READ_FACTOR * len(data) + READ_SLACK  # bytes tree-sitter may still read

    def read(offset: int, _point: tuple[int, int]) -> bytearray:
        nonlocal room
        if room < 0:  # the budget is spent: from here on the text looks ended, and the parse stops
            _PIECE.clear()
        else:
            _PIECE[:] = data[offset : offset + _CHUNK]
            room -= len(_PIECE)
        return _PIECE

    tree = _parser().parse(read)
    if room < 0:
        raise ParseAbandoned(f"tree-sitter read more than {READ_FACTOR} times the text")
    return tree
