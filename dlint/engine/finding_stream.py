"""A run's findings as its parts come, for a report written while the run goes on.

:class:`FindingStream` hands the findings of :meth:`Linter.lint_parts` out once, in
report order (``in_order``: a reporter need not sort them), and keeps what the end
of a report and the exit status need: the suppressed findings and how many
findings there were of each severity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from dlint.engine.suppression import Suppressed
from dlint.models.finding import Finding, Severity


class FindingStream:
    """The findings of ``parts`` (pairs of sorted findings and suppressed ones), once."""

    in_order = True

    def __init__(self, parts: Iterable[tuple[list[Finding], list[Suppressed]]]) -> None:
        self._parts = iter(parts)
        #: the suppressed findings of the parts handed out so far
        self.suppressed: list[Suppressed] = []
        #: how many findings of each severity were handed out
        self.severities: Counter[Severity] = Counter()

    def __iter__(self) -> Iterator[Finding]:
        for findings, suppressed in self._parts:
            self.suppressed.extend(suppressed)
            self.severities.update(finding.severity for finding in findings)
            yield from findings

    def drain(self) -> None:
        """Take the parts not handed out (a report that stopped early): the run ends and is counted."""
        for _ in self:
            pass
