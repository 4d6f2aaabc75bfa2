"""Runs rule hooks over a model and turns their violations into findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from dlint.engine.context import DockerfileContext
from dlint.engine.rule import Rule
from dlint.models.base import construct
from dlint.models.dockerfile import Instruction, OnbuildInstruction
from dlint.models.finding import Finding, Severity, Violation
from dlint.models.span import Span
from dlint.parsers.gc_pause import gc_paused

#: where a rule's crash is reported when the node it was checking has no span
FILE_START = Span(0, 0, 1, 1, 1, 1)


def internal_error_finding(rule: Rule, path: str, span: Span | None, error: BaseException) -> Finding:
    """The finding that stands for a crash of ``rule`` on the node at ``span``: an
    error under the rule's own code, so the file's other findings are kept and the
    run still exits 2 (the caller also records the message in its errors)."""
    return Finding.model_construct(
        code=rule.code,
        name=rule.name,
        severity=Severity.ERROR,
        message=f"internal error in rule {rule.code} ({rule.name}): {type(error).__name__}: {error}; please report it",
        path=path,
        span=span or FILE_START,
        fix=None,
    )


def internal_error_message(rule: Rule, path: str, error: BaseException) -> str:
    """The one-line error a run prints for a crash of ``rule`` in ``path``."""
    return f"{path}: internal error in rule {rule.code} ({rule.name}): {error!r}"


def _with_triggers(instructions: Iterable[Instruction]) -> Iterable[Instruction]:
    """Instructions in order, each ONBUILD followed by its trigger instruction."""
    for instruction in instructions:
        yield instruction
        if isinstance(instruction, OnbuildInstruction) and instruction.trigger is not None:
            yield instruction.trigger


def check_dockerfile(
    ctx: DockerfileContext, rules: Sequence[Rule], errors: list[str] | None = None
) -> list[Finding]:
    """Every finding of ``rules`` on one Dockerfile, in hook order (unsorted).

    With ``errors``, a rule that raises is reported there and as a located
    finding (:func:`internal_error_finding`) and the other rules still run;
    without it the exception propagates.

    The cyclic garbage collector is paused meanwhile (rules make many small
    objects that live as long as the file's model, and few reference cycles):
    its passes would walk every model alive again and again.
    """
    with gc_paused():
        return _check(ctx, rules, errors)


def _check(ctx: DockerfileContext, rules: Sequence[Rule], errors: list[str] | None) -> list[Finding]:
    findings: list[Finding] = []
    dockerfile = ctx.dockerfile
    path = ctx.path
    per_instruction: list[Rule] = []
    failed: set[str] = set()

    def fail(rule: Rule, span: Span | None, error: Exception) -> None:
        if errors is None:
            raise error
        failed.add(rule.code)
        errors.append(internal_error_message(rule, path, error))
        findings.append(internal_error_finding(rule, path, span, error))

    for rule in rules:
        hooks = rule.hooks()
        try:
            if "check_dockerfile" in hooks:
                for violation in rule.check_dockerfile(ctx):
                    findings.append(_finding(rule, path, violation))
        except Exception as error:
            fail(rule, None, error)
            continue
        if "check_stage" in hooks:
            for stage in dockerfile.stages:
                try:
                    for violation in rule.check_stage(ctx, stage):
                        findings.append(_finding(rule, path, violation))
                except Exception as error:
                    fail(rule, stage.from_instruction.span, error)
                    break
        if "check_instruction" in hooks and rule.code not in failed:
            per_instruction.append(rule)
    if not per_instruction:
        return findings
    table = _keyword_table(tuple(per_instruction))
    for instruction in _with_triggers(dockerfile.instructions):
        keyword = instruction.keyword
        wanted = table.get(keyword)
        if wanted is None:
            wanted = table[keyword] = _rules_for_keyword(per_instruction, keyword)
        for rule, check in wanted:
            if failed and rule.code in failed:
                continue
            try:
                for violation in check(ctx, instruction):
                    findings.append(_finding(rule, path, violation))
            except Exception as error:
                fail(rule, instruction.span, error)
    return findings


@lru_cache(maxsize=64)
def _keyword_table(rules: tuple[Rule, ...]) -> dict[str, list[tuple[Rule, Callable[..., Iterable[Violation]]]]]:
    """The rules by instruction keyword (filled as keywords come), kept for the files
    that are given the same rules."""
    return {}


def _rules_for_keyword(rules: list[Rule], keyword: str) -> list[tuple[Rule, Callable[..., Iterable[Violation]]]]:
    """The rules of ``rules`` whose ``check_instruction`` wants ``keyword``, in order,
    each with that hook."""
    return [(rule, rule.check_instruction) for rule in rules if not rule.instructions or keyword in rule.instructions]


def _finding(rule: Rule, path: str, violation: Violation) -> Finding:
    return construct(
        Finding,
        {
            "code": rule.code,
            "name": rule.name,
            "severity": violation.severity or rule.severity,
            "message": violation.message,
            "path": path,
            "span": violation.span,
            "fix": violation.fix,
        },
    )
