"""Compose variable interpolation as Compose v2 (compose-go's ``template``) reads it.

:func:`interpolate` computes a value from known variables only (the ``.env``
file and an explicit env file, never the shell). A variable that is not known
and has no fallback leaves the value unresolved (``value is None``) instead of
being guessed; defaults apply as if the unknown variable were unset.

What Compose v2 accepts:

* ``$$`` is a literal ``$``; a ``$`` followed by neither ``{``, ``$`` nor the
  start of a name stays as it is (``$(date)``, ``$1``, ``$ ``, a regex ending
  in ``$``);
* names are ``[_a-z][_a-z0-9]*`` without regard to case (as Go's ``(?i)``
  reads it, which also lets U+017F and U+212A in), looked up as written;
* ``$NAME``, ``${NAME}``, and ``${NAME`` followed by one of ``:-`` ``-``
  ``:+`` ``+`` ``:?`` ``?`` then an argument and ``}``. The argument is
  interpolated only when it is used (a default when the variable is unset…),
  so what is wrong inside an unused one is not an error;
* an argument reaches to the last ``}`` of its line, cut back to the first
  ``}`` that balances the braces before it, counted as compose-go counts them:
  the character after a ``{`` is not looked at, so in ``{}`` the ``}`` does
  not count;
* anything else after ``${`` is an invalid template, and Compose refuses the
  file: ``${}``, ``${1}``, ``${ A}``, ``${A B}``, ``${A:=x}``, a ``${`` whose
  ``}`` is missing (or on another line, for an argument).

A required variable without a value (``${A:?message}``) is unknown here, not
an error: the shell's environment, which dlint does not read, may set it and
takes precedence over ``.env``.

Work is linear in the text: each line is searched for its newline and its
last ``}`` once. Arguments nest at most :data:`MAX_NESTING` deep and a value
grows to at most :data:`MAX_LENGTH` characters; past either the value is
unknown and one error says why.
"""

from __future__ import annotations

from collections.abc import Mapping

from dlint.models.base import Model, field
from dlint.regex import regex

#: a name as compose-go matches it: ``(?i)[_a-z][_a-z0-9]*`` (case folding adds ſ and the Kelvin sign)
_NAME = regex("[A-Za-z_\u017f\u212a][A-Za-z0-9_\u017f\u212a]*")
_BRACE = regex("[{}]")
#: ``${A:-`` … nested deeper than this is not expanded (the value is unknown)
MAX_NESTING = 32
#: an interpolated value longer than this is unknown (a variable used thousands of times)
MAX_LENGTH = 1024 * 1024
_OPERATORS = ":- - :+ + :? ?"
_NAME_RULE = "a variable name (a letter or _, then letters, digits or _) must follow '${'"


class Interpolated(Model):
    """The outcome of interpolating one string."""

    value: str | None  # None when an unknown variable without fallback decides it, or on an error
    variables: list[str] = field(default_factory=list)  # every name looked up, in order
    unresolved: list[str] = field(default_factory=list)  # names looked up but not known
    errors: list[tuple[str, int, int]] = field(default_factory=list)  # (message, start, end) offsets
    #: (start, end) of each ``$$`` and of each expression Compose fills in, outside
    #: other expressions, in order (a ``$`` that starts none stays text)
    pieces: list[tuple[int, int]] = field(default_factory=list)


def interpolate(text: str, env: Mapping[str, str]) -> Interpolated:
    """Interpolate ``text`` with ``env``; malformed expressions are reported in ``errors``."""
    result = Interpolated(value=None)
    value = _Scanner(text, env, result).expand(0, len(text), 0)
    if value is not None and len(value) > MAX_LENGTH:
        result.errors.append((f"the interpolated value is longer than {MAX_LENGTH:,} characters; dlint treats it as unknown", 0, len(text)))
    result.value = None if result.errors else value
    return result


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


class _Line:
    """Where the line holding a position ends (within a segment), with its braces
    found once: searches only move forward, so each line is read a bounded number of times."""

    __slots__ = ("text", "stop", "end", "last", "last_from", "next", "next_from")

    def __init__(self, text: str, stop: int) -> None:
        self.text = text
        self.stop = stop
        self.end = -1  # end of the current line (exclusive); -1: none yet
        self.last = -2  # last '}' of the line at or after last_from; -2: not searched
        self.last_from = 0
        self.next = -2  # first '}' of the line at or after next_from; -2: not searched
        self.next_from = 0

    def at(self, position: int) -> int:
        """The end of the line holding ``position`` (a ``$``, never a newline)."""
        if position >= self.end:
            newline = self.text.find("\n", position, self.stop)
            self.end = self.stop if newline == -1 else newline
            self.last = self.next = -2
        return self.end

    def last_brace(self, position: int) -> int:
        """The last ``}`` of the line at or after ``position`` (-1: none)."""
        end = self.at(position)
        if self.last == -2:
            self.last = self.text.rfind("}", position, end)
        return self.last if self.last >= position else -1

    def next_brace(self, position: int) -> int:
        """The first ``}`` of the line at or after ``position`` (-1: none)."""
        end = self.at(position)
        if self.next == -2 or (self.next != -1 and self.next < position):
            self.next = self.text.find("}", position, end)
        return self.next


class _Scanner:
    def __init__(self, text: str, env: Mapping[str, str], result: Interpolated) -> None:
        self.text = text
        self.env = env
        self.result = result

    def expand(self, start: int, stop: int, depth: int) -> str | None:
        """Expand ``text[start:stop]``, found ``depth`` arguments deep; None when the
        outcome depends on an unknown variable (or is malformed, or past a limit)."""
        text = self.text
        out: list[str] = []
        size = 0
        unknown = False
        line = _Line(text, stop)
        i = start
        while i < stop:
            if size > MAX_LENGTH:  # the caller reports it; stop making it longer
                return "".join(out)
            dollar = text.find("$", i, stop)
            if dollar == -1:
                out.append(text[i:stop])
                break
            if dollar > i:
                out.append(text[i:dollar])
                size += dollar - i
            after = text[dollar + 1] if dollar + 1 < stop else ""
            if after == "$":
                out.append("$")
                size += 1
                i = dollar + 2
                if depth == 0:
                    self.result.pieces.append((dollar, i))
                continue
            if after == "{":
                piece, i = self.braced(dollar, stop, depth, line)
            else:
                match = _NAME.match(text, dollar + 1, stop)
                if match is None:  # not an expression: the $ stays
                    out.append("$")
                    size += 1
                    i = dollar + 1
                    continue
                piece = self.lookup(match.group())
                i = match.end()
            if depth == 0:
                self.result.pieces.append((dollar, i))
            if piece is None:
                unknown = True
            else:
                out.append(piece)
                size += len(piece)
        return None if unknown else "".join(out)

    def lookup(self, name: str) -> str | None:
        self.result.variables.append(name)
        value = self.env.get(name)
        if value is None:
            self.result.unresolved.append(name)
        return value

    def error(self, message: str, start: int, end: int) -> tuple[None, int]:
        self.result.errors.append((message, start, end))
        return None, end

    def malformed(self, dollar: int, line: _Line, reason: str) -> tuple[None, int]:
        """An invalid ``${…}``, shown and located up to the first ``}`` of its line."""
        close = line.next_brace(dollar + 2)
        end = line.at(dollar) if close == -1 else close + 1
        if close == -1:
            return self.error(f"'{_shown(self.text[dollar:end])}' is not closed with '}}'", dollar, end)
        return self.error(f"invalid interpolation '{_shown(self.text[dollar:end])}': {reason}", dollar, end)

    def braced(self, dollar: int, stop: int, depth: int, line: _Line) -> tuple[str | None, int]:
        """The value of the ``${…}`` at ``dollar`` and the offset just past it."""
        text = self.text
        match = _NAME.match(text, dollar + 2, stop)
        if match is None:
            if text.startswith("}", dollar + 2, stop):
                return self.error("invalid interpolation '${}': no variable name", dollar, dollar + 3)
            return self.malformed(dollar, line, _NAME_RULE)
        name = match.group()
        rest = match.end()
        following = text[rest] if rest < stop else ""
        if following == "}":
            if depth >= MAX_NESTING:
                return self.error(f"interpolation nested more than {MAX_NESTING} levels deep; dlint treats the value as unknown", dollar, rest + 1)
            return self.lookup(name), rest + 1
        if following == ":" and rest + 1 < stop and text[rest + 1] in "-+?":
            operator = text[rest : rest + 2]
        elif following in ("-", "+", "?"):
            operator = following
        else:
            return self.malformed(dollar, line, f"after {_shown(name)} only '}}' or one of {_OPERATORS} may follow")
        argument = rest + len(operator)
        last = line.last_brace(argument)
        if last == -1:
            end = line.at(dollar)
            return self.error(f"'${{{_shown(name)}{operator}' is not closed with '}}' on its line", dollar, end)
        close = self.closing(dollar, last)
        if depth >= MAX_NESTING:
            return self.error(f"interpolation nested more than {MAX_NESTING} levels deep; dlint treats the value as unknown", dollar, close + 1)
        return self.apply(name, operator, argument, close, depth), close + 1

    def closing(self, dollar: int, last: int) -> int:
        """Where the expression at ``dollar`` ends when its line's last ``}`` is at ``last``:
        the first ``}`` balancing the braces before it, as compose-go counts them (the
        character after each ``{`` skipped), else ``last``."""
        text = self.text
        depth = 0
        position = dollar + 1
        while True:
            found = _BRACE.search(text, position, last + 1)
            if found is None:
                return last
            at = found.start()
            if text[at] == "}":
                depth -= 1
                if depth == 0:
                    return at
                position = at + 1
            else:
                depth += 1
                position = at + 2

    def apply(self, name: str, operator: str, start: int, stop: int, depth: int) -> str | None:
        """``${name<operator>argument}`` with the argument ``text[start:stop]``, interpolated only if used."""
        current = self.lookup(name)
        known = current is not None
        if operator in (":-", "-"):
            if known and (operator == "-" or current != ""):
                return current
            return self.expand(start, stop, depth + 1)  # unset (or unknown, taken as unset), or empty for :-
        if operator in (":+", "+"):
            if not known:
                return None  # set or not is up to the shell
            if operator == "+" or current != "":
                return self.expand(start, stop, depth + 1)
            return ""
        # ":?" and "?": without a value Compose stops with the message, unless the shell sets it
        if known and (operator == "?" or current != ""):
            return current
        return None
