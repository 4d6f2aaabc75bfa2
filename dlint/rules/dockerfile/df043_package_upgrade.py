"""DF043: a RUN upgrades every installed package (opt-in)."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.package_index import MARKERS, system_upgrade
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import commands


class PackageUpgrade(Rule):
    """A RUN upgrades all installed packages (`apt-get upgrade`, `apk upgrade`, `dnf upgrade`…).

    ## Why is this bad?
    A whole-system upgrade makes the image depend on the day it was built:
    the same Dockerfile gives different packages from one build to the next,
    the base image's tested set of packages is replaced by another, and the
    layer holds a second copy of every upgraded file (the image grows by the
    size of the upgrade). The usual advice is to take fixes by moving to a
    newer base image tag (or digest) instead, and to install the few packages
    you need at pinned versions.

    It is a trade-off, so the rule is off by default
    (`extend-select = ["DF043"]`): when a base image is slow to publish
    security fixes, an upgrade in the Dockerfile is how a rebuild picks them
    up, and some teams do it on purpose. Turn the rule on when your policy is
    "fixes come from the base image".

    Read: `apt-get`/`apt` `upgrade`, `dist-upgrade`, `full-upgrade`;
    `aptitude safe-upgrade`/`full-upgrade`; `apk upgrade`, `dnf`/`yum`/`microdnf`
    `upgrade`/`update`/`distro-sync` and `zypper update`/`patch` without
    package names (upgrading named packages is a pinning question).
    `zypper dist-upgrade` is DL3035's.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN apt-get update && apt-get upgrade -y && apt-get install -y --no-install-recommends curl
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12.8
    RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    ```

    ## References
    - [Docker docs: best practices for apt-get](https://docs.docker.com/build/building/best-practices/#apt-get)
    """

    code = "DF043"
    name = "package-upgrade"
    severity = Severity.INFO
    category = "best-practice"
    kind = "dockerfile"
    default_enabled = False
    instructions = frozenset({"RUN"})
    markers = MARKERS

    def check_instruction(self, ctx, instruction):
        for command in commands(ctx, instruction):
            found = system_upgrade(command)
            if found is not None:
                yield Violation(
                    found.subcommand.span,
                    f"`{found.verb}` upgrades every installed package: the image depends on the build day; "
                    "take fixes from a newer base image",
                )
