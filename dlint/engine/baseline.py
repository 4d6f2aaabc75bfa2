"""Baselines: the findings a repository has today, so that only new ones are reported.

A baseline file is JSON::

    {"version": 1,
     "findings": [{"fingerprint": "<sha256 hex>", "code": "DL3008", "path": "Dockerfile"}]}

A finding is in the baseline when its fingerprint (the SARIF
``partialFingerprints`` one: rule, repository-relative path, flagged text and
occurrence, not line numbers) is listed; ``code`` and ``path`` are there for
people reading the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from dlint.engine.config import ConfigError
from dlint.engine.suppression import Suppressed, Suppression
from dlint.models.finding import Finding

VERSION = 1
#: bytes read from a baseline file at most (a bigger one is refused, not read whole)
MAX_BASELINE_BYTES = 64 * 1024 * 1024


class BaselineError(ConfigError):
    """A baseline file that cannot be read or written; the message names it."""


def _fingerprints(findings: Sequence[Finding], root: Path, sources: Mapping[str, str]) -> tuple[list[str], list[Finding]]:
    """The fingerprints of ``findings`` in position order, and the findings in that order."""
    from dlint.reporters._fingerprint import fingerprints
    from dlint.reporters._location import RepoPaths

    ordered = sorted(findings, key=lambda finding: finding.sort_key)
    return fingerprints(ordered, paths=RepoPaths(root), sources=sources), ordered


def baseline_text(findings: Sequence[Finding], root: Path, sources: Mapping[str, str]) -> str:
    """The baseline file recording ``findings``."""
    from dlint.reporters._location import RepoPaths

    digests, ordered = _fingerprints(findings, root, sources)
    paths = RepoPaths(root)
    entries = [
        {"fingerprint": digest, "code": finding.code, "path": paths.report(finding.path)}
        for finding, digest in zip(ordered, digests, strict=True)
    ]
    return json.dumps({"version": VERSION, "findings": entries}, indent=2, ensure_ascii=False) + "\n"


def write_baseline(path: Path, findings: Sequence[Finding], root: Path, sources: Mapping[str, str]) -> None:
    """Write the baseline of ``findings`` to ``path`` (atomically when it exists)."""
    from dlint.engine.writing import write_atomically

    text = baseline_text(findings, root, sources)
    try:
        if path.is_file() and not path.is_symlink():
            write_atomically(path, text)
        else:
            path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise BaselineError(f"{path}: cannot write the baseline: {error.strerror or error}") from None


def read_baseline(path: Path) -> frozenset[str]:
    """The fingerprints of a baseline file; :class:`BaselineError` when it is missing or malformed."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BASELINE_BYTES + 1)
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (write one with --write-baseline)") from None
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error.strerror or error}") from None
    if len(data) > MAX_BASELINE_BYTES:
        raise BaselineError(f"{path}: not a dlint baseline: larger than {MAX_BASELINE_BYTES} bytes")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BaselineError(f"{path}: not a dlint baseline: invalid JSON ({error})") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise BaselineError(f"{path}: not a dlint baseline: expected an object with \"version\": {VERSION}")
    entries = document.get("findings")
    if not isinstance(entries, list):
        raise BaselineError(f"{path}: not a dlint baseline: \"findings\" must be an array")
    digests = set()
    for number, entry in enumerate(entries):
        digest = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(digest, str) or not digest:
            raise BaselineError(f"{path}: not a dlint baseline: findings[{number}] has no \"fingerprint\" string")
        digests.add(digest)
    return frozenset(digests)


def split_baselined(
    findings: Sequence[Finding], known: frozenset[str], root: Path, sources: Mapping[str, str], shown: str
) -> tuple[list[Finding], list[Suppressed]]:
    """``findings`` not in the baseline (sorted), and those in it, suppressed (kind ``baseline``)."""
    digests, ordered = _fingerprints(findings, root, sources)
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    mark = Suppression("baseline", f"in baseline {shown}")
    for finding, digest in zip(ordered, digests, strict=True):
        if digest in known:
            suppressed.append((finding, mark))
        else:
            kept.append(finding)
    return kept, suppressed
