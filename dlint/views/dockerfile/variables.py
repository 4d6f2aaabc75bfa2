"""Variable references in instruction words, found where Docker expands them."""

from __future__ import annotations

from collections.abc import Iterator

from dlint.regex import regex

_NAME = regex(r"[A-Za-z_][A-Za-z0-9_]*")


def variable_references(raw: str, escape: str = "\\") -> Iterator[tuple[str, int, int]]:
    """(name, start, end) of each ``$NAME`` / ``${NAME…}`` in ``raw`` that Docker
    expands (not inside single quotes, not escaped)."""
    index, quote = 0, None
    while index < len(raw):
        char = raw[index]
        if char == escape and quote != "'":
            index += 2
            continue
        if char in "'\"" and quote in (None, char):
            quote = None if quote else char
        elif char == "$" and quote != "'":
            braced = raw.startswith("{", index + 1)
            match = _NAME.match(raw, index + 2 if braced else index + 1)
            if match:
                end = match.end()
                if braced:
                    close = raw.find("}", end)
                    end = len(raw) if close == -1 else close + 1
                yield match.group(), index, end
                index = end
                continue
        index += 1


def undefined_references(raw: str, scope: dict[str, str | None], escape: str = "\\") -> list[str]:
    """Names ``raw`` refers to that are not defined in ``scope`` (they expand to "")."""
    return [name for name, _, _ in variable_references(raw, escape) if name not in scope]


def resolve(ctx, instruction, raw: str) -> str | None:
    """``raw`` as Docker reads it at ``instruction`` (variables substituted, quotes
    removed); None when a variable's value is not known. A name this Dockerfile
    does not define counts as unknown: it may come from the base image's ENV."""
    from dlint.parsers.dockerfile import substitute

    scope = ctx.dockerfile.variables_at(instruction)
    if undefined_references(raw, scope, ctx.dockerfile.escape):
        return None
    value, resolved = substitute(raw, scope, ctx.dockerfile.escape)
    return value if resolved else None
