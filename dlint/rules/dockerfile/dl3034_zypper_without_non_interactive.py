"""DL3034: zypper command that asks for confirmation is run without a non-interactive switch."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.rpm import ZYPPER, missing_yes
from dlint.models.finding import Severity, Violation


class ZypperWithoutNonInteractive(Rule):
    """zypper changes packages without `--non-interactive` or `-y`.

    ## Why is this bad?
    zypper asks before it installs, removes, updates or patches, and a build
    has no terminal to answer. `zypper --non-interactive` (`-n`, placed
    before the command) or the command's `-y` (`--no-confirm`) answers for
    you.

    ## Example
    ```dockerfile
    FROM opensuse/leap:15.6
    RUN zypper install httpd=2.4.58 && zypper clean
    ```

    ## Use instead
    ```dockerfile
    FROM opensuse/leap:15.6
    RUN zypper --non-interactive install httpd=2.4.58 && zypper clean
    ```

    ## Fix safety
    The fix inserts the global `--non-interactive` switch after `zypper`,
    where zypper expects global options. It only answers prompts with their
    default: safe.

    ## References
    - [zypper(8) manual: global options](https://en.opensuse.org/SDB:Zypper_manual)
    """

    code = "DL3034"
    name = "zypper-without-non-interactive"
    severity = Severity.WARNING
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"zypper"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        for invocation, fix in missing_yes(ctx, instruction, ZYPPER, "--non-interactive"):
            yield Violation(
                invocation.name_word.span,
                f"`{invocation.verb}` without `--non-interactive` (or `-y`) waits for an answer no one can give"
                " in a build",
                fix,
            )
