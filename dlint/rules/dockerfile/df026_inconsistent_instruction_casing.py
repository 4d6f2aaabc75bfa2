"""DF026: instruction keywords written in both upper and lower case in one file."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.models.dockerfile import OnbuildInstruction


def _keyworded(dockerfile):
    """Every instruction, ONBUILD triggers included."""
    for instruction in dockerfile.instructions:
        yield instruction
        if isinstance(instruction, OnbuildInstruction) and instruction.trigger is not None:
            yield instruction.trigger


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
        instructions = list(_keyworded(ctx.dockerfile))
        written = [instruction.written_keyword for instruction in instructions]  # tokens only for findings
        upper = sum(1 for raw in written if raw.isupper())
        lower = sum(1 for raw in written if raw.islower())
        if upper == 0 and lower == 0:
            return
        use_lower = lower > upper
        casing = "lower" if use_lower else "upper"
        for instruction, raw in zip(instructions, written):
            wanted = raw.lower() if use_lower else raw.upper()
            if raw == wanted:
                continue
            span = instruction.keyword_token.span
            fix = ctx.replace(span, wanted, f"Write `{wanted}`")
            yield Violation(span, f"`{raw}` is not in {casing} case like most instructions of this file", fix)
