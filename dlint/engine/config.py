"""Settings: what a run checks and how, loaded from a config file.

dlint reads ``[tool.dlint]`` in ``pyproject.toml``, ``.dlint.toml`` or
``.dlint.yaml``/``.dlint.yml``, found from the checked path upward (the
nearest directory holding one wins). When that directory has no dlint
config but a ``.hadolint.yaml``/``.hadolint.yml``, hadolint's keys are
translated (failing that, a dclint config's: :mod:`dlint.engine.dclint_config`).
Every key is checked by hand (no schema build on the hot path); a wrong key or
value raises :class:`ConfigError` naming it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dlint.engine.config_error import ConfigError as ConfigError  # re-exported
from dlint.models.base import Frozen, field
from dlint.models.finding import Severity

DLINT_FILES = (".dlint.toml", ".dlint.yaml", ".dlint.yml", "pyproject.toml")
HADOLINT_FILES = (".hadolint.yaml", ".hadolint.yml")
#: read when a folder has no dlint or hadolint config (JavaScript configs are not run)
DCLINT_FILES = (".dclintrc", ".dclintrc.json", ".dclintrc.yaml", ".dclintrc.yml", "dclint.config.json")

FAIL_ON_CHOICES = ("error", "warning", "info", "style", "none")
#: config files larger than this are not read
MAX_CONFIG_BYTES = 1024 * 1024
#: ``non-production-words`` by default: a Compose file whose name or folder has one of these
#: words is taken for a development, test, CI or example setup, where the hints DC015 and
#: DC041-DC043 are not given (see ``dlint/knowledge/hint_scope.py``)
NON_PRODUCTION_WORDS = (
    "test", "tests", "testing", "e2e", "ci", "dev", "develop", "development", "devcontainer",
    "example", "examples", "demo", "demos", "sample", "samples", "fixtures",
)  # fmt: skip
#: ``vendored-folders`` by default: folders of other people's code, packages and environments,
#: not walked (a file in one is linted when named, unless ``force-exclude``)
VENDORED_FOLDERS = (
    "vendor", "third_party", "node_modules", "bower_components", ".venv", "venv", "site-packages",
    "__pycache__", ".tox", ".nox",
)  # fmt: skip


#: the policy settings (``allowed-base-images``, ``denied-base-images``,
#: ``required-compose-keys``): rules DF060, DC080 and DC081 do nothing until one is set
POLICY_KEYS = ("allowed-base-images", "denied-base-images", "required-compose-keys")


class Policy(Frozen):
    """A policy setting: its value and where it was set (``.dlint.toml``,
    ``pyproject.toml [tool.dlint]``, ``--config '…'``), for the findings' messages."""

    value: tuple[str, ...] | dict[str, tuple[str, ...]]
    origin: str


class Settings(Frozen):
    """The effective settings of a run (config file merged with command-line options)."""

    select: tuple[str, ...] | None = None  # None: every rule enabled by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)  # code or name → level
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # code or name → options
    fail_on: Severity | None = Severity.WARNING  # None: never fail on findings
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    #: exclusions apply to files and folders named on the command line too
    force_exclude: bool = False
    #: names of folders not walked (None: :data:`VENDORED_FOLDERS`)
    vendored_folders: tuple[str, ...] | None = None
    trusted_registries: tuple[str, ...] | None = None
    label_schema: dict[str, str] | None = None
    strict_labels: bool | None = None
    #: policies (see :data:`POLICY_KEYS`); None: not set
    allowed_base_images: Policy | None = None
    denied_base_images: Policy | None = None
    required_compose_keys: Policy | None = None
    disable_ignore_pragma: bool = False
    #: a suppression comment without a reason (`` -- why``) suppresses nothing
    require_reason: bool = False
    #: findings recorded in this baseline file are not reported (``baseline``)
    baseline: Path | None = None
    #: Compose: the ``.env``-style file read for interpolation besides the project's ``.env``
    env_file: Path | None = None
    #: Compose: files that make one project, in ``docker compose -f a -f b`` order
    compose_files: tuple[Path, ...] = ()
    #: Compose: more projects, each its files in ``-f`` order (``compose-projects``)
    compose_projects: tuple[tuple[Path, ...], ...] = ()
    #: Compose: a JSON schema to validate against in addition to the built-in models
    compose_schema: Path | None = None
    #: words of Compose file and folder names that mark development, test, CI and example
    #: files (None: :data:`NON_PRODUCTION_WORDS`)
    non_production_words: tuple[str, ...] | None = None
    #: directory that relative globs (exclude, per-file-ignores) are matched from
    root: Path = field(default_factory=Path.cwd)
    #: the file the settings came from (None: defaults)
    source: Path | None = None
    #: what reading the config file found worth a warning (a dclint rule dlint has not)
    warnings: tuple[str, ...] = ()

    def with_overrides(self, **changes: Any) -> Settings:
        return self.model_copy(update=changes)

    def shared_options(self) -> dict[str, Any]:
        """Settings handed to every rule whose Options declare a field of the same name."""
        shared: dict[str, Any] = {}
        if self.trusted_registries is not None:
            shared["trusted_registries"] = list(self.trusted_registries)
        if self.label_schema is not None:
            shared["label_schema"] = dict(self.label_schema)
        if self.strict_labels is not None:
            shared["strict_labels"] = self.strict_labels
        if self.non_production_words is not None:
            shared["non_production_words"] = list(self.non_production_words)
        origins: dict[str, str] = {}
        for key in POLICY_KEYS:
            policy = getattr(self, key.replace("-", "_"))
            if policy is not None:
                shared[key.replace("-", "_")] = dict(policy.value) if isinstance(policy.value, dict) else list(policy.value)
                origins[key] = policy.origin
        if origins:
            shared["policy_origins"] = origins
        return shared

    def as_dict(self) -> dict[str, Any]:
        """The settings as config keys (for ``dlint config``)."""
        return {
            "config-file": str(self.source) if self.source else None,
            "root": str(self.root),
            "select": list(self.select) if self.select is not None else None,
            "extend-select": list(self.extend_select),
            "ignore": list(self.ignore),
            "per-file-ignores": {glob: list(codes) for glob, codes in self.per_file_ignores.items()},
            "severity": {key: level.value for key, level in self.severity.items()},
            "options": self.options,
            "fail-on": self.fail_on.value if self.fail_on else "none",
            "exclude": list(self.exclude),
            "extend-exclude": list(self.extend_exclude),
            "force-exclude": self.force_exclude,
            "vendored-folders": list(VENDORED_FOLDERS if self.vendored_folders is None else self.vendored_folders),
            "trusted-registries": list(self.trusted_registries) if self.trusted_registries is not None else None,
            "label-schema": self.label_schema,
            "strict-labels": self.strict_labels,
            **{key: _policy_shown(getattr(self, key.replace("-", "_"))) for key in POLICY_KEYS},
            "disable-ignore-pragma": self.disable_ignore_pragma,
            "require-reason": self.require_reason,
            "baseline": str(self.baseline) if self.baseline else None,
            "env-file": str(self.env_file) if self.env_file else None,
            "compose-files": [str(path) for path in self.compose_files],
            "compose-projects": [[str(path) for path in files] for files in self.compose_projects],
            "compose-schema": str(self.compose_schema) if self.compose_schema else None,
            "non-production-words": list(NON_PRODUCTION_WORDS if self.non_production_words is None else self.non_production_words),
        }


def _policy_shown(policy: Policy | None) -> Any:
    if policy is None:
        return None
    value = policy.value
    return {glob: list(keys) for glob, keys in value.items()} if isinstance(value, dict) else list(value)


# -- value checks ------------------------------------------------------------------

#: how values are shown in messages: cut to a few items and characters (a value
#: built from YAML aliases may be huge)
_REPR = None


def _shown(value: Any) -> str:
    """``repr(value)``, bounded in size and depth (:mod:`reprlib`)."""
    global _REPR
    if _REPR is None:
        import reprlib

        _REPR = reprlib.Repr()
        _REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring, _REPR.maxother = 3, 6, 6, 60, 60
    return _REPR.repr(value)



def _strings(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{key}: expected a list of strings, got {_shown(value)}")
    return tuple(item.strip() for item in value if item.strip())


def _path(value: Any, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key}: expected a file path, got {_shown(value)}")
    return value.strip()


def _bool(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{key}: expected true or false, got {_shown(value)}")
    return value


def _mapping(value: Any, key: str) -> dict[str, Any]:
    if not isinstance(value, dict) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{key}: expected a table of string keys, got {_shown(value)}")
    return value


def parse_severity(value: Any, key: str) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        choices = ", ".join(level.value for level in Severity)
        raise ConfigError(f"{key}: {_shown(value)} is not a severity ({choices})") from None


def parse_fail_on(value: Any, key: str = "fail-on") -> Severity | None:
    text = str(value).lower()
    if text in ("none", "ignore"):
        return None
    if text not in FAIL_ON_CHOICES:
        raise ConfigError(f"{key}: {_shown(value)} is not one of {', '.join(FAIL_ON_CHOICES)}")
    return Severity(text)


# -- dlint keys ----------------------------------------------------------------------


def _select_keys(data: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {
        "select": _strings(data["select"], f"{prefix}select") if "select" in data else None,
        "extend_select": _strings(data.get("extend-select", []), f"{prefix}extend-select"),
        "ignore": _strings(data.get("ignore", []), f"{prefix}ignore"),
    }


def settings_from_dlint(data: Any, root: Path, source: Path | None, origin: str) -> Settings:
    """Settings from the keys of ``[tool.dlint]``/``.dlint.*`` (already decoded)."""
    prefix = f"{origin}: "
    if not isinstance(data, dict):
        raise ConfigError(f"{prefix}expected a table of settings, got {type(data).__name__}")
    known = {
        "select", "extend-select", "ignore", "per-file-ignores", "severity", "options", "fail-on",
        "exclude", "trusted-registries", "label-schema", "strict-labels", "disable-ignore-pragma",
        "require-reason", "baseline", "env-file", "compose-files", "compose-projects", "compose-schema", "non-production-words",
        "extend-exclude", "force-exclude", "vendored-folders", *POLICY_KEYS,
    }
    for key in data:
        if key not in known:
            spelled = key.replace("_", "-") if isinstance(key, str) else None
            hint = f" (did you mean {spelled!r}?)" if spelled in known else ""
            raise ConfigError(f"{prefix}unknown key {_shown(key)}{hint}")
    values: dict[str, Any] = _select_keys(data, prefix)
    if "per-file-ignores" in data:
        table = _mapping(data["per-file-ignores"], f"{prefix}per-file-ignores")
        values["per_file_ignores"] = {
            glob: _strings(codes, f"{prefix}per-file-ignores.{glob}") for glob, codes in table.items()
        }
    if "severity" in data:
        table = _mapping(data["severity"], f"{prefix}severity")
        values["severity"] = {
            code: parse_severity(level, f"{prefix}severity.{code}") for code, level in table.items()
        }
    if "options" in data:
        table = _mapping(data["options"], f"{prefix}options")
        values["options"] = {
            rule: _mapping(options, f"{prefix}options.{rule}") for rule, options in table.items()
        }
    if "fail-on" in data:
        values["fail_on"] = parse_fail_on(data["fail-on"], f"{prefix}fail-on")
    for key in ("exclude", "extend-exclude", "vendored-folders"):
        if key in data:
            values[key.replace("-", "_")] = _strings(data[key], f"{prefix}{key}")
    if "force-exclude" in data:
        values["force_exclude"] = _bool(data["force-exclude"], f"{prefix}force-exclude")
    if "trusted-registries" in data:
        values["trusted_registries"] = _strings(data["trusted-registries"], f"{prefix}trusted-registries")
    if "label-schema" in data:
        schema = _mapping(data["label-schema"], f"{prefix}label-schema")
        for label, kind in schema.items():
            if not isinstance(kind, str):
                raise ConfigError(f"{prefix}label-schema.{label}: expected a string, got {_shown(kind)}")
        values["label_schema"] = dict(schema)
    if "strict-labels" in data:
        values["strict_labels"] = _bool(data["strict-labels"], f"{prefix}strict-labels")
    values.update(_policies(data, prefix, _policy_origin(source, origin)))
    if "disable-ignore-pragma" in data:
        values["disable_ignore_pragma"] = _bool(data["disable-ignore-pragma"], f"{prefix}disable-ignore-pragma")
    if "require-reason" in data:
        values["require_reason"] = _bool(data["require-reason"], f"{prefix}require-reason")
    for key in ("env-file", "compose-schema", "baseline"):
        if key in data:
            values[key.replace("-", "_")] = root / _path(data[key], f"{prefix}{key}")
    if "compose-files" in data:
        values["compose_files"] = tuple(root / path for path in _strings(data["compose-files"], f"{prefix}compose-files"))
    if "non-production-words" in data:
        values["non_production_words"] = _strings(data["non-production-words"], f"{prefix}non-production-words")
    if "compose-projects" in data:
        projects = data["compose-projects"]
        if not isinstance(projects, list):
            raise ConfigError(f"{prefix}compose-projects: expected a list of lists of Compose files, got {_shown(projects)}")
        values["compose_projects"] = tuple(
            tuple(root / path for path in _strings(files, f"{prefix}compose-projects[{index}]")) for index, files in enumerate(projects)
        )
    from dlint.engine.rule_keys import check_settings

    settings = Settings(root=root, source=source, **values)
    check_settings(settings, prefix)  # an unknown rule code or name is an error
    return settings


def _policy_origin(source: Path | None, origin: str) -> str:
    """Where policies of this config were set, as messages show it: the file relative to the
    working folder when below it (``pyproject.toml [tool.dlint]``), else ``origin``."""
    if source is None:
        return origin
    try:
        shown = str(source.relative_to(Path.cwd()))
    except ValueError:
        shown = str(source)
    return f"{shown} [tool.dlint]" if source.name == "pyproject.toml" else shown


def _policies(data: dict[str, Any], prefix: str, origin: str) -> dict[str, Policy]:
    """The policy keys of ``data``: image globs are lists of strings; ``required-compose-keys``
    a list of (dotted) keys every service sets, or a table of service-name glob → such a list."""
    values: dict[str, Policy] = {}
    for key in ("allowed-base-images", "denied-base-images"):
        if key in data:
            values[key.replace("-", "_")] = Policy(_strings(data[key], f"{prefix}{key}"), origin)
    key = "required-compose-keys"
    if key in data:
        given = data[key]
        if isinstance(given, dict):
            table = _mapping(given, f"{prefix}{key}")
            value: Any = {glob: _strings(keys, f"{prefix}{key}.{glob}") for glob, keys in table.items()}
        else:
            value = _strings(given, f"{prefix}{key}")
        values["required_compose_keys"] = Policy(value, origin)
    return values


# -- hadolint keys -------------------------------------------------------------------

#: hadolint keys accepted without effect (they choose output, which dlint's CLI does)
_HADOLINT_COSMETIC = {"no-color", "format", "verbose"}


def settings_from_hadolint(data: Any, root: Path, source: Path, origin: str) -> Settings:
    """Settings translated from a ``.hadolint.yaml``."""
    prefix = f"{origin}: "
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{prefix}expected a mapping of settings, got {type(data).__name__}")
    known = {
        "ignored", "trustedRegistries", "override", "failure-threshold", "label-schema",
        "strict-labels", "no-fail", "disable-ignore-pragma", *_HADOLINT_COSMETIC,
    }
    for key in data:
        if key not in known:
            raise ConfigError(f"{prefix}unknown hadolint key {_shown(key)}")
    from dlint.engine.rule_keys import check_entries

    values: dict[str, Any] = {}
    if "ignored" in data:
        values["ignore"] = _strings(data["ignored"], f"{prefix}ignored")
        check_entries(values["ignore"], f"{prefix}ignored")
    if "trustedRegistries" in data:
        values["trusted_registries"] = _strings(data["trustedRegistries"], f"{prefix}trustedRegistries")
    if "override" in data:
        override = _mapping(data["override"] or {}, f"{prefix}override")
        severity: dict[str, Severity] = {}
        enabled: list[str] = []
        for level, codes in override.items():
            parsed = parse_severity(level, f"{prefix}override.{level}")
            codes = _strings(codes or [], f"{prefix}override.{level}")
            check_entries(codes, f"{prefix}override.{level}", prefixes=False)
            for code in codes:
                severity[code] = parsed
                enabled.append(code)
        # hadolint turns on a rule that is off by default when its severity is overridden
        values["severity"] = severity
        values["extend_select"] = tuple(enabled)
    if "failure-threshold" in data:
        values["fail_on"] = parse_fail_on(data["failure-threshold"], f"{prefix}failure-threshold")
    if "label-schema" in data:
        schema = _mapping(data["label-schema"] or {}, f"{prefix}label-schema")
        values["label_schema"] = {label: str(kind) for label, kind in schema.items()}
    if "strict-labels" in data:
        values["strict_labels"] = _bool(data["strict-labels"], f"{prefix}strict-labels")
    if data.get("no-fail") is not None and _bool(data["no-fail"], f"{prefix}no-fail"):
        values["fail_on"] = None
    if "disable-ignore-pragma" in data:
        values["disable_ignore_pragma"] = _bool(data["disable-ignore-pragma"], f"{prefix}disable-ignore-pragma")
    return Settings(root=root, source=source, **values)


# -- files ---------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    """The text of the config file ``path`` (UTF-8, a byte order mark dropped);
    :class:`ConfigError` when it is not a readable regular file or not UTF-8."""
    from dlint.reading import ReadError, read_regular

    try:
        return read_regular(path, MAX_CONFIG_BYTES).decode("utf-8-sig")
    except ReadError as error:
        raise ConfigError(f"{path}: {error.reason}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 text (byte {error.start + 1})") from None


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    text = _read_text(path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise ConfigError(f"{path}: not read: its arrays or tables are nested too deeply") from None


def _read_yaml(path: Path) -> Any:
    """The data of a YAML config file, read by dlint's own YAML loader (aliases that
    expand too far, several documents and duplicate keys are errors, as in Compose files)."""
    from dlint.parsers.yaml_loader import load_yaml, to_python

    loaded = load_yaml(_read_text(path), str(path))
    if loaded.issues:
        issue = loaded.issues[0]
        raise ConfigError(f"{path}:{issue.span.line}:{issue.span.column}: not valid YAML: {issue.message}")
    return to_python(loaded.root)


def load_file(path: Path) -> Settings:
    """Settings from one config file, chosen by its name."""
    path = path.absolute()
    root = path.parent
    name = path.name
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file")
    if name == "pyproject.toml":
        tool = _read_toml(path).get("tool", {})
        data = tool.get("dlint", {}) if isinstance(tool, dict) else {}
        return settings_from_dlint(data, root, path, f"{path} [tool.dlint]")
    if name in HADOLINT_FILES or name.startswith(".hadolint") or name.startswith("hadolint"):
        return settings_from_hadolint(_read_yaml(path), root, path, str(path))
    if name in DCLINT_FILES:
        from dlint.engine.dclint_config import dclint_values, decode_json

        data = decode_json(_read_text(path), path) if name.endswith(".json") else _read_yaml(path)
        return Settings(root=root, source=path, **dclint_values(data, str(path)))
    if name.endswith(".toml"):
        return settings_from_dlint(_read_toml(path), root, path, str(path))
    if name.endswith((".yaml", ".yml")):
        data = _read_yaml(path)
        return settings_from_dlint({} if data is None else data, root, path, str(path))
    raise ConfigError(f"{path}: config files are .toml, .yaml or .yml")


def _has_dlint_table(pyproject: Path) -> bool:
    try:
        text = _read_text(pyproject)
    except ConfigError:  # not a regular file, too large, not UTF-8: not dlint's
        return False
    if "tool.dlint" not in text:  # cheap test before parsing
        return False
    tool = _read_toml(pyproject).get("tool", {})
    return isinstance(tool, dict) and "dlint" in tool


def find_config(start: Path) -> Path | None:
    """The nearest config file from ``start`` (a file or directory) upward."""
    directory = start.absolute()
    if not directory.is_dir():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        for name in DLINT_FILES:
            candidate = folder / name
            if candidate.is_file():
                if name != "pyproject.toml" or _has_dlint_table(candidate):
                    return candidate
        for name in (*HADOLINT_FILES, *DCLINT_FILES):
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_settings(start: Path, config: Path | None = None) -> Settings:
    """The settings for a run over ``start``: ``config`` if given, else the nearest file."""
    path = config if config is not None else find_config(start)
    if path is None:
        return Settings(root=Path.cwd())
    return load_file(path)
