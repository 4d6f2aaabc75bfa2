"""Where the Compose hints DC015 and DC041-DC043 apply: not in files that look like a
development, test, CI or example setup.

A Compose file looks like one when a word of its file name (``docker-compose.dev.yml``,
``compose.test.yaml``) or of a folder it sits in (``examples/x/compose.yaml``,
``.ci/compose.yaml``, ``e2e-tests/``) is one of the ``non-production-words`` setting
(default :data:`dlint.engine.config.NON_PRODUCTION_WORDS`). Folders count from the working
folder down: the folders above it (where a checkout happens to be) say nothing about the file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePath

from dlint.engine.config import NON_PRODUCTION_WORDS
from dlint.knowledge.long_running import AllProjectsOptions
from dlint.models.base import Model, field
from dlint.regex import regex

_WORD = regex(r"[a-z0-9]+")


class HintScopeOptions(Model):
    """Options of DC015: the words of the ``non-production-words`` setting."""

    non_production_words: list[str] = field(default_factory=lambda: list(NON_PRODUCTION_WORDS))


class OperabilityOptions(AllProjectsOptions):
    """Options of DC041-DC043: ``all-projects`` and the ``non-production-words`` setting."""

    non_production_words: list[str] = field(default_factory=lambda: list(NON_PRODUCTION_WORDS))


def _words(part: str) -> set[str]:
    return set(_WORD.findall(part.lower()))


def non_production_file(path: str | None, words: list[str]) -> bool:
    """Whether the Compose file at ``path`` (as shown: relative to the working folder) looks
    like a development, test, CI or example file: a word of its name, or of a folder below
    the working folder, is one of ``words``."""
    if not path or not words:
        return False
    return _non_production(path, tuple(words))


@lru_cache(maxsize=1024)
def _non_production(path: str, words: tuple[str, ...]) -> bool:
    """:func:`non_production_file`, worked out once per file and list of words (rules
    ask for every service)."""
    wanted = {word.strip(".").lower() for word in words}
    pure = PurePath(path)
    parts = list(pure.parts)
    if pure.is_absolute() or ".." in parts:
        parts = parts[-1:]  # outside the working folder: only the file name says something
    return any(_words(part) & wanted for part in parts)


def in_scope(project, service, words: list[str]) -> bool:
    """The hint applies to ``service``: neither the file it is written in nor the project's
    main file looks like a development, test, CI or example file."""
    main = project.files[0].path if project.files else None
    return not (non_production_file(service.path, words) or non_production_file(main, words))
