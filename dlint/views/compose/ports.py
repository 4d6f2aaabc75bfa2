"""Shared reading of Compose ``ports``/``expose`` items: numbers, ranges, host IPs.

:func:`binding` turns a :class:`~dlint.models.compose.Port` into numbers rules
can compare. Parts decided by a variable whose value dlint does not know stay
unknown (``None`` with ``*_known`` False) so that rules never guess them.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from typing import Any

from dlint.models.base import Frozen
from dlint.regex import regex
from dlint.views.text import parse_int

MAX_PORT = 65535
_RANGE = regex(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?\Z")
WILDCARD_IPS = frozenset({"0.0.0.0", "::", "[::]"})


def parse_range(text: str | int | None) -> tuple[int, int] | None:
    """``(first, last)`` of ``"8080"`` or ``"8000-8010"`` (None when not numbers)."""
    if text is None or isinstance(text, bool):
        return None
    match = _RANGE.match(str(text))
    if match is None:
        return None
    first = parse_int(match.group(1))
    last = parse_int(match.group(2)) if match.group(2) is not None else first
    return (first, last) if first is not None and last is not None else None


def split_outside_braces(text: str, separator: str = ":") -> list[str]:
    """``text`` split on ``separator`` except inside ``${…}`` and ``[…]``."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "$" and text.startswith("${", index):
            depth += 1
            current.append("${")
            index += 2
            continue
        if char == "[":
            depth += 1
        elif char in "]}" and depth:
            depth -= 1
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


class PortBinding(Frozen):
    """One ``ports`` item as numbers. ``host_ip`` None means all interfaces (when known)."""

    host_ip: str | None
    host_ip_known: bool  # False: a variable decides the host IP
    published: tuple[int, int] | None  # host port range; None when not published or unknown
    published_known: bool  # False: a variable decides the host port
    target: tuple[int, int] | None
    protocol: str

    @property
    def all_interfaces(self) -> bool:
        """Published on every interface of the host (no host IP, 0.0.0.0 or ::)."""
        return self.host_ip_known and (self.host_ip is None or self.host_ip in WILDCARD_IPS)


def _has_variable(text: str | None) -> bool:
    return text is not None and "$" in text


def binding(port) -> PortBinding:
    """The numbers of a ``ports`` item (short or long form), worked out once per item (kept
    as ``_binding``: seven rules ask for them)."""
    found = port.__dict__.get("_binding")
    if found is None:
        found = port.__dict__["_binding"] = _binding(port)
    return found


def _binding(port) -> PortBinding:
    if port.short and not port.resolved and port.raw is not None:
        return _unresolved_short(port.raw.text)
    host_ip_known = port.resolved or not _has_variable(port.host_ip)
    published_known = port.resolved or not _has_variable(port.published)
    return PortBinding(
        host_ip=_clean_ip(port.host_ip) if host_ip_known else None,
        host_ip_known=host_ip_known,
        published=parse_range(port.published) if published_known else None,
        published_known=published_known,
        target=parse_range(port.target),
        protocol=(port.protocol or "tcp").lower(),
    )


def _unresolved_short(text: str) -> PortBinding:
    """A short port whose text still holds unknown variables: only the literal parts count."""
    protocol = "tcp"
    body = text
    parts = split_outside_braces(body, "/")
    if len(parts) > 1 and not _has_variable(parts[-1]):
        body, protocol = "/".join(parts[:-1]), parts[-1]
    fields = split_outside_braces(body)
    host_ip: str | None = None
    published: str | None = None
    if len(fields) == 2:
        published = fields[0]
    elif len(fields) >= 3:
        host_ip, published = ":".join(fields[:-2]), fields[-2]
    target = fields[-1]
    return PortBinding(
        host_ip=None if _has_variable(host_ip) else _clean_ip(host_ip),
        host_ip_known=not _has_variable(host_ip),
        published=None if _has_variable(published) else parse_range(published),
        published_known=not _has_variable(published),
        target=None if _has_variable(target) else parse_range(target),
        protocol=protocol.lower() or "tcp",
    )


def _clean_ip(host_ip: str | None) -> str | None:
    if host_ip is None or host_ip == "":
        return None
    host_ip = host_ip.strip()
    if host_ip.startswith("[") and host_ip.endswith("]"):
        host_ip = host_ip[1:-1]
    return host_ip


def ip_family(host_ip: str | None) -> str | None:
    """"6" for IPv6 addresses, "4" otherwise; None (all interfaces) for no address."""
    if host_ip is None:
        return None
    return "6" if ":" in host_ip else "4"


def addresses_clash(first: str | None, second: str | None) -> bool:
    """Whether two host IPs can collide on one port: equal, or one of them a wildcard
    of the other's family (no IP covers both families)."""
    if first is None or second is None:
        return True
    if first == second:
        return True
    wildcard = {"0.0.0.0": "4", "::": "6"}
    return wildcard.get(first) == ip_family(second) or wildcard.get(second) == ip_family(first)


def ranges_overlap(first: tuple[int, int], second: tuple[int, int]) -> bool:
    return first[0] <= second[1] and second[0] <= first[1]


#: a published range of more ports than this is compared with every port, not filed under each of its numbers
_WIDE = 256


def _filed_by_number(numbers: tuple[int, int]) -> bool:
    """A range small enough to file under each number (a reversed one, which
    :func:`ranges_overlap` still compares, is compared with every port instead)."""
    return 0 <= numbers[1] - numbers[0] <= _WIDE


def _clash_groups(bound: PortBinding) -> list[tuple[str, str | None]]:
    """The ``(protocol, address family)`` groups whose addresses may clash with ``bound``'s
    (see :func:`addresses_clash`: all interfaces clash with every family, an address only
    with its own family)."""
    family = ip_family(bound.host_ip)
    families = [None, "4", "6"] if family is None else [None, family]
    return [(bound.protocol, each) for each in families]


class HostPortIndex:
    """Published host ports seen so far, filed by protocol, address family and port number,
    so that finding the earlier ports one clashes with costs about the clashes, not a
    comparison with every port seen (which made large projects quadratic)."""

    def __init__(self) -> None:
        self._items: list[tuple[Any, PortBinding]] = []
        self._every: dict[tuple[str, str | None], list[int]] = {}  # group → indices in the order added
        self._wide: dict[tuple[str, str | None], list[int]] = {}  # ranges not filed by number
        self._by_number: dict[tuple[str, str | None, int], list[int]] = {}

    def add(self, value: Any, bound: PortBinding) -> None:
        """Remember ``value`` for ``bound``, whose ``published`` range is known."""
        index = len(self._items)
        self._items.append((value, bound))
        group = (bound.protocol, ip_family(bound.host_ip))
        self._every.setdefault(group, []).append(index)
        if not _filed_by_number(bound.published):
            self._wide.setdefault(group, []).append(index)
            return
        for number in range(bound.published[0], bound.published[1] + 1):
            self._by_number.setdefault((*group, number), []).append(index)

    def clashing(self, bound: PortBinding) -> Iterator[tuple[Any, PortBinding]]:
        """``(value, binding)`` of the ports added so far that have ``bound``'s protocol and
        overlap its host ports on an address both may take, in the order they were added."""
        groups = _clash_groups(bound)
        if _filed_by_number(bound.published):
            first, last = bound.published
            lists = [self._wide.get(group) for group in groups]
            lists += [self._by_number.get((*group, number)) for group in groups for number in range(first, last + 1)]
        else:
            lists = [self._every.get(group) for group in groups]
        previous = None
        for index in heapq.merge(*(found for found in lists if found)):
            if index == previous:  # filed under several numbers of the range
                continue
            previous = index
            value, other = self._items[index]
            if ranges_overlap(other.published, bound.published) and addresses_clash(other.host_ip, bound.host_ip):
                yield value, other


def describe_range(numbers: tuple[int, int]) -> str:
    return str(numbers[0]) if numbers[0] == numbers[1] else f"{numbers[0]}-{numbers[1]}"


def short_binding(text: str) -> PortBinding:
    """The numbers of a short ``ports`` item as written (parts holding a variable unknown)."""
    return _unresolved_short(text)
