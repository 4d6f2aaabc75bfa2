"""Variable substitution as Docker does it in instruction words.

A scope maps names to values; ``None`` means "declared but the value is not
known" (a build argument without default, a platform argument). A name that is
not in the scope at all expands to the empty string, as Docker does.

Expansion is bounded (:data:`MAX_EXPANSION`, :data:`MAX_NESTING`): past a
limit :func:`expand` raises :class:`ExpansionLimit` (the parser reports it)
and :func:`substitute` gives an unknown value, so rules say nothing about it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from dlint.regex import regex

NAME = regex(r"[A-Za-z_][A-Za-z0-9_]*")

#: One word's expansion may add at most this many characters to the word as
#: written (the values of the variables it reads); past it the value is unknown.
#: Real values are far shorter; ARGs that each double the previous one would
#: otherwise reach terabytes within 40 lines.
MAX_EXPANSION = 65_536
#: ``${V:-word}`` defaults and ``${V:+word}`` alternatives inside one another are
#: expanded this many levels deep; deeper, the value is unknown (this bounds the
#: expander's recursion).
MAX_NESTING = 32
#: The parser's own expansions of one file (ARG and ENV values, FROM images,
#: ``COPY --from``) add at most this many characters in all; past it their
#: values are unknown. It bounds what the file's scopes hold.
MAX_FILE_EXPANSION = 1_048_576
#: A scope (the global ARGs, or a stage's ARGs and ENVs) holds at most this many
#: names, and the parser's copies of scopes (one per ARG or ENV instruction) at
#: most :data:`MAX_SCOPE_ENTRIES` entries in all; past either, every variable of
#: the instructions that follow is unknown (:class:`UnknownScope`).
MAX_VARIABLES = 1_000
MAX_SCOPE_ENTRIES = 1_000_000


class ExpansionLimit(Exception):
    """An expansion went past a limit; ``str()`` says which, in a syntax issue's words."""


class ExpansionTooLong(ExpansionLimit):
    """The values an expansion read add more characters than its limit."""


#: Arguments BuildKit defines for every build; known to exist, values unknown.
PLATFORM_ARGS = (
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
)


class UnknownScope(dict):
    """A scope in which every name is declared and its value unknown: what the
    parser gives the instructions after a scope limit (rules stay silent)."""

    __slots__ = ()

    def __contains__(self, name: object) -> bool:
        return True

    def __missing__(self, name: str) -> None:
        return None

    def get(self, name: str, default: object = None) -> None:  # type: ignore[override]
        return None


#: the scope of every instruction after a scope limit
UNKNOWN_SCOPE = UnknownScope()


def substitute(text: str, scope: Mapping[str, str | None], escape: str = "\\") -> tuple[str, bool]:
    """:func:`expand` with an unknown value (``("", False)``) past a limit."""
    try:
        return expand(text, scope, escape)
    except ExpansionLimit:
        return "", False


def expand(
    text: str, scope: Mapping[str, str | None], escape: str = "\\", limit: int = MAX_EXPANSION
) -> tuple[str, bool]:
    """Expand ``$V``, ``${V}``, ``${V:-x}``, ``${V-x}``, ``${V:+x}``, ``${V+x}``
    in ``text`` and remove quotes and escapes as Docker does for one word.

    Returns (value, resolved). ``resolved`` is False when a variable whose
    value is unknown (``None`` in ``scope``) decided part of the result; such
    parts expand to "" — the caller should not trust ``value`` then.
    Single-quoted text and escaped ``$`` (``\\$``, or ``` `$ ``` with a
    backtick escape) are not expanded. Raises :class:`ExpansionLimit` when the
    values read add more than ``limit`` characters, or defaults nest deeper
    than :data:`MAX_NESTING`.
    """
    plain = '"' not in text and "'" not in text and escape not in text
    if plain:
        if "$" not in text:
            return text, True
        found = _simple_variables(text, scope, limit)
        if found is not None:
            return found
    expander = _Expander(text, scope, escape, limit)
    value = expander.run(0, len(text), top=True)
    return value, expander.resolved


#: ``$NAME`` or ``${NAME}``
SIMPLE_VARIABLE = regex(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")


def _simple_variables(text: str, scope: Mapping[str, str | None], limit: int) -> tuple[str, bool] | None:
    """:func:`expand` of a text without quotes or escapes whose every ``$``
    starts ``$NAME`` or ``${NAME}``; None for any other text (modifiers such
    as ``${V:-x}``, a lone ``$``): the full expander reads those."""
    matches = list(SIMPLE_VARIABLE.finditer(text))
    if len(matches) != text.count("$"):
        return None
    out: list[str] = []
    resolved = True
    last = 0
    added = 0
    for match in matches:
        value = scope.get(match.group(1) or match.group(2), "")
        if value is None:
            resolved = False
            value = ""
        added += len(value)
        out.append(text[last : match.start()])
        out.append(value)
        last = match.end()
    if added > limit:
        raise _too_long(limit)
    out.append(text[last:])
    return "".join(out), resolved


def _too_long(limit: int) -> ExpansionTooLong:
    return ExpansionTooLong(f"variable expansion adds more than {limit:,} characters; the value is treated as unknown")


@lru_cache(maxsize=4)
def _plain_runs(escape: str, top: bool | None) -> re.Pattern[str]:
    """Runs of characters that :meth:`_Expander.run` copies as they are: at the
    top level (quotes are special), inside ``${V:-…}`` words (they are not),
    inside double quotes (``top`` None: the closing quote is special)."""
    special = re.escape(escape) + {True: "$'\"", False: "$", None: '$"'}[top]
    return re.compile(f"[^{special}]+")


class _Expander:
    __slots__ = ("text", "scope", "escape", "resolved", "room", "limit", "depth", "closes")

    def __init__(self, text: str, scope: Mapping[str, str | None], escape: str, limit: int = MAX_EXPANSION) -> None:
        self.text = text
        self.scope = scope
        self.escape = escape
        self.resolved = True
        self.limit = limit
        self.room = limit  # characters the values read may still add
        self.depth = 0  # ``${V:-…}`` words being expanded inside one another
        self.closes: dict[int, int] | None = None  # see _match_braces

    def run(self, index: int, end: int, top: bool) -> str:
        text = self.text
        escape = self.escape
        plain = _plain_runs(escape, top).match
        out: list[str] = []
        while index < end:
            run = plain(text, index, end)
            if run is not None:  # characters with no special meaning, taken at once
                out.append(run.group())
                index = run.end()
                continue
            char = text[index]
            if char == escape:
                if index + 1 < end:
                    out.append(text[index + 1])
                index += 2
            elif char == "'" and top:
                close = text.find("'", index + 1, end)
                close = end if close == -1 else close
                out.append(text[index + 1 : close])
                index = close + 1
            elif char == '"' and top:
                index += 1
                quoted = _plain_runs(escape, None).match
                while index < end and text[index] != '"':
                    run = quoted(text, index, end)
                    if run is not None:
                        out.append(run.group())
                        index = run.end()
                        continue
                    char = text[index]
                    if char == escape and index + 1 < end and text[index + 1] in ('"', "$", escape):
                        out.append(text[index + 1])
                        index += 2
                    elif char == "$":
                        value, index = self.variable(index, end)
                        out.append(value)
                    else:
                        out.append(char)
                        index += 1
                index += 1
            else:  # "$" (plain runs took every other character)
                value, index = self.variable(index, end)
                out.append(value)
        return "".join(out)

    def lookup(self, name: str) -> tuple[bool, str | None]:
        """(defined, value): value None means unknown."""
        if name in self.scope:
            return True, self.scope[name]
        return False, ""

    def variable(self, index: int, end: int) -> tuple[str, int]:
        """Expand the variable at ``text[index] == "$"``; returns (value, next index)."""
        text = self.text
        if index + 1 < end and text[index + 1] == "{":
            close = self._closing_brace(index + 2, end)
            if close == -1:
                self.resolved = False
                return "", end
            match = NAME.match(text, index + 2, close)
            if match is None:
                self.resolved = False
                return "", close + 1
            rest = match.end()
            defined, value = self.lookup(match.group())
            if rest == close:
                return self._value(value), close + 1
            for op in (":-", ":+", ":?", "-", "+", "?"):
                if text.startswith(op, rest, close):
                    word_start = rest + len(op)
                    return self._modifier(op, defined, value, word_start, close), close + 1
            # ${V#x}, ${V%x}, ${V/x/y}: patterns are not evaluated
            self.resolved = False
            return "", close + 1
        match = NAME.match(text, index + 1, end)
        if match is None:
            return "$", index + 1
        _, value = self.lookup(match.group())
        return self._value(value), match.end()

    def _value(self, value: str | None) -> str:
        if value is None:
            self.resolved = False
            return ""
        return self._grow(value)

    def _grow(self, value: str) -> str:
        """``value``, read from the scope, within the room left (else raise)."""
        self.room -= len(value)
        if self.room < 0:
            raise _too_long(self.limit)
        return value

    def _word(self, start: int, close: int) -> str:
        """The word of ``${V:-word}`` / ``${V:+word}``, one level deeper."""
        if self.depth == MAX_NESTING:
            raise ExpansionLimit(f"variable defaults nest more than {MAX_NESTING} levels deep; the value is treated as unknown")
        self.depth += 1
        value = self.run(start, close, top=False)
        self.depth -= 1
        return value

    def _modifier(self, op: str, defined: bool, value: str | None, word_start: int, close: int) -> str:
        if value is None:
            self.resolved = False
            return ""
        use_colon = op.startswith(":")
        present = defined and (value != "" or not use_colon)
        kind = op[-1]
        if kind == "-":
            return self._grow(value) if present else self._word(word_start, close)
        if kind == "+":
            return self._word(word_start, close) if present else ""
        if not present:  # ${V?message}: the build fails
            self.resolved = False
        return self._grow(value)

    def _closing_brace(self, index: int, end: int) -> int:
        """The ``}`` that closes the ``{`` before ``index``, before ``end``; -1 if none."""
        text = self.text
        close = text.find("}", index, end)
        if close != -1 and text.find("{", index, close) == -1 and text.find(self.escape, index, close) == -1:
            return close  # nothing nested or escaped before the first "}"
        closes = self.closes
        if closes is None or index not in closes:
            closes = self._match_braces(index, end)
        close = closes[index]
        return close if close < end else -1

    def _match_braces(self, index: int, end: int) -> dict[int, int]:
        """Match the braces of ``text[index:end]`` (the ``{`` before ``index`` open):
        for the position after each ``{``, its ``}`` (-1 if none). One pass, so that
        defaults nested in defaults are not scanned again at each level."""
        closes = self.closes if self.closes is not None else {}
        self.closes = closes
        open_after = [index]
        for match in _braces(self.escape).finditer(self.text, index, end):
            char = match.group()
            if char == "{":
                open_after.append(match.end())
            elif char == "}":
                closes[open_after.pop()] = match.start()
                if not open_after:
                    return closes
        for position in open_after:
            closes[position] = -1
        return closes


@lru_cache(maxsize=4)
def _braces(escape: str) -> re.Pattern[str]:
    """Braces, and the escape character with what it escapes (skipped)."""
    return re.compile(re.escape(escape) + r"[\s\S]?|[{}]")
