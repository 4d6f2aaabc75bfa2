"""DL3014: apt-get install without -y."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.apt import assumes_yes, installs_with_config
from dlint.knowledge.packages import insert_after
from dlint.models.finding import Severity, Violation


class AptGetWithoutYes(Rule):
    """`apt-get install` runs without `-y`.

    ## Why is this bad?
    A build has no terminal to answer apt-get's "Do you want to continue?"
    question, so apt-get aborts and the build fails as soon as a package pulls
    in anything extra. `-y` (`--yes`, `--assume-yes`) answers it up front;
    `-qq` implies it too, and so does `APT::Get::Assume-Yes "true"` given
    with `-o` or written to `/etc/apt/apt.conf.d/` by an earlier `echo` of the
    stage (or of a stage it builds on). `DEBIAN_FRONTEND=noninteractive` does
    not: it only silences debconf questions.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN apt-get update && apt-get install --no-install-recommends curl=7.88.1-10+deb12u5
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
    ```

    ## Fix safety
    The fix inserts `-y` after `install`. It only answers the confirmation the
    command would otherwise wait for, so it is safe.

    ## References
    - [apt-get(8) manual: -y, --yes, --assume-yes](https://manpages.debian.org/stable/apt/apt-get.8.en.html)
    """

    code = "DL3014"
    name = "apt-get-without-yes"
    severity = Severity.WARNING
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"apt"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        for invocation, written in installs_with_config(ctx, instruction):
            if assumes_yes(invocation, written):
                continue
            fix = insert_after(ctx, invocation.subcommand, " -y", "Add `-y`")
            yield Violation(
                invocation.name_word.span,
                "`apt-get install` without `-y` waits for a confirmation no one can give in a build",
                fix,
            )
