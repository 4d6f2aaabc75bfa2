"""DL3012: more than one HEALTHCHECK in a stage."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.repeats import repeated


class MultipleHealthchecks(Rule):
    """Stage has more than one HEALTHCHECK.

    ## Why is this bad?
    Only the last HEALTHCHECK of a stage takes effect; earlier ones are silently
    replaced. Several of them usually mean a leftover or a copy-paste mistake.

    ## Example
    ```dockerfile
    FROM nginx:1.27
    HEALTHCHECK CMD curl -f http://localhost/ || exit 1
    HEALTHCHECK CMD wget -q -O /dev/null http://localhost/ || exit 1
    ```

    ## Use instead
    ```dockerfile
    FROM nginx:1.27
    HEALTHCHECK CMD curl -f http://localhost/ || exit 1
    ```

    ## References
    - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    """

    code = "DL3012"
    name = "multiple-healthchecks"
    severity = Severity.ERROR
    category = "correctness"
    aliases = ("MultipleInstructionsDisallowed",)
    kind = "dockerfile"
    requires = frozenset({"HEALTHCHECK"})

    def check_dockerfile(self, ctx):
        for earlier, later in repeated(ctx.dockerfile, "HEALTHCHECK"):
            yield Violation(
                later.keyword_token.span,
                f"HEALTHCHECK replaces the one on line {earlier.span.line}; a stage keeps only its last HEALTHCHECK",
            )
