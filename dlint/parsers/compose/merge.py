"""Compose's merge rules, applied to models (override files, ``extends``).

Following the Compose Specification's merge rules: mappings merge key by key,
``command``/``entrypoint``/``healthcheck.test`` are replaced, ``ports`` are
appended without exact duplicates, ``volumes`` are unique by target,
``secrets``/``configs`` by target, ``environment``/``labels``/``depends_on``/
``networks`` merge by name, other sequences are appended. A value tagged
``!reset`` removes the key, ``!override`` replaces instead of merging. Every
merged item keeps the file and span it came from.
"""

from __future__ import annotations

from typing import Any

from dlint.models.base import defaults_of, field_names
from dlint.models.compose import Build, Healthcheck, Service
from dlint.parsers.compose.build_model import LIST_KEYS, SCALAR_KEYS, ModelBuilder
from dlint.parsers.yaml_loader import YNode

_BY_NAME = ("environment", "labels", "depends_on", "networks", "annotations", "sysctls", "storage_opt", "ulimits")
_REPLACED = ("command", "entrypoint")
_APPENDED_AS_IS = ("env_file", "post_start", "pre_stop", "develop_watch")  # not de-duplicated
_APPENDED = ("extra_hosts", *LIST_KEYS, *_APPENDED_AS_IS)
_SCALARS = (*SCALAR_KEYS, "extends")
_REBUILT = ("deploy", "logging")  # typed again from the deep-merged mapping
_FIELD_OF_KEY = {"develop": "develop_watch"}
_SERVICE_FIELDS = frozenset(field_names(Service))
_BUILD_FIELDS = frozenset(field_names(Build))


def merge_nodes(base: YNode, override: YNode, replaced: tuple[str, ...] = ()) -> YNode:
    """Deep merge of two YAML values: maps by key, sequences appended, else the override.

    Keys in ``replaced`` (top level only) take the override's value as it is.
    """
    if override.tag == "!override" or base.kind != override.kind or override.kind == "scalar":
        return override
    merged = _copy(override)
    if override.kind == "map":
        entries = dict(base.value)
        for key, (k, v) in override.value.items():
            if v.tag == "!reset":
                entries.pop(key, None)
            elif key in entries and key not in replaced:
                entries[key] = (k, merge_nodes(entries[key][1], v))
            else:
                entries[key] = (k, v)
        merged.value = entries
    else:
        merged.value = [*base.value, *override.value]
    return merged


def _copy(node: YNode) -> YNode:
    clone = object.__new__(YNode)
    for slot in YNode.__slots__:
        setattr(clone, slot, getattr(node, slot))
    return clone


def _unique(items: list, key, *, replace: bool = True) -> list:
    """Items unique by ``key``, in first-seen order: a later item replaces an earlier
    one of the same key (``replace``) or is dropped as a repeat."""
    result: dict[Any, Any] = {}
    for item in items:
        marker = key(item)
        if replace or marker not in result:
            result[marker] = item
    return list(result.values())


def _port_key(port) -> Any:
    return (port.host_ip, port.published, port.target, port.protocol) if port.resolved else id(port)


def _scalar_key(scalar) -> Any:
    value = scalar.value
    return (type(value), value if isinstance(value, (str, int, float, bool, type(None))) else repr(value))


def merge_service(base: Service, override: Service, builder: ModelBuilder | None = None) -> Service:
    """``override`` merged onto ``base`` (``base`` and ``override`` are left unchanged).

    With a ``builder``, ``deploy`` and ``logging`` are typed again from the deep-merged
    mapping; without one the later definition replaces the earlier.
    """
    fields = dict(base.__dict__)
    for key, entry in override.entries.items():
        tag = entry.node.tag if entry.node is not None else None
        key = _FIELD_OF_KEY.get(key, key)
        if tag == "!reset":
            _reset_field(fields, key)
        else:
            _merge_field(fields, override, key, tag == "!override" or key in _REBUILT)
    if base.node is not None and override.node is not None:
        merged = fields["node"] = merge_nodes(base.node, override.node, _REPLACED)
        if builder is not None and merged.kind == "map":
            for key in _REBUILT:
                if key in override.entries and key in merged.value:
                    fields[key] = getattr(builder, key)(merged.get(key))
    else:
        fields["node"] = override.node if override.node is not None else base.node
    return Service.make(**fields)


def _reset_field(fields: dict, key: str) -> None:
    for name, default, factory in defaults_of(Service):
        if name == key:
            fields[key] = factory() if factory is not None else default


def _merge_field(fields: dict, override: Service, key: str, replace: bool) -> None:
    if key not in _SERVICE_FIELDS:
        return
    new = getattr(override, key)
    old = fields.get(key)
    if replace or key in _REPLACED or key in _SCALARS or not old:
        fields[key] = new
    elif key in _BY_NAME:
        fields[key] = {**old, **new}
    elif key == "ports":
        fields[key] = _unique([*old, *new], _port_key, replace=False)
    elif key == "volumes":
        fields[key] = _unique([*old, *new], lambda volume: volume.target or id(volume))
    elif key in ("secrets", "configs"):
        fields[key] = _unique([*old, *new], lambda ref: ref.target or ref.source)
    elif key in _APPENDED:
        if key in _APPENDED_AS_IS:
            fields[key] = [*old, *new]
        else:
            fields[key] = _unique([*old, *new], _scalar_key, replace=False)
    elif key == "build":
        fields[key] = _merge_build(old, new)
    elif key == "healthcheck":
        fields[key] = _merge_healthcheck(old, new)
    else:
        fields[key] = new


def _merge_build(old: Build, new: Build) -> Build:
    data = dict(old.__dict__)
    present = set(new.entries) | ({"context"} if new.short else set())
    for key in present:
        if key not in _BUILD_FIELDS:
            continue
        value = getattr(new, key)
        if isinstance(value, dict):
            data[key] = {**data.get(key, {}), **value}
        elif isinstance(value, list) and key != "secrets":
            data[key] = _unique([*data.get(key, []), *value], _scalar_key, replace=False)
        else:
            data[key] = value
    if old.node is not None and new.node is not None and old.node.kind == new.node.kind == "map":
        data["node"] = merge_nodes(old.node, new.node)
    else:
        data["node"] = new.node if new.node is not None and new.node.kind == "map" else old.node
    data["short"] = False
    data["span"], data["path"] = new.span, new.path
    return Build.make(**data)


def _merge_healthcheck(old: Healthcheck, new: Healthcheck) -> Healthcheck:
    data = dict(old.__dict__)
    for key, value in new.__dict__.items():
        if key in ("span", "path") or (value is not None and value is not False):
            data[key] = value
    return Healthcheck.make(**data)
