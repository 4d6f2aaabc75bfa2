"""DL3021: COPY with several sources needs a destination ending in ``/``."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.dockerfile import CopyInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.paths import path_text
from dlint.views.dockerfile.variables import resolve


class CopyMultipleSourcesDestination(Rule):
    """COPY with more than one source has a destination not ending in `/`.

    ## Why is this bad?
    When COPY gets several sources, the destination must be a directory, written
    with a trailing slash; otherwise the build fails (or, with some builders,
    the files overwrite each other).

    ## Example
    ```dockerfile
    FROM node:22-slim
    COPY package.json package-lock.json /app
    ```

    ## Use instead
    ```dockerfile
    FROM node:22-slim
    COPY package.json package-lock.json /app/
    ```

    ## Fix safety
    The fix appends `/` to the destination. It is safe: with several sources the
    destination can only be a directory.

    ## References
    - [Dockerfile reference: COPY](https://docs.docker.com/reference/dockerfile/#copy)
    """

    code = "DL3021"
    name = "copy-multiple-sources-destination"
    severity = Severity.ERROR
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"COPY"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        if not isinstance(instruction, CopyInstruction):
            return
        destination = instruction.destination
        if destination is None or len(instruction.sources) < 2:
            return
        path = path_text(destination) if "$" not in destination.raw else resolve(ctx, instruction, destination.raw)
        if path is None or path.endswith(("/", "\\")):
            return  # a directory, or a variable whose value is not known
        raw = destination.raw
        closed = len(raw) > 1 and raw[0] in "'\"" and raw.endswith(raw[0])
        at = destination.span.end - 1 if closed else destination.span.end
        fix = ctx.replace(ctx.span(at, at), "/", "Add a trailing `/` to the destination")
        yield Violation(
            destination.span,
            f"COPY has {len(instruction.sources)} sources, so its destination `{path}` must end with `/`",
            fix,
        )
