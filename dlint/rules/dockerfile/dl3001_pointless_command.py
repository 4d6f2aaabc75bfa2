"""DL3001: a command that has no use while an image is built (ssh, vim, service…)."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import commands

#: interactive tools and commands that manage a running machine
POINTLESS = frozenset({"free", "ifconfig", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"})


class PointlessCommand(Rule):
    """RUN uses a command that makes no sense while building an image.

    ## Why is this bad?
    A RUN instruction executes once, without a terminal, in a throw-away
    container that has no init system and no other processes. Interactive
    tools (`vim`, `top`, `ssh`), service managers (`service`, `shutdown`) and
    commands that inspect or change a running machine (`ps`, `free`, `kill`,
    `mount`, `ifconfig`) either hang, fail, or report on the build container
    rather than on the image. Installing such a tool is fine; running it is
    the problem.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN service nginx start
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    CMD ["nginx", "-g", "daemon off;"]
    ```

    ## References
    - [Dockerfile reference: RUN](https://docs.docker.com/reference/dockerfile/#run)
    """

    code = "DL3001"
    name = "pointless-command"
    severity = Severity.INFO
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = POINTLESS

    def check_instruction(self, ctx, instruction):
        for command in commands(ctx, instruction):
            if command.program in POINTLESS and command.name is not None:
                yield Violation(
                    command.name.span,
                    f"`{command.program}` makes no sense in a build: it runs once, without a terminal, "
                    "in a container with no services",
                )
