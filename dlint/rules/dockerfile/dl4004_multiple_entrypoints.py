"""DL4004: more than one ENTRYPOINT in a stage."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.repeats import repeated


class MultipleEntrypoints(Rule):
    """Stage has more than one ENTRYPOINT.

    ## Why is this bad?
    Only the last ENTRYPOINT of a stage is kept; earlier ones are dead code that
    suggests the image starts differently than it does.

    ## Example
    ```dockerfile
    FROM debian:12
    ENTRYPOINT ["/usr/bin/tini", "--"]
    ENTRYPOINT ["/app/start.sh"]
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    ENTRYPOINT ["/usr/bin/tini", "--", "/app/start.sh"]
    ```

    ## References
    - [Dockerfile reference: ENTRYPOINT](https://docs.docker.com/reference/dockerfile/#entrypoint)
    """

    code = "DL4004"
    name = "multiple-entrypoints"
    severity = Severity.ERROR
    category = "correctness"
    aliases = ("MultipleInstructionsDisallowed",)
    kind = "dockerfile"
    requires = frozenset({"ENTRYPOINT"})

    def check_dockerfile(self, ctx):
        for earlier, later in repeated(ctx.dockerfile, "ENTRYPOINT"):
            yield Violation(
                later.keyword_token.span,
                f"ENTRYPOINT replaces the one on line {earlier.span.line}; only the last ENTRYPOINT of a stage takes effect",
            )
