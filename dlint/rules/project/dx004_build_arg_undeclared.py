"""DX004: a build.args key is not declared by ARG in the Dockerfile."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.builds import candidate_stages
from dlint.views.dockerfile.stage_graph import reachable_from

#: build arguments BuildKit accepts without an ARG (proxies and BuildKit settings)
PREDEFINED_ARGS = frozenset({
    "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY",
    "http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "all_proxy",
    "SOURCE_DATE_EPOCH",
})


class BuildArgUndeclared(Rule):
    """A `build.args` key is not declared by an `ARG` of the Dockerfile.

    ## Why is this bad?
    A build argument only reaches the build through an `ARG` of the same name
    (before the first `FROM` for use in `FROM`, inside the stage for use in
    it). A key with no `ARG` — often a typo — silently does nothing, and the
    image is built with the default. The `ARG`s that count are the global ones
    and those of the stages the build runs: the target (or last) stage, the
    stages it is built on and the stages it copies or mounts files from.
    When `build.target` names no stage (DX003) or a variable decides it, the
    target may be any stage: a key is reported only when no stage declares it.
    Proxy variables, `SOURCE_DATE_EPOCH` and `BUILDKIT_*` settings need no
    `ARG`.

    ## Example
    ```dockerfile Dockerfile
    FROM python:3.12-slim
    ARG APP_VERSION=dev
    LABEL org.opencontainers.image.version=$APP_VERSION
    ```
    ```yaml
    services:
      api:
        build:
          context: .
          args:
            APP_VERISON: "1.4.2"
    ```

    ## Use instead
    ```dockerfile Dockerfile
    FROM python:3.12-slim
    ARG APP_VERSION=dev
    LABEL org.opencontainers.image.version=$APP_VERSION
    ```
    ```yaml
    services:
      api:
        build:
          context: .
          args:
            APP_VERSION: "1.4.2"
    ```

    ## References
    - [Compose Build Specification: args](https://docs.docker.com/reference/compose-file/build/#args)
    - [Dockerfile reference: ARG](https://docs.docker.com/reference/dockerfile/#arg)
    """

    code = "DX004"
    name = "build-arg-undeclared"
    severity = Severity.WARNING
    category = "correctness"
    kind = "project"
    markers = frozenset({'args'})

    def check_project(self, ctx):
        for name, found in ctx.builds.items():
            service = ctx.project.services[name]
            dockerfile = found.model
            if dockerfile is None or not service.build.args or dockerfile.syntax_issues:
                continue
            candidates = candidate_stages(dockerfile, service)
            if not candidates:
                continue
            # an unknown target may be any stage: a key counts when one of them may use it
            declared = {pair.key.value for instruction in dockerfile.global_args for pair in instruction.pairs}
            needed = set().union(*(reachable_from(dockerfile, stage) for stage in candidates))
            for index in sorted(needed):
                stage = dockerfile.stages[index]
                for instruction in stage.instructions:
                    if instruction.keyword == "ARG":
                        declared.update(pair.key.value for pair in instruction.pairs)
            for key, variable in service.build.args.items():
                if key in declared or key in PREDEFINED_ARGS or key.startswith("BUILDKIT_"):
                    continue
                import difflib  # only for a finding (≈ 2 ms to import)

                close = difflib.get_close_matches(key, sorted(declared), n=1)
                hint = f"; did you mean {close[0]}?" if close else ""
                yield Violation(variable.name_span, f"build arg {key} of service {name} is not declared by any ARG in {dockerfile.path}: it has no effect{hint}", path=variable.path)
