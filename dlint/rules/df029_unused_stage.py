"""DF029: a stage the final stage does not need."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._stage_graph import reachable_from


class UnusedStage(Rule):
    """A build stage that the final stage never uses.

    ## Why is this bad?
    BuildKit only builds the stages the target needs: a stage that the final
    stage neither builds on (`FROM <stage>`) nor copies or mounts from
    (`COPY --from`, `RUN --mount=from=`) is skipped by a default build. It is
    dead code — or a forgotten `COPY --from` that the image silently lacks.
    Stages built on purpose with `--target` (test, dev) are reported too, at
    info level: suppress with `# dlint: ignore=DF029` above their FROM if
    they are meant.

    ## Example
    ```dockerfile
    FROM node:22-slim AS assets
    RUN npm ci && npm run build

    FROM nginx:1.27-alpine
    COPY site/ /usr/share/nginx/html/
    ```

    ## Use instead
    ```dockerfile
    FROM node:22-slim AS assets
    RUN npm ci && npm run build

    FROM nginx:1.27-alpine
    COPY --from=assets /dist/ /usr/share/nginx/html/
    ```

    ## References
    - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    """

    code = "DF029"
    name = "unused-stage"
    severity = Severity.INFO
    category = "maintainability"
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        dockerfile = ctx.dockerfile
        final = dockerfile.final_stage
        if final is None or len(dockerfile.stages) < 2:
            return
        needed = reachable_from(dockerfile, final)
        for stage in dockerfile.stages:
            if stage.index not in needed:
                where = stage.from_instruction.stage_name or stage.from_instruction.keyword_token
                label = stage.name or f"#{stage.index}"
                yield Violation(where.span, f"stage {label} is not used by the final stage: a default build skips it")
