"""DL3040: dnf or microdnf downloads packages and the RUN never cleans its cache."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.rpm import DNF, missing_clean
from dlint.models.finding import Severity, Violation


class DnfCleanAllMissing(Rule):
    """dnf leaves its cache in the layer.

    ## Why is this bad?
    dnf keeps repository metadata and downloaded packages under
    `/var/cache/dnf` (`/var/cache/libdnf5` for dnf5, `/var/cache/yum` for
    microdnf). Unless the same RUN removes them, they stay in the image layer
    for good. Run `dnf clean all` (`microdnf clean all` for microdnf) after the
    last install, upgrade or reinstall of the RUN, or remove the cache
    directory; a `--mount=type=cache` (or `tmpfs`) over the cache directory
    keeps the cache out of the layer altogether. Cleaning with a different
    tool (`microdnf clean all` after `dnf install`) does not count: each tool
    cleans its own cache.

    ## Example
    ```dockerfile
    FROM fedora:40
    RUN dnf install -y mariadb-10.11.8
    ```

    ## Use instead
    ```dockerfile
    FROM fedora:40
    RUN dnf install -y mariadb-10.11.8 && dnf clean all
    ```

    ## References
    - [dnf command reference: clean](https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command)
    - [Cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    """

    code = "DL3040"
    name = "dnf-clean-all-missing"
    severity = Severity.WARNING
    category = "performance"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"dnf"})

    def check_instruction(self, ctx, instruction):
        for invocation in missing_clean(ctx, instruction, DNF):
            program = invocation.command.program or invocation.tool
            yield Violation(
                invocation.name_word.span,
                f"`{program} clean all` is missing after this {program} command: its cache stays in the layer",
            )
