"""What ``COPY --from=…`` names: a stage (by name or index) or an image."""

from __future__ import annotations

from typing import NamedTuple


from dlint.models.dockerfile import CopyInstruction, Flag
from dlint.models.span import Span
from dlint.views.dockerfile.paths import dequote
from dlint.views.text import is_decimal


class CopySource(NamedTuple):
    value: str  # after variable substitution, quotes removed
    span: Span  # the flag's value as written (the whole flag when it has none)

    @property
    def is_index(self) -> bool:
        return is_decimal(self.value)

    @property
    def is_image(self) -> bool:
        """``alpine:3.20``, ``ghcr.io/org/tool``, ``img@sha256:…``: not a stage name."""
        return any(char in self.value for char in ":/@")


def copy_source(instruction: CopyInstruction) -> CopySource | None:
    """The ``--from`` of a COPY, or None when there is none or a variable in it
    has no known value (then nothing can be said about it)."""
    flag = instruction.flag("from")
    if flag is None or not flag.value:
        return None
    ref = instruction.source_stage
    if ref is not None:
        if not ref.resolved or not ref.value:
            return None
        value = ref.value
    elif "$" in flag.value:
        return None
    else:
        value = dequote(flag.value)
    return CopySource(value=value, span=_value_span(flag))


def _value_span(flag: Flag) -> Span:
    return flag.value_span if flag.value_span is not None else flag.span
