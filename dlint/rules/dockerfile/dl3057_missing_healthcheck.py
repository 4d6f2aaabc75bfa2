"""DL3057: an image has no HEALTHCHECK."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.stage_graph import base_of, copied_from


class MissingHealthcheck(Rule):
    """Image has no HEALTHCHECK.

    ## Why is this bad?
    Without a HEALTHCHECK, Docker only knows whether the main process runs, not
    whether it works; orchestrators cannot restart or route around a hung
    service. `HEALTHCHECK NONE` states on purpose that there is none.

    Only stages that end up as images are checked: a stage that other stages build
    on or copy from does not need one, and a HEALTHCHECK in a stage counts for the
    stages built on it. Off by default.

    ## Example
    ```dockerfile
    FROM nginx:1.27
    COPY site/ /usr/share/nginx/html/
    ```

    ## Use instead
    ```dockerfile
    FROM nginx:1.27
    COPY site/ /usr/share/nginx/html/
    HEALTHCHECK CMD curl -fs http://localhost/ || exit 1
    ```

    ## References
    - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    """

    code = "DL3057"
    name = "missing-healthcheck"
    severity = Severity.INFO
    category = "best-practice"
    extra_categories = ("operability",)
    cis = ("4.6",)
    kind = "dockerfile"
    default_enabled = False

    def check_dockerfile(self, ctx):
        stages = ctx.dockerfile.stages
        used = copied_from(ctx.dockerfile)
        has: list[bool] = []
        for stage in stages:
            base = base_of(stage)
            if base is not None:
                used.add(base)
            own = any(instruction.keyword == "HEALTHCHECK" for instruction in stage.instructions)
            has.append(own or (base is not None and has[base]))
        for stage in stages:
            if not has[stage.index] and stage.index not in used:
                yield Violation(
                    stage.from_instruction.keyword_token.span,
                    "this image has no HEALTHCHECK; add one, or HEALTHCHECK NONE to say there is none on purpose",
                )
