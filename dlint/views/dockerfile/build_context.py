"""The build context of a Dockerfile as rules see it: the facts the engine put in
``ctx.surroundings`` (see :mod:`dlint.engine.surroundings`) and the COPY/ADD
sources that read from it."""

from __future__ import annotations

from collections.abc import Iterator

from dlint.models.dockerfile import CopyInstruction, Token
from dlint.views.dockerfile.paths import is_remote

#: sources that copy everything at the root of the build context
_WHOLE = frozenset({".", "./", "./.", "/", "*", "./*", "/*"})


def build_context(ctx):
    """The ``BuildContext`` of this Dockerfile, or None (stdin, inline Dockerfile)."""
    return ctx.surroundings.get("build_context")


def context_sources(ctx) -> Iterator[tuple[CopyInstruction, Token]]:
    """``(instruction, source word)`` of every COPY/ADD source read from the build
    context: no ``--from``, no heredoc, no URL, not an ONBUILD trigger (those run
    in another build, with another context)."""
    for stage in ctx.dockerfile.stages:
        for instruction in stage.instructions:
            if not isinstance(instruction, CopyInstruction) or instruction.onbuild:
                continue
            if instruction.flag("from") is not None:
                continue
            for source in instruction.sources:
                if instruction.heredocs and source.raw.startswith("<<"):
                    continue
                if instruction.keyword == "ADD" and is_remote(source.value):
                    continue
                yield instruction, source


def copies_whole_context(token: Token) -> bool:
    """``COPY . …``, ``COPY ./ …``, ``COPY * …``: everything at the context root."""
    return "$" not in token.raw and token.value in _WHOLE


def first_whole_context_copy(ctx) -> tuple[CopyInstruction, Token] | None:
    for instruction, source in context_sources(ctx):
        if copies_whole_context(source):
            return instruction, source
    return None


def copy_excludes(instruction: CopyInstruction) -> list[str]:
    """The ``--exclude`` patterns of a COPY/ADD (they leave paths out of the image
    the way ``.dockerignore`` leaves them out of the context)."""
    return [flag.value for flag in instruction.flags if flag.name == "exclude" and flag.value]


def excluded_by_flags(instruction: CopyInstruction, relative: str) -> bool:
    """Whether ``--exclude`` of this whole-context copy leaves ``relative`` out."""
    patterns = copy_excludes(instruction)
    if not patterns:
        return False
    from dlint.parsers.dockerignore import parse_dockerignore

    return parse_dockerignore("\n".join(patterns)).excluded(relative)
