"""Finds the rules: every module of :mod:`dlint.rules` defining a Rule subclass."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from dlint.engine.rule import Rule


class RuleRegistryError(Exception):
    """Two rules share a code or name, or a rule is declared wrongly."""


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class, sorted by code; checked for sound, unique declarations."""
    import dlint.rules as package

    found: list[type[Rule]] = []
    for module_info in pkgutil.iter_modules(package.__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Rule) and value is not Rule:
                if value.__module__ == module.__name__ and "code" in vars(value):
                    found.append(value)
    _check(found)
    return tuple(sorted(found, key=lambda rule: rule.code))


def _check(rules: list[type[Rule]]) -> None:
    seen: dict[str, type[Rule]] = {}
    for rule in rules:
        problems = rule.problems()
        if problems:
            raise RuleRegistryError(f"{rule.__module__}.{rule.__name__}: " + "; ".join(problems))
        for key in (rule.code, rule.name, *rule.aliases):
            other = seen.get(key.lower())
            if other is not None:
                raise RuleRegistryError(f"{key!r} is used by both {other.code} and {rule.code}")
            seen[key.lower()] = rule


def rules_by_key() -> dict[str, type[Rule]]:
    """Rules by lower-cased code, name and alias."""
    table: dict[str, type[Rule]] = {}
    for rule in all_rules():
        for key in (rule.code, rule.name, *rule.aliases):
            table[key.lower()] = rule
    return table


def find_rule(key: str) -> type[Rule] | None:
    """The rule with this code, name or alias (any case)."""
    return rules_by_key().get(key.lower())
