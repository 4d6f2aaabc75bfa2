"""Compose variable interpolation: ``$VAR``, ``${VAR}``, ``${VAR:-default}`` and friends.

:func:`interpolate` computes a value from known variables only (the ``.env``
file and an explicit env file, never the shell). A variable that is not known
and has no fallback leaves the value unresolved (``value is None``) instead of
being guessed; defaults apply as if the unknown variable were unset.

Work is bounded: defaults nest at most :data:`MAX_NESTING` deep and a value
grows to at most :data:`MAX_LENGTH` characters; past either the value is
unknown and one error says why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPERATORS = (":-", ":?", ":+", "-", "?", "+")
#: ``${A:-${B:-…}}`` nested deeper than this is not expanded (the value is unknown)
MAX_NESTING = 32
#: an interpolated value longer than this is unknown (a variable used thousands of times)
MAX_LENGTH = 1024 * 1024


@dataclass
class Interpolated:
    """The outcome of interpolating one string."""

    value: str | None  # None when an unknown variable without fallback decides it
    variables: list[str] = field(default_factory=list)  # every name referenced, in order
    unresolved: list[str] = field(default_factory=list)  # names referenced but not known
    errors: list[tuple[str, int, int]] = field(default_factory=list)  # (message, start, end) offsets
    required_missing: list[str] = field(default_factory=list)  # ${X:?msg} with X known to be unset/empty


def interpolate(text: str, env: Mapping[str, str]) -> Interpolated:
    """Interpolate ``text`` with ``env``; malformed expressions are reported in ``errors``."""
    result = Interpolated(value=None)
    value = _expand(text, 0, len(text), env, result, 0)
    if value is not None and len(value) > MAX_LENGTH:
        result.errors.append((f"the interpolated value is longer than {MAX_LENGTH:,} characters; dlint treats it as unknown", 0, len(text)))
        value = None
    result.value = value
    return result


def _expand(text: str, start: int, stop: int, env: Mapping[str, str], result: Interpolated, depth: int) -> str | None:
    """Expand ``text[start:stop]``, found ``depth`` defaults deep; None when the
    outcome depends on an unknown variable (or is past a limit)."""
    out: list[str] = []
    unknown = False
    size = 0
    i = start
    while i < stop:
        if size > MAX_LENGTH:  # the caller reports it; stop making it longer
            return "".join(out)
        dollar = text.find("$", i, stop)
        if dollar == -1:
            out.append(text[i:stop])
            break
        out.append(text[i:dollar])
        nxt = dollar + 1
        if nxt < stop and text[nxt] == "$":
            out.append("$")
            i = nxt + 1
            continue
        if nxt < stop and text[nxt] == "{":
            close = _matching_brace(text, nxt + 1, stop)
            if close == -1:
                result.errors.append(("'${' is not closed with '}'", dollar, stop))
                return None
            if depth >= MAX_NESTING:
                result.errors.append((f"interpolation nested more than {MAX_NESTING} levels deep; dlint treats the value as unknown", dollar, close + 1))
                return None
            piece = _braced(text, nxt + 1, close, env, result, dollar, depth + 1)
            i = close + 1
        else:
            match = _NAME.match(text, nxt, stop)
            if match is None:
                result.errors.append(("'$' must be followed by a variable name or '{' (write '$$' for a literal '$')", dollar, nxt))
                i = nxt
                unknown = True
                continue
            name = match.group()
            piece = _lookup(name, env, result)
            i = match.end()
        if piece is None:
            unknown = True
        else:
            out.append(piece)
            size += len(piece)
    return None if unknown else "".join(out)


def _matching_brace(text: str, start: int, stop: int) -> int:
    """Offset of the ``}`` closing a ``${`` whose body starts at ``start`` (nesting aware)."""
    depth = 1
    i = start
    while i < stop:
        char = text[i]
        if char == "$" and i + 1 < stop and text[i + 1] == "{":
            depth += 1
            i += 2
            continue
        if char == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _lookup(name: str, env: Mapping[str, str], result: Interpolated) -> str | None:
    result.variables.append(name)
    value = env.get(name)
    if value is None:
        result.unresolved.append(name)
    return value


def _braced(text: str, start: int, stop: int, env: Mapping[str, str], result: Interpolated, dollar: int, depth: int) -> str | None:
    """Expand the body of ``${…}`` found between ``start`` and ``stop``."""
    match = _NAME.match(text, start, stop)
    if match is None:
        what = "an empty '${}'" if start == stop else f"'{text[start:stop]}' is not a variable name"
        result.errors.append((f"invalid interpolation: {what}", dollar, stop + 1))
        return None
    name = match.group()
    rest = match.end()
    if rest == stop:
        return _lookup(name, env, result)
    operator = next((op for op in _OPERATORS if text.startswith(op, rest, stop)), None)
    if operator is None:
        result.errors.append(
            (f"invalid interpolation '${{{text[start:stop]}}}': expected '}}' or one of :- - :? ? :+ + after {name}", dollar, stop + 1)
        )
        return None
    result.variables.append(name)
    known = name in env
    current = env.get(name)
    argument_start = rest + len(operator)
    if not known:
        result.unresolved.append(name)
    if operator in (":-", "-"):
        use_default = not known or (operator == ":-" and current == "")
        if not use_default:
            return current
        return _expand(text, argument_start, stop, env, result, depth)
    if operator in (":?", "?"):
        missing = not known or (operator == ":?" and current == "")
        if missing:
            if known:
                result.required_missing.append(name)
            return None
        return current
    # ":+" and "+": the alternative when set (and non-empty for ":+")
    if not known:
        return None
    if operator == ":+" and current == "":
        return ""
    return _expand(text, argument_start, stop, env, result, depth)
