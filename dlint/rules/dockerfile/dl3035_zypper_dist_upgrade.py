"""DL3035: `zypper dist-upgrade` in a Dockerfile."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.rpm import ZYPPER, invocations
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import commands


class ZypperDistUpgrade(Rule):
    """`zypper dist-upgrade` upgrades the whole distribution.

    ## Why is this bad?
    `zypper dist-upgrade` (`dup`) moves every package to whatever the
    repositories hold now, possibly to a new distribution release, vendor
    changes included. The image then no longer matches its base image tag,
    and each build can produce a different system. Use a newer base image
    instead, and install or update only the packages you need.

    ## Example
    ```dockerfile
    FROM opensuse/leap:15.5
    RUN zypper --non-interactive dist-upgrade
    ```

    ## Use instead
    ```dockerfile
    FROM opensuse/leap:15.6
    RUN zypper --non-interactive install -y curl=8.6.0 && zypper clean
    ```

    ## References
    - [zypper(8) manual: dist-upgrade](https://en.opensuse.org/SDB:Zypper_manual)
    """

    code = "DL3035"
    name = "zypper-dist-upgrade"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"zypper"})

    def check_instruction(self, ctx, instruction):
        for invocation in invocations(commands(ctx, instruction), ZYPPER):
            if invocation.action == "dist-upgrade" and invocation.action_word is not None:
                yield Violation(
                    invocation.action_word.span,
                    f"`zypper {invocation.action_word.text}` upgrades the whole distribution: use a newer base image",
                )
