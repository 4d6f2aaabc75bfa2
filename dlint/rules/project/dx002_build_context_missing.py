"""DX002: a service's build context does not exist."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.builds import shown as display_path


class BuildContextMissing(Rule):
    """Service's build context folder does not exist.

    ## Why is this bad?
    Compose sends the context folder to the builder; when it is missing the
    build fails before it starts ("path not found"). `build.context` is
    relative to the Compose file that declares it.

    ## Example
    ```yaml
    services:
      api:
        build: ./services/api
    ```

    ## Use instead
    ```yaml
    services:
      api:
        build: .
    ```

    ## References
    - [Compose Build Specification: context](https://docs.docker.com/reference/compose-file/build/#context)
    """

    code = "DX002"
    name = "build-context-missing"
    severity = Severity.ERROR
    category = "correctness"
    kind = "project"
    markers = frozenset({'build'})

    def check_project(self, ctx):
        for name, found in ctx.builds.items():
            build = ctx.project.services[name].build
            if found.context is None or found.context_exists:
                continue
            node = build.context if build.context is not None else build
            yield Violation(node.span, f"the build context {display_path(found.context)} of service {name} does not exist", path=node.path)
