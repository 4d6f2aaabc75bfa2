"""Hover: on a finding, or on a rule code or name in a suppression comment, the rule's
summary and its "Why is this bad?" section, with a link to its page."""

from __future__ import annotations

import re

from lsprotocol import types

from dlint.models.finding import Finding
from dlint.server.positions import Positions

_DIRECTIVE = re.compile(r"#\s*(?:dlint\s*(?::\s*)?ignore(?:-file|-stage)?|hadolint\s+(?:(?:global|stage)\s+)?ignore)\s*=",
                        re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9_-]+")


def rule_text(code: str) -> str | None:
    """Markdown about the rule with this code or name; None when dlint has none."""
    from dlint.engine.registry import find_rule
    from dlint.engine.rule import doc_sections
    from dlint.reporters._links import is_shellcheck_code, rule_page

    if is_shellcheck_code(code.upper()):
        code = code.upper()
        return f"**{code}** (ShellCheck): see [{code} on ShellCheck's wiki]({rule_page(code)})"
    rule = find_rule(code)
    if rule is None:
        return None
    sections = doc_sections(rule.docs())
    out = [f"**{rule.code}** `{rule.name}` ({rule.severity.value}): {sections.get('summary', rule.summary())}"]
    why = sections.get("Why is this bad?")
    if why:
        out.extend(["", "**Why is this bad?**", "", why])
    out.extend(["", f"[{rule.code} rule page]({rule_page(rule.code)})"])
    return "\n".join(out)


def _in_range(position: types.Position, rng: types.Range) -> bool:
    at = (position.line, position.character)
    return (rng.start.line, rng.start.character) <= at <= (rng.end.line, rng.end.character)


def suppression_code_at(text: str, positions: Positions, position: types.Position) -> str | None:
    """The code or name under ``position`` when it is an item of a suppression comment."""
    offset = positions.offset(position)
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : end if end != -1 else len(text)]
    column = offset - start
    match = _DIRECTIVE.search(line)
    if match is None or column < match.end():
        return None
    for word in _WORD.finditer(line, match.end()):
        if word.start() <= column <= word.end():
            return word.group() if word.group() != "--" else None
        if word.start() > column:
            break
    return None


def hover(text: str, findings: list[Finding], positions: Positions, position: types.Position) -> types.Hover | None:
    code = suppression_code_at(text, positions, position)
    parts: list[str] = []
    if code is not None:
        about = rule_text(code)
        if about is not None:
            parts.append(about)
    if not parts:
        seen: set[str] = set()
        for finding in findings:
            if finding.code in seen or not _in_range(position, positions.span_range(finding.span)):
                continue
            seen.add(finding.code)
            about = rule_text(finding.code) or f"**{finding.code}**"
            parts.append(f"{finding.message}\n\n{about}")
    if not parts:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))
