"""Glob patterns of ``.gitignore``, ``exclude``, ``per-file-ignores`` and
``.dockerignore``, matched in time linear in the path for each pattern.

A glob translated to a regular expression backtracks: ``*a*a*a…b`` against a
long name, or ``**/**/…/zz`` against a deep path, never finishes, in Python's
``re`` as in pathspec (which compiles to ``re`` too; both were tried on these
patterns, pathspec 1.1 again for git's ignore files: ``*a`` twelve times and ``b``
took 1.4 s against 30 ``a``s and did not end against 40). So a pattern is read into tokens and matched by simulating the
automaton they form: the set of token positions reachable after each character
(at most two per token), O(path length × pattern length) whatever the input.
Patterns with at most one wildcard run (``*.pyc``, ``/build``, ``**/testdata/``)
cannot backtrack badly and keep the faster compiled regular expression.

Two flavours: gitignore (``!`` or ``^`` negates a class) and Docker's
(Go ``filepath.Match`` plus ``**``: ``**`` inside a name stands for any number
of whole folders, and only ``^`` negates a class).
"""

from __future__ import annotations

import re

# token kinds
_LITERAL, _ONE, _CLASS, _STAR, _ANY, _FOLDERS = range(6)
#: kinds that match a run of characters, possibly empty
_RUNS = frozenset({_STAR, _ANY, _FOLDERS})


class Glob:
    """A compiled glob: ``match(text)`` tells whether it matches the whole ``text``.
    ``regex`` is set when the pattern cannot backtrack badly."""

    __slots__ = ("tokens", "regex")

    def __init__(self, tokens: tuple[tuple[int, object], ...], regex: re.Pattern[str] | None) -> None:
        self.tokens = tokens
        self.regex = regex

    def match(self, text: str) -> bool:
        if self.regex is not None:
            return self.regex.match(text) is not None
        return _simulate(self.tokens, text)


def compile_glob(glob: str, *, docker: bool = False, any_folder: bool = False) -> Glob:
    """The :class:`Glob` of the pattern body ``glob`` (``/`` separated); with
    ``any_folder`` it may also match below any folder (a gitignore pattern without
    a slash)."""
    tokens = ([(_FOLDERS, None)] if any_folder else []) + _tokens(glob, docker)
    runs = sum(kind in _RUNS for kind, _ in tokens)
    regex = re.compile("^" + "".join(_regex(token) for token in tokens) + "$", re.DOTALL) if runs <= 2 and (runs < 2 or tokens[0][0] == _FOLDERS) else None
    return Glob(tuple(tokens), regex)


def _tokens(glob: str, docker: bool) -> list[tuple[int, object]]:
    """The tokens of ``glob``: literals, ``?``, classes, ``*`` (within a name), ``**``
    (anything) and ``**/`` (no folder or any folders)."""
    tokens: list[tuple[int, object]] = []
    i, n = 0, len(glob)
    while i < n:
        char = glob[i]
        if glob.startswith("**/", i):
            tokens.append((_FOLDERS, None))
            i += 3
        elif glob.startswith("/**", i) and i + 3 == n:
            tokens.extend(((_LITERAL, "/"), (_ANY, None)))
            i += 3
        elif docker and glob.startswith("**", i) and i + 2 < n:
            tokens.append((_FOLDERS, None))
            i += 2
        elif glob.startswith("**", i):
            tokens.append((_ANY, None))
            i += 2
        elif char == "*":
            tokens.append((_STAR, None))
            i += 1
        elif char == "?":
            tokens.append((_ONE, None))
            i += 1
        elif char == "[" and (cls := _char_class(glob, i, docker)) is not None:
            tokens.append((_CLASS, re.compile(cls[0])))
            i = cls[1]
        elif char == "\\" and i + 1 < n:
            tokens.append((_LITERAL, glob[i + 1]))
            i += 2
        else:
            tokens.append((_LITERAL, char))
            i += 1
    return tokens


def _regex(token: tuple[int, object]) -> str:
    kind, value = token
    if kind == _LITERAL:
        return re.escape(value)  # type: ignore[arg-type]
    if kind == _CLASS:
        return value.pattern  # type: ignore[union-attr]
    return {_ONE: "[^/]", _STAR: "[^/]*", _ANY: ".*", _FOLDERS: "(?:.*/)?"}[kind]


def _simulate(tokens: tuple[tuple[int, object], ...], text: str) -> bool:
    """Whether ``tokens`` match all of ``text``. A state is a token index, or
    ``-1 - index`` for a ``**/`` token that has read characters but not yet the
    ``/`` that ends its folders; index ``len(tokens)`` accepts."""
    end = len(tokens)
    states = _closure({0}, tokens)
    for char in text:
        following: set[int] = set()
        for state in states:
            if state < 0:  # inside the folders of a **/ token
                index = -1 - state
                following.add(state)
                if char == "/":
                    following.add(index + 1)
                continue
            if state == end:
                continue
            kind, value = tokens[state]
            if kind == _LITERAL:
                if char == value:
                    following.add(state + 1)
            elif kind == _ONE:
                if char != "/":
                    following.add(state + 1)
            elif kind == _CLASS:
                if value.fullmatch(char):  # type: ignore[union-attr]
                    following.add(state + 1)
            elif kind == _STAR:
                if char != "/":
                    following.add(state)
            elif kind == _ANY:
                following.add(state)
            else:  # _FOLDERS: this character starts its folders
                following.add(-1 - state)
                if char == "/":
                    following.add(state + 1)
        if not following:
            return False
        states = _closure(following, tokens)
    return end in states


def _closure(states: set[int], tokens: tuple[tuple[int, object], ...]) -> set[int]:
    """``states`` and every state reachable from them without reading a character
    (a run token may match nothing)."""
    result = set(states)
    todo = [state for state in states if state >= 0]
    while todo:
        state = todo.pop()
        if state < len(tokens) and tokens[state][0] in _RUNS and state + 1 not in result:
            result.add(state + 1)
            todo.append(state + 1)
    return result


def _char_class(glob: str, start: int, docker: bool = False) -> tuple[str, int] | None:
    """Regex for the ``[...]`` class at ``start`` and the index after it; None
    when it is not a valid class (the ``[`` is then literal)."""
    negators = "^" if docker else "!^"
    j = start + 1
    if j < len(glob) and glob[j] in negators:
        j += 1
    if j < len(glob) and glob[j] == "]":  # a leading ] is a member
        j += 1
    end = glob.find("]", j)
    if end == -1:
        return None
    body = glob[start + 1 : end]
    negate = body[:1] != "" and body[:1] in negators
    if negate:
        body = body[1:]
    regex = "[" + ("^" if negate else "") + _class_members(body) + "]"
    try:
        re.compile(regex)
    except re.error:
        return None
    return regex, end + 1


def _class_members(body: str) -> str:
    """The members of a glob class as regex class members: ranges ``a-z`` kept,
    every character that is special inside a regex class (``-``, ``&``, ``~``,
    ``|`` doubled read as set operations in future Pythons) escaped."""
    out = []
    index = 0
    while index < len(body):
        if index + 2 < len(body) and body[index + 1] == "-":
            out.append(_class_char(body[index]) + "-" + _class_char(body[index + 2]))
            index += 3
        else:
            out.append(_class_char(body[index]))
            index += 1
    return "".join(out)


def _class_char(char: str) -> str:
    return "\\" + char if char in "\\^[]-&~|" else char
