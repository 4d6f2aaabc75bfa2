"""DL3018: package installed with apk add without a version."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.apk import apk_adds, apk_version_pinned
from dlint.knowledge.packages import pin_message, unpinned
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.shell_scopes import command_scopes


class ApkVersionNotPinned(Rule):
    """`apk add` installs a package without naming its version.

    ## Why is this bad?
    Without a version, each build installs whatever the Alpine repository
    offers that day, so two builds of the same Dockerfile can differ. Constrain
    the version: `curl=8.5.0-r0`, or `curl~8.5` to stay on one release series.
    A local `.apk` file needs no version. The name given to `--virtual` is not
    a package. Package words taken from ARG or ENV values are checked after
    expansion; a value only known at build time is trusted.

    ## Example
    ```dockerfile
    FROM alpine:3.19
    RUN apk add --no-cache curl
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.19
    RUN apk add --no-cache curl=8.5.0-r0
    ```

    ## References
    - [Alpine wiki: apk world constraints](https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#World)
    """

    code = "DL3018"
    name = "apk-version-not-pinned"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"apk"})

    def check_instruction(self, ctx, instruction):
        adds = apk_adds(ctx, instruction)
        if not adds:
            return
        scope_of = command_scopes(ctx, instruction)
        for invocation in adds:
            found = list(unpinned(invocation.targets, scope_of(invocation.command), apk_version_pinned))
            if found:
                word, text = pin_message(found)
                yield Violation(word.span, f"{text}: `apk add <package>=<version>`")
