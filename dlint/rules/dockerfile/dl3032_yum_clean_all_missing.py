"""DL3032: yum downloads packages and the RUN never runs `yum clean all`."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.rpm import YUM, missing_clean
from dlint.models.finding import Severity, Violation


class YumCleanAllMissing(Rule):
    """yum leaves its cache in the layer.

    ## Why is this bad?
    yum keeps repository metadata and downloaded packages under
    `/var/cache/yum`. Unless the same RUN removes them, they stay in the
    image layer for good, and a later RUN cannot take them out again.
    `yum clean all` (or `rm -rf /var/cache/yum`) after the last install,
    update or reinstall of the RUN keeps the layer small; a
    `--mount=type=cache` (or `tmpfs`) over the cache directory keeps the
    cache out of the layer altogether.

    ## Example
    ```dockerfile
    FROM centos:7
    RUN yum install -y mariadb-5.5.68
    ```

    ## Use instead
    ```dockerfile
    FROM centos:7
    RUN yum install -y mariadb-5.5.68 && yum clean all
    ```

    ## References
    - [Dockerfile best practices: RUN](https://docs.docker.com/build/building/best-practices/#run)
    - [Cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    """

    code = "DL3032"
    name = "yum-clean-all-missing"
    severity = Severity.WARNING
    category = "performance"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"yum"})

    def check_instruction(self, ctx, instruction):
        for invocation in missing_clean(ctx, instruction, YUM):
            yield Violation(
                invocation.name_word.span,
                "`yum clean all` is missing after this yum command: its cache stays in the layer",
            )
