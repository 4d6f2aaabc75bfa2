"""Linting one buffer inside its project, with the engine kept warm.

- A Compose buffer is linted as ``dlint check FILE`` lints a named file: with the
  project it belongs to (base and override files, ``include``/``extends``) and the
  Dockerfiles its services build, so the rules across files (DX) report.
- A Dockerfile buffer is linted together with the open Compose buffers that build it
  (their ``build.target``, build context and ``user:`` reach the Dockerfile rules, and
  DX findings located in the Dockerfile are reported on it).
- Open buffers win over the files on disk: while a lint runs, their texts stand in
  for the files (:data:`dlint.reading.OVERLAY`).
- One :class:`Linter` per settings (rules stay imported and instantiated; ShellCheck's
  answers per script are remembered), and the last result of each buffer is kept with
  what it was computed from: the same text in the same surroundings is not linted again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from dlint.engine.lint import Linter
from dlint.engine.sources import SourceFile
from dlint.models.finding import Finding
from dlint.server.documents import Document
from dlint.server.settings import SettingsStore


@dataclass
class Outcome:
    """A lint of one buffer: the findings located in it, and the Dockerfiles it builds
    (a Compose buffer: resolved paths)."""

    findings: list[Finding] = field(default_factory=list)
    builds: frozenset[str] = frozenset()
    errors: list[str] = field(default_factory=list)
    key: tuple = ()


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", errors="surrogatepass"), digest_size=16).hexdigest()


@contextmanager
def buffers_over_disk(documents: Iterable[Document]):
    """The texts of ``documents`` stand in for their files while the block runs."""
    from dlint import reading

    held = {str(document.path): document.text.encode("utf-8", errors="surrogatepass")
            for document in documents if document.path is not None}
    previous = dict(reading.OVERLAY)
    reading.OVERLAY.update(held)
    try:
        yield
    finally:
        reading.OVERLAY.clear()
        reading.OVERLAY.update(previous)


class Engine:
    """Lints buffers; ``log`` receives the problems of a run (a rule that crashed, a bad config)."""

    def __init__(self, store: SettingsStore, log: Callable[[str], None]) -> None:
        self.store = store
        self.log = log
        self._linters: dict[tuple, Linter] = {}
        self._results: dict[str, Outcome] = {}
        #: the last fix-all answer of each buffer, with the lint key it was for
        self._fixed: dict[str, tuple[tuple, str | None]] = {}

    def clear(self) -> None:
        """Forget every settings and result (a config file changed)."""
        self._linters.clear()
        self._results.clear()
        self._fixed.clear()
        self.store.clear()

    def forget(self, uri: str) -> None:
        self._results.pop(uri, None)
        self._fixed.pop(uri, None)

    def result(self, uri: str) -> Outcome | None:
        return self._results.get(uri)

    def linter(self, document: Document) -> tuple[Linter, tuple]:
        from dlint.engine.config import ConfigError, Settings

        settings, key = self.store.for_path(document.path)
        for problem in self.store.problems:
            self.log(problem)
        self.store.problems.clear()
        linter = self._linters.get(key)
        if linter is None:
            try:
                linter = Linter(settings)
            except (ConfigError, ValueError) as error:
                self.log(f"{settings.source or 'settings'}: {error}; linting with the default settings")
                linter = Linter(Settings(root=settings.root))
            self._linters[key] = linter
        return linter, key

    @staticmethod
    def source(document: Document, named: bool = True) -> SourceFile:
        return SourceFile(document.shown, document.kind, document.text, document.path, named=named)

    def builders(self, document: Document, documents: Mapping[str, Document]) -> list[Document]:
        """The open Compose buffers that (as last linted) build the Dockerfile ``document``."""
        if document.kind != "dockerfile" or document.path is None:
            return []
        mine = str(document.path)
        return [
            other for uri, other in documents.items()
            if other.kind == "compose" and uri != document.uri
            and (result := self._results.get(uri)) is not None and mine in result.builds
        ]

    def lint(self, document: Document, documents: Mapping[str, Document]) -> Outcome:
        """The findings of ``document`` (``documents``: every open buffer, by URI)."""
        linter, settings_key = self.linter(document)
        others = tuple(sorted((uri, _digest(other.text)) for uri, other in documents.items() if uri != document.uri))
        key = (document.kind, document.shown, _digest(document.text), settings_key, others)
        cached = self._results.get(document.uri)
        if cached is not None and cached.key == key:
            return cached
        outcome = Outcome(key=key)
        builders = self.builders(document, documents)
        sources = [self.source(document), *(self.source(other) for other in builders)]
        try:
            with buffers_over_disk(documents.values()):
                result = linter.lint(sources)
                if document.kind == "compose" and document.path is not None:
                    outcome.builds = frozenset(str(Path(path).resolve()) for path in linter.builds(sources[:1]))
        except Exception as error:  # noqa: BLE001 - a bug in dlint must not take the server down
            outcome.errors.append(f"{document.shown}: internal error while linting: {error!r}")
        else:
            outcome.errors.extend(result.errors)
            outcome.findings = [finding for finding in result.findings if self._in(finding, document)]
        for message in outcome.errors:
            self.log(message)
        self._results[document.uri] = outcome
        return outcome

    @staticmethod
    def _in(finding: Finding, document: Document) -> bool:
        if finding.path == document.shown:
            return True
        if document.path is None:
            return False
        try:
            return os.path.realpath(finding.path) == str(document.path)
        except (OSError, ValueError):
            return False

    def fix_all(self, document: Document, documents: Mapping[str, Document], unsafe: bool = False) -> str | None:
        """The text of ``document`` with every safe fix applied (pass after pass, as
        ``dlint check --fix``); None when nothing changes. Remembered until the buffer
        or its surroundings change (editors ask for code actions at every cursor move)."""
        current = self._results.get(document.uri)
        key = (current.key if current is not None else None, unsafe)
        remembered = self._fixed.get(document.uri)
        if current is not None and remembered is not None and remembered[0] == key:
            return remembered[1]
        linter, _ = self.linter(document)
        try:
            with buffers_over_disk(documents.values()):
                fixed, applied = linter.fix(self.source(document), unsafe=unsafe)
        except Exception as error:  # noqa: BLE001
            self.log(f"{document.shown}: internal error while fixing: {error!r}")
            return None
        answer = fixed.text if applied and fixed.text != document.text else None
        self._fixed[document.uri] = (key, answer)
        return answer

    def mandatory(self, document: Document) -> frozenset[str]:
        return self.linter(document)[0].mandatory
