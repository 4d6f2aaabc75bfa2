"""DL4001: both wget and curl are used in one stage."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.dockerfile import OnbuildInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import commands

_TOOLS = ("curl", "wget")


class WgetAndCurl(Rule):
    """A stage downloads with both wget and curl.

    ## Why is this bad?
    wget and curl do the same job here. Using both means both must be in the
    image (or installed for the build), and readers must know two sets of
    options. Pick one per stage. The finding is on every RUN that uses one
    tool once the stage has used the other; ONBUILD triggers are counted on
    their own, as they run in another build.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN wget -q https://example.com/a.tar.gz
    RUN curl -fsSLO https://example.com/b.tar.gz
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    RUN curl -fsSLO https://example.com/a.tar.gz
    RUN curl -fsSLO https://example.com/b.tar.gz
    ```

    ## References
    - [Dockerfile best practices: minimize packages](https://docs.docker.com/build/building/best-practices/#dont-install-unnecessary-packages)
    """

    code = "DL4001"
    name = "wget-and-curl"
    severity = Severity.WARNING
    category = "maintainability"
    kind = "dockerfile"
    requires = frozenset({"RUN"})
    markers = frozenset({"wget"})  # and curl: a stage using both holds both

    def check_stage(self, ctx, stage):
        seen: dict[bool, dict[str, int]] = {False: {}, True: {}}  # onbuild? → tool → first line
        for instruction in stage.instructions:
            if isinstance(instruction, OnbuildInstruction):
                instruction = instruction.trigger
            if instruction is None or instruction.keyword != "RUN":
                continue
            used = seen[instruction.onbuild]
            reported = False
            for command in commands(ctx, instruction):
                tool = command.program
                if tool not in _TOOLS or command.name is None:
                    continue
                used.setdefault(tool, command.name.span.line)
                if len(used) == 2 and not reported:
                    reported = True
                    other = "curl" if tool == "wget" else "wget"
                    yield Violation(
                        command.name.span,
                        f"This stage uses both `wget` and `curl` (`{other}` on line {used[other]}): use one of them",
                    )
