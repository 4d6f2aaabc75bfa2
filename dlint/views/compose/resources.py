"""Which top-level volumes, networks, secrets and configs the services of a merged
Compose project use, and where each use is written."""

from __future__ import annotations

import re
import weakref
from typing import Any

from dlint.models.base import Frozen, Model
from dlint.models.span import LineIndex, Span

#: section name → what one of its resources is called in messages
SECTIONS = {"volumes": "volume", "networks": "network", "secrets": "secret", "configs": "config"}


class Use(Frozen):
    section: str  # volumes, networks, secrets or configs
    name: str
    service: str
    span: Span
    path: str
    #: a ``build.network``: a network mode (host, none) or a network name, so not
    #: necessarily a declared resource
    mode: bool = False


class Uses(Model):
    found: list[Use]
    #: sections where a variable with an unknown value names a resource (so not every use is known)
    unknown: set[str]
    #: services that are on the default network (no networks key and no network_mode)
    on_default_network: bool


class _Locator:
    """Narrows a span to the words of a name inside it (files' texts indexed once)."""

    def __init__(self, project: Any) -> None:
        self.sources = {compose.path: compose.source for compose in project.files}
        self.indexes: dict[str, LineIndex] = {}

    def find(self, path: str, span: Span, name: str, long_form: bool) -> Span:
        source = self.sources.get(path)
        if not source:
            return span
        text = source[span.start : span.end]
        if long_form:
            match = re.search(r"\bsource\s*:\s*[\"']?(" + re.escape(name) + r")(?![\w.-])", text)
            if match is None:
                return span
            start = match.start(1)
        else:
            start = _short_name_at(text, name)
            if start is None:
                return span
        index = self.indexes.get(path)
        if index is None:
            index = self.indexes[path] = LineIndex(source)
        return index.span(span.start + start, span.start + start + len(name))


def _short_name_at(text: str, name: str) -> int | None:
    r"""Where ``name`` starts in a short-form item: after an optional quote, and followed by
    the end, a quote, ``:`` or white space (what ``re.match(r"[\"']?(NAME)(?=[:\"'\s]|$)")``
    finds, without compiling a pattern for each name)."""
    for start in (1, 0) if text[:1] in ("'", '"') else (0,):
        end = start + len(name)
        if text.startswith(name, start) and (end == len(text) or text[end] in ":\"'" or text[end].isspace()):
            return start
    return None


#: the project :func:`resource_uses` read last (by weak reference: kept no longer than the
#: project) and its uses
_last: tuple[weakref.ReferenceType, Uses] | None = None


def resource_uses(project: Any) -> Uses:
    """Every use of a named resource by the project's services; worked out once for the
    project rules ask about in turn (shared, not to be changed)."""
    global _last
    last = _last  # one read: another thread may replace it
    if last is None or last[0]() is not project:
        last = _last = (weakref.ref(project), _uses(project))
    return last[1]


def _uses(project: Any) -> Uses:
    locator = _Locator(project)
    found: list[Use] = []
    unknown: set[str] = set()
    on_default = False
    for service in project.services.values():
        for volume in service.volumes:
            if not volume.resolved:
                unknown.add("volumes")
                continue
            if volume.type != "volume" or not volume.source:
                continue
            span = locator.find(volume.path, volume.span, volume.source, long_form=not volume.short)
            found.append(Use("volumes", volume.source, service.name, span, volume.path))
        if service.networks:
            for network in service.networks.values():
                if not network.resolved:
                    unknown.add("networks")
                    continue
                found.append(Use("networks", network.name, service.name, network.name_span, network.path))
        elif service.network_mode is None:
            on_default = True
        for section, references in (("secrets", service.secrets), ("configs", service.configs)):
            for reference in references:
                if not reference.resolved:
                    unknown.add(section)
                    continue
                found.append(Use(section, reference.source, service.name, reference.source_span, reference.path))
        if service.build is not None:
            for reference in service.build.secrets:
                if not reference.resolved:
                    unknown.add("secrets")
                    continue
                found.append(Use("secrets", reference.source, service.name, reference.source_span, reference.path))
            network = service.build.network
            if network is not None:
                if not network.resolved:
                    unknown.add("networks")
                elif network.effective not in (None, ""):
                    found.append(Use("networks", str(network.effective), service.name, network.span, network.path, mode=True))
    return Uses(found, unknown, on_default)
