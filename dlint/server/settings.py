"""The settings a document is linted with.

As on the command line: the nearest config file from the document upward
(``.dlint.toml``, ``pyproject.toml`` with ``[tool.dlint]``, ``.hadolint.yaml``, …).
The editor may pass, in ``initializationOptions`` or as the ``dlint`` section of
``workspace/configuration``:

- ``config``: a config file's path (used instead of the nearest one), or a table of
  settings spelled as in ``[tool.dlint]`` (used when no config file is found);
- ``select`` / ``ignore``: lists of codes, names or prefixes, applied on top;
- ``debounce``: seconds to wait after a change before linting (default 0.3).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dlint.engine.config import DCLINT_FILES, DLINT_FILES, HADOLINT_FILES, ConfigError, Settings

CONFIG_NAMES = frozenset((*DLINT_FILES, *HADOLINT_FILES, *DCLINT_FILES))
DEFAULT_DEBOUNCE = 0.3


def is_config_file(path: str | Path) -> bool:
    name = Path(path).name
    return name in CONFIG_NAMES or name.startswith(".hadolint")


def _strings(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, (list, tuple)):
        return tuple(str(item) for item in value)
    return None


class SettingsStore:
    """The client's options and the settings of each folder, cached until a config file changes."""

    def __init__(self) -> None:
        self.options: dict[str, Any] = {}
        self.roots: list[Path] = []
        self._cache: dict[tuple, tuple[Settings, tuple]] = {}
        #: problems met loading settings (a bad config file), for the log; emptied by the reader
        self.problems: list[str] = []

    def update(self, options: Any) -> None:
        """Take the editor's options (``initializationOptions`` or the configuration section)."""
        if isinstance(options, dict):
            if isinstance(options.get("dlint"), dict):
                options = options["dlint"]
            self.options = {**self.options, **options}
        self.clear()

    @property
    def debounce(self) -> float:
        try:
            return max(0.0, float(self.options.get("debounce", DEFAULT_DEBOUNCE)))
        except (TypeError, ValueError):
            return DEFAULT_DEBOUNCE

    def clear(self) -> None:
        self._cache.clear()

    def _root_for(self, path: Path | None) -> Path:
        if path is not None:
            for root in sorted(self.roots, key=lambda item: len(item.parts), reverse=True):
                if path.is_relative_to(root):
                    return root
            return path.parent
        return self.roots[0] if self.roots else Path.cwd()

    def for_path(self, path: Path | None) -> tuple[Settings, tuple]:
        """The settings for a document at ``path`` and a key that changes when they do."""
        from dlint.engine.config import find_config

        option = self.options.get("config")
        found: Path | None = None
        if isinstance(option, str) and option.strip():
            found = Path(option).expanduser()
            if not found.is_absolute():
                found = self._root_for(path) / found
        elif path is not None:
            try:
                found = find_config(path)
            except OSError:
                found = None
        try:
            stamp = found.stat().st_mtime_ns if found is not None else None
        except OSError:
            stamp = None
        client = json.dumps(self.options, sort_keys=True, default=str)
        key = (str(found), stamp, client, str(self._root_for(path)) if found is None else "")
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = (self._load(found, option, path), key)
        return cached

    def maps_to_compose(self, path: Path | None) -> bool:
        """Whether the settings for ``path`` name it as a Compose file (``compose-files``,
        ``compose-projects``), whatever its name."""
        if path is None:
            return False
        settings, _ = self.for_path(path)
        named = [*settings.compose_files, *(file for project in settings.compose_projects for file in project)]
        for file in named:
            try:
                if Path(file).resolve() == path:
                    return True
            except OSError:
                continue
        return False

    def _load(self, found: Path | None, option: Any, path: Path | None) -> Settings:
        settings = Settings(root=self._root_for(path))
        try:
            if found is not None:
                from dlint.engine.config import load_file

                settings = load_file(found)
            elif isinstance(option, dict):
                from dlint.engine.config import settings_from_dlint

                settings = settings_from_dlint(option, self._root_for(path), None, "the editor's dlint settings")
        except ConfigError as error:
            self.problems.append(f"{error}; linting with the default settings")
        changes: dict[str, Any] = {}
        select = _strings(self.options.get("select"))
        if select:
            changes["select"] = select
        extend = _strings(self.options.get("extendSelect") or self.options.get("extend-select"))
        if extend:
            changes["extend_select"] = (*settings.extend_select, *extend)
        ignore = _strings(self.options.get("ignore"))
        if ignore:
            changes["ignore"] = (*settings.ignore, *ignore)
        return settings.with_overrides(**changes) if changes else settings
