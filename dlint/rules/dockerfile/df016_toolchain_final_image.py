"""DF016: the final image is a compiler or SDK image."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.applications import holds_application
from dlint.knowledge.base_images import TOOLCHAIN_PROGRAMS, node_only_builds, official_name, toolchain_advice
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.image_chain import base_image, final_chain, runs_programs


class ToolchainFinalImage(Rule):
    """The final image is built on a compiler or SDK image.

    ## Why is this bad?
    `golang`, `rust`, `maven`, `gradle`, `gcc`, JDK and .NET SDK images carry
    the whole toolchain: hundreds of megabytes, a large attack surface and
    many CVE reports, none of which the built program needs to run. A
    multi-stage build compiles in a builder stage and copies the result into a
    small runtime stage. The same holds for `node` when Node.js only builds
    static files that another server then serves.

    Recognised toolchains: `golang`, `rust`, `maven`, `gradle`, `gcc`,
    `buildpack-deps`, the .NET SDK, and JDK tags of `openjdk`,
    `eclipse-temurin`, `amazoncorretto`, `sapmachine`, Azul Zulu, Liberica
    and IBM Semeru (`-jre` tags are runtimes). `node` is a runtime too, so it
    is reported only when the image runs a build script and then starts
    something that is not Node.js (nginx, a binary). A base picked through
    an ARG default (`FROM ${GO_IMAGE}`) is judged; one without a known value
    is not.

    Only images that hold an application are judged: they copy sources from
    the build context and build them (`go build`, `npm run build`,
    `mvn package`, `cargo build`, `make`…), or run what they built or copied
    in (`CMD ["java", "-jar", "/app.jar"]`). Not reported: base-image
    repositories (official-style Dockerfiles such as the full `python` and
    `ruby` variants, which install a language on `buildpack-deps` on
    purpose and copy in at most their own scripts), images that run the
    toolchain itself (`CMD ["go", "run", "."]`, a development image), images
    with no CMD or ENTRYPOINT of their own (CI and build-only images),
    builder images made to be built on (with `ONBUILD` instructions), and
    toolchain stages that are not the final image. The finding points at the final stage's `FROM` image (or
    the stage it builds on).

    ## Example
    ```dockerfile
    FROM golang:1.23
    WORKDIR /src
    COPY . .
    RUN go build -o /app ./cmd/app
    CMD ["/app"]
    ```

    ## Use instead
    ```dockerfile
    FROM golang:1.23 AS build
    WORKDIR /src
    COPY . .
    RUN CGO_ENABLED=0 go build -o /app ./cmd/app

    FROM gcr.io/distroless/static-debian12:nonroot
    COPY --from=build /app /app
    CMD ["/app"]
    ```

    ## References
    - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    """

    code = "DF016"
    name = "toolchain-final-image"
    severity = Severity.WARNING
    category = "performance"
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        chain = final_chain(ctx.dockerfile)
        image = base_image(chain)
        if image is None or not image.resolved or image.is_scratch:
            return
        advice = toolchain_advice(image)
        if advice is None and official_name(image) != "node":
            return  # neither a toolchain image nor Node.js: nothing to report
        if any(instruction.keyword == "ONBUILD" for instruction in chain[0].instructions):
            return  # a builder image for other builds to start FROM
        programs = runs_programs(chain)
        if not programs:
            return  # no command of its own: a CI or build-only image, not something to run
        if not holds_application(ctx, chain):
            return  # a base-image repository: the toolchain (or language) is the product
        span = chain[0].from_instruction.image.span  # where the final stage picks what it builds on
        if advice is not None:
            if any(program in TOOLCHAIN_PROGRAMS for program in programs):
                return  # the toolchain is what the image is for
            yield Violation(span, f"the final image is built on the toolchain image {image.raw}: build in a stage and copy the result into {advice}")
        elif node_only_builds(chain):
            yield Violation(span, f"Node.js ({image.raw}) only builds here: build in a stage and copy the output into the image that serves it")
