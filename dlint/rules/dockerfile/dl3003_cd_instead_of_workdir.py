"""DL3003: `cd` in RUN where WORKDIR would say it once for all instructions."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import commands


class CdInsteadOfWorkdir(Rule):
    """RUN changes directory with `cd`.

    ## Why is this bad?
    A `cd` lasts only until the end of its RUN instruction, so the directory
    has to be repeated in every RUN that needs it, and readers must follow the
    shell to know where a command runs. WORKDIR sets the directory for every
    following instruction (RUN, CMD, ENTRYPOINT, COPY, ADD) and creates it if
    needed.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN cd /opt/app && make
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    WORKDIR /opt/app
    RUN make
    ```

    ## References
    - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    """

    code = "DL3003"
    name = "cd-instead-of-workdir"
    severity = Severity.WARNING
    category = "maintainability"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"cd"})

    def check_instruction(self, ctx, instruction):
        for command in commands(ctx, instruction):
            if command.program == "cd" and command.name is not None:
                yield Violation(command.name.span, "Use WORKDIR to change directory instead of `cd`")
