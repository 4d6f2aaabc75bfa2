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


def in_force(ctx: Any, service: Any, key: str) -> Any:
    """The service's ``key`` scalar as this file writes it, or None when absent or when a
    later file (an override) replaces it in the merged project."""
    scalar = getattr(service, key)
    if scalar is None:
        return None
    project = ctx.surroundings.get("compose_project")
    merged = project.services.get(service.name) if project is not None else None
    if merged is None:
        return scalar
    final = getattr(merged, key)
    if final is None or (final.path, final.span.start) == (scalar.path, scalar.span.start):
        return scalar
    return None


def once(ctx: Any, rule: Any, violations: Any) -> list:
    """``violations`` without those ``rule`` already reported at the same place of this
    file: a node written once under an anchor and reused by several services is
    reported once (for the first service). A list, not a generator: most calls find none."""
    found = list(violations)
    if not found:
        return found
    seen = ctx.surroundings.setdefault(f"reported:{rule.code}:{ctx.path}", set())
    kept = []
    for violation in found:
        key = (violation.path, violation.span.start, violation.span.end)
        if key not in seen:
            seen.add(key)
            kept.append(violation)
    return kept
