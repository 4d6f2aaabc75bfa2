"""Shared helpers of Compose rules that look at the YAML as written (order, quoting)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

#: characters a plain (unquoted) YAML scalar may not start with
_PLAIN_START_FORBIDDEN = frozenset("-?:,[]{}#&*!|>'\"%@`")


def written_pairs(node: Any) -> list[tuple[Any, Any]]:
    """``(key node, value node)`` of a mapping in source order, without the keys a merge
    key (``<<: *anchor``) brought in from elsewhere."""
    if node is None or node.kind != "map":
        return []
    inside = [
        (key, value) for key, value in node.pairs()
        if key.file == node.file and node.start <= key.start < node.end
    ]
    return sorted(inside, key=lambda pair: pair[0].start)


def sequence_items(node: Any) -> list[Any]:
    """The items of a sequence node (empty for anything else)."""
    return list(node.value) if node is not None and node.kind == "seq" else []


def is_plain(node: Any) -> bool:
    """A scalar written without quotes (and not a block scalar)."""
    return node.kind == "scalar" and node.style in (None, "") and node.tag is None


def is_flow(node: Any, source: str) -> bool:
    """A sequence or mapping written inline (``[a, b]`` / ``{a: b}``)."""
    return 0 <= node.start < len(source) and source[node.start] in "[{"


def can_be_plain(text: str, in_flow: bool) -> bool:
    """Whether ``text`` reads back as the same string when written without quotes."""
    from dlint.parsers.yaml_loader import resolve_plain

    if not text or text != text.strip() or "\n" in text or text[0] in _PLAIN_START_FORBIDDEN:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if in_flow and any(char in text for char in ",[]{}"):
        return False
    return resolve_plain(text) == text and isinstance(resolve_plain(text), str)


def out_of_order(items: Iterable[Any], key: Callable[[Any], Any]) -> Iterator[tuple[Any, Any]]:
    """``(item, previous)`` for every item whose key sorts before the key of the item
    just before it; items whose key is None are not compared (and do not break the chain)."""
    previous = None
    previous_key = None
    for item in items:
        current = key(item)
        if current is None:
            continue
        if previous is not None and current < previous_key:
            yield item, previous
        previous, previous_key = item, current


def may_run_together(first: Any, second: Any) -> bool:
    """Whether two services can be started by one ``docker compose up``: not when both
    belong only to profiles and no profile is shared (values from a variable count as any)."""
    first_profiles = _profiles(first)
    second_profiles = _profiles(second)
    if first_profiles is None or second_profiles is None:
        return True
    return bool(first_profiles & second_profiles)


def _profiles(service: Any) -> set[str] | None:
    """The profiles of a service, or None when it always runs or a variable names one."""
    if not service.profiles:
        return None
    names = set()
    for scalar in service.profiles:
        if not scalar.resolved or scalar.interpolated:
            return None
        names.add(str(scalar.effective))
    return names


def written_key(service: Any, key: str) -> tuple[Any, Any] | None:
    """``(key node, value node)`` of ``key`` when the service's mapping writes it itself
    (not brought in by a merge key)."""
    for key_node, value in written_pairs(service.node):
        if str(key_node.value) == key:
            return key_node, value
    return None


def sort_items_edits(source: str, items: list[Any], key: Callable[[Any], Any]) -> list[tuple[Any, str]] | None:
    """Edits that put single-line scalar ``items`` in order by ``key`` (each item's text
    moves as written, quotes included), or None when that cannot be done without
    disturbing anything: an item is not a one-line scalar, an item has no key, or a
    comment sits among the items."""
    if len(items) < 2:
        return None
    keys = []
    for item in items:
        if item.kind != "scalar" or item.line != item.end_line:
            return None
        current = key(item)
        if current is None:
            return None
        keys.append(current)
    if "#" in source[items[0].start : items[-1].end]:
        return None
    texts = [source[item.start : item.end] for item in items]
    order = sorted(range(len(items)), key=lambda index: keys[index])
    return [(item.span, texts[index]) for item, index in zip(items, order) if source[item.start : item.end] != texts[index]]


def used_value(service: Any, key: str) -> Any:
    """The value node of ``key`` that applies to the service as the file writes it: its own,
    or the one a merge key brings in (positioned where that one is written)."""
    node = service.node
    return node.get(key) if node is not None and node.kind == "map" else None


def name_order(name: str) -> tuple[str, str]:
    """Alphabetical, ignoring case first."""
    return name.lower(), name
