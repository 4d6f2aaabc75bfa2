"""Runs rule hooks over a model and turns their violations into findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dlint.engine.context import DockerfileContext
from dlint.engine.rule import Rule
from dlint.models.dockerfile import Instruction, OnbuildInstruction
from dlint.models.finding import Finding, Violation


def _findings(rule: Rule, path: str, violations: Iterable[Violation]) -> Iterable[Finding]:
    for violation in violations:
        yield Finding.model_construct(
            code=rule.code,
            name=rule.name,
            severity=rule.severity,
            message=violation.message,
            path=path,
            span=violation.span,
            fix=violation.fix,
        )


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

    With ``errors``, a rule that raises is reported there (located) and the
    other rules still run; without it the exception propagates.
    """
    findings: list[Finding] = []
    dockerfile = ctx.dockerfile
    per_instruction: list[Rule] = []
    failed: set[str] = set()

    def collect(rule: Rule, call) -> None:  # noqa: ANN001 - a zero-argument callable
        if rule.code in failed:
            return
        try:
            findings.extend(_findings(rule, ctx.path, call()))
        except Exception as error:
            if errors is None:
                raise
            failed.add(rule.code)
            errors.append(f"{ctx.path}: internal error in rule {rule.code} ({rule.name}): {error!r}")

    for rule in rules:
        hooks = rule.hooks()
        if "check_dockerfile" in hooks:
            collect(rule, lambda: rule.check_dockerfile(ctx))
        if "check_stage" in hooks:
            for stage in dockerfile.stages:
                collect(rule, lambda: rule.check_stage(ctx, stage))
        if "check_instruction" in hooks:
            per_instruction.append(rule)
    if per_instruction:
        for instruction in _with_triggers(dockerfile.instructions):
            for rule in per_instruction:
                if not rule.instructions or instruction.keyword in rule.instructions:
                    collect(rule, lambda: rule.check_instruction(ctx, instruction))
    return findings
