"""Variable substitution as Docker does it in instruction words.

A scope maps names to values; ``None`` means "declared but the value is not
known" (a build argument without default, a platform argument). A name that is
not in the scope at all expands to the empty string, as Docker does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

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


def substitute(text: str, scope: Mapping[str, str | None], escape: str = "\\") -> tuple[str, bool]:
    """Expand ``$V``, ``${V}``, ``${V:-x}``, ``${V-x}``, ``${V:+x}``, ``${V+x}``
    in ``text`` and remove quotes and escapes as Docker does for one word.

    Returns (value, resolved). ``resolved`` is False when a variable whose
    value is unknown (``None`` in ``scope``) decided part of the result; such
    parts expand to "" — the caller should not trust ``value`` then.
    Single-quoted text and escaped ``$`` (``\\$``, or ``` `$ ``` with a
    backtick escape) are not expanded.
    """
    plain = '"' not in text and "'" not in text and escape not in text
    if plain:
        if "$" not in text:
            return text, True
        found = _simple_variables(text, scope)
        if found is not None:
            return found
    expander = _Expander(text, scope, escape)
    value = expander.run(0, len(text), top=True)
    return value, expander.resolved


#: ``$NAME`` or ``${NAME}``
SIMPLE_VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")


def _simple_variables(text: str, scope: Mapping[str, str | None]) -> tuple[str, bool] | None:
    """:func:`substitute` of a text without quotes or escapes whose every ``$``
    starts ``$NAME`` or ``${NAME}``; None for any other text (modifiers such
    as ``${V:-x}``, a lone ``$``): the full expander reads those."""
    matches = list(SIMPLE_VARIABLE.finditer(text))
    if len(matches) != text.count("$"):
        return None
    out: list[str] = []
    resolved = True
    last = 0
    for match in matches:
        value = scope.get(match.group(1) or match.group(2), "")
        if value is None:
            resolved = False
            value = ""
        out.append(text[last : match.start()])
        out.append(value)
        last = match.end()
    out.append(text[last:])
    return "".join(out), resolved


@lru_cache(maxsize=4)
def _plain_runs(escape: str, top: bool | None) -> re.Pattern[str]:
    """Runs of characters that :meth:`_Expander.run` copies as they are: at the
    top level (quotes are special), inside ``${V:-…}`` words (they are not),
    inside double quotes (``top`` None: the closing quote is special)."""
    special = re.escape(escape) + {True: "$'\"", False: "$", None: '$"'}[top]
    return re.compile(f"[^{special}]+")


class _Expander:
    __slots__ = ("text", "scope", "escape", "resolved")

    def __init__(self, text: str, scope: Mapping[str, str | None], escape: str) -> None:
        self.text = text
        self.scope = scope
        self.escape = escape
        self.resolved = True

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
            inner = text[index + 2 : close]
            match = NAME.match(inner)
            if match is None:
                self.resolved = False
                return "", close + 1
            name = match.group()
            rest = index + 2 + match.end()
            operator = text[rest:close]
            defined, value = self.lookup(name)
            if not operator:
                return self._value(value), close + 1
            for op in (":-", ":+", ":?", "-", "+", "?"):
                if operator.startswith(op):
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
        return value

    def _modifier(self, op: str, defined: bool, value: str | None, word_start: int, close: int) -> str:
        if value is None:
            self.resolved = False
            return ""
        use_colon = op.startswith(":")
        present = defined and (value != "" or not use_colon)
        kind = op[-1]
        if kind == "-":
            return value if present else self.run(word_start, close, top=False)
        if kind == "+":
            return self.run(word_start, close, top=False) if present else ""
        if not present:  # ${V?message}: the build fails
            self.resolved = False
        return value

    def _closing_brace(self, index: int, end: int) -> int:
        text = self.text
        close = text.find("}", index, end)
        if close != -1 and text.find("{", index, close) == -1 and text.find(self.escape, index, close) == -1:
            return close  # nothing nested or escaped before the first "}"
        depth = 1
        while index < end:
            char = text[index]
            if char == self.escape:
                index += 2
                continue
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    return index
            index += 1
        return -1
