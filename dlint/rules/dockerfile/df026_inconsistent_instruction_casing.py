"""DF026: instruction keywords written in both upper and lower case in one file."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.models.dockerfile import OnbuildInstruction


def _keywords(dockerfile):
    """The keyword tokens of every instruction, ONBUILD triggers included."""
    for instruction in dockerfile.instructions:
        yield instruction.keyword_token
        if isinstance(instruction, OnbuildInstruction) and instruction.trigger is not None:
            yield instruction.trigger.keyword_token


class InconsistentInstructionCasing(Rule):
    """Instruction keywords mix upper and lower case.

    ## Why is this bad?
    Docker accepts `RUN`, `run` and `Run` alike, but a file that mixes them is
    harder to scan, and the odd one out looks like a mistake. The casing most
    keywords of the file use is taken as the convention (upper case on a tie);
    every keyword written otherwise is reported, mixed case (`Run`) included.

    ## Example
    ```dockerfile
    FROM alpine:3.20
    run apk add --no-cache curl
    CMD ["curl", "--version"]
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    RUN apk add --no-cache curl
    CMD ["curl", "--version"]
    ```

    ## Fix safety
    The fix rewrites the keyword in the file's majority casing. It is safe:
    Docker reads keywords without regard to case.

    ## References
    - [Build checks: ConsistentInstructionCasing](https://docs.docker.com/reference/build-checks/consistent-instruction-casing/)
    - [Dockerfile reference: format](https://docs.docker.com/reference/dockerfile/#format)
    """

    code = "DF026"
    name = "inconsistent-instruction-casing"
    severity = Severity.STYLE
    category = "style"
    aliases = ("ConsistentInstructionCasing",)
    kind = "dockerfile"
    fix_available = True

    def check_dockerfile(self, ctx):
        tokens = list(_keywords(ctx.dockerfile))
        upper = sum(1 for token in tokens if token.raw.isupper())
        lower = sum(1 for token in tokens if token.raw.islower())
        if upper == 0 and lower == 0:
            return
        use_lower = lower > upper
        casing = "lower" if use_lower else "upper"
        for token in tokens:
            wanted = token.raw.lower() if use_lower else token.raw.upper()
            if token.raw == wanted:
                continue
            fix = ctx.replace(token.span, wanted, f"Write `{wanted}`")
            yield Violation(token.span, f"`{token.raw}` is not in {casing} case like most instructions of this file", fix)
