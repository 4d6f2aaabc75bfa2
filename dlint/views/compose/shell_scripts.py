"""The shell scripts a Compose file's services run, mapped back to the file.

A script is a ``healthcheck.test`` run by ``CMD-SHELL`` (or written as a string),
or the ``-c`` argument of a shell (sh, bash, dash, ash, ksh, mksh) in ``command``,
``entrypoint`` or a ``CMD`` test; an entrypoint ``[sh, -c]`` makes the first
``command`` item the script. Its text is what the shell runs: YAML read, Compose's
``$$`` read as ``$``, and every variable Compose fills in (``$VAR``, ``${VAR:-x}``)
replaced by as many ``_`` (a literal word ShellCheck has no opinion on). Segments
map the text back to the characters as written; what YAML or Compose changed (an
escape, a folded line break, the second ``$`` of ``$$``) is in no segment.

Work is linear in the text: every pass moves forward with ``find``/regex searches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from dlint.models.base import Frozen
from dlint.regex import regex
from dlint.views.embedded_script import EditStyle, EmbeddedScript, program_dialect

Segments = tuple[tuple[int, int, int], ...]

#: what a verbatim fix may not insert, by how the scalar is written (other styles: no edits)
_FORBIDDEN = {"double": '"\\\n', "single": "'\n", "plain": "\n#:", "literal": "\n"}
#: what a fix may not insert in a word of a string command, by the quotes around it
_WORD_FORBIDDEN = {"'": "'", '"': '"\\', "": " \t'\"\\"}
_UNDECIDABLE = frozenset({"SC2154"})
#: a variable name as Compose reads it (compose-go's case-insensitive ``[_a-z][_a-z0-9]*``)
_BLANKS = regex("[ \t\n]*")
_PLAIN_WORD = regex("[^ \t\n'\"\\\\]+(?![^ \t\n])")
_PROPERTY = regex(r"[!&]\S*")
_SPECIALS = {'"': re.compile('["\\\\\n]'), "'": re.compile("['\n]"), "": re.compile("\n")}
#: where a literal run of a string command's word stops, by the quotes it is in
_RUN_STOP = {"": re.compile("[ \t\n'\"\\\\]"), "'": re.compile("'"), '"': re.compile('["\\\\]')}
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}


class _Piece(Frozen):
    """A text with its segments to the file and what a fix may not insert in it."""

    text: str
    segments: Segments
    forbidden: str | None  # None: not editable (folded, or the scalar was not understood)


def compose_scripts(compose_file: Any) -> list[tuple[str, EmbeddedScript]]:
    """``(service name, script)`` of every shell script the file's services run, in
    file order; a scalar several services share (a YAML anchor) is reported once."""
    source = compose_file.source
    found: dict[tuple[int, int], tuple[str, EmbeddedScript]] = {}
    for name, service in compose_file.services.items():
        declared = _declared(service, compose_file.path)
        for piece, scalar, dialect in _service_scripts(service, source):
            anchor = (scalar.span.start, scalar.span.end)
            if anchor in found or scalar.path not in ("", compose_file.path) or not piece.text.strip():
                continue
            found[anchor] = name, _script(piece, dialect, anchor, declared)
    return [found[anchor] for anchor in sorted(found)]


def _script(piece: _Piece, dialect: str, anchor: tuple[int, int], declared: tuple[str, ...]) -> EmbeddedScript:
    exact = piece.forbidden is not None and sum(length for _, _, length in piece.segments) == len(piece.text)
    style: EditStyle = "verbatim" if exact else None
    return EmbeddedScript(
        text=piece.text, dialect=dialect, segments=piece.segments, anchor=anchor, declared=declared,
        undecidable=_UNDECIDABLE, edit_style=style, forbidden=piece.forbidden or "\n",
    )


def _declared(service: Any, path: str) -> tuple[str, ...]:
    """The service's environment keys written in this file, and HOSTNAME (Docker sets
    it in every container)."""
    keys = {key for key, variable in service.environment.items() if variable.path in ("", path)}
    return tuple(sorted(keys | {"HOSTNAME"}))


# -- which values are scripts ---------------------------------------------------------------


def _service_scripts(service: Any, source: str) -> Iterator[tuple[_Piece, Any, str]]:
    """``(script piece, scalar holding it, dialect)`` of one service."""
    healthcheck = service.healthcheck
    if healthcheck is not None and healthcheck.test is not None:
        yield from _test_script(healthcheck.test, source)
    entrypoint = service.entrypoint
    for command in (entrypoint, service.command):
        if command is not None:
            yield from _command_script(command, source)
    yield from _entrypoint_shell_script(entrypoint, service.command, source)


def _test_script(test: Any, source: str) -> Iterator[tuple[_Piece, Any, str]]:
    items = test.items
    if test.form == "string":
        piece = _read(source, items[0])
        if piece is not None:
            yield piece, items[0], "sh"
        return
    if test.form != "list" or not items or items[0].value not in ("CMD-SHELL", "CMD"):
        return
    if items[0].value == "CMD-SHELL":
        picked = (items[1], "sh") if len(items) > 1 else None
    else:
        picked = _shell_argument(items[1:])
    if picked is not None:
        piece = _read(source, picked[0], _in_flow(source, test))
        if piece is not None:
            yield piece, picked[0], picked[1]


def _command_script(command: Any, source: str) -> Iterator[tuple[_Piece, Any, str]]:
    if command.form == "list":
        picked = _shell_argument(command.items)
        if picked is not None:
            piece = _read(source, picked[0], _in_flow(source, command))
            if piece is not None:
                yield piece, picked[0], picked[1]
        return
    if command.form != "string":
        return
    scalar = command.items[0]
    split = _words_of(source, scalar)
    if split is None:
        return
    piece, words = split
    texts = [text for text, _, _ in words]
    index = _script_index(texts)
    if index is not None and index < len(words):
        yield _word_piece(piece, words[index]), scalar, _dialect(texts[0]) or "sh"


def _entrypoint_shell_script(entrypoint: Any, command: Any, source: str) -> Iterator[tuple[_Piece, Any, str]]:
    """Command item 0 when the entrypoint is a shell whose ``-c`` ends it (``[sh, -c]``)."""
    if entrypoint is None or command is None or command.form != "list" or not command.items:
        return
    if entrypoint.form == "list":
        words: list[Any] = [item.value for item in entrypoint.items]
    elif entrypoint.form == "string":
        split = _words_of(source, entrypoint.items[0])
        words = [] if split is None else [text for text, _, _ in split[1]]
    else:
        return
    if words and _script_index(words) == len(words):
        piece = _read(source, command.items[0], _in_flow(source, command))
        if piece is not None:
            yield piece, command.items[0], _dialect(words[0]) or "sh"


def _shell_argument(items: Sequence[Any]) -> tuple[Any, str] | None:
    """The scalar a list ``[shell, options…, -c, script]`` runs, with the shell's dialect."""
    index = _script_index([item.value for item in items])
    if index is None or index >= len(items):
        return None
    return items[index], _dialect(items[0].value) or "sh"


def _dialect(program: Any) -> str | None:
    return program_dialect(program) if isinstance(program, str) else None


def _script_index(args: Sequence[Any]) -> int | None:
    """Where the script of ``shell [options] -c script …`` is in ``args``: the first
    operand after the options, ``len(args)`` when the options end the list; None when
    ``args`` is no such call (not a shell, no ``-c``, a non-string option)."""
    if not args or _dialect(args[0]) is None:
        return None
    command = False
    index = 1
    while index < len(args):
        arg = args[index]
        if not isinstance(arg, str):
            return None
        if arg in ("-", "--"):
            index += 1
            break
        if len(arg) < 2 or arg[0] not in "-+":
            break
        letters = "" if arg.startswith("--") else arg[1:]
        command = command or (arg[0] == "-" and "c" in letters)
        index += 1 + letters.count("o") + letters.count("O")  # -o/-O take an option name
    return index if command and index <= len(args) else None


def _in_flow(source: str, command: Any) -> bool:
    """A list written inline (``[sh, -c, …]``): a plain item there may not hold ``,[]{}``."""
    start = _content_start(source, command.span.start, command.span.end)
    return source.startswith("[", start)


# -- a scalar's text, as the shell gets it ----------------------------------------------------


def _read(source: str, scalar: Any, in_flow: bool = False) -> _Piece | None:
    """The text Compose passes on for a string scalar, mapped to the file; None when
    it is no string or Compose would refuse its interpolation."""
    value = scalar.value
    if not isinstance(value, str):
        return None
    style, written = _written(source, scalar.span.start, scalar.span.end, value)
    neutral = _neutralised(value)
    if neutral is None:
        return None
    text, to_value = neutral
    forbidden = _FORBIDDEN.get(style) if written is not None else None
    if forbidden is not None and style == "plain" and in_flow:
        forbidden += ",[]{}"
    return _Piece(text, _through(to_value, written or ()), forbidden)


def _written(source: str, start: int, end: int, value: str) -> tuple[str, Segments | None]:
    """How the scalar at ``start:end`` is written and the map of ``value`` to the file
    (None when reading it again does not give ``value``)."""
    at = _content_start(source, start, end)
    first = source[at : at + 1]
    if first in ('"', "'"):
        style, made = ("double" if first == '"' else "single"), _flow_text(source, at + 1, end, first)
    elif first in ("|", ">"):
        style = "literal" if first == "|" else "folded"
        return style, _block_segments(source, at, end, value, first == "|")
    else:
        style, made = "plain", _flow_text(source, at, end, "")
    if made is None or made[0] != value:
        return style, None
    return style, made[1]


def _content_start(source: str, at: int, end: int) -> int:
    """Past a node's tag and anchor (and the blanks or comments after them)."""
    while at < end:
        char = source[at]
        if char in " \t\r\n":
            at += 1
        elif char == "#":
            newline = source.find("\n", at, end)
            at = end if newline == -1 else newline
        elif char in "!&":
            at = _PROPERTY.match(source, at).end()
        else:
            break
    return at


def _flow_text(source: str, start: int, stop: int, quote: str) -> tuple[str, Segments] | None:
    """A quoted (``quote`` ``"`` or ``'``) or plain (``""``) scalar read from ``start``:
    its text and the runs of it written as they are."""
    specials = _SPECIALS[quote]
    out: list[str] = []
    segments: list[tuple[int, int, int]] = []
    size = 0
    at = start
    while at < stop:
        found = specials.search(source, at, stop)
        special = stop if found is None else found.start()
        run_end = special
        if found is not None and source[special] == "\n":  # blanks before a line break go
            while run_end > at and source[run_end - 1] in " \t":
                run_end -= 1
        if run_end > at:
            out.append(source[at:run_end])
            segments.append((size, at, run_end - at))
            size += run_end - at
        if found is None:
            break
        char = source[special]
        if char == "\n":
            at, produced = _fold(source, special, stop)
        elif char == "\\":
            escaped = _escape(source, special, stop)
            if escaped is None:
                return None
            produced, at = escaped
        elif quote == "'" and source.startswith("''", special):
            produced, at = "'", special + 2
        else:  # the closing quote
            break
        out.append(produced)
        size += len(produced)
    return "".join(out), tuple(segments)


def _fold(source: str, at: int, stop: int) -> tuple[int, str]:
    """Line breaks (and the blanks starting the lines after them) at ``at``, as YAML folds them."""
    breaks = 0
    while at < stop and source[at] == "\n":
        breaks += 1
        at += 1
        while at < stop and source[at] in " \t":
            at += 1
    return at, " " if breaks == 1 else "\n" * (breaks - 1)


def _escape(source: str, at: int, stop: int) -> tuple[str, int] | None:
    """The character a double-quoted escape at ``at`` stands for and the offset past it."""
    char = source[at + 1] if at + 1 < stop else ""
    if char == "\n":  # an escaped line break: nothing, and the next line's indentation goes
        at += 2
        while at < stop and source[at] in " \t":
            at += 1
        return "", at
    digits = _HEX_DIGITS.get(char)
    if digits is not None:
        code = source[at + 2 : at + 2 + digits]
        if len(code) != digits or not all(c in "0123456789abcdefABCDEF" for c in code):
            return None
        try:
            return chr(int(code, 16)), at + 2 + digits
        except ValueError:  # past the last code point
            return None
    produced = _ESCAPES.get(char)
    return None if produced is None else (produced, at + 2)


def _block_segments(source: str, at: int, end: int, value: str, literal: bool) -> Segments | None:
    """Segments of a block scalar whose indicator is at ``at``: a literal one line by line,
    a folded one by its lines' words (None when the lines do not give ``value``)."""
    header_end = source.find("\n", at, end)
    if header_end == -1:
        return None
    if literal:
        return _literal_segments(source, header_end + 1, value)
    return _folded_segments(source, header_end + 1, end, value)


def _literal_segments(source: str, line_start: int, value: str) -> Segments | None:
    """Each line of ``value`` at its line of the file, after the indentation."""
    segments: list[tuple[int, int, int]] = []
    lines = value.split("\n")
    position = 0
    for number, line in enumerate(lines):
        newline = number < len(lines) - 1
        line_end = source.find("\n", line_start)
        line_end = len(source) if line_end == -1 else line_end
        indentation = line_end - len(line) - line_start
        if line and (indentation < 0 or not source.startswith(line, line_end - len(line))
                     or source[line_start : line_start + indentation].strip(" ")):
            return None
        length = len(line) + (newline and line_end < len(source))
        if length:
            segments.append((position, line_end - len(line), length))
        position += len(line) + newline
        line_start = line_end + 1
    return tuple(segments)


def _folded_segments(source: str, line_start: int, end: int, value: str) -> Segments | None:
    """Each line's words (blanks at both ends left out) where they are in ``value``."""
    segments: list[tuple[int, int, int]] = []
    position = 0
    while line_start < end:
        line_end = source.find("\n", line_start, end)
        line_end = end if line_end == -1 else line_end
        line = source[line_start:line_end]
        words = line.strip(" \t")
        if words:
            while position < len(value) and value[position] in " \t\n":
                position += 1
            if not value.startswith(words, position):
                return None
            segments.append((position, line_start + len(line) - len(line.lstrip(" \t")), len(words)))
            position += len(words)
        line_start = line_end + 1
    return tuple(segments)


# -- Compose interpolation --------------------------------------------------------------------


def _neutralised(value: str) -> tuple[str, Segments] | None:
    """``value`` with ``$$`` read as ``$`` and every interpolation replaced by ``_``s,
    mapped to ``value``; None when Compose would refuse an expression."""
    from dlint.parsers.compose.interpolation import interpolate

    read = interpolate(value, {})
    if read.errors:
        return None
    out: list[str] = []
    segments: list[tuple[int, int, int]] = []
    size = at = 0
    for start, end in [*read.pieces, (len(value), len(value))]:
        if start > at:
            segments.append((size, at, start - at))
            out.append(value[at:start])
            size += start - at
        if end > start:
            produced = "$" if value.startswith("$$", start) and end == start + 2 else "_" * (end - start)
            segments.append((size, start, len(produced)))
            out.append(produced)
            size += len(produced)
        at = end
    return "".join(out), _merged(segments)


# -- the words of a string command ------------------------------------------------------------


_Word = tuple[str, Segments, frozenset[str]]  # text, segments (to the command), quotes around it
_UNQUOTED = frozenset({""})


def _words_of(source: str, scalar: Any) -> tuple[_Piece, list[_Word]] | None:
    """A string command and the words Compose splits it into."""
    piece = _read(source, scalar)
    words = None if piece is None else _split(piece.text)
    return None if words is None else (piece, words)


def _word_piece(command: _Piece, word: _Word) -> _Piece:
    """One word of a string command, mapped to the file."""
    text, segments, quotes = word
    forbidden = command.forbidden
    if forbidden is not None:
        forbidden = _unique(forbidden + "".join(_WORD_FORBIDDEN[quote] for quote in sorted(quotes)))
    return _Piece(text, _through(_merged(segments), command.segments), forbidden)


def _split(text: str) -> list[_Word] | None:
    """Words as Compose splits them (go-shellwords: blanks separate, quotes and
    backslashes as in a shell); None for an unterminated quote or a trailing backslash."""
    words: list[_Word] = []
    at = _BLANKS.match(text).end()
    while at < len(text):
        plain = _PLAIN_WORD.match(text, at)
        if plain is not None:  # the usual word: no quotes, no backslashes
            words.append((plain.group(), ((0, at, plain.end() - at),), _UNQUOTED))
            at = _BLANKS.match(text, plain.end()).end()
            continue
        word = _word(text, at)
        if word is None:
            return None
        parts, segments, quotes, at = word
        words.append(("".join(parts), tuple(segments), frozenset(quotes)))
        at = _BLANKS.match(text, at).end()
    return words


def _word(text: str, at: int) -> tuple[list[str], list[tuple[int, int, int]], set[str], int] | None:
    """The word starting at ``at``: its parts, segments (to ``text``), the quotes its
    characters stood in (``""``: none) and where it ends."""
    parts: list[str] = []
    segments: list[tuple[int, int, int]] = []
    quotes: set[str] = set()
    size = 0
    quote = ""
    while at < len(text):
        char = text[at]
        if quote == "" and char in " \t\n":
            break
        if char == quote or (quote == "" and char in "'\""):
            quote = "" if char == quote else char
            at += 1
            continue
        if char == "\\" and quote != "'":
            if at + 1 >= len(text):
                return None
            parts.append(text[at + 1])
            size += 1
            at += 2
            quotes.add(quote)
            continue
        run = _run_end(text, at, quote)
        segments.append((size, at, run - at))
        parts.append(text[at:run])
        size += run - at
        quotes.add(quote)
        at = run
    return None if quote else (parts, segments, quotes, at)


def _unique(characters: str) -> str:
    return "".join(dict.fromkeys(characters))


def _run_end(text: str, at: int, quote: str) -> int:
    """The end of the literal run at ``at`` inside ``quote`` (``""``: unquoted)."""
    found = _RUN_STOP[quote].search(text, at)
    return len(text) if found is None else found.start()


# -- segment arithmetic ------------------------------------------------------------------------


def _through(inner: Segments, outer: Segments) -> Segments:
    """The map ``a → c`` of ``inner`` (``a → b``) followed by ``outer`` (``b → c``): the
    parts of ``inner`` that ``outer`` covers."""
    result: list[tuple[int, int, int]] = []
    first = 0
    for start, middle, length in inner:
        while first < len(outer) and outer[first][0] + outer[first][2] <= middle:
            first += 1
        index = first
        while index < len(outer) and outer[index][0] < middle + length:
            outer_start, target, outer_length = outer[index]
            low, high = max(middle, outer_start), min(middle + length, outer_start + outer_length)
            if low < high:
                result.append((start + low - middle, target + low - outer_start, high - low))
            index += 1
    return _merged(result)


def _merged(segments: Sequence[tuple[int, int, int]]) -> Segments:
    """Segments with each run that continues the one before it joined to it."""
    result: list[tuple[int, int, int]] = []
    for start, target, length in segments:
        if not length:
            continue
        if result:
            last_start, last_target, last_length = result[-1]
            if last_start + last_length == start and last_target + last_length == target:
                result[-1] = (last_start, last_target, last_length + length)
                continue
        result.append((start, target, length))
    return tuple(result)
