"""DF035: the final image is built for the build machine's platform."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.dockerfile.stage_graph import base_of

_BUILD_PLATFORM = regex(r"\$\{?BUILD(PLATFORM|OS|ARCH|VARIANT)\b")


class FinalStageBuildPlatform(Rule):
    """Final image is built for `$BUILDPLATFORM`.

    ## Why is this bad?
    `FROM --platform=$BUILDPLATFORM` runs a stage natively on the build machine,
    which is what cross-compiling stages want. The image that is shipped must
    be made for the target platform, though: when the final stage (or a stage
    it is built `FROM`) uses `$BUILDPLATFORM`, a multi-platform build produces
    an "arm64" image that really contains amd64 binaries (or the reverse), and
    it fails with `exec format error` on the target machines. Only the stages
    whose results are copied with `COPY --from` should use `$BUILDPLATFORM`.

    A final stage built on `scratch` is not reported: it holds only the files
    copied into it (the usual pattern for exporting build results with
    `--output`). A constant `--platform` is reported by DL3029 and
    `--platform=$TARGETPLATFORM` by DL3065.

    ## Example
    ```dockerfile
    FROM --platform=$BUILDPLATFORM golang:1.23 AS build
    ARG TARGETOS TARGETARCH
    RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .

    FROM --platform=$BUILDPLATFORM alpine:3.20
    COPY --from=build /out/app /usr/local/bin/app
    ```

    ## Use instead
    ```dockerfile
    FROM --platform=$BUILDPLATFORM golang:1.23 AS build
    ARG TARGETOS TARGETARCH
    RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .

    FROM alpine:3.20
    COPY --from=build /out/app /usr/local/bin/app
    ```

    ## References
    - [Multi-platform builds: cross-compilation](https://docs.docker.com/build/building/multi-platform/#cross-compilation)
    - [Dockerfile reference: automatic platform ARGs](https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope)
    """

    code = "DF035"
    name = "final-stage-build-platform"
    severity = Severity.WARNING
    category = "correctness"
    kind = "dockerfile"
    markers = frozenset({"$BUILD", "${BUILD"})  # $BUILDPLATFORM, ${BUILDARCH} …

    def check_dockerfile(self, ctx):
        dockerfile = ctx.dockerfile
        final = dockerfile.final_stage
        if final is None:
            return
        chain = []
        stage, seen = final, set()
        while stage is not None and stage.index not in seen:
            seen.add(stage.index)
            chain.append(stage)
            base = base_of(stage)
            stage = dockerfile.stages[base] if base is not None and base < len(dockerfile.stages) else None
        if chain[-1].image.is_scratch:
            return
        for stage in chain:
            flag = stage.from_instruction.flag("platform")
            if flag is None or not flag.value or not _BUILD_PLATFORM.search(flag.value):
                continue
            if stage is final:
                message = "the final stage is built for the build machine's platform; drop `--platform` so it follows the target platform"
            else:
                message = (
                    f"the final stage (line {final.from_instruction.span.line}) is built on this stage, so the image"
                    " gets the build machine's platform; drop `--platform` or copy the results with COPY --from instead"
                )
            yield Violation(flag.span, message)
