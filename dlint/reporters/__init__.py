"""Reporters: findings to text, JSON, SARIF and CI formats (pure renderers).

Each format is a module with ``render(findings, rules, *, root, sources,
tool_version) -> str``, imported only when chosen.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

FORMATS = ("text", "json", "sarif", "github", "gitlab", "checkstyle", "junit", "sonarqube", "rdjson")


def renderer(name: str) -> Callable[..., str]:
    """The ``render`` function of format ``name`` (one of :data:`FORMATS`)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}: choose one of {', '.join(FORMATS)}")
    return importlib.import_module(f"dlint.reporters.{name}").render
