"""``dlint check --add-ignore``: a ``# dlint: ignore=CODE`` comment above each finding.

Dockerfile: above the instruction holding the finding (a comment there never
lands in a heredoc or a continuation), at its indentation. Compose: above the
flagged line, at its indentation, unless that line is inside a block scalar
(``|`` / ``>``), where a comment would become text. A ``# dlint: ignore=``
directly above gets the new codes added instead. A file is written (atomically,
as fixes are) only when the result parses as before: for a Dockerfile the same
instructions and no new syntax problem, for a Compose file the same data.
Findings that cannot be suppressed this way (mandatory rules, a finding on no
instruction, a line in a block scalar) are reported and left.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dlint.engine.sources import SourceFile
from dlint.models.finding import Finding
from dlint.regex import regex

#: a ``key: |`` / ``- >-`` line: the lines indented under it are the scalar's text
_BLOCK_SCALAR_HEADER = regex(r"(?:^[ \t]*|:[ \t]+|(?:^|[ \t])-[ \t]+)[|>][-+0-9]*(?:[ \t]+#.*)?[ \t]*$")
#: a whole-line ``# dlint: ignore=`` (next-line scope) directive
_OWN_LINE_DIRECTIVE = regex(r"^[ \t]*#\s*dlint\s*(?::\s*)?ignore\s*=", re.IGNORECASE)


@dataclass
class Plan:
    """The codes to suppress above each line of one file (1-based line → codes in order),
    and the findings left, each with why."""

    codes: dict[int, list[str]] = field(default_factory=dict)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)

    def add(self, line: int, code: str) -> None:
        codes = self.codes.setdefault(line, [])
        if code not in codes:
            codes.append(code)


def _leading(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def dockerfile_plan(dockerfile, findings: Sequence[Finding], mandatory: frozenset[str]) -> Plan:  # noqa: ANN001
    """Where the comments of a parsed Dockerfile's findings go: above their instruction."""
    plan = Plan()
    starts = [(item.span.line, item.span.end_line) for item in dockerfile.instructions]
    for finding in findings:
        if finding.code in mandatory:
            plan.skipped.append((finding, "cannot be suppressed"))
            continue
        target = next((first for first, last in starts if first <= finding.span.line <= last), None)
        if target is None:
            plan.skipped.append((finding, "not on an instruction"))
        else:
            plan.add(target, finding.code)
    return plan


def block_scalar_lines(lines: Sequence[str]) -> set[int]:
    """The 1-based numbers of the lines that are the text of a YAML block scalar."""
    inside: set[int] = set()
    header_indent: int | None = None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if header_indent is not None:
            if not stripped or len(_leading(line)) > header_indent:
                inside.add(number)
                continue
            header_indent = None
        if stripped and not stripped.startswith("#") and _BLOCK_SCALAR_HEADER.search(line.rstrip()):
            header_indent = len(_leading(line))
    return inside


def compose_plan(text: str, findings: Sequence[Finding], mandatory: frozenset[str]) -> Plan:
    """Where the comments of a Compose file's findings go: above their line."""
    plan = Plan()
    lines = text.split("\n")
    in_scalar = block_scalar_lines(lines)
    for finding in findings:
        line = finding.span.line
        if finding.code in mandatory:
            plan.skipped.append((finding, "cannot be suppressed"))
        elif not 1 <= line <= len(lines) or not lines[line - 1].strip():
            plan.skipped.append((finding, "not on a line of YAML"))
        elif line in in_scalar:
            plan.skipped.append((finding, "inside a YAML block scalar"))
        else:
            plan.add(line, finding.code)
    return plan


def apply_plan(text: str, plan: Plan) -> str:
    """``text`` with the plan's comments written (merged into a directive directly above)."""
    from dlint.engine.suppression import parse_directive
    from dlint.models.span import LineIndex

    lines = text.split("\n")
    for number in sorted(plan.codes, reverse=True):  # bottom-up: earlier line numbers stay valid
        codes = plan.codes[number]
        above = lines[number - 2] if number >= 2 else None
        if above is not None and _OWN_LINE_DIRECTIVE.match(above):
            body = above.rstrip("\r")
            start = body.index("#")
            parsed = parse_directive(body[start:], 0, LineIndex(body[start:]))
            if parsed is not None and parsed[0] == "next":
                _, span, items, _ = parsed
                have = {item.text.upper() for item in items}
                new = [code for code in codes if code.upper() not in have]
                if not new:
                    continue
                end = start + span.end
                joiner = "," if items else ""
                lines[number - 2] = body[:end] + joiner + ",".join(new) + body[end:] + above[len(body) :]
                continue
        target = lines[number - 1]
        ending = "\r" if target.endswith("\r") else ""
        lines.insert(number - 1, f"{_leading(target)}# dlint: ignore={','.join(codes)}{ending}")
    return "\n".join(lines)


def _same_dockerfile(before: str, after: str, path: str) -> bool:
    from dlint.engine.lint import syntax_problems
    from dlint.parsers.dockerfile import parse_dockerfile

    def instructions(text: str) -> list[str]:
        return [text[item.span.start : item.span.end] for item in parse_dockerfile(text, path).instructions]

    return not (syntax_problems("dockerfile", after, path) - syntax_problems("dockerfile", before, path)) and (
        instructions(before) == instructions(after)
    )


def _same_compose(before: str, after: str, path: str) -> bool:
    from dlint.parsers.yaml_loader import load_yaml, to_python

    def data(text: str) -> tuple[list, int]:
        loaded = load_yaml(text, path, all_documents=True)
        return [to_python(node) for node in loaded.documents], len(loaded.issues)

    return data(before) == data(after)


def add_ignores(linter, sources: list[SourceFile], errors: list[str], say: Callable[[str], None]) -> int:  # noqa: ANN001
    """Write the comments into the files of ``sources`` on disk (``sources`` then hold
    what was written); how many files changed. Findings left are reported through
    ``say``; write failures go to ``errors``. A file named twice is changed once."""
    import os

    from dlint.engine.writing import WriteRefused, encode, write_fixed

    on_disk = [source for source in sources if source.real_path is not None and source.undecodable is None]
    outcome = linter.lint(on_disk)
    written: dict[str, SourceFile] = {}
    by_path: dict[str, list[Finding]] = {}
    for finding in outcome.findings:
        by_path.setdefault(finding.path, []).append(finding)
    changed = 0
    for index, source in enumerate(sources):
        if source.real_path is None or source.undecodable is not None:
            continue
        real = os.path.realpath(source.real_path)
        if real in written:
            done = written[real]
            sources[index] = SourceFile(source.path, source.kind, done.text, source.real_path, done.bom, named=source.named)
            continue
        findings = by_path.get(source.path)
        if not findings or source.path in outcome.not_linted:
            continue
        if source.kind == "dockerfile":
            from dlint.parsers.dockerfile import parse_dockerfile

            plan = dockerfile_plan(parse_dockerfile(source.text, source.path), findings, linter.mandatory)
            same = _same_dockerfile
        elif source.kind == "compose":
            plan = compose_plan(source.text, findings, linter.mandatory)
            same = _same_compose
        else:
            continue
        for finding, why in plan.skipped:
            say(f"{source.path}:{finding.span.line}:{finding.span.column}: {finding.code} not suppressed: {why}")
        if not plan.codes:
            continue
        text = apply_plan(source.text, plan)
        if text == source.text:
            continue
        if not same(source.text, text, source.path):
            say(f"{source.path}: not changed: the comments would change what the file means")
            continue
        try:
            write_fixed(Path(source.real_path), source.path, encode(source.text, source.bom), text, source.bom)
        except (WriteRefused, OSError) as error:
            errors.append(str(error) if isinstance(error, WriteRefused) else f"{source.path}: cannot write: {error}")
            continue
        sources[index] = written[real] = SourceFile(
            source.path, source.kind, text, source.real_path, source.bom, named=source.named
        )
        changed += 1
    if changed:
        say(f"added ignore comments to {changed} file{'s' if changed != 1 else ''}")
    return changed
