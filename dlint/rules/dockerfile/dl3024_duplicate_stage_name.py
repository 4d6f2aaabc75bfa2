"""DL3024: two stages share a name."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation


class DuplicateStageName(Rule):
    """Stage name is used twice.

    ## Why is this bad?
    Stage names are how `COPY --from`, `FROM <stage>` and `--target` pick a stage.
    With two stages of the same name (compared without case) it is unclear which
    one is meant, and builders reject the file.

    ## Example
    ```dockerfile
    FROM node:22 AS build
    RUN npm ci
    FROM node:22 AS build
    RUN npm run build
    ```

    ## Use instead
    ```dockerfile
    FROM node:22 AS deps
    RUN npm ci
    FROM deps AS build
    RUN npm run build
    ```

    ## References
    - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    """

    code = "DL3024"
    name = "duplicate-stage-name"
    severity = Severity.ERROR
    category = "correctness"
    aliases = ("DuplicateStageName",)
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        first_line: dict[str, int] = {}
        for stage in ctx.dockerfile.stages:
            token = stage.from_instruction.stage_name
            if not stage.name or token is None:
                continue
            if stage.name in first_line:
                yield Violation(token.span, f"stage name `{token.value}` is already used on line {first_line[stage.name]}")
            else:
                first_line[stage.name] = token.span.line
