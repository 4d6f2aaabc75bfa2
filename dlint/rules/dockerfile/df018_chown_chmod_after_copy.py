"""DF018: `chown -R`/`chmod -R` over files an earlier COPY or ADD put in the image."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.dockerfile import CopyInstruction, Instruction, RunInstruction, WorkdirInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.image_paths import (
    BASE_WORKDIR,
    absolute,
    cd_target,
    changed_paths,
    copy_destination,
    inherited_workdir,
    within,
    workdir_after,
)
from dlint.views.dockerfile.run import commands
from dlint.views.dockerfile.shell_scopes import variables
from dlint.views.dockerfile.stage_graph import stage_reaches_image
#: the commands whose work COPY/ADD can do with a flag of the same name
_COMMANDS = frozenset({"chown", "chmod"})


class ChownChmodAfterCopy(Rule):
    """`chown -R` or `chmod -R` changes files that an earlier COPY or ADD added.

    ## Why is this bad?
    Image layers store whole files. Changing the owner or the mode of a file
    that an earlier layer holds writes a full copy of that file into the new
    layer, so every copied file is stored twice and the image grows by the
    size of the application. `COPY --chown=user:group` and `COPY --chmod=…`
    (also for `ADD`) set owner and mode while copying, in the same layer.

    Paths are resolved against WORKDIR (and a `cd` earlier in the same RUN).
    Reported when the changed path holds everything a COPY or ADD put there
    (the destination or a directory above it). Not reported: a subdirectory of
    what was copied (making only `log/` and `tmp/` writable is a deliberate
    choice), a directory that only RUN created (`mkdir`, a virtual
    environment), a COPY that already sets the same property, and stages
    whose files never reach an image.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    WORKDIR /app
    COPY . .
    RUN chown -R 10001:10001 /app
    USER 10001
    CMD ["python", "main.py"]
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    WORKDIR /app
    COPY --chown=10001:10001 . .
    USER 10001
    CMD ["python", "main.py"]
    ```

    ## References
    - [Dockerfile reference: COPY --chown --chmod](https://docs.docker.com/reference/dockerfile/#copy---chown---chmod)
    - [Docker docs: image layers](https://docs.docker.com/get-started/docker-concepts/building-images/understanding-image-layers/)
    """

    code = "DF018"
    name = "chown-chmod-after-copy"
    severity = Severity.INFO
    category = "performance"
    kind = "dockerfile"
    requires = frozenset({"ADD", "COPY"})
    markers = frozenset({"chmod", "chown"})

    def check_stage(self, ctx, stage):
        main: list[Instruction] = []
        triggers: list[Instruction] = []
        for instruction in stage.instructions:
            trigger = getattr(instruction, "trigger", None)
            if instruction.keyword == "ONBUILD":
                if trigger is not None:
                    triggers.append(trigger)
            else:
                main.append(instruction)
        workdir = inherited_workdir(ctx, stage)
        yield from self._sequence(ctx, main, workdir)
        yield from self._sequence(ctx, triggers, BASE_WORKDIR)

    def _sequence(self, ctx, instructions, workdir):
        copied: list[tuple[str, CopyInstruction]] = []  # (absolute destination, instruction)
        for instruction in instructions:
            if isinstance(instruction, WorkdirInstruction):
                workdir = workdir_after(ctx, instruction, workdir)
            elif isinstance(instruction, CopyInstruction):
                destination = copy_destination(ctx, instruction, workdir)
                if destination is not None:
                    copied.append((destination, instruction))
            elif isinstance(instruction, RunInstruction) and copied and stage_reaches_image(ctx, instruction):
                yield from _check_run(ctx, instruction, workdir, copied)


def _check_run(ctx, instruction, workdir, copied):
    scope = variables(ctx, instruction)
    cwd: str | None = workdir
    for command in commands(ctx, instruction):
        name = command.program
        if name == "cd":
            cwd = cd_target(command, cwd, scope)
            continue
        if name not in _COMMANDS or cwd is None or not command.has_flag("-R", "--recursive"):
            continue
        for path in changed_paths(command, scope):
            target = absolute(path, cwd)
            line = _overlapping(target, copied, name)
            if line is not None:
                yield Violation(
                    command.name.span,
                    f"`{name} -R` over {path}, which the {line[0]} on line {line[1]} copied in: every file is "
                    f"stored again in this layer; use `{line[0]} --{name}=…` instead",
                )
                break


def _overlapping(target: str, copied, flag: str) -> tuple[str, int] | None:
    """(keyword, line) of the last COPY/ADD without ``--flag`` whose files all lie under ``target``.
    A path inside a copied directory is not reported: making only ``log/`` and
    ``tmp/`` writable is a choice ``COPY --chown`` of the whole tree cannot make."""
    for destination, instruction in reversed(copied):
        if instruction.flag(flag) is not None:
            continue
        if within(destination, target):
            return instruction.keyword, instruction.span.line
    return None
