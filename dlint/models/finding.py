"""What rules report: findings, their severities and their fixes."""

from __future__ import annotations

from enum import Enum
from typing import Literal, NamedTuple

from dlint.models.base import Frozen, Model
from dlint.models.span import Span


class Severity(str, Enum):
    """How serious a finding is, most serious first."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    STYLE = "style"

    @property
    def rank(self) -> int:
        """0 for error … 3 for style: lower is more serious."""
        return _RANKS[self]

    def at_least(self, threshold: Severity) -> bool:
        return self.rank <= threshold.rank


_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2, Severity.STYLE: 3}


class Edit(Frozen):
    """Replace the text at ``span`` with ``replacement`` (empty to delete)."""

    span: Span
    replacement: str


class Fix(Frozen):
    """Edits that resolve a finding; unsafe fixes may change behaviour."""

    message: str
    edits: tuple[Edit, ...]
    applicability: Literal["safe", "unsafe"] = "safe"

    @property
    def is_safe(self) -> bool:
        return self.applicability == "safe"


class Violation(NamedTuple):
    """What a rule yields; the engine turns it into a :class:`Finding`."""

    span: Span
    message: str
    fix: Fix | None = None
    path: str | None = None  # the file the span is in, when not the context's file (project rules)
    #: this finding's level when the rule grades its findings (DC039: ``cap_add: [ALL]``
    #: is an error, ``NET_ADMIN`` a note); None: the rule's severity
    severity: Severity | None = None


class Finding(Model):
    """One reported problem at one place in one file."""

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    span: Span
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)
