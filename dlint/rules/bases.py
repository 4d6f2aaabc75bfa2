"""Base classes and option models shared by several rules (the label schema rules DL3049–DL3058)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from dlint.engine.rule import Rule
from dlint.models.base import Model, field
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.labels import label_pairs, label_value


class LabelSchemaOptions(Model):
    #: label key -> type (text, url, rfc3339, spdx, hash, semver, email)
    label_schema: dict[str, str] = field(default_factory=dict)
    #: report labels that the schema does not list
    strict_labels: bool = False


class LabelValueRule(Rule):
    """Base of the rules that check a label's value against its schema type."""

    severity = Severity.WARNING
    category = "maintainability"
    kind = "dockerfile"
    instructions = frozenset({"LABEL"})
    Options = LabelSchemaOptions
    configured_by = frozenset({"label_schema"})
    #: set by each subclass: the schema type it checks, what a valid value is, and the check
    label_type: str
    expected: str
    is_valid: Callable[[str], bool]

    def check_instruction(self, ctx, instruction) -> Iterator[Violation]:
        schema = self.options.label_schema
        if not schema:
            return
        for pair in label_pairs(instruction):
            if schema.get(pair.key.value) != self.label_type:
                continue
            value = label_value(ctx, instruction, pair)
            if value and not self.is_valid(value):
                span = pair.value.span if pair.value is not None else pair.key.span
                yield Violation(span, f"label `{pair.key.value}` should be {self.expected}, not `{value}`")
