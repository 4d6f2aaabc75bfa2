"""DL1001: inline ignore pragmas are used."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex

#: ``dlint: ignore=``, ``hadolint ignore=`` …; the blanks around the colon are one
#: ``\s*(?::\s*)?``, not ``\s*:?\s*`` (two ways to split every run of blanks: quadratic)
_IGNORE_PRAGMA = regex(
    r"^(?:dlint\s*(?::\s*)?ignore(?:-file|-stage)?|hadolint\s+(?:(?:global|stage)\s+)?ignore)\s*=", re.IGNORECASE
)


class InlineIgnorePragma(Rule):
    """Inline ignore pragma used.

    ## Why is this bad?
    A comment such as `# hadolint ignore=DL3008` silences a rule for one spot in
    the file. Teams that want every exception reviewed in one place (the
    configuration file) can enable this rule to find such comments: hadolint's
    `ignore=`, `global ignore=` and `stage ignore=` comments and dlint's own
    `# dlint: ignore=`, `ignore-stage=` and `ignore-file=`. It is off by default.

    ## Example
    ```dockerfile
    FROM debian:12
    # hadolint ignore=DL3008
    RUN apt-get update && apt-get install -y --no-install-recommends curl
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    ```

    ## References
    - [hadolint: inline ignores](https://github.com/hadolint/hadolint#inline-ignores)
    """

    code = "DL1001"
    name = "inline-ignore-pragma"
    severity = Severity.INFO
    category = "maintainability"
    kind = "dockerfile"
    default_enabled = False

    def check_dockerfile(self, ctx):
        for comment in ctx.dockerfile.comments:
            if _IGNORE_PRAGMA.match(comment.text):
                yield Violation(comment.span, "an inline pragma silences rules here; keep exceptions in the configuration instead")
