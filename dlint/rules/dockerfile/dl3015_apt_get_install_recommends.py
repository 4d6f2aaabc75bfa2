"""DL3015: apt-get install without --no-install-recommends."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.apt import installs_with_config, skips_recommends
from dlint.knowledge.packages import insert_after
from dlint.models.finding import Severity, Violation


class AptGetInstallRecommends(Rule):
    """`apt-get install` also installs recommended packages.

    ## Why is this bad?
    By default apt-get installs every package the requested ones recommend,
    not only what they need to work. That makes images larger, slower to build
    and gives them more software to patch. `--no-install-recommends` (or
    `-o APT::Install-Recommends=false`) installs only what was asked for and
    its dependencies. `APT::Install-Recommends "false"` written to
    `/etc/apt/apt.conf.d/` by an earlier `echo` of the stage (or of a stage it
    builds on) counts as well.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u5
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
    ```

    ## Fix safety
    The fix inserts `--no-install-recommends` after `install`. It is unsafe:
    packages that were installed only as recommendations disappear, and the
    image may rely on one of them.

    ## References
    - [apt.conf(5) manual: APT::Install-Recommends](https://manpages.debian.org/stable/apt/apt.conf.5.en.html)
    """

    code = "DL3015"
    name = "apt-get-install-recommends"
    severity = Severity.INFO
    category = "performance"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"apt"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        for invocation, written in installs_with_config(ctx, instruction):
            if skips_recommends(invocation, written):
                continue
            fix = insert_after(
                ctx, invocation.subcommand, " --no-install-recommends", "Add `--no-install-recommends`", safe=False
            )
            yield Violation(
                invocation.name_word.span,
                "`apt-get install` without `--no-install-recommends` also installs recommended packages",
                fix,
            )
