"""Where Docker itself expands variables, and the references found there.

Docker substitutes ``$NAME`` / ``${NAME}`` in the words of ADD, COPY, ENV,
EXPOSE, FROM, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR and ARG defaults (and
in the flags of FROM, COPY and ADD). RUN, CMD, ENTRYPOINT, HEALTHCHECK and
SHELL are left alone: a shell expands them at build or run time, if at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from dlint.models.dockerfile import Dockerfile, Instruction, KeyValueInstruction
from dlint.models.span import Span
from dlint.views.dockerfile.variables import variable_references

#: instructions whose words Docker expands
EXPANDING = frozenset(
    {"ADD", "ARG", "COPY", "ENV", "EXPOSE", "FROM", "LABEL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"}
)
#: flags whose values Docker expands
_FLAGS = frozenset({"platform", "from", "chown", "chmod", "checksum"})


class Reference(NamedTuple):
    name: str
    span: Span  # the ``$NAME`` / ``${NAME…}`` when it can be placed, else the whole word
    guarded: bool  # ``${NAME:-x}``, ``${NAME+x}``, ``${NAME?x}``: the author expects it may be unset
    in_flag: bool = False


def _words(instruction: Instruction) -> Iterator[tuple[str, Span]]:
    """The words Docker expands in ``instruction`` that hold a ``$``, with their spans
    (made only for those)."""
    for flag in instruction.flags:
        if flag.name in _FLAGS and flag.value and flag.value_span is not None and "$" in flag.value:
            yield flag.value, flag.value_span
    if isinstance(instruction, KeyValueInstruction):
        for pair in instruction.pairs:
            if pair.value is not None and "$" in pair.value.raw:
                yield pair.value.raw, pair.value.span
        return
    keyword = instruction.keyword
    if keyword == "FROM":
        image = getattr(instruction, "image", None)
        if image is not None and "$" in image.raw:
            yield image.raw, image.span
        return
    for token in instruction.arguments:
        if "$" in token.raw:
            yield token.raw, token.span


def references(ctx, instruction: Instruction) -> Iterator[Reference]:
    """Every variable reference Docker expands in ``instruction`` (nothing for
    instructions it does not expand, heredoc bodies left out)."""
    if instruction.keyword not in EXPANDING:
        return
    escape = ctx.dockerfile.escape
    source = ctx.source
    flag_spans = {id(flag.value_span) for flag in instruction.flags if flag.value_span is not None}
    for raw, span in _words(instruction):
        if raw.startswith("<<"):
            continue  # a heredoc marker
        exact = source[span.start : span.end] == raw
        for name, start, end in variable_references(raw, escape):
            text = raw[start:end]
            guarded = text.startswith("${") and text[2 + len(name) : 3 + len(name)] in (":", "-", "+", "?")
            where = ctx.span(span.start + start, span.start + end) if exact else span
            yield Reference(name, where, guarded, id(span) in flag_spans)


def declared_args(dockerfile: Dockerfile) -> dict[str, list[Instruction]]:
    """Every ARG name of the file with the ARG instructions that declare it, in order."""
    declared: dict[str, list[Instruction]] = {}
    for instruction in dockerfile.instructions:
        if instruction.keyword == "ARG" and isinstance(instruction, KeyValueInstruction):
            for pair in instruction.pairs:
                declared.setdefault(pair.key.value, []).append(instruction)
    return declared


def global_arg_names(dockerfile: Dockerfile) -> dict[str, Instruction]:
    """Names of the ARGs declared before the first FROM, with the declaring instruction."""
    names: dict[str, Instruction] = {}
    for instruction in dockerfile.global_args:
        for pair in instruction.pairs:
            names.setdefault(pair.key.value, instruction)
    return names
