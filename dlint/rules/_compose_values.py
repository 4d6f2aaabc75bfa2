"""Reading Compose scalars the way rules need them: known values only, never guessed."""

from __future__ import annotations

from typing import Any


def text_of(scalar: Any) -> str | None:
    """The value after interpolation as text, or None when absent or decided by an unknown variable."""
    if scalar is None or not scalar.resolved or scalar.effective is None:
        return None
    value = scalar.effective
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def is_true(scalar: Any) -> bool:
    """``true`` (YAML boolean or the string, after interpolation)."""
    text = text_of(scalar)
    return text is not None and text.lower() == "true"


def is_literal(scalar: Any) -> bool:
    """A value written out in the file: no variable in it and not empty."""
    return scalar is not None and not scalar.variables and text_of(scalar) not in (None, "")
