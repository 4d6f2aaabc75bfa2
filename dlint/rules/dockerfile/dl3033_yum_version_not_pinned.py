"""DL3033: package installed with yum without a version."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.packages import pin_message
from dlint.knowledge.rpm import YUM, unpinned_rpm_packages
from dlint.models.finding import Severity, Violation


class YumVersionNotPinned(Rule):
    """yum installs a package without naming its version.

    ## Why is this bad?
    Without a version, each build installs whatever the repository offers
    that day, so two builds of the same Dockerfile can differ and break in
    ways that are hard to trace. Name the version as `<package>-<version>`
    (`httpd-2.4.6`, `openssl-1:1.0.2k`), or a stream for a module
    (`yum module install nodejs:18`). Versions held in ARG or ENV variables
    count once expanded; a variable whose value is only known at build time
    (`ARG VERSION` without default) is trusted. Groups are not checked.

    ## Example
    ```dockerfile
    FROM centos:7
    RUN yum install -y tomcat && yum clean all
    ```

    ## Use instead
    ```dockerfile
    FROM centos:7
    RUN yum install -y tomcat-7.0.76 && yum clean all
    ```

    ## References
    - [yum(8) manual: specifying package names](https://man7.org/linux/man-pages/man8/yum.8.html)
    """

    code = "DL3033"
    name = "yum-version-not-pinned"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"yum"})

    def check_instruction(self, ctx, instruction):
        for invocation, unpinned in unpinned_rpm_packages(ctx, instruction, YUM):
            if invocation.scope == "module":
                word, text = pin_message(unpinned, "stream", "module")
                yield Violation(word.span, f"{text}: `yum module install <module>:<stream>`")
            else:
                word, text = pin_message(unpinned)
                yield Violation(word.span, f"{text}: `yum install <package>-<version>`")
