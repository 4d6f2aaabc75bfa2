"""DL3004: sudo in RUN."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import commands


class Sudo(Rule):
    """RUN uses `sudo`.

    ## Why is this bad?
    RUN already executes as the user set by the last USER instruction, root
    by default, so `sudo` adds nothing but a dependency: it needs a
    configured sudoers file, may ask for a password without a terminal to
    type it in, and changes the environment and signal handling of the
    command it runs. Switch users with USER; in an entrypoint that must drop
    privileges, use a tool made for it such as `gosu` or `su-exec`.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN sudo apt-get update
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    USER root
    RUN apt-get update
    ```

    ## References
    - [Dockerfile best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    """

    code = "DL3004"
    name = "sudo"
    severity = Severity.ERROR
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"sudo"})

    def check_instruction(self, ctx, instruction):
        for command in commands(ctx, instruction):
            if command.program == "sudo" and command.name is not None:
                yield Violation(
                    command.name.span, "Do not use `sudo` in RUN: use USER, or `gosu`/`su-exec` in an entrypoint"
                )
