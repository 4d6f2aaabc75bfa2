"""DL3067: COPY --from copies another stage's whole filesystem to /."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.dockerfile import CopyInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.paths import path_text


class CopyWholeFilesystem(Rule):
    """COPY --from copies an entire filesystem onto /.

    ## Why is this bad?
    `COPY --from=build / /` drops every file of the other stage (package
    databases, caches, build tools, `/etc`) over this one. It defeats the point of
    a multi-stage build and can silently replace system files. Copy only the
    artifacts you need.

    ## Example
    ```dockerfile
    FROM golang:1.23 AS build
    RUN go build -o /out/app .
    FROM gcr.io/distroless/static-debian12
    COPY --from=build / /
    ```

    ## Use instead
    ```dockerfile
    FROM golang:1.23 AS build
    RUN go build -o /out/app .
    FROM gcr.io/distroless/static-debian12
    COPY --from=build /out/app /app
    ```

    ## References
    - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    """

    code = "DL3067"
    name = "copy-whole-filesystem"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"COPY"})

    def check_instruction(self, ctx, instruction):
        if not isinstance(instruction, CopyInstruction) or instruction.flag("from") is None:
            return
        destination = instruction.destination
        if destination is None or path_text(destination) != "/":
            return
        for source in instruction.sources:
            if path_text(source) == "/":
                yield Violation(source.span, "this copies the whole filesystem of another stage onto /")
                return
