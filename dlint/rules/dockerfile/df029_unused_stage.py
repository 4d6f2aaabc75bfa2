"""DF029: a stage that the final stage does not use."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.base import Model, field
from dlint.models.dockerfile import CopyInstruction, RunInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.copy_from import copy_source
from dlint.views.dockerfile.stage_graph import base_of, stage_index

#: stage names that are usually built on purpose with ``--target``
TARGET_NAMES = (
    "dev",
    "develop",
    "development",
    "debug",
    "test",
    "tests",
    "testing",
    "lint",
    "ci",
    "local",
    "e2e",
    "integration",
    "devcontainer",
    "docs",
    "export",
    "artifact",
    "artifacts",
    "binaries",
)


class UnusedStage(Rule):
    """Stage is not used by the final stage.

    ## Why is this bad?
    A default build produces the last stage of the file, and BuildKit builds
    only the stages it needs for it: through `FROM <stage>`, `COPY --from=<stage>`
    (by name or index) and `RUN --mount=from=<stage>`. A stage none of these
    reach is skipped: often it is a leftover, or the final stage forgot to copy
    its result (`COPY app /app` where `COPY --from=build /app /app` was meant).

    Stages meant to be built on their own with `docker build --target` are
    fine, and so are the stages they use. A stage is taken for such a target
    when it has a name and sets its own `CMD` or `ENTRYPOINT` (an image to
    run, such as a `debian` and an `alpine` flavour side by side), when a
    Compose file that builds the Dockerfile names it in `build.target`, or when
    its name is one usually given to targets (`dev`, `test`, `debug`, `lint`,
    `export`…; the list can be changed with the `targets` option). A file with
    several such image stages is built target by target, so nothing in it is
    reported. When a stage is chosen through a variable
    (`COPY --from=${BUILDER}`, a Compose `target: ${TARGET}`) nothing is
    reported either, since any stage could be the one used.

    ## Example
    ```dockerfile
    FROM golang:1.23 AS build
    WORKDIR /src
    COPY . .
    RUN go build -o /out/app .

    FROM gcr.io/distroless/static-debian12
    COPY app /app
    ENTRYPOINT ["/app"]
    ```

    ## Use instead
    ```dockerfile
    FROM golang:1.23 AS build
    WORKDIR /src
    COPY . .
    RUN go build -o /out/app .

    FROM gcr.io/distroless/static-debian12
    COPY --from=build /out/app /app
    ENTRYPOINT ["/app"]
    ```

    ## Options
    - `targets` (list of strings): names of stages built with `--target` that
      are not reported. Default: dev, develop, development, debug, test, tests,
      testing, lint, ci, local, e2e, integration, devcontainer, docs, export,
      artifact, artifacts, binaries.

    ## References
    - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    - [Stop at a specific build stage](https://docs.docker.com/build/building/multi-stage/#stop-at-a-specific-build-stage)
    """

    code = "DF029"
    name = "unused-stage"
    severity = Severity.INFO
    category = "maintainability"
    kind = "dockerfile"

    class Options(Model):
        targets: list[str] = field(default_factory=lambda: list(TARGET_NAMES))

    def check_dockerfile(self, ctx):
        dockerfile = ctx.dockerfile
        stages = dockerfile.stages
        if len(stages) < 2:
            return
        uses: dict[int, set[int]] = {}
        for stage in stages:
            used = _uses(dockerfile, stage)
            if used is None:
                return  # a variable picks a stage: anything may be used
            uses[stage.index] = used
        reached = set()
        pending = [stages[-1].index]
        while pending:
            index = pending.pop()
            if index in reached:
                continue
            reached.add(index)
            pending.extend(uses.get(index, ()))
        # a stage that only unused stages use is reported too, but a stage used
        # by a kept --target stage is not
        compose_targets = ctx.surroundings.get("build_targets", frozenset())
        if None in compose_targets:
            return  # Compose builds a target whose name is not known: any stage
        images = {stage.index for stage in stages if stage.name and _sets_command(stage)}
        if len(images) > 1:
            return  # several images to run: a file built target by target
        targets = {name.lower() for name in self.options.targets} | compose_targets
        for stage in stages:
            if stage.name in targets or stage.index in images:
                pending.append(stage.index)
        while pending:
            index = pending.pop()
            if index in reached:
                continue
            reached.add(index)
            pending.extend(uses.get(index, ()))
        final_line = stages[-1].from_instruction.span.line
        for stage in stages:
            if stage.index in reached:
                continue
            label = f"`{stage.name}`" if stage.name else f"{stage.index}"
            yield Violation(
                stage.from_instruction.keyword_token.span,
                f"stage {label} is not used by the final stage (line {final_line}), so a default build skips it;"
                " remove it or use its result (COPY --from)",
            )


def _sets_command(stage) -> bool:
    """The stage sets its own CMD or ENTRYPOINT: an image meant to be run."""
    return any(instruction.keyword in ("CMD", "ENTRYPOINT") and not instruction.onbuild for instruction in stage.instructions)


def _uses(dockerfile, stage) -> set[int] | None:
    """Indexes of the stages ``stage`` needs; None when a variable hides one."""
    used: set[int] = set()
    base = base_of(stage)
    if base is not None:
        used.add(base)
    elif not stage.image.resolved and "$" in stage.image.raw:
        return None
    for instruction in stage.instructions:
        if instruction.onbuild:
            continue
        names: list[str] = []
        if isinstance(instruction, CopyInstruction):
            flag = instruction.flag("from")
            if flag is not None and flag.value:
                source = copy_source(instruction)
                if source is None:
                    if "$" in flag.value:
                        return None
                    continue
                names.append(source.value)
        elif isinstance(instruction, RunInstruction):
            for mount in instruction.mounts:
                value = mount.options.get("from")
                if value:
                    if "$" in value:
                        return None
                    names.append(value.strip("\"'"))
        for name in names:
            index = stage_index(dockerfile, name, stage.index)
            if index is not None:
                used.add(index)
    return used
