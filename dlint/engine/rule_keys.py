"""Checks that the rule entries of the settings name rules: an unknown code, name or
prefix in ``select``, ``ignore``, ``severity`` … is a :class:`ConfigError` with a
suggestion.

Known are the codes, names and aliases of the catalogue (read from the rule
index, so no rule is imported), code prefixes of at least one rule, the
categories (:data:`~dlint.engine.rule.CATEGORIES`, in lists only), ``ALL``,
ShellCheck codes (``SC2086``) and prefixes (``SC``, ``SC2``), and the codes of rules
hadolint has retired (:data:`RETIRED_HADOLINT_CODES`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from dlint.engine.config_error import ConfigError
from dlint.engine.registry import catalogue, known_code_prefix
from dlint.engine.rule import CATEGORIES
from dlint.regex import regex

if TYPE_CHECKING:
    from dlint.engine.config import Settings

#: hadolint rules that hadolint has retired (the ``apt-get``/``apk``/``yum``/``dnf``
#: upgrade rules): dlint has no rule under them, and a ``.hadolint.yaml`` or ``select``
#: naming them keeps working (they match nothing)
RETIRED_HADOLINT_CODES = frozenset({"dl3005", "dl3017", "dl3031", "dl3039"})
#: ShellCheck codes are accepted (dlint reports none of its own under them)
_SHELLCHECK_CODE = regex(r"SC\d{4}", re.IGNORECASE)
_SHELLCHECK_PREFIX = regex(r"SC\d{0,4}", re.IGNORECASE)


@cache
def _keys() -> dict[str, str]:
    """Every code, name and alias, lower-cased, to its spelling in ``dlint rules``."""
    keys: dict[str, str] = {}
    for entry in catalogue():
        for key in (entry.code, entry.name, *entry.aliases):
            keys.setdefault(key.lower(), key)
    return keys


def is_known(entry: str, *, prefixes: bool) -> bool:
    """Whether ``entry`` names a rule (with ``prefixes``: or a code prefix, or ``ALL``)."""
    if entry.lower() in _keys() or entry.lower() in RETIRED_HADOLINT_CODES:
        return True
    if prefixes:
        return (
            entry.lower() == "all"
            or entry.lower() in CATEGORIES
            or known_code_prefix(entry)
            or _SHELLCHECK_PREFIX.fullmatch(entry) is not None
        )
    return _SHELLCHECK_CODE.fullmatch(entry) is not None


def suggestion(entry: str, *, categories: bool = False) -> str | None:
    """The code, name or alias (with ``categories``: or category) closest to ``entry``
    (:mod:`difflib` ratio of at least 0.6; of equally close ones, the first in code
    order, categories last), if one is close."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher()
    matcher.set_seq2(entry.lower())
    best, best_ratio = None, 0.0
    candidates = list(_keys().items())
    if categories:
        candidates += [(name, name) for name in sorted(CATEGORIES)]
    for key, shown in candidates:
        matcher.set_seq1(key)
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:  # strictly: a tie keeps the earlier key
                best, best_ratio = shown, ratio
    return best if best_ratio >= 0.6 else None


def unknown_entry(entry: str, where: str, *, prefixes: bool) -> ConfigError:
    """The error for an ``entry`` of ``where`` (a key path) that names no rule."""
    if not prefixes and entry.lower() in CATEGORIES:
        return ConfigError(f"{where}: {entry!r} is a category; name one rule by its code or name")
    if not prefixes and is_known(entry, prefixes=True):
        return ConfigError(f"{where}: {entry!r} is a code prefix; name one rule by its code or name")
    what = "a rule code, name or code prefix" if prefixes else "a rule code or name"  # or category: the hint says
    close = suggestion(entry, categories=prefixes)
    hint = f"did you mean {close!r}?" if close else "`dlint rules` lists the rules"
    return ConfigError(f"{where}: {entry!r} is not {what} ({hint})")


def check_entries(entries: Iterable[str], where: str, *, prefixes: bool = True) -> None:
    """Raise :class:`ConfigError` for the first of ``entries`` that names nothing."""
    for entry in entries:
        if not is_known(entry, prefixes=prefixes):
            raise unknown_entry(entry, where, prefixes=prefixes)


def check_settings(settings: Settings, prefix: str = "") -> None:
    """Check every rule entry of ``settings``; ``prefix`` says where they came from."""
    if settings.select is not None:
        check_entries(settings.select, f"{prefix}select")
    check_entries(settings.extend_select, f"{prefix}extend-select")
    check_entries(settings.ignore, f"{prefix}ignore")
    for glob, codes in settings.per_file_ignores.items():
        check_entries(codes, f"{prefix}per-file-ignores.{glob}")
    check_entries(settings.severity, f"{prefix}severity", prefixes=False)
    for key in settings.options:
        if key.lower() not in _keys():
            raise unknown_entry(key, f"{prefix}options", prefixes=False)
