"""Reporters: findings to text, JSON, SARIF and CI formats (pure renderers).

Each format is a module with ``render(findings, rules, *, root, sources,
tool_version) -> str``, imported only when chosen. A format whose reports grow large
also has ``render_pieces`` (same arguments): the same text as consecutive pieces, for
the command line to write as they come.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

FORMATS = ("text", "json", "sarif", "github", "gitlab", "checkstyle", "junit", "sonarqube", "rdjson")


def renderer(name: str) -> Callable[..., str]:
    """The ``render`` function of format ``name`` (one of :data:`FORMATS`)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}: choose one of {', '.join(FORMATS)}")
    return importlib.import_module(f"dlint.reporters.{name}").render


def piece_renderer(name: str) -> Callable[..., Iterable[str]]:
    """The ``render_pieces`` function of format ``name``, else its ``render`` giving one piece."""
    renderer(name)
    module = importlib.import_module(f"dlint.reporters.{name}")
    if hasattr(module, "render_pieces"):
        return module.render_pieces
    return lambda *arguments, **options: (module.render(*arguments, **options),)


def in_report_order(findings: Iterable) -> Iterable:  # findings → the same, by path, line, column, code
    """``findings`` sorted for a report; as they are when they say they come in order
    (a streamed run's, handed out once)."""
    if getattr(findings, "in_order", False):
        return findings
    return sorted(findings, key=lambda finding: finding.sort_key)
