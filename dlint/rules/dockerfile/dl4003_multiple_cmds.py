"""DL4003: more than one CMD in a stage."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.repeats import repeated


class MultipleCmds(Rule):
    """Stage has more than one CMD.

    ## Why is this bad?
    Only the last CMD of a stage is used as the container's default command;
    earlier ones have no effect and mislead readers.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    CMD ["python", "setup.py"]
    CMD ["python", "app.py"]
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    CMD ["python", "app.py"]
    ```

    ## References
    - [Dockerfile reference: CMD](https://docs.docker.com/reference/dockerfile/#cmd)
    """

    code = "DL4003"
    name = "multiple-cmds"
    severity = Severity.WARNING
    category = "correctness"
    aliases = ("MultipleInstructionsDisallowed",)
    kind = "dockerfile"
    requires = frozenset({"CMD"})

    def check_dockerfile(self, ctx):
        for earlier, later in repeated(ctx.dockerfile, "CMD"):
            yield Violation(
                later.keyword_token.span,
                f"CMD replaces the one on line {earlier.span.line}; only the last CMD of a stage takes effect",
            )
