"""DL3037: package installed with zypper without a version."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.packages import pin_message
from dlint.knowledge.rpm import ZYPPER, unpinned_rpm_packages
from dlint.models.finding import Severity, Violation


class ZypperVersionNotPinned(Rule):
    """zypper installs a package without naming its version.

    ## Why is this bad?
    Without a version, each build installs whatever the repository offers
    that day, so two builds of the same Dockerfile can differ and break in
    ways that are hard to trace. Name the version with a relation:
    `tomcat=9.0.39`, `'tomcat>=9.0'`, `tomcat\\<9.1`, or install an `.rpm`
    file. Versions held in ARG or ENV variables count once expanded. Patterns,
    patches and products (`zypper install -t pattern …`) are not checked.

    ## Example
    ```dockerfile
    FROM opensuse/leap:15.6
    RUN zypper install -y tomcat && zypper clean
    ```

    ## Use instead
    ```dockerfile
    FROM opensuse/leap:15.6
    RUN zypper install -y tomcat=9.0.89 && zypper clean
    ```

    ## References
    - [zypper(8) manual: install](https://en.opensuse.org/SDB:Zypper_manual)
    """

    code = "DL3037"
    name = "zypper-version-not-pinned"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"zypper"})

    def check_instruction(self, ctx, instruction):
        for _, unpinned in unpinned_rpm_packages(ctx, instruction, ZYPPER):
            word, text = pin_message(unpinned)
            yield Violation(word.span, f"{text}: `zypper install <package>=<version>`")
