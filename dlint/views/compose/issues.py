"""Shared helper of the rules that report issues found while loading Compose files."""

from __future__ import annotations

from dlint.models.finding import Violation


def issue_violations(ctx, kind: str):
    """Violations for the loader issues of ``kind`` on the context's file."""
    for issue in ctx.compose.issues:
        if issue.kind == kind:
            yield Violation(issue.span, issue.message)
