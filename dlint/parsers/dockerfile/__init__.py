"""Dockerfile parser: source text to the :mod:`dlint.models.dockerfile` model.

    parse_dockerfile(text, path) -> Dockerfile
    parse_dockerfile_bytes(data, path) -> Dockerfile   (raises BinaryFileError)
    substitute(text, scope, escape) -> (value, resolved)

The parser never raises on text: problems become ``Dockerfile.syntax_issues``.
"""

from __future__ import annotations

from dlint.models import dockerfile as m
from dlint.models.base import construct
from dlint.models.span import LineIndex
from dlint.parsers.dockerfile.instructions import InstructionBuilder
from dlint.parsers.dockerfile.lexer import Lexer
from dlint.parsers.dockerfile.positions import Positions
from dlint.parsers.dockerfile.stages import resolve_stages
from dlint.parsers.dockerfile.variables import substitute
from dlint.parsers.gc_pause import gc_paused

__all__ = ["BinaryFileError", "parse_dockerfile", "parse_dockerfile_bytes", "substitute"]

ESCAPES = ("\\", "`")
#: Parsing stops after this many instructions, with a syntax issue saying so:
#: no real Dockerfile comes close, and it bounds time and memory on generated files.
MAX_INSTRUCTIONS = 20_000


class BinaryFileError(ValueError):
    """The file holds NUL bytes: it is not a text Dockerfile."""


def parse_dockerfile_bytes(data: bytes, path: str = "Dockerfile") -> m.Dockerfile:
    """Parse a file's bytes. Invalid UTF-8 is replaced (``decode_replaced``)."""
    if b"\x00" in data:
        raise BinaryFileError(f"{path}: binary file (contains NUL bytes), not a Dockerfile")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        dockerfile = parse_dockerfile(text, path)
        dockerfile.decode_replaced = True
        at = text.lstrip("\ufeff").find("\ufffd")
        dockerfile.syntax_issues.insert(
            0,
            construct(
                m.SyntaxIssue,
                {"message": "the file is not valid UTF-8: undecodable bytes were replaced with U+FFFD", "span": dockerfile.lines.span(at, at + 1)},
            ),
        )
        return dockerfile
    return parse_dockerfile(text, path)


def parse_dockerfile(text: str, path: str = "Dockerfile") -> m.Dockerfile:
    """Parse Dockerfile text. A leading UTF-8 BOM is dropped: positions and
    ``Dockerfile.source`` refer to the text after it."""
    with gc_paused():
        return _parse(text, path)


def _parse(text: str, path: str) -> m.Dockerfile:
    if text.startswith("\ufeff"):
        text = text[1:]
    lexer = Lexer(text)
    positions = Positions(lexer.starts)
    issues: list[m.SyntaxIssue] = []
    lexer.read_directives()
    directives = []
    seen: set[str] = set()
    for raw in lexer.directives:
        span = positions.span(raw.start, raw.end)
        if raw.name in seen:
            issues.append(construct(m.SyntaxIssue, {"message": f"the {raw.name} directive is given more than once", "span": span}))
            continue
        seen.add(raw.name)
        if raw.name == "escape":
            if raw.value in ESCAPES:
                lexer.escape = raw.value
            else:
                issues.append(construct(m.SyntaxIssue, {"message": f"invalid escape character {raw.value!r}: use \\ or `", "span": span}))
        directives.append(construct(m.Directive, {"name": raw.name, "value": raw.value, "span": span}))
    builder = InstructionBuilder(lexer, positions, issues)
    instructions = []
    read = builder.read
    next_logical = lexer.next_logical
    line = next_logical()
    while line is not None:
        if len(instructions) == MAX_INSTRUCTIONS:
            message = f"the file has more than {MAX_INSTRUCTIONS:,} instructions: the rest is not parsed"
            issues.append(construct(m.SyntaxIssue, {"message": message, "span": positions.span(line.offset(0), line.end)}))
            break
        instructions.append(read(line))
        line = next_logical()
    if lexer.dropped_comments:
        first = lexer.comments[-1]
        message = f"{lexer.dropped_comments:,} comments after the first {len(lexer.comments):,} are ignored (pragmas in them too)"
        issues.append(construct(m.SyntaxIssue, {"message": message, "span": positions.span(first.start, first.end)}))
    comments = [
        construct(m.Comment, {"text": comment.text, "span": positions.span(comment.start, comment.end)}) for comment in lexer.comments
    ]
    dockerfile = construct(
        m.Dockerfile,
        {
            "path": path,
            "source": text,
            "escape": lexer.escape,
            "directives": directives,
            "instructions": instructions,
            "global_args": [],
            "stages": [],
            "comments": comments,
            "syntax_issues": issues,
            "decode_replaced": False,
        },
    )
    dockerfile.__dict__["_scopes"] = {}
    dockerfile.__dict__["_analyser"] = _analyse_shell
    dockerfile.__dict__["_lines"] = LineIndex.from_line_starts(lexer.starts, len(text))  # the lexer's line scan, reused
    resolve_stages(dockerfile)
    issues.sort(key=_issue_order)
    return dockerfile


def _analyse_shell(dockerfile: m.Dockerfile) -> dict:
    """The shell analyses of every shell source of ``dockerfile`` (imported on first use)."""
    from dlint.parsers.shell import analyse_dockerfile

    return analyse_dockerfile(dockerfile)


def _issue_order(issue: m.SyntaxIssue) -> int:
    return issue.span.start
