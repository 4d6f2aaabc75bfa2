"""DL3036: zypper downloads packages and the RUN never runs `zypper clean`."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.rpm import ZYPPER, missing_clean
from dlint.models.finding import Severity, Violation


class ZypperCleanMissing(Rule):
    """zypper leaves its cache in the layer.

    ## Why is this bad?
    zypper keeps repository metadata and downloaded packages under
    `/var/cache/zypp`. Unless the same RUN removes them, they stay in the
    image layer for good. `zypper clean` (`zypper cc`) after the last
    install, update or patch of the RUN keeps the layer small; a
    `--mount=type=cache` (or `tmpfs`) over `/var/cache/zypp` keeps the cache
    out of the layer altogether.

    ## Example
    ```dockerfile
    FROM opensuse/leap:15.6
    RUN zypper install -y mariadb=10.11.8
    ```

    ## Use instead
    ```dockerfile
    FROM opensuse/leap:15.6
    RUN zypper install -y mariadb=10.11.8 && zypper clean
    ```

    ## References
    - [zypper(8) manual: clean](https://en.opensuse.org/SDB:Zypper_manual)
    - [Cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    """

    code = "DL3036"
    name = "zypper-clean-missing"
    severity = Severity.WARNING
    category = "performance"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"zypper"})

    def check_instruction(self, ctx, instruction):
        for invocation in missing_clean(ctx, instruction, ZYPPER):
            yield Violation(
                invocation.name_word.span,
                "`zypper clean` is missing after this zypper command: its cache stays in the layer",
            )
