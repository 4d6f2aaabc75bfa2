"""Rules from other packages: the ``dlint.rules`` entry-point group.

A distribution registers rules in its metadata::

    [project.entry-points."dlint.rules"]
    acme = "acme_dlint.rules"                  # every Rule subclass defined in the module
    ACME002 = "acme_dlint.more:NoAcmeLatest"   # one rule class

Finding them must not slow down a run that has none, so :mod:`importlib.metadata`
(about 25 ms to import) is not used: :func:`entry_points` lists the
``*.dist-info``/``*.egg-info`` folders of :data:`sys.path` and reads only their
``entry_points.txt`` (well under a millisecond for a few dozen distributions). A
distribution that declares the group has its modules imported when the rule catalogue
is first built (each rule's code, name and kind are read from its class); with none
declaring it nothing more happens. ``DLINT_NO_PLUGINS=1`` turns discovery off.

A plugin rule is a :class:`~dlint.engine.rule.Rule` subclass like the built-in ones,
checked the same way, with a code of its own: 2 to 4 capital letters that do not
start with a reserved prefix (:data:`RESERVED_PREFIXES`), then 3 or 4 digits
(``ACME001``, ``XY123``). Whatever goes wrong — a module that does not import, an
entry point naming no rule, a malformed rule, a code or name another rule has — is a
:class:`PluginError` naming the distribution and the entry point.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from typing import TYPE_CHECKING

from dlint.engine.config_error import ConfigError
from dlint.regex import regex

if TYPE_CHECKING:
    from dlint.engine.registry import Entry
    from dlint.engine.rule import Rule

GROUP = "dlint.rules"
#: code prefixes plugins may not use, nor start with: dlint's own, ShellCheck's, ``ALL``
RESERVED_PREFIXES = ("DL", "DF", "DC", "DX", "SC", "ALL")
#: a plugin rule's code
PLUGIN_CODE = regex(r"([A-Z]{2,4})(\d{3,4})")
_ENV_OFF = "DLINT_NO_PLUGINS"


class PluginError(ConfigError):
    """A plugin that cannot be used; the message names the distribution and entry point."""


class EntryPoint:
    """One line of a distribution's ``[dlint.rules]`` section (a plain class: a dataclass or
    NamedTuple would cost more to define than the whole scan for plugins)."""

    __slots__ = ("name", "value", "distribution", "metadata")

    def __init__(self, name: str, value: str, distribution: str, metadata: str) -> None:
        self.name = name
        self.value = value
        self.distribution = distribution  # "name version"
        self.metadata = metadata  # the entry_points.txt path

    @property
    def where(self) -> str:
        return f"plugin {self.distribution} (entry point {self.name} = {self.value!r} in {self.metadata})"


def _distribution_name(folder: str) -> str:
    """``name version`` from a ``name-version.dist-info`` folder name."""
    stem = folder.rsplit(".", 1)[0]
    name, _, version = stem.partition("-")
    return f"{name} {version}".strip()


def _parse(text: str, distribution: str, metadata: str) -> list[EntryPoint]:
    """The entry points of the ``[dlint.rules]`` section of an ``entry_points.txt``."""
    found: list[EntryPoint] = []
    section = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        if section == GROUP:
            name, equals, value = line.partition("=")
            if not equals or not name.strip() or not value.strip():
                raise PluginError(f"plugin {distribution}: {metadata}: {line!r} is not `name = module` or `name = module:Class`")
            found.append(EntryPoint(name.strip(), value.split("[", 1)[0].strip(), distribution, metadata))
    return found


def entry_points(path: list[str] | None = None) -> list[EntryPoint]:
    """The ``dlint.rules`` entry points of the distributions on ``path`` (default
    :data:`sys.path`); the first folder holding a distribution wins, as for imports."""
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for folder in sys.path if path is None else path:
        try:
            listing = os.scandir(folder or ".")
        except OSError:
            continue
        with listing:
            names = sorted(item.name for item in listing if item.name.endswith((".dist-info", ".egg-info")))
        for name in names:
            metadata = os.path.join(folder or ".", name, "entry_points.txt")
            try:
                with open(metadata, "rb") as stream:
                    data = stream.read()
            except OSError:
                continue
            distribution = _distribution_name(name)
            key = distribution.split(" ", 1)[0].lower().replace("-", "_")
            if b"dlint.rules" not in data or key in seen:
                continue
            seen.add(key)
            found += _parse(data.decode("utf-8", "replace"), distribution, metadata)
    return found


#: the plugin rule classes loaded, by code
_LOADED: dict[str, type[Rule]] = {}
#: where each plugin rule class came from
_ORIGIN: dict[type, EntryPoint] = {}


def _classes(point: EntryPoint) -> list[type[Rule]]:
    import importlib

    from dlint.engine.rule import Rule

    module_name, _, attribute = point.value.partition(":")
    try:
        module = importlib.import_module(module_name.strip())
    except Exception as error:  # any failure of third-party code: say where, never a traceback
        raise PluginError(f"{point.where}: cannot import {module_name.strip()}: {type(error).__name__}: {error}") from None
    if attribute:
        value = module
        for part in attribute.strip().split("."):
            value = getattr(value, part, None)
        if not (isinstance(value, type) and issubclass(value, Rule)):
            raise PluginError(f"{point.where}: {attribute.strip()} is not a subclass of dlint.engine.rule.Rule in {module_name.strip()}")
        return [value]
    found = [
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, Rule) and value.__module__ == module.__name__ and "code" in vars(value)
    ]
    if not found:
        raise PluginError(f"{point.where}: module {module_name.strip()} defines no rule (a subclass of dlint.engine.rule.Rule with a code)")
    return found


def problems(rule: type[Rule]) -> list[str]:
    """What is wrong with a plugin rule's declaration (:meth:`Rule.problems`, with the
    plugin code shape instead of dlint's)."""
    found = [problem for problem in rule.problems() if not problem.startswith("code ")]
    code = getattr(rule, "code", None)
    if isinstance(code, str):
        match = PLUGIN_CODE.fullmatch(code)
        if match is None:
            found.append(f"code {code!r} is not 2 to 4 capital letters then 3 or 4 digits (ACME001)")
        elif match.group(1).startswith(RESERVED_PREFIXES):
            found.append(f"code {code!r} starts with a prefix dlint reserves ({', '.join(RESERVED_PREFIXES)})")
    elif hasattr(rule, "code"):
        found.append("code is not a string")
    if getattr(rule, "kind", None) == "shell":
        found.append("kind 'shell' is ShellCheck's; use dockerfile, compose or project")
    if getattr(rule, "mandatory", False):
        found.append("plugin rules cannot be mandatory")
    if not (rule.__doc__ or "").strip():
        found.append("no docstring (its first line is the rule's summary, the rest its documentation)")
    return found


@cache
def plugin_rules(builtin: tuple[Entry, ...]) -> tuple[type[Rule], ...]:
    """Every plugin rule class, checked, and against the ``builtin`` catalogue entries and
    each other; imports the plugins' modules. None without a plugin installed."""
    if os.environ.get(_ENV_OFF, "") not in ("", "0"):
        return ()
    points = entry_points()
    if not points:
        return ()
    taken: dict[str, str] = {}
    for entry in builtin:
        for key in (entry.code, entry.name, *entry.aliases):
            taken.setdefault(key.lower(), f"dlint's {entry.code}")
    rules: list[type[Rule]] = []
    for point in points:
        for rule in _classes(point):
            wrong = problems(rule)
            if wrong:
                raise PluginError(f"{point.where}: {rule.__module__}.{rule.__qualname__}: " + "; ".join(wrong))
            if _LOADED.get(rule.code) is rule:
                continue  # named by two entry points
            for key in (rule.code, rule.name, *rule.aliases):
                other = taken.get(key.lower())
                if other is not None:
                    raise PluginError(f"{point.where}: {rule.__module__}.{rule.__qualname__}: {key!r} is already used by {other}")
                taken[key.lower()] = f"{rule.code} of plugin {point.distribution}"
            _LOADED[rule.code] = rule
            _ORIGIN[rule] = point
            rules.append(rule)
    return tuple(rules)


def load(entry: Entry) -> type[Rule]:
    """The class of a plugin's catalogue entry (imported by :func:`plugin_rules`)."""
    return _LOADED[entry.code]


def origin(rule: type) -> EntryPoint | None:
    """The entry point a plugin rule came from (None: a built-in rule)."""
    return _ORIGIN.get(rule)


def builtin(rules: tuple[type[Rule], ...] | list[type[Rule]]) -> list[type[Rule]]:
    """``rules`` without the plugins' (for the generated rule index and pages)."""
    return [rule for rule in rules if rule not in _ORIGIN]


def documentation_url(code: str) -> str | None:
    """Where a plugin rule is documented, for the reports' links: the rule's ``url``
    attribute, else its distribution's home page or first project URL (None: not a
    plugin's code, or no URL known)."""
    rule = _LOADED.get(code)
    if rule is None:
        return None
    url = getattr(rule, "url", None)
    if isinstance(url, str) and url.strip():
        return url.strip()
    folder = os.path.dirname(_ORIGIN[rule].metadata)
    for name in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as stream:
                headers = stream.read().split("\n\n", 1)[0].splitlines()
        except OSError:
            continue
        for header in headers:
            key, _, value = header.partition(":")
            if key.lower() == "home-page" and value.strip() not in ("", "UNKNOWN"):
                return value.strip()
        for header in headers:
            key, _, value = header.partition(":")
            if key.lower() == "project-url" and "," in value:
                return value.split(",", 1)[1].strip()
    return None
