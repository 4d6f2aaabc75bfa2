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
from collections.abc import Iterator, Sequence
from pathlib import Path

from dlint.engine.lint import Linter, LintResult, Part, SourceFile, texts

#: files a worker should have at least for a second process to pay off (a fork and a
#: result sent back cost a few milliseconds; a Dockerfile takes ~2–4)
MIN_FILES_PER_WORKER = 24
#: pieces of work per worker: small enough for the workers to finish together
PIECES_PER_WORKER = 4
#: files of one piece at most: the parent holds the findings of a few pieces at a time
MAX_PIECE = 256

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
    result, parts = parts_in_parallel(linter, sources, jobs)
    for findings, suppressed in parts:
        result.findings.extend(findings)
        result.suppressed.extend(suppressed)
    return result


def parts_in_parallel(
    linter: Linter, sources: Sequence[SourceFile], jobs: int | None = None, *, keep_sources: bool = True
) -> tuple[LintResult, Iterator[Part]]:
    """``linter.lint_parts(sources, result, keep_sources=…)`` over ``jobs`` processes
    (None: :func:`default_jobs`): the result, complete once the parts are out, and the
    parts, the same one process gives (in path order; their division may differ)."""
    result = LintResult()
    wanted = default_jobs(len(sources), bool(linter.chosen("shell"))) if jobs is None else jobs
    if len(sources) >= 2 and wanted > 1:
        together, pieces = _pieces(linter, list(sources), wanted)
        if len(pieces) + bool(together) >= 2 and _can_fork():
            result.sources.update(texts(sources))  # in place: a report may hold it already (texts let go: from the workers)
            return result, _parallel_parts(linter, [together, *pieces] if together else pieces, bool(together), wanted, result, keep_sources)
    return result, linter.lint_parts(sources, result, keep_sources=keep_sources)


def _can_fork() -> bool:
    """Whether workers can be forked here; ``multiprocessing`` is imported only when
    there is work for them (its import costs ≈ 5 ms: a run of Compose files alone,
    one piece, never pays it)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _parallel_parts(linter, work, together, wanted, result, keep_sources) -> Iterator[Part]:  # noqa: ANN001
    """The parts of the workers' results in path order: the first piece of ``work``,
    when ``together``, holds the Compose files (and what they build) and is kept whole,
    and its findings go out with the piece of Dockerfiles their paths fall in (or
    before). Without ``keep_sources``, a piece's files leave ``result.sources`` once
    reported."""
    global _WORK
    linter.prepare_for_workers()
    _WORK = (linter, work)
    kept: list = []  # the Compose piece's findings and suppressed ones not handed out yet
    kept_suppressed: list = []
    try:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(min(wanted, len(work))) as pool:
            for index, part in enumerate(pool.imap(_lint_piece, range(len(work)), chunksize=1)):
                _merge_into(result, part)
                if together and index == 0:
                    kept, kept_suppressed = part.findings, part.suppressed
                    continue
                paths = [source.path for source in work[index]]
                work[index] = []  # the workers have their copies
                taken, kept = _split(kept, paths[-1], lambda finding: finding.path)
                taken_suppressed, kept_suppressed = _split(kept_suppressed, paths[-1], lambda pair: pair[0].path)
                yield _sorted(taken + part.findings, taken_suppressed + part.suppressed)
                if not keep_sources:
                    for path in paths:
                        result.sources.pop(path, None)
    finally:
        _WORK = None
    if kept or kept_suppressed:
        yield kept, kept_suppressed


def _split(items: list, last: str, path) -> tuple[list, list]:  # noqa: ANN001
    """``items`` (sorted by path) up to path ``last``, and the rest."""
    at = 0
    while at < len(items) and path(items[at]) <= last:
        at += 1
    return items[:at], items[at:]


def _sorted(findings: list, suppressed: list) -> Part:
    # stable: the findings of one path come from one piece, in order
    return sorted(findings, key=lambda finding: finding.sort_key), sorted(suppressed, key=lambda pair: pair[0].sort_key)


def _lint_piece(index: int) -> LintResult:
    assert _WORK is not None
    linter, pieces = _WORK
    result = linter.lint(pieces[index])
    shown = {source.path for source in pieces[index] if source.text is not None}
    result.sources = {path: text for path, text in result.sources.items() if path not in shown}  # the parent has them
    return result


def _pieces(linter: Linter, sources: list[SourceFile], jobs: int) -> tuple[list[SourceFile], list[list[SourceFile]]]:
    """The work: Compose files and the Dockerfiles they build in one piece, the other
    files, in path order, in runs of neighbours: about :data:`PIECES_PER_WORKER` per
    worker, at most :data:`MAX_PIECE` files each."""
    built = set(linter.builds(sources))
    together = [
        source for source in sources
        if source.kind != "dockerfile" or (source.real_path is not None and Path(source.real_path).resolve() in built)
    ]
    kept = {id(source) for source in together}
    alone = sorted((source for source in sources if id(source) not in kept), key=lambda source: source.path)
    count = max(1, min(len(alone), jobs * PIECES_PER_WORKER), -(-len(alone) // MAX_PIECE))
    size = -(-len(alone) // count) if alone else 0
    pieces = [alone[start : start + size] for start in range(0, len(alone), size)] if size else []
    return together, pieces


def _merge_into(result: LintResult, part: LintResult) -> None:
    """What a worker's result tells beside its findings, added to the run's ``result``."""
    result.sources.update(part.sources)
    result.files += part.files
    result.errors.extend(part.errors)
    result.truncated.update(part.truncated)
    result.not_linted.update(part.not_linted)
    result.notices.extend(notice for notice in part.notices if notice not in result.notices)
