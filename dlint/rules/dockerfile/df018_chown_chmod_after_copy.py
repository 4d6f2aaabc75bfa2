"""DF018: `chown -R`/`chmod -R` over files an earlier COPY or ADD put in the image."""

from __future__ import annotations

import posixpath

from dlint.engine.rule import Rule
from dlint.models.dockerfile import CopyInstruction, Instruction, RunInstruction, WorkdirInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.image_chain import stage_chain
from dlint.views.dockerfile.paths import is_absolute, path_text, starts_with_variable
from dlint.views.dockerfile.run import commands
from dlint.views.dockerfile.shell_scopes import variables, word_text
from dlint.views.dockerfile.stage_graph import stage_reaches_image
from dlint.views.dockerfile.variables import resolve

#: the working directory of the base image, which the Dockerfile does not show
_BASE_WORKDIR = "/\x00base-workdir"
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
        workdir = _inherited_workdir(ctx, stage)
        yield from self._sequence(ctx, main, workdir)
        yield from self._sequence(ctx, triggers, _BASE_WORKDIR)

    def _sequence(self, ctx, instructions, workdir):
        copied: list[tuple[str, CopyInstruction]] = []  # (absolute destination, instruction)
        for instruction in instructions:
            if isinstance(instruction, WorkdirInstruction):
                workdir = _workdir_after(ctx, instruction, workdir)
            elif isinstance(instruction, CopyInstruction):
                destination = _destination(ctx, instruction, workdir)
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
            cwd = _cd(command, cwd, scope)
            continue
        if name not in _COMMANDS or cwd is None or not command.has_flag("-R", "--recursive"):
            continue
        for path in _target_paths(command, scope):
            target = _absolute(path, cwd)
            line = _overlapping(target, copied, name)
            if line is not None:
                yield Violation(
                    command.name.span,
                    f"`{name} -R` over {path}, which the {line[0]} on line {line[1]} copied in: every file is "
                    f"stored again in this layer; use `{line[0]} --{name}=…` instead",
                )
                break


def _target_paths(command, scope) -> list[str]:
    """The paths a ``chown``/``chmod`` changes (its owner or mode word left out)."""
    words = command.positional()
    if not command.has_flag("--reference"):
        words = words[1:]
    paths = []
    for word in words:
        value = word_text(word, scope)
        if value:
            paths.append(value)
    return paths


def _overlapping(target: str, copied, flag: str) -> tuple[str, int] | None:
    """(keyword, line) of the last COPY/ADD without ``--flag`` whose files all lie under ``target``.
    A path inside a copied directory is not reported: making only ``log/`` and
    ``tmp/`` writable is a choice ``COPY --chown`` of the whole tree cannot make."""
    for destination, instruction in reversed(copied):
        if instruction.flag(flag) is not None:
            continue
        if _within(destination, target):
            return instruction.keyword, instruction.span.line
    return None


def _within(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip("/") + "/")


def _absolute(path: str, cwd: str) -> str:
    joined = path if path.startswith("/") else posixpath.join(cwd, path)
    return posixpath.normpath(joined).replace("//", "/")


def _destination(ctx, instruction: CopyInstruction, workdir: str | None) -> str | None:
    token = instruction.destination
    if token is None or workdir is None:
        return None
    path = path_text(token)
    if starts_with_variable(path) or "$" in path:
        path = resolve(ctx, instruction, token.raw)
    if not path or (not path.startswith("/") and is_absolute(path)):
        return None  # unknown, or a Windows path
    return _absolute(path, workdir)


def _workdir_after(ctx, instruction: WorkdirInstruction, workdir: str | None) -> str | None:
    if instruction.path is None:
        return workdir
    path = resolve(ctx, instruction, instruction.path.raw)
    if not path or (not path.startswith("/") and is_absolute(path)):
        return None
    if not path.startswith("/") and workdir is None:
        return None
    return _absolute(path, workdir or "/")


def _inherited_workdir(ctx, stage) -> str | None:
    """The WORKDIR a stage starts with: the last one of the stages it builds on,
    else the base image's (unknown, but the same for every path of the stage)."""
    workdir: str | None = _BASE_WORKDIR
    for earlier in reversed(stage_chain(ctx.dockerfile, stage)[1:]):
        for instruction in earlier.instructions:
            if isinstance(instruction, WorkdirInstruction) and not instruction.onbuild:
                workdir = _workdir_after(ctx, instruction, workdir)
    return workdir


def _cd(command, cwd: str | None, scope) -> str | None:
    words = command.positional()
    if not words:
        return None  # the home directory
    value = word_text(words[0], scope)
    if not value or value == "-":
        return None
    if not value.startswith("/") and cwd is None:
        return None
    return _absolute(value, cwd or "/")
