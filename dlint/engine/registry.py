"""Finds the rules: every module of a rule folder (``dlint/rules/dockerfile/``,
``compose/``, ``project/``) defining a Rule subclass.

A rule module is named ``<code>_<name>`` (``dl3006_untagged_image``) and the
code's prefix tells the kind of file it checks (DL/DF: Dockerfiles, DC: Compose,
DX: across files) and so its folder, so codes, names and kinds are known from
the file names alone. The generated rule index (:mod:`dlint.engine.rule_index`) adds what
selection needs (on by default, mandatory, aliases) and the instructions a
rule is limited to, so a run imports only the rules that can report on its
files. Looking up an alias through :func:`find_rule` loads every rule.
"""

from __future__ import annotations

import importlib
import os
import re
from functools import cache
from typing import NamedTuple

from dlint.engine.rule import Rule
from dlint.regex import regex

#: code prefix → kind of the rules with that prefix
KIND_OF_PREFIX = {"DL": "dockerfile", "DF": "dockerfile", "DC": "compose", "DX": "project", "SC": "shell"}
#: kind → the folder of :mod:`dlint.rules` its rules live in
FOLDER_OF_KIND = {"dockerfile": "dockerfile", "compose": "compose", "project": "project", "shell": "shell"}
#: the code of the ShellCheck family: its findings carry ShellCheck's own codes (SC2086)
SHELLCHECK = "SC"


class RuleRegistryError(Exception):
    """Two rules share a code or name, or a rule is declared wrongly."""


class Entry(NamedTuple):
    """A rule as its module's name and the rule index describe it (its fields after
    the first four are :data:`~dlint.engine.rule.INDEX_FIELDS`, in that order)."""

    module: str
    code: str
    name: str
    kind: str | None
    default_enabled: bool = True
    mandatory: bool = False
    aliases: tuple[str, ...] = ()
    #: the only instruction keywords the rule checks; None: it may report on any file
    triggers: tuple[str, ...] | None = None
    #: texts one of which a file the rule reports on holds (:attr:`Rule.markers`); None: any
    markers: tuple[str, ...] | None = None
    #: :attr:`Rule.configured_by`, sorted; None: the rule needs no option to report
    configured_by: tuple[str, ...] | None = None
    #: :meth:`Rule.all_categories`: its primary category first
    categories: tuple[str, ...] = ()

    def load(self) -> type[Rule]:
        """The rule class (imports its module)."""
        return _loaded(self)


@cache
def catalogue() -> tuple[Entry, ...]:
    """Every rule module, sorted by code, without importing any (a module the
    index does not know yet is imported to describe it)."""
    from dlint.rules._index import RULES as INDEX

    entries = []
    for folder, module in _rule_modules():
        code, _, snake = module.partition("_")
        code = code.upper()
        kind = KIND_OF_PREFIX.get(code[:2])
        entry = Entry(f"dlint.rules.{folder}.{module}", code, snake.replace("_", "-"), kind if FOLDER_OF_KIND.get(kind) == folder else None)
        facts = INDEX.get(code)
        if facts is None and entry.kind is not None:
            facts = _load(entry).index_row()
        entries.append(Entry(*entry[:4], *facts) if facts else entry)  # the index's fields follow the first four
    from dlint.engine.plugins import plugin_rules  # rules of other packages (``dlint.rules`` entry points)

    for rule in plugin_rules(tuple(entries)):
        entries.append(Entry(f"{rule.__module__}:{rule.__qualname__}", rule.code, rule.name, rule.kind, *rule.index_row()))
    return tuple(sorted(entries, key=lambda entry: entry.code))


def _rule_modules() -> list[tuple[str, str]]:
    """(folder, module name) of every module in the rule folders but their ``_`` helpers
    (a listing of the folders: ``pkgutil.iter_modules`` would import ``inspect``, ≈ 4 ms)."""
    import dlint.rules as package

    found = []
    for folder in sorted(set(FOLDER_OF_KIND.values())):
        for entry in package.__path__:
            try:
                names = os.listdir(os.path.join(entry, folder))
            except OSError:
                continue
            found += [(folder, name[:-3]) for name in sorted(names) if name.endswith(".py") and not name.startswith("_")]
    return found


def entries_of_kind(kind: str) -> tuple[Entry, ...]:
    """The catalogue entries of the rules that check files of ``kind``, by code."""
    return tuple(entry for entry in catalogue() if entry.kind == kind)


def _load(entry: Entry) -> type[Rule]:
    if ":" in entry.module:  # a plugin's rule, imported and checked by dlint.engine.plugins
        from dlint.engine.plugins import load

        return load(entry)
    module = importlib.import_module(entry.module)
    found = [
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, Rule) and value.__module__ == module.__name__ and "code" in vars(value)
    ]
    if len(found) != 1:
        raise RuleRegistryError(f"{entry.module}: expected one rule class, found {len(found)}")
    rule = found[0]
    problems = rule.problems()
    if (rule.code, rule.name, rule.kind) != (entry.code, entry.name, entry.kind):
        problems.append(f"module name and code prefix say {entry.code} {entry.name} ({entry.kind} kind)")
    if problems:
        raise RuleRegistryError(f"{rule.__module__}.{rule.__name__}: " + "; ".join(problems))
    return rule


@cache
def rules_of_kind(kind: str) -> tuple[type[Rule], ...]:
    """The rule classes that check files of ``kind``, sorted by code."""
    return tuple(_loaded(entry) for entry in entries_of_kind(kind))


@cache
def _loaded(entry: Entry) -> type[Rule]:
    return _load(entry)


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class, sorted by code; checked for sound, unique declarations."""
    loaded = {kind: rules_of_kind(kind) for kind in sorted({entry.kind for entry in catalogue()}, key=str)}
    strays = [entry for entry in catalogue() if entry.kind is None]
    if strays:
        raise RuleRegistryError(
            f"{strays[0].module}: a rule code starts with one of {', '.join(KIND_OF_PREFIX)}, in the folder of its kind"
            f" ({', '.join(f'{prefix}: rules/{FOLDER_OF_KIND[kind]}/' for prefix, kind in KIND_OF_PREFIX.items())})"
        )
    rules = sorted((rule for group in loaded.values() for rule in group), key=lambda rule: rule.code)
    _check_unique(rules)
    return tuple(rules)


def _check_unique(rules: list[type[Rule]]) -> None:
    """Codes and names name one rule each; an alias may be shared by several rules
    (BuildKit's ``MultipleInstructionsDisallowed``), never by a code or name."""
    seen: dict[str, tuple[type[Rule], bool]] = {}
    for rule in rules:
        for key in (rule.code, rule.name, *rule.aliases):
            alias = key not in (rule.code, rule.name)
            other = seen.get(key.lower())
            if other is not None and (other[0] is rule or not (alias and other[1])):
                raise RuleRegistryError(f"{key!r} is used by both {other[0].code} and {rule.code}")
            seen[key.lower()] = (rule, alias)


@cache
def _entries_by_key() -> dict[str, Entry]:
    table: dict[str, Entry] = {}
    for entry in catalogue():
        table[entry.code.lower()] = entry
        table[entry.name] = entry
    return table


@cache
def rules_by_key() -> dict[str, type[Rule]]:
    """Rules by lower-cased code, name and alias (imports every rule)."""
    table: dict[str, type[Rule]] = {}
    for rule in all_rules():
        for key in (rule.code, rule.name, *rule.aliases):
            table.setdefault(key.lower(), rule)  # a shared alias: its first rule
    return table


def rules_named(key: str) -> tuple[type[Rule], ...]:
    """Every rule with this code, name or alias (any case): several for a shared alias."""
    rule = find_rule(key)
    if rule is None or key.lower() in (rule.code.lower(), rule.name):
        return () if rule is None else (rule,)
    return tuple(other for other in all_rules() if key.lower() in (alias.lower() for alias in other.aliases))


def find_rule(key: str) -> type[Rule] | None:
    """The rule with this code, name or alias (any case); only an alias loads every rule."""
    entry = _entries_by_key().get(key.lower())
    if entry is not None and entry.kind is not None:
        return _loaded(entry)
    if _CODE_SHAPED.fullmatch(key):  # no alias looks like a code (SC2086): no need to load every rule
        return None
    return rules_by_key().get(key.lower())


_CODE_SHAPED = regex(r"(DL|DF|DC|DX|SC)\d+", re.IGNORECASE)


def known_code_prefix(prefix: str) -> bool:
    """Whether some rule's code starts with ``prefix`` (any case)."""
    lowered = prefix.lower()
    return any(entry.code.lower().startswith(lowered) for entry in catalogue())
