"""DF040: a RUN with no command."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation


class EmptyRun(Rule):
    """RUN has no command.

    ## Why is this bad?
    BuildKit accepts a `RUN` with nothing after it (or only flags such as
    `--mount`) and runs an empty shell command: the step does nothing but
    add a layer to the build. It is usually a leftover of an edit, or a
    command that was meant to follow on the next line without a `\\`.
    Remove the instruction, or write the command it was meant to run.

    ## Example
    ```dockerfile
    FROM debian:12-slim
    RUN
    CMD ["bash"]
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12-slim
    CMD ["bash"]
    ```

    ## References
    - [Dockerfile reference: RUN](https://docs.docker.com/reference/dockerfile/#run)
    """

    code = "DF040"
    name = "empty-run"
    severity = Severity.WARNING
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})

    def check_instruction(self, ctx, instruction):
        command = instruction.command
        if instruction.heredocs or command.form != "shell" or (command.shell is not None and command.shell.value.strip()):
            return
        yield Violation(instruction.keyword_token.span, "RUN has no command: it runs nothing; remove it or write the command")
