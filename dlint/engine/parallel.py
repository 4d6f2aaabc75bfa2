"""Linting a run's files in several processes (``--jobs``).

The files are cut into work: the Compose files with every Dockerfile they build stay
together (a project is linted whole, and rules across files need both sides), the
other Dockerfiles are split into runs of neighbouring files. Workers are forked once
the rules are imported, each lints its part with the run's own linter (so its
settings, baseline and ShellCheck run come along), and the parts are merged into the
result one process would give: findings in the same order, sources in the same order.
Where ``fork`` is not available (Windows), the run stays in one process.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from dlint.engine.lint import Linter, LintResult, SourceFile

#: files a worker should have at least for a second process to pay off (a fork and a
#: result sent back cost a few milliseconds; a Dockerfile takes ~2–4)
MIN_FILES_PER_WORKER = 24
#: pieces of work per worker: small enough for the workers to finish together
PIECES_PER_WORKER = 4

#: the linter and pieces of the run in progress, for the forked workers to read
_WORK: tuple[Linter, list[list[SourceFile]]] | None = None


def available_cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def default_jobs(files: int, shellcheck: bool = False) -> int:
    """The processes for ``files`` files when ``--jobs`` is not given: the cores (half
    of them when ShellCheck runs, as it works beside each process on a core of its
    own), as long as each process gets :data:`MIN_FILES_PER_WORKER` files."""
    cores = available_cores() // 2 if shellcheck else available_cores()
    return max(1, min(cores, files // MIN_FILES_PER_WORKER))


def lint_in_parallel(linter: Linter, sources: Sequence[SourceFile], jobs: int | None = None) -> LintResult:
    """``linter.lint(sources)`` over ``jobs`` processes (None: :func:`default_jobs`);
    the same result as one process gives."""
    global _WORK
    wanted = default_jobs(len(sources), bool(linter.chosen("shell"))) if jobs is None else jobs
    if wanted <= 1 or len(sources) < 2:
        return linter.lint(sources)
    import multiprocessing  # only when forking: its import costs a small run ~4 ms

    if "fork" not in multiprocessing.get_all_start_methods():
        return linter.lint(sources)
    pieces = _pieces(linter, list(sources), wanted)
    if len(pieces) < 2:
        return linter.lint(sources)
    linter.prepare_for_workers()
    _WORK = (linter, pieces)
    try:
        with multiprocessing.get_context("fork").Pool(min(wanted, len(pieces))) as pool:
            parts = pool.map(_lint_piece, range(len(pieces)), chunksize=1)
    finally:
        _WORK = None
    return _merged(sources, parts)


def _lint_piece(index: int) -> LintResult:
    assert _WORK is not None
    linter, pieces = _WORK
    result = linter.lint(pieces[index])
    shown = {source.path for source in pieces[index]}
    result.sources = {path: text for path, text in result.sources.items() if path not in shown}  # the parent has them
    return result


def _pieces(linter: Linter, sources: list[SourceFile], jobs: int) -> list[list[SourceFile]]:
    """The work: Compose files and the Dockerfiles they build in one piece, the other
    files in runs of neighbours, about :data:`PIECES_PER_WORKER` per worker."""
    built = set(linter.builds(sources))
    together = [
        source for source in sources
        if source.kind != "dockerfile" or (source.real_path is not None and Path(source.real_path).resolve() in built)
    ]
    kept = {id(source) for source in together}
    alone = [source for source in sources if id(source) not in kept]
    count = max(1, min(len(alone), jobs * PIECES_PER_WORKER))
    size = -(-len(alone) // count) if alone else 0
    pieces = [alone[start : start + size] for start in range(0, len(alone), size)] if size else []
    return ([together] if together else []) + pieces


def _merged(sources: Sequence[SourceFile], parts: list[LintResult]) -> LintResult:
    result = LintResult(sources={source.path: source.text for source in sources})
    for part in parts:
        result.sources.update(part.sources)
        result.files += part.files
        result.errors.extend(part.errors)
        result.findings.extend(part.findings)
        result.suppressed.extend(part.suppressed)
        result.truncated.update(part.truncated)
        result.not_linted.update(part.not_linted)
        result.notices.extend(notice for notice in part.notices if notice not in result.notices)
    result.findings.sort(key=lambda finding: finding.sort_key)  # stable: a file's findings come from one part
    result.suppressed.sort(key=lambda pair: pair[0].sort_key)
    return result
