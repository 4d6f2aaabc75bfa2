"""Every rule as the reports that list them all read it (SARIF's rule descriptors, GitLab's
security severities, SonarQube's rule entries), without importing the rules.

dlint's own rules are described by the generated ``dlint/rules/_descriptions.py``
(written beside the rule index by ``python -m dlint.engine.rule_index``; a test fails
when it is stale): importing the ≈ 190 rule modules for their documentation would cost
a SARIF report of one file ≈ 45 ms. A plugin's rule, or one the file does not know yet,
is its class.
"""

from __future__ import annotations

from typing import Any

from dlint.engine.registry import catalogue
from dlint.models.finding import Severity


class RuleDescription:
    """What a report reads of a rule, with the names a rule class gives it: ``code``,
    ``name``, ``severity``, ``category``, ``tags``, ``cis``, ``security_severity`` (and
    ``precision`` when the rule sets one), ``docs()``, ``summary()``, ``all_categories()``."""

    def __init__(self, entry: Any, row: tuple) -> None:
        severity, category, tags, cis, security_severity, precision, docs = row
        self.code = entry.code
        self.name = entry.name
        self.severity = Severity(severity)
        self.category = category
        self.tags = tags
        self.cis = cis
        self.security_severity = security_severity
        if precision is not None:  # a report reads it with its own default
            self.precision = precision
        self._docs = docs
        self._categories = entry.categories

    def docs(self) -> str:
        return self._docs

    def summary(self) -> str:
        """The documentation's first line."""
        return self._docs.split("\n", 1)[0].strip()

    def all_categories(self) -> tuple[str, ...]:
        return self._categories

    def __repr__(self) -> str:
        return f"RuleDescription({self.code})"


def described_rules() -> tuple[Any, ...]:
    """Every rule, sorted by code (the order of :func:`~dlint.engine.registry.all_rules`):
    a :class:`RuleDescription` for each of dlint's own, the class for the others."""
    from dlint.rules._descriptions import RULES as DESCRIBED

    described = []
    for entry in catalogue():
        row = DESCRIBED.get(entry.code) if ":" not in entry.module and entry.kind is not None else None
        described.append(entry.load() if row is None else RuleDescription(entry, row))
    return tuple(described)
