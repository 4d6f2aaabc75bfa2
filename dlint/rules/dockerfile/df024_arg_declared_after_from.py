"""DF024: FROM uses an ARG that is declared only after it or inside a stage."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.expansions import declared_args, references


class ArgDeclaredAfterFrom(Rule):
    """FROM uses an ARG declared only after it.

    ## Why is this bad?
    FROM lines see only the build arguments declared before the first FROM of
    the file. An `ARG` written after a FROM belongs to a stage: it is not visible
    to that FROM or to any later one, so the reference expands to an empty
    string. `FROM alpine:${VERSION}` then asks for `alpine:` (an error) and
    `FROM ${REGISTRY}/app:1.0` quietly pulls `/app:1.0` from Docker Hub.

    Move the `ARG` above the first FROM (and redeclare it inside the stages that
    also need its value). References with a fallback (`${VERSION:-3.20}`) are
    accepted. Names declared nowhere are reported by DF023.

    ## Example
    ```dockerfile
    FROM alpine:${ALPINE_VERSION}
    ARG ALPINE_VERSION=3.20
    ```

    ## Use instead
    ```dockerfile
    ARG ALPINE_VERSION=3.20
    FROM alpine:${ALPINE_VERSION}
    ```

    ## References
    - [Dockerfile reference: understand how ARG and FROM interact](https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact)
    """

    code = "DF024"
    name = "arg-declared-after-from"
    severity = Severity.ERROR
    category = "correctness"
    aliases = ("UndefinedArgInFrom",)
    kind = "dockerfile"
    requires = frozenset({"ARG"})

    def check_dockerfile(self, ctx):
        dockerfile = ctx.dockerfile
        declared = declared_args(dockerfile)
        for stage in dockerfile.stages:
            instruction = stage.from_instruction
            scope = dockerfile.variables_at(instruction)
            for ref in references(ctx, instruction):
                if ref.guarded or ref.name in scope:
                    continue
                declarations = declared.get(ref.name)
                if not declarations:
                    continue
                first = declarations[0]
                where = "after this FROM" if first.span.start > instruction.span.start else "inside a stage"
                yield Violation(
                    ref.span,
                    f"`{ref.name}` is declared on line {first.span.line}, {where}, so this FROM does not see it;"
                    " declare the ARG before the first FROM",
                )
