"""Which rules run, at which severity and with which options.

An entry of ``select``/``extend-select``/``ignore`` is a rule code, a rule
name or alias, a code prefix (``DL30``), a category (``security``) or ``ALL``.
For each rule the most specific matching entry decides (an exact code or name
beats a prefix, a longer prefix beats a shorter one, a category weighs as much
as a two-letter prefix such as ``DC``; on a tie ``ignore`` wins). Prefixes,
categories and ``ALL`` only reach rules that are enabled by default: a rule
that is off by default is turned on by naming it exactly, or by naming an
opt-in category it belongs to (``hardening``). An entry that names nothing is
an error (:mod:`dlint.engine.rule_keys`).

The ShellCheck family (code ``SC``, name ``shellcheck``) is selected code by code
(:class:`ShellCheckCodes`) by the same rules: ``SC2086`` is exact, ``SC2`` a prefix,
``shellcheck`` and ``SC`` the family's prefix; the family runs when any code may be on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, TypeVar

from dlint.engine.config import ConfigError, Settings
from dlint.engine.registry import SHELLCHECK, Entry, all_rules, catalogue, entries_of_kind, find_rule, rules_named, rules_of_kind
from dlint.engine.rule import OPT_IN_CATEGORIES, Rule
from dlint.engine.rule_keys import check_settings, is_known, unknown_entry
from dlint.models.base import field_names
from dlint.models.finding import Severity

EXACT = 1000  # specificity of a code, name or alias
CATEGORY = 2  # specificity of a category: that of a two-letter code prefix (DL, DC)

R = TypeVar("R", type[Rule], Entry)


def specificity(entry: str, rule: type[Rule] | Entry) -> int | None:
    """How specifically ``entry`` names ``rule`` (None: it does not)."""
    lowered = entry.lower()
    if lowered in (rule.code.lower(), rule.name, *(alias.lower() for alias in rule.aliases)):
        return EXACT
    if lowered in (rule.categories if isinstance(rule, Entry) else rule.all_categories()):
        return CATEGORY if rule.default_enabled or lowered in OPT_IN_CATEGORIES else None
    if not rule.default_enabled:
        return None
    if lowered == "all":
        return 0
    if rule.code.lower().startswith(lowered):
        return len(lowered)
    return None


def names_rule(entry: str, rule: type[Rule]) -> bool:
    """Whether ``entry`` (code, name, alias, prefix, category or ALL) covers ``rule``, on or off by default."""
    lowered = entry.lower()
    return (
        lowered == "all"
        or rule.code.lower().startswith(lowered)
        or lowered in rule.all_categories()
        or lowered in (rule.name, *(alias.lower() for alias in rule.aliases))
    )


def looks_like_code(entry: str) -> bool:
    """A code-shaped entry (``DL3001``, ``SC2086``) that may name a rule dlint does not have."""
    head = entry.rstrip("0123456789")
    return head.upper() in ("DL", "DF", "DC", "DX", "SC") and head != entry


def _best(entries: Sequence[str], rule: type[Rule] | Entry) -> int | None:
    scores = [score for entry in entries if (score := specificity(entry, rule)) is not None]
    return max(scores) if scores else None


def check_selection(settings: Settings) -> None:
    """Raise :class:`ConfigError` for a rule entry of the settings that names nothing."""
    check_settings(settings)


def selected_rules(settings: Settings, kind: str | None = None) -> list[type[Rule]]:
    """The rule classes this run uses (of one ``kind``, or all), by code; mandatory
    rules always included."""
    check_selection(settings)
    return _chosen(settings, all_rules() if kind is None else rules_of_kind(kind))


def selected_entries(settings: Settings, kind: str) -> list[Entry]:
    """Like :func:`selected_rules` for one kind, as catalogue entries: nothing imported."""
    check_selection(settings)
    return _chosen(settings, entries_of_kind(kind))


def _chosen(settings: Settings, candidates: Iterable[R]) -> list[R]:
    """The candidates (rule classes or catalogue entries) the settings turn on."""
    chosen = []
    positive = [*(settings.select if settings.select is not None else ()), *settings.extend_select]
    for rule in candidates:
        if rule.mandatory:
            chosen.append(rule)
            continue
        if rule.code == SHELLCHECK:
            if ShellCheckCodes(settings).any_on():
                chosen.append(rule)
            continue
        on = _best(positive, rule)
        if settings.select is None and rule.default_enabled and on is None:
            on = -1  # on by default: the weakest reason, any matching ignore beats it
        off = _best(settings.ignore, rule)
        if on is None or (off is not None and off >= on):
            continue
        chosen.append(rule)
    return chosen


class ShellCheckCodes:
    """Which ShellCheck codes the settings turn on (see the module's docs)."""

    def __init__(self, settings: Settings, off_by_default: frozenset[str] = frozenset()) -> None:
        self._positive = [*(settings.select if settings.select is not None else ()), *settings.extend_select]
        self._default = settings.select is None
        self._ignore = list(settings.ignore)
        self._off_by_default = off_by_default
        self._cache: dict[str, bool] = {}

    def on(self, code: str) -> bool:
        """Whether findings of ShellCheck code ``code`` (``SC2086``) are reported."""
        known = self._cache.get(code)
        if known is None:
            default = code not in self._off_by_default
            on = _shellcheck_score(self._positive, code, default)
            if on is None and self._default and default:
                on = -1
            off = _shellcheck_score(self._ignore, code, default)
            known = self._cache[code] = on is not None and (off is None or off < on)
        return known

    def any_on(self) -> bool:
        """Whether some code may be on: a positive entry names the family or a code of
        it, and no ignore entry for the whole family outweighs it."""
        scores = [score for entry in self._positive if (score := _family_score(entry)) is not None]
        best = max(scores, default=-1 if self._default else None)
        blanket = [
            _family_score(entry) for entry in self._ignore
            if entry.lower() in ("all", "sc", "shellcheck", *_family_categories())
        ]
        return best is not None and (not blanket or max(blanket) < best)


def _family_score(entry: str) -> int | None:
    """How specifically ``entry`` names some ShellCheck code (None: none)."""
    lowered = entry.lower()
    if lowered == "all":
        return 0
    if lowered in ("sc", "shellcheck"):
        return 2
    if lowered in _family_categories():
        return CATEGORY
    if lowered.startswith("sc") and lowered[2:].isdigit():
        return EXACT if len(lowered) == 6 else len(lowered)
    return None


@cache
def _family_categories() -> tuple[str, ...]:
    """The categories of the ShellCheck family (from the rule index)."""
    return next((entry.categories for entry in catalogue() if entry.code == SHELLCHECK), ())


def _shellcheck_score(entries: Sequence[str], code: str, default_enabled: bool) -> int | None:
    """How specifically ``entries`` name ShellCheck code ``code`` (None: not at all)."""
    best = None
    for entry in entries:
        lowered = entry.lower()
        if lowered == code.lower():
            score = EXACT
        elif not default_enabled:
            continue
        elif lowered == "all":
            score = 0
        elif lowered in ("sc", "shellcheck"):
            score = 2
        elif lowered in _family_categories():
            score = CATEGORY
        elif lowered.startswith("sc") and code.lower().startswith(lowered):
            score = len(lowered)
        else:
            continue
        best = score if best is None else max(best, score)
    return best


def severity_overrides(settings: Settings) -> dict[str, Severity]:
    """Severity by rule code, from the ``severity`` table (codes or names)."""
    overrides: dict[str, Severity] = {}
    for key, level in settings.severity.items():
        rule = find_rule(key)
        if rule is None:
            if not is_known(key, prefixes=False):
                raise unknown_entry(key, "severity", prefixes=False)
            overrides[key.upper()] = level  # a ShellCheck code
            continue
        for named in rules_named(key):  # several for a shared alias (MultipleInstructionsDisallowed)
            overrides[named.code] = level
    return overrides


def instantiate(rules: Sequence[type[Rule]], settings: Settings) -> list[Rule]:
    """Rule instances with their options validated (errors name the config key)."""
    given: dict[str, tuple[str, dict[str, Any]]] = {}
    for key, options in settings.options.items():
        rule = find_rule(key)
        if rule is None:
            raise unknown_entry(key, "options", prefixes=False)
        if rule.Options is None:
            raise ConfigError(f"options.{key}: rule {rule.code} ({rule.name}) has no options")
        if len(rules_named(key)) > 1:
            raise ConfigError(f"options.{key}: names several rules; name one by its code or name")
        given[rule.code] = (key, options)
    shared = settings.shared_options()
    instances = []
    for rule in rules:
        if rule.Options is None:
            instances.append(rule())
            continue
        fields = set(field_names(rule.Options))
        values = {name: value for name, value in shared.items() if name in fields}
        key, options = given.get(rule.code, (rule.code, {}))
        for option, value in options.items():
            field_name = option.replace("-", "_")
            if field_name not in fields:
                known = ", ".join(sorted(name.replace("_", "-") for name in fields))
                raise ConfigError(f"options.{key}.{option}: unknown option (known: {known})")
            values[field_name] = value
        if values:
            instances.append(rule(validate_options(rule, key, values)))
        else:
            instances.append(rule())
    return instances


def validate_options(rule: type[Rule], key: str, values: dict[str, Any]) -> Any:
    from pydantic import ValidationError

    assert rule.Options is not None
    try:
        return rule.Options.model_validate(values)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            where = ".".join(str(part).replace("_", "-") for part in item["loc"])
            problems.append(f"options.{key}.{where}: {item['msg']}")
        raise ConfigError("; ".join(problems)) from None
