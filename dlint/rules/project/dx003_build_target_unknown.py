"""DX003: build.target names no stage of the Dockerfile."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.builds import target_stage
from dlint.views.compose.values import text_of


class BuildTargetUnknown(Rule):
    """`build.target` names no stage of the Dockerfile.

    ## Why is this bad?
    The build fails with "target stage could not be found". Stage names are
    the `AS` names of the Dockerfile's `FROM` lines, compared without case.

    ## Example
    ```dockerfile Dockerfile
    FROM python:3.12-slim AS production
    CMD ["python", "-m", "app"]
    ```
    ```yaml
    services:
      api:
        build:
          context: .
          target: prod
    ```

    ## Use instead
    ```dockerfile Dockerfile
    FROM python:3.12-slim AS production
    CMD ["python", "-m", "app"]
    ```
    ```yaml
    services:
      api:
        build:
          context: .
          target: production
    ```

    ## References
    - [Compose Build Specification: target](https://docs.docker.com/reference/compose-file/build/#target)
    - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    """

    code = "DX003"
    name = "build-target-unknown"
    severity = Severity.ERROR
    category = "correctness"
    kind = "project"
    markers = frozenset({'build'})

    def check_project(self, ctx):
        for name, found in ctx.builds.items():
            service = ctx.project.services[name]
            target = service.build.target
            if found.model is None or target is None or text_of(target) is None:
                continue
            dockerfile = found.model
            if target_stage(dockerfile, service) is not None:
                continue
            stages = [stage.name for stage in dockerfile.stages if stage.name]
            import difflib  # only for a finding (≈ 2 ms to import)

            close = difflib.get_close_matches(text_of(target).lower(), stages, n=1)
            hint = f"; did you mean {close[0]}?" if close else (f"; its stages: {', '.join(stages)}" if stages else "; it names no stage")
            yield Violation(target.span, f"{dockerfile.path} has no stage {text_of(target)}{hint}", path=target.path)
