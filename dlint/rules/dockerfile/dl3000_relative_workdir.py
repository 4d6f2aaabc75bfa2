"""DL3000: WORKDIR is not an absolute path."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.paths import relative_path


class RelativeWorkdir(Rule):
    """WORKDIR path is relative.

    ## Why is this bad?
    A relative WORKDIR is resolved against whatever working directory is in force
    at that point, which may come from a base image you do not control. An
    absolute path says exactly where the following instructions run.
    Windows paths such as `C:\\app` are absolute too. A path that starts with a
    variable is judged by the variable's value when the Dockerfile defines it
    (`ARG APP_HOME=/srv`), and accepted otherwise.

    ## Example
    ```dockerfile
    FROM debian:12
    WORKDIR app
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    WORKDIR /app
    ```

    ## References
    - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    """

    code = "DL3000"
    name = "relative-workdir"
    severity = Severity.ERROR
    category = "correctness"
    aliases = ("WorkdirRelativePath",)
    kind = "dockerfile"
    instructions = frozenset({"WORKDIR"})

    def check_instruction(self, ctx, instruction):
        token = getattr(instruction, "path", None)
        if token is None:
            return
        path = relative_path(ctx, instruction, token)
        if path is not None:
            yield Violation(token.span, f"WORKDIR `{path}` is relative; use an absolute path")
