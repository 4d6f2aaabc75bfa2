"""DL3030: yum command that asks for confirmation is run without `-y`."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.rpm import YUM, missing_yes
from dlint.models.finding import Severity, Violation


class YumWithoutYes(Rule):
    """yum changes packages without `-y`.

    ## Why is this bad?
    A build has no terminal to answer yum's "Is this ok [y/N]" question, so
    yum gives up and the build fails. `-y` (`--assumeyes`) answers it up front.
    Every yum action that changes packages asks: install, reinstall, update,
    downgrade, remove, group and module actions.

    ## Example
    ```dockerfile
    FROM centos:7
    RUN yum install httpd-2.4.6 && yum clean all
    ```

    ## Use instead
    ```dockerfile
    FROM centos:7
    RUN yum install -y httpd-2.4.6 && yum clean all
    ```

    ## Fix safety
    The fix inserts `-y` after `yum`: it only answers the confirmation the
    command would otherwise wait for, so it is safe.

    ## References
    - [yum(8) manual: --assumeyes](https://man7.org/linux/man-pages/man8/yum.8.html)
    """

    code = "DL3030"
    name = "yum-without-yes"
    severity = Severity.WARNING
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"yum"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        for invocation, fix in missing_yes(ctx, instruction, YUM, "-y"):
            yield Violation(
                invocation.name_word.span,
                f"`{invocation.verb}` without `-y` waits for a confirmation no one can give in a build",
                fix,
            )
