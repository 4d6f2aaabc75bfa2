"""The LABEL pairs of a Dockerfile and their values after ARG/ENV substitution."""

from __future__ import annotations

from dlint.models.dockerfile import Instruction, KeyValue
from dlint.views.dockerfile.variables import resolve

# -- reading labels --------------------------------------------------------------------


def label_pairs(instruction: Instruction) -> list[KeyValue]:
    return list(getattr(instruction, "pairs", ()) or ())


def label_value(ctx, instruction: Instruction, pair: KeyValue) -> str | None:
    """The label's value with variables substituted; None when a variable's value is unknown."""
    if pair.value is None:
        return ""
    if "$" not in pair.value.raw:
        return pair.value.value
    return resolve(ctx, instruction, pair.value.raw)
