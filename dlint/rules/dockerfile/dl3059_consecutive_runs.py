"""DL3059: consecutive single-command RUN instructions could be one."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.dockerfile import RunInstruction
from dlint.models.finding import Severity, Violation


def _single_command(dockerfile, run: RunInstruction) -> bool:
    """A shell-form RUN (no here-document) that runs one command."""
    if run.heredocs or run.command.form != "shell":
        return False
    script = dockerfile.shell(run)
    if script is None:
        return False
    return sum(1 for command in script.commands if command.wrapped_by is None) <= 1


def _flags(run: RunInstruction) -> list[tuple[str, str | None]]:
    return sorted((flag.name, flag.value) for flag in run.flags)


class ConsecutiveRuns(Rule):
    """Consecutive RUN instructions could be merged.

    ## Why is this bad?
    Each RUN makes a layer. Two RUNs in a row that each run a single command,
    with the same flags, usually belong together: one RUN with `&&` gives one
    layer and lets cleanup in the same step actually shrink the image.

    RUNs that already chain several commands are left alone (splitting them was
    probably deliberate), as are RUNs with different flags (`--mount`, `--network`)
    and RUNs written as here-documents, which are scripts of their own.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN apt-get update
    RUN apt-get install -y --no-install-recommends curl
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    RUN apt-get update && apt-get install -y --no-install-recommends curl
    ```

    ## References
    - [Best practices: minimize the number of layers](https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers)
    """

    code = "DL3059"
    name = "consecutive-runs"
    severity = Severity.INFO
    category = "performance"
    kind = "dockerfile"
    requires = frozenset({"RUN"})

    def check_dockerfile(self, ctx):
        dockerfile = ctx.dockerfile
        previous = None
        for instruction in dockerfile.instructions:
            if (
                isinstance(instruction, RunInstruction)
                and isinstance(previous, RunInstruction)
                and _flags(instruction) == _flags(previous)
                and _single_command(dockerfile, previous)
                and _single_command(dockerfile, instruction)
            ):
                yield Violation(
                    instruction.keyword_token.span,
                    f"this RUN and the one on line {previous.span.line} each run one command; consider merging them",
                )
            previous = instruction
