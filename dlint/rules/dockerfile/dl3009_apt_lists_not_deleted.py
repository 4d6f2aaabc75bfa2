"""DL3009: apt package lists left in the image after apt-get update."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.apt import cleans_lists, read_apt
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import commands, programs
from dlint.views.dockerfile.run_paths import mounted, removes_path
from dlint.views.dockerfile.stage_graph import stage_reaches_image

_LISTS = "/var/lib/apt/lists"
_UPDATERS = frozenset({"apt-get", "apt", "aptitude"})


class AptListsNotDeleted(Rule):
    """`apt-get update` leaves the package lists in the image.

    ## Why is this bad?
    `apt-get update` downloads the package lists into `/var/lib/apt/lists`,
    tens of megabytes the running container never needs. Remove them in the
    same RUN, after the last update (`rm -rf /var/lib/apt/lists/*`, or
    `apt-get dist-clean` on Debian 13 and later): a later RUN cannot take
    them out of the layer that added them. A cache or tmpfs
    mount of `/var/lib/apt/lists` (or of both `/var/lib/apt` and
    `/var/cache/apt`) keeps them out of the image as well. Stages that no other
    stage builds on and that are not the last one are not reported: their
    files never reach an image.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\
        && rm -rf /var/lib/apt/lists/*
    ```

    ## References
    - [Docker docs: best practices for apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    """

    code = "DL3009"
    name = "apt-lists-not-deleted"
    severity = Severity.INFO
    category = "performance"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"apt"})

    def check_instruction(self, ctx, instruction):
        if programs(ctx, instruction).isdisjoint(_UPDATERS):
            return
        run_commands = commands(ctx, instruction)
        pending = None  # the first update after the last removal of the lists
        for command in run_commands:
            invocation = read_apt(command, _UPDATERS)
            if invocation is not None and invocation.subcommand is not None and invocation.subcommand.text == "update":
                pending = pending or invocation
            elif removes_path(command, _LISTS) or cleans_lists(command):
                pending = None
        if pending is None or not stage_reaches_image(ctx, instruction):
            return
        if mounted(instruction, _LISTS, exact=True):
            return
        if mounted(instruction, "/var/lib/apt") and mounted(instruction, "/var/cache/apt"):
            return
        yield Violation(
            pending.name_word.span,
            f"`{pending.tool} update` leaves the package lists in the image: "
            "remove them in the same RUN with `rm -rf /var/lib/apt/lists/*`",
        )
