"""Code actions: each finding's fix as a quick fix (safe ones preferred, unsafe ones
labelled), "ignore CODE" (the suppression comment ``dlint check --add-ignore`` writes),
and ``source.fixAll.dlint`` (every safe fix, pass after pass, as ``--fix``)."""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types

from dlint.models.finding import Finding
from dlint.server.diagnostics import diagnostic
from dlint.server.documents import Document
from dlint.server.positions import Positions, minimal_edit

FIX_ALL = "source.fixAll.dlint"


def _before(a: types.Position, b: types.Position) -> bool:
    return (a.line, a.character) < (b.line, b.character)


def overlaps(a: types.Range, b: types.Range) -> bool:
    """Whether two ranges share a position (touching counts: a cursor at a finding's end)."""
    return not (_before(a.end, b.start) or _before(b.end, a.start))


def wanted(only: list[str] | None, kind: str) -> bool:
    """Whether the client asked for actions of ``kind`` (``only`` lists kinds or their prefixes)."""
    return only is None or any(kind == item or kind.startswith(item + ".") for item in only)


def _edit(uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def fix_action(document: Document, finding: Finding, positions: Positions) -> types.CodeAction | None:
    fix = finding.fix
    if fix is None or not fix.edits:
        return None
    edits = [types.TextEdit(range=positions.offsets_range(edit.span.start, edit.span.end), new_text=edit.replacement)
             for edit in fix.edits]
    label = f"{fix.message} ({finding.code})" if fix.is_safe else f"{fix.message} ({finding.code}, unsafe: may change behaviour)"
    return types.CodeAction(
        title=label,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(finding, positions)],
        is_preferred=fix.is_safe,
        edit=_edit(document.uri, document.version, edits),
    )


def ignore_action(document: Document, finding: Finding, positions: Positions, mandatory: frozenset[str]) -> types.CodeAction | None:
    """The action inserting ``# dlint: ignore=CODE`` above the finding's instruction
    (Dockerfile) or line (Compose); None where no comment can go."""
    from dlint.engine.add_ignore import apply_plan, compose_plan, dockerfile_plan

    if document.kind == "dockerfile":
        from dlint.parsers.dockerfile import parse_dockerfile

        plan = dockerfile_plan(parse_dockerfile(document.text, document.shown), [finding], mandatory)
        where = "this instruction"
    else:
        plan = compose_plan(document.text, [finding], mandatory)
        where = "this line"
    if not plan.codes:
        return None
    text = apply_plan(document.text, plan)
    if text == document.text:
        return None
    return types.CodeAction(
        title=f"Ignore {finding.code} for {where}",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(finding, positions)],
        edit=_edit(document.uri, document.version, [minimal_edit(document.text, text, positions)]),
    )


def code_actions(
    document: Document,
    findings: list[Finding],
    params: types.CodeActionParams,
    positions: Positions,
    mandatory: frozenset[str],
    fix_all: Callable[[], str | None],
) -> list[types.CodeAction]:
    only = list(params.context.only) if params.context.only else None
    actions: list[types.CodeAction] = []
    if wanted(only, types.CodeActionKind.QuickFix):
        here = [finding for finding in findings if overlaps(positions.span_range(finding.span), params.range)]
        fixes = [action for finding in here if (action := fix_action(document, finding, positions)) is not None]
        fixes.sort(key=lambda action: not action.is_preferred)  # safe fixes first
        actions.extend(fixes)
        seen: set[str] = set()
        for finding in here:
            if finding.code in seen:
                continue
            seen.add(finding.code)
            action = ignore_action(document, finding, positions, mandatory)
            if action is not None:
                actions.append(action)
    if only is not None and wanted(only, FIX_ALL) or only is None and any(f.fix is not None and f.fix.is_safe for f in findings):
        text = fix_all()
        if text is not None:
            actions.append(types.CodeAction(
                title="Fix all safe dlint problems in this file",
                kind=FIX_ALL,
                edit=_edit(document.uri, document.version, [minimal_edit(document.text, text, positions)]),
            ))
    return actions
