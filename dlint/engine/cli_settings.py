"""Settings changes spelled on the command line the way hadolint and ruff users
spell them: hadolint's ``--trusted-registry``, ``--require-label``, ``--error CODE``
…, and ruff's ``--config 'key = value'``. Each returns the changes to make to the
settings (:meth:`Settings.with_overrides` keywords); a bad value raises
:class:`ConfigError` naming the option.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from dlint.engine.config import ConfigError, Settings, parse_severity, settings_from_dlint

#: the label types of hadolint's label schema, as dlint's label rules read them
LABEL_TYPES = ("text", "url", "semver", "hash", "rfc3339", "spdx", "email")
#: settings that a ``key = value`` override adds to instead of replacing (tables)
_TABLES = ("per_file_ignores", "severity", "options", "label_schema")


def hadolint_changes(
    settings: Settings,
    *,
    trusted_registries: Sequence[str] = (),
    required_labels: Sequence[str] = (),
    strict_labels: bool = False,
    levels: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, Any]:
    """Changes for hadolint's options: registries and labels add to the configured ones;
    ``levels`` (severity → codes, from ``--error CODE`` …) set those rules' severity and
    turn them on, as hadolint's ``override`` does."""
    from dlint.engine.rule_keys import check_entries

    changes: dict[str, Any] = {}
    if trusted_registries:
        changes["trusted_registries"] = (*(settings.trusted_registries or ()), *trusted_registries)
    if required_labels:
        schema = dict(settings.label_schema or {})
        for entry in required_labels:
            label, separator, kind = entry.rpartition(":")
            if not separator or not label.strip():
                raise ConfigError(f"--require-label {entry!r}: expected LABEL:TYPE, such as maintainer:email")
            if kind.strip().lower() not in LABEL_TYPES:
                raise ConfigError(f"--require-label {entry!r}: {kind!r} is not a label type ({', '.join(LABEL_TYPES)})")
            schema[label.strip()] = kind.strip().lower()
        changes["label_schema"] = schema
    if strict_labels:
        changes["strict_labels"] = True
    severity = dict(settings.severity)
    enabled: list[str] = []
    for level, codes in (levels or {}).items():
        for code in codes:
            check_entries([code], f"--{level}", prefixes=False)
            severity[code] = parse_severity(level, f"--{level}")
            enabled.append(code)
    if enabled:
        changes["severity"] = severity
        changes["extend_select"] = (*settings.extend_select, *enabled)
    return changes


def split_config_values(values: Sequence[str]) -> tuple[Path | None, list[str]]:
    """The config file and the ``key = value`` overrides among ``--config`` values: a
    value naming an existing file, or holding no ``=``, is a file; at most one may be."""
    files: list[str] = []
    overrides: list[str] = []
    for value in values:
        if Path(value).is_file() or "=" not in value:
            files.append(value)
        else:
            overrides.append(value)
    if len(files) > 1:
        raise ConfigError(f"--config: give one config file, not {len(files)} ({', '.join(files)})")
    return (Path(files[0]) if files else None), overrides


def override_changes(settings: Settings, overrides: Sequence[str], root: Path) -> dict[str, Any]:
    """Changes for ruff-style ``--config 'key = value'`` overrides, read as TOML and checked
    as a config file's keys are (paths relative to ``root``); a table (``severity``,
    ``options`` …) is added to, any other setting replaced; later overrides win."""
    changes: dict[str, Any] = {}
    if not overrides:
        return changes
    import tomllib

    for text in overrides:
        where = f"--config {text!r}"
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{where}: not a config file, nor a valid TOML `key = value` setting: {error}") from None
        parsed = settings_from_dlint(data, root, None, where)
        for key in data:
            name = key.replace("-", "_")
            value = getattr(parsed, name)
            if name in _TABLES:
                current = changes.get(name, getattr(settings, name)) or {}
                value = {**current, **value}
            changes[name] = value
    return changes
