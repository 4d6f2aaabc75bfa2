"""DL3041: package installed with dnf or microdnf without a version."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.packages import pin_message
from dlint.knowledge.rpm import DNF, unpinned_rpm_packages
from dlint.models.finding import Severity, Violation


class DnfVersionNotPinned(Rule):
    """dnf installs a package without naming its version.

    ## Why is this bad?
    Without a version, each build installs whatever the repository offers
    that day, so two builds of the same Dockerfile can differ and break in
    ways that are hard to trace. Name the version as `<package>-<version>`
    (`tomcat-9.0.1`, `openssl-1:3.0.7`), or a stream for a module
    (`dnf module install nodejs:18`). Versions held in ARG or ENV variables
    count once expanded; a variable whose value is only known at build time
    (`ARG VERSION` without default) is trusted. Groups (`dnf group install`,
    `@group`) are not checked. `dnf5` and `microdnf` are checked too.

    ## Example
    ```dockerfile
    FROM fedora:40
    RUN dnf install -y tomcat && dnf clean all
    ```

    ## Use instead
    ```dockerfile
    FROM fedora:40
    RUN dnf install -y tomcat-10.1.24 && dnf clean all
    ```

    ## References
    - [dnf command reference: package specification](https://dnf.readthedocs.io/en/latest/command_ref.html#specifying-packages-label)
    """

    code = "DL3041"
    name = "dnf-version-not-pinned"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"dnf"})

    def check_instruction(self, ctx, instruction):
        for invocation, unpinned in unpinned_rpm_packages(ctx, instruction, DNF):
            if invocation.scope == "module":
                word, text = pin_message(unpinned, "stream", "module")
                yield Violation(word.span, f"{text}: `dnf module install <module>:<stream>`")
            else:
                word, text = pin_message(unpinned)
                yield Violation(word.span, f"{text}: `dnf install <package>-<version>`")
