"""DL4005: `ln` replaces /bin/sh instead of SHELL choosing the shell."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.packages import OptionSyntax, read_invocation
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import commands

_SYSTEM_SH = frozenset({"/bin/sh", "/usr/bin/sh"})
_LN = OptionSyntax(valued=frozenset({"-t", "--target-directory", "-S", "--suffix"}))


class LnBinSh(Rule):
    """RUN links another shell over `/bin/sh`.

    ## Why is this bad?
    Replacing `/bin/sh` changes the shell of every script and package
    maintainer script in the image, not only of the Dockerfile's RUN
    instructions, and hides the change from readers. The SHELL instruction
    chooses the shell of the following RUN, CMD and ENTRYPOINT instructions
    explicitly and leaves the system alone.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN ln -sf /bin/bash /bin/sh
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    SHELL ["/bin/bash", "-c"]
    ```

    ## References
    - [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
    """

    code = "DL4005"
    name = "ln-bin-sh"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"ln"})

    def check_instruction(self, ctx, instruction):
        for command in commands(ctx, instruction):
            if command.program != "ln":
                continue
            invocation = read_invocation(command, "ln", _LN)
            if invocation.has("-t", "--target-directory"):
                continue  # ``ln -t DIR SOURCE…``: every operand is a source
            words = invocation.operands
            if len(words) >= 2 and words[-1].text in _SYSTEM_SH:
                yield Violation(
                    words[-1].span, f"Do not replace `{words[-1].text}` with `ln`: use SHELL to change the shell"
                )
