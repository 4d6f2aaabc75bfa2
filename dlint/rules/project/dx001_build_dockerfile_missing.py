"""DX001: a service builds from a Dockerfile that does not exist."""

from __future__ import annotations

import os

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.builds import shown as display_path


class BuildDockerfileMissing(Rule):
    """Service builds from a Dockerfile that does not exist.

    ## Why is this bad?
    `docker compose build` (and `up`) stops with "failed to read dockerfile".
    The path in `build.dockerfile` is relative to the build context, not to
    the Compose file — the usual cause when the file does exist somewhere.

    ## Example
    ```yaml
    services:
      api:
        build:
          context: .
          dockerfile: docker/api.Dockerfile
    ```

    ## Use instead
    ```dockerfile docker/api.Dockerfile
    FROM python:3.12-slim
    ```
    ```yaml
    services:
      api:
        build:
          context: .
          dockerfile: docker/api.Dockerfile
    ```

    ## References
    - [Compose Build Specification: dockerfile](https://docs.docker.com/reference/compose-file/build/#dockerfile)
    """

    code = "DX001"
    name = "build-dockerfile-missing"
    severity = Severity.ERROR
    category = "correctness"
    kind = "project"
    markers = frozenset({'build'})

    def check_project(self, ctx):
        for name, found in ctx.builds.items():
            service = ctx.project.services[name]
            build = service.build
            if found.dockerfile is None or found.dockerfile_exists or not found.context_exists:
                continue
            node = build.dockerfile if build.dockerfile is not None else (build.context or build)
            shown = os.path.relpath(found.dockerfile, found.context)
            yield Violation(node.span, f"service {name} builds from {shown}, which is not in its build context {display_path(found.context)}", path=node.path)
