"""The rule index: what the engine needs to know of each rule before importing it.

``dlint/rules/_index.py`` is generated from the rule classes by
``python -m dlint.engine.rule_index`` (``python3 dev.py docs`` runs it); a
test fails when it is stale. It lets a run choose its rules without importing
them all, and import a Dockerfile rule that only checks some instructions
only when a file has one of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dlint.engine.rule import Rule

INDEX_PATH = Path(__file__).resolve().parent.parent / "rules" / "_index.py"
#: what the reports that list every rule (SARIF, GitLab, SonarQube) read of each
DESCRIPTIONS_PATH = INDEX_PATH.with_name("_descriptions.py")


def index_source(rules: Sequence[type[Rule]]) -> str:
    """The text of ``dlint/rules/_index.py`` for ``rules``."""
    lines = [
        '"""Generated from the rule classes by ``python -m dlint.engine.rule_index``; do not edit."""',
        "",
        "#: code -> (on by default, mandatory, aliases, the only instructions it checks or None,",
        "#: texts one of which a file it reports on holds or None, the options one of which it",
        "#: needs or None, its categories)",
        "RULES = {",
    ]
    for rule in sorted(rules, key=lambda rule: rule.code):
        row = rule.index_row()  # the fields of INDEX_FIELDS (dlint.engine.rule)
        lines.append(f"    {rule.code!r}: {row!r},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def descriptions_source(rules: Sequence[type[Rule]]) -> str:
    """The text of ``dlint/rules/_descriptions.py`` for ``rules``: what a report listing
    every rule reads of each (:class:`~dlint.engine.rule_description.RuleDescription`),
    so that it need not import them all."""
    lines = [
        '"""Generated from the rule classes by ``python -m dlint.engine.rule_index``; do not edit."""',
        "",
        "#: code -> (severity, category, tags, CIS items, security severity, precision, documentation)",
        "RULES = {",
    ]
    for rule in sorted(rules, key=lambda rule: rule.code):
        row = (rule.severity.value, rule.category, tuple(rule.tags), tuple(rule.cis), rule.security_severity, getattr(rule, "precision", None), rule.docs())
        lines.append(f"    {rule.code!r}: {row!r},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def index_row(rule: type[Rule]) -> tuple:
    """:meth:`Rule.index_row <dlint.engine.rule.Rule.index_row>` (kept for callers of the
    first spelling; import :data:`~dlint.engine.rule.INDEX_FIELDS` and the method from
    :mod:`dlint.engine.rule`, which imports nothing of the engine)."""
    return rule.index_row()


def __getattr__(name: str) -> object:
    if name == "ROW_FIELDS":  # the first spelling of INDEX_FIELDS
        from dlint.engine.rule import INDEX_FIELDS

        return INDEX_FIELDS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def write_index() -> bool:
    """Write the index and the descriptions of every rule; True when a file changed."""
    from dlint.engine.registry import all_rules

    from dlint.engine.plugins import builtin

    rules = builtin(all_rules())  # plugins' rules are not dlint's to index
    changed = False
    for path, text in ((INDEX_PATH, index_source(rules)), (DESCRIPTIONS_PATH, descriptions_source(rules))):
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed = True
    return changed


if __name__ == "__main__":
    print(f"{INDEX_PATH}, {DESCRIPTIONS_PATH.name}: {'written' if write_index() else 'up to date'}")
