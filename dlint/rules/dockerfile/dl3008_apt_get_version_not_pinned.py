"""DL3008: package installed with apt-get without a version."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.apt import apt_get_installs, apt_version_pinned
from dlint.knowledge.packages import pin_message, unpinned
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.shell_scopes import command_scopes


class AptGetVersionNotPinned(Rule):
    """apt-get installs a package without naming its version.

    ## Why is this bad?
    Without a version, each build installs whatever the archive offers that
    day, so two builds of the same Dockerfile can differ and break in ways that
    are hard to trace. Name the version as `<package>=<version>` (a trailing
    `*` keeps it to one release series: `curl=7.88.*`). A `.deb` file given by
    path needs no version. Package words taken from ARG or ENV values are
    checked after expansion; a value only known at build time (`ARG PKG`
    without default, command substitution) is trusted.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN apt-get update && apt-get install -y --no-install-recommends curl
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
    ```

    ## References
    - [apt-get(8) manual: install pkg=version](https://manpages.debian.org/stable/apt/apt-get.8.en.html)
    """

    code = "DL3008"
    name = "apt-get-version-not-pinned"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"apt"})

    def check_instruction(self, ctx, instruction):
        installs = apt_get_installs(ctx, instruction)
        if not installs:
            return
        scope_of = command_scopes(ctx, instruction)
        for invocation in installs:
            found = list(unpinned(invocation.targets, scope_of(invocation.command), apt_version_pinned))
            if found:
                word, text = pin_message(found)
                yield Violation(word.span, f"{text}: `apt-get install <package>=<version>`")
