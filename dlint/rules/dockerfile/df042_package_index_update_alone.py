"""DF042: a RUN refreshes the package index and installs nothing."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.package_index import INERT_PROGRAMS, MARKERS, index_refresh
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import commands


class PackageIndexUpdateAlone(Rule):
    """`apt-get update` (or `apk update`, `dnf makecache`…) in a RUN that installs nothing.

    ## Why is this bad?
    The builder caches each RUN by its text. A RUN that only refreshes the
    package index is never run again once cached, so a later
    `RUN apt-get install …` — even one you just changed — installs from the
    index of the day the cache was made: packages that have since moved
    fail to download, and security fixes published since are missed. Refresh
    the index in the same RUN as the install that needs it. The CIS Docker
    Benchmark (4.7) asks the same.

    The rule reads `apt-get`/`apt`/`aptitude update`, `apk update`,
    `dnf`/`yum`/`microdnf makecache` and `check-update`, and `zypper refresh`.
    It reports only a RUN whose other commands surely install nothing (`echo`,
    `rm`, `mkdir`, `ln`…): any other command, a script or a program it does not
    know, may be the install, and the RUN is not reported. `apk add --update`
    and `apk add --no-cache` refresh and install in one command.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN apt-get update
    RUN apt-get install -y --no-install-recommends curl
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    RUN apt-get update \\
        && apt-get install -y --no-install-recommends curl \\
        && rm -rf /var/lib/apt/lists/*
    ```

    ## References
    - [Docker docs: best practices for apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    - CIS Docker Benchmark 4.7: update instructions are not used alone in the Dockerfile
    """

    code = "DF042"
    name = "package-index-update-alone"
    severity = Severity.WARNING
    category = "correctness"
    kind = "dockerfile"
    cis = ("4.7",)
    instructions = frozenset({"RUN"})
    markers = MARKERS

    def check_instruction(self, ctx, instruction):
        run_commands = commands(ctx, instruction)
        if not run_commands:
            return
        wrappers = {command.wrapper for command in run_commands if command.wrapper is not None}
        refreshes = []
        for index, command in enumerate(run_commands):
            found = index_refresh(command)
            if found is not None:
                refreshes.append(found)
            elif index in wrappers:
                continue  # ``sudo``, ``sh -c``: the command it runs is listed too
            elif command.name is None and not command.arguments:
                continue  # a bare assignment
            elif command.program not in INERT_PROGRAMS:
                return
        if not refreshes:
            return
        first = refreshes[0]
        yield Violation(
            first.invocation.name_word.span,
            f"`{first.verb}` in a RUN that installs nothing: the cached layer keeps an old index for later installs; "
            "refresh and install in the same RUN",
        )
