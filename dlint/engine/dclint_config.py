"""Settings translated from a dclint config, for projects switching from dclint.

:mod:`dlint.engine.config` reads ``.dclintrc`` (JSON or YAML), ``.dclintrc.json``,
``.dclintrc.yaml``, ``.dclintrc.yml`` and ``dclint.config.json``; the JavaScript
forms (``dclint.config.js``, ``.dclintrc.js``) are not run. ``rules`` maps a rule
name to a level, or to ``[level, options]``: 0 turns the rule off, 1 makes it a
warning, 2 an error (either turns it on). ``exclude`` becomes dlint's ``exclude``;
``quiet``, ``debug`` and ``$schema`` have no effect. A rule name dlint does not
know, and a rule's dclint options (which are not translated), give a warning
rather than an error: dclint has rules dlint has not.
"""

from __future__ import annotations

import reprlib
from pathlib import Path
from typing import Any

from dlint.engine.config_error import ConfigError
from dlint.models.finding import Severity

_LEVELS = {1: Severity.WARNING, 2: Severity.ERROR}
_COSMETIC = {"quiet", "debug", "$schema"}


def decode_json(text: str, path: Path) -> Any:
    """The data of a dclint JSON config; :class:`ConfigError` saying where it is not JSON."""
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not read: its arrays or objects are nested too deeply") from None


def dclint_values(data: Any, origin: str) -> dict[str, Any]:
    """The :class:`~dlint.engine.config.Settings` keywords (``warnings`` among them)
    translated from the decoded content of a dclint config file."""
    from dlint.engine.rule_keys import is_known

    prefix = f"{origin}: "
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{prefix}expected a mapping of settings, got {type(data).__name__}")
    for key in data:
        if key not in ("rules", "exclude", *_COSMETIC):
            raise ConfigError(f"{prefix}unknown dclint key {reprlib.repr(key)}")
    rules = data.get("rules") or {}
    if not isinstance(rules, dict) or not all(isinstance(name, str) for name in rules):
        raise ConfigError(f"{prefix}rules: expected a mapping of rule names to levels, got {reprlib.repr(rules)}")
    ignore: list[str] = []
    enabled: list[str] = []
    severity: dict[str, Severity] = {}
    warnings: list[str] = []
    for name, value in rules.items():
        level, options = _level(value, f"{prefix}rules.{name}")
        if not is_known(name, prefixes=False):
            warnings.append(f"{prefix}rules.{name}: dlint has no such rule; the entry is skipped (`dlint rules` lists the rules)")
            continue
        if options:
            warnings.append(f"{prefix}rules.{name}: dclint's options are not translated; set dlint's own (`dlint rule {name}`)")
        if level == 0:
            ignore.append(name)
        else:
            enabled.append(name)
            severity[name] = _LEVELS[level]
    values: dict[str, Any] = {
        "ignore": tuple(ignore), "extend_select": tuple(enabled), "severity": severity, "warnings": tuple(warnings),
    }
    if "exclude" in data:
        exclude = data["exclude"]
        if not isinstance(exclude, list) or not all(isinstance(item, str) for item in exclude):
            raise ConfigError(f"{prefix}exclude: expected a list of strings, got {reprlib.repr(exclude)}")
        values["exclude"] = tuple(item.strip() for item in exclude if item.strip())
    return values


def _level(value: Any, where: str) -> tuple[int, Any]:
    """The level (0, 1 or 2) and options of one ``rules`` entry."""
    options = None
    if isinstance(value, list):
        if len(value) not in (1, 2):
            raise ConfigError(f"{where}: expected a level or [level, options], got {reprlib.repr(value)}")
        value, options = value[0], (value[1] if len(value) == 2 else None)
        if options is not None and not isinstance(options, dict):
            raise ConfigError(f"{where}: the options should be a mapping, got {reprlib.repr(options)}")
    if isinstance(value, bool) or value not in (0, 1, 2):
        raise ConfigError(f"{where}: {reprlib.repr(value)} is not a dclint level (0 off, 1 warning, 2 error)")
    return value, options
