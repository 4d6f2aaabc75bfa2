"""DL3038: dnf or microdnf command that asks for confirmation is run without `-y`."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.rpm import DNF, missing_yes
from dlint.models.finding import Severity, Violation


class DnfWithoutYes(Rule):
    """dnf changes packages without `-y`.

    ## Why is this bad?
    A build has no terminal to answer dnf's "Is this ok [y/N]" question, so
    dnf gives up and the build fails. `-y` (`--assumeyes`) answers it up
    front. Every action that changes packages asks: install, reinstall,
    upgrade, downgrade, remove, swap, group and module actions. `dnf5` and
    `microdnf` are checked too.

    ## Example
    ```dockerfile
    FROM fedora:40
    RUN dnf install httpd-2.4.62 && dnf clean all
    ```

    ## Use instead
    ```dockerfile
    FROM fedora:40
    RUN dnf install -y httpd-2.4.62 && dnf clean all
    ```

    ## Fix safety
    The fix inserts `-y` after the program name. For dnf it only answers the
    confirmation the command would otherwise wait for: safe. For microdnf it
    is unsafe: microdnf does not ask, and older releases reject `-y`.

    ## References
    - [dnf command reference: --assumeyes](https://dnf.readthedocs.io/en/latest/command_ref.html)
    """

    code = "DL3038"
    name = "dnf-without-yes"
    severity = Severity.WARNING
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"dnf"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        for invocation, fix in missing_yes(ctx, instruction, DNF, "-y"):
            yield Violation(
                invocation.name_word.span,
                f"`{invocation.verb}` without `-y` waits for a confirmation no one can give in a build",
                fix,
            )
