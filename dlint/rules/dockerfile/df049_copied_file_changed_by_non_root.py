"""DF049: a non-root RUN changes the owner or mode of a file COPY made root's."""

from __future__ import annotations

import posixpath

from dlint.engine.rule import Rule
from dlint.knowledge.users import ROOT_USERS
from dlint.models.dockerfile import CopyInstruction, RunInstruction, UserInstruction, WorkdirInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.build_context import build_context
from dlint.views.dockerfile.image_chain import stage_chain
from dlint.views.dockerfile.image_paths import (
    absolute,
    cd_target,
    changed_paths,
    copy_destination,
    inherited_workdir,
    within,
    workdir_after,
)
from dlint.views.dockerfile.paths import is_remote, is_tar_name
from dlint.views.dockerfile.run import commands
from dlint.views.dockerfile.run_failure import failure_fails_run
from dlint.views.dockerfile.shell_scopes import variables, word_text
from dlint.views.dockerfile.stage_graph import stage_reaches_image

#: what a non-root user may not do to a file it does not own
_CHANGES = frozenset({"chmod", "chown", "chgrp"})
#: programs that may replace, remove or re-own files, by the paths they name
_TOUCHING = frozenset({"chown", "chgrp", "cp", "mv", "rm", "ln", "install", "sed", "perl", "setfacl", "touch"})
#: programs whose effect on other paths cannot be read from their words
_OPAQUE = frozenset({"tar", "unzip", "rsync", "git", "find", "xargs", "bsdtar", "cpio"})
_GLOB = frozenset("*?[")


class CopiedFileChangedByNonRoot(Rule):
    """A RUN under a non-root `USER` runs `chmod`, `chown` or `chgrp` on a file
    that COPY or ADD copied without `--chown`.

    ## Why is this bad?
    COPY and ADD create files owned by root (UID 0), whatever `USER` is in
    force, unless `--chown` says otherwise. Only a file's owner may change its
    mode, and only root may change its owner, so under `USER app` the command
    fails with "Operation not permitted" (`-f` hides the message, not the
    failure) and so does the build. `COPY --chmod=755` sets the mode while
    copying; `COPY --chown=app` makes the files the user's (which also lets the
    application rewrite them), or the change can run before `USER`.

    Reported only when the build certainly fails: the file is one the COPY
    names (a regular file of the build context, or a heredoc, copied into a
    folder or to a destination that is surely a file name: the file's own name,
    a name with an extension, a program in a `bin` folder), the `USER` in
    force is a literal user other than root, no command in between may have
    replaced or re-owned the file, and the command's failure fails the RUN (it
    is joined by `&&` only and its chain is the script's last, or it is the
    last of its chain after `set -e`; not after `||`, in a condition, a loop, a
    pipeline or through `sudo`). A `chmod -R` or `chown -R` over a directory
    holding such a file fails the same way. Stages the target does not build
    are left out.

    ## Example
    ```dockerfile
    FROM node:22-slim
    WORKDIR /app
    COPY entrypoint.sh /app/entrypoint.sh
    USER node
    RUN chmod +x /app/entrypoint.sh
    ```

    ```sh entrypoint.sh
    #!/bin/sh
    exec node server.js "$@"
    ```

    ## Use instead
    ```dockerfile
    FROM node:22-slim
    WORKDIR /app
    COPY --chmod=755 entrypoint.sh /app/entrypoint.sh
    USER node
    ```

    ```sh entrypoint.sh
    #!/bin/sh
    exec node server.js "$@"
    ```

    ## References
    - [Dockerfile reference: COPY --chown --chmod](https://docs.docker.com/reference/dockerfile/#copy---chown---chmod)
    - [chmod(2): EPERM](https://man7.org/linux/man-pages/man2/chmod.2.html)
    """

    code = "DF049"
    name = "copied-file-changed-by-non-root"
    severity = Severity.ERROR
    category = "correctness"
    kind = "dockerfile"
    requires = frozenset({"ADD", "COPY", "USER"})
    markers = frozenset({"chmod", "chown", "chgrp"})

    def check_stage(self, ctx, stage):
        if not stage.instructions:
            return
        user = _inherited_user(ctx, stage)
        workdir = inherited_workdir(ctx, stage)
        owned: dict[str, CopyInstruction] = {}  # absolute path of a root-owned file → the COPY that made it
        for instruction in stage.instructions:
            if instruction.onbuild:
                continue
            if isinstance(instruction, WorkdirInstruction):
                workdir = workdir_after(ctx, instruction, workdir)
            elif isinstance(instruction, UserInstruction):
                user = _user(instruction)
            elif isinstance(instruction, CopyInstruction):
                _record_copy(ctx, instruction, workdir, owned)
            elif isinstance(instruction, RunInstruction) and owned:
                yield from self._check_run(ctx, instruction, workdir, user, owned)

    def _check_run(self, ctx, instruction, workdir, user, owned):
        scope = variables(ctx, instruction)
        cwd = workdir
        checking = user is not None and stage_reaches_image(ctx, instruction)
        for command in commands(ctx, instruction):
            name = command.program
            if name == "cd":
                cwd = cd_target(command, cwd, scope)
                continue
            if checking and name in _CHANGES and command.wrapper is None:
                found = _changed_copy(command, cwd, scope, owned)
                if found is not None and failure_fails_run(ctx, instruction, command):
                    yield Violation(command.name.span, _message(name, user, *found))
                    checking = False  # the RUN has failed: what follows does not run
            if user is None or name not in _CHANGES:  # a user cannot re-own root's files
                _forget_touched(command, cwd, scope, owned)


def _message(name: str, user: str, written: str, file: str, copy: CopyInstruction, recursive: bool) -> str:
    how = f"copy it with `{copy.keyword} --chmod=…` or `--chown=…`, or change it before USER"
    made = f"the {copy.keyword} on line {copy.span.line} made it root's (no --chown)"
    if not recursive:
        return f"`{name}` of {written} fails the build: {made} and this RUN runs as {user}; {how}"
    return f"`{name} -R` over {written} fails the build: it reaches {file}, and {made}; this RUN runs as {user}; {how}"


def _user(instruction: UserInstruction) -> str | None:
    """The literal non-root user a USER sets; None for root or a value not known."""
    token = instruction.user
    if token is None or "$" in token.raw or not token.value:
        return None
    if instruction.group is not None and "$" in instruction.group.raw:
        return None
    return None if token.value in ROOT_USERS else token.value


def _inherited_user(ctx, stage) -> str | None:
    """The user a stage starts as, from the stages it builds on (the base image's: not known)."""
    user = None
    for earlier in reversed(stage_chain(ctx.dockerfile, stage)[1:]):
        for instruction in earlier.instructions:
            if isinstance(instruction, UserInstruction) and not instruction.onbuild:
                user = _user(instruction)
    return user


def _record_copy(ctx, instruction: CopyInstruction, workdir, owned: dict) -> None:
    """Note the files ``instruction`` makes root's; forget those it may replace with others'."""
    destination = copy_destination(ctx, instruction, workdir)
    chown = instruction.flag("chown")
    made_root = chown is None or (chown.value or "").split(":")[0] in ROOT_USERS
    if destination is None or instruction.flag("from") is not None or not made_root:
        for path in [path for path in owned if destination is None or within(path, destination)]:
            del owned[path]  # replaced by files that may be another user's
        return
    for path in _copied_files(ctx, instruction, destination):
        owned[path] = instruction


def _copied_files(ctx, instruction: CopyInstruction, destination: str) -> list[str]:
    """The absolute paths of the regular files ``instruction`` certainly creates."""
    raw_destination = instruction.destination.value if instruction.destination is not None else ""
    into_folder = raw_destination.endswith("/") or len(instruction.sources) > 1
    if instruction.heredocs:
        return [destination] if len(instruction.sources) == 1 and not into_folder else []
    context = build_context(ctx)
    if context is None:
        return []
    from dlint.parsers.dockerignore import context_path

    files = []
    for source in instruction.sources:
        value = source.value
        if "$" in source.raw or _GLOB & set(value) or (instruction.keyword == "ADD" and (is_remote(value) or is_tar_name(value))):
            continue
        relative = context_path(value)
        if relative == "." or not context.exists(relative) or context.is_dir(relative) or context.excluded(relative):
            continue
        name = posixpath.basename(relative)
        if into_folder:
            files.append(absolute(name, destination))
        elif _file_name(destination, name):
            files.append(destination)
    return files


def _file_name(destination: str, name: str) -> bool:
    """Whether a destination without a trailing ``/`` surely names the copied file, not
    a folder that exists already (which would take the file inside): the file's own
    name, a name with an extension, or a program in a ``bin`` folder."""
    base = posixpath.basename(destination)
    return base == name or "." in base[1:] or posixpath.basename(posixpath.dirname(destination)) in ("bin", "sbin")


def _changed_copy(command, cwd, scope, owned: dict) -> tuple[str, str, CopyInstruction, bool] | None:
    """(path as written, root-owned file, its COPY, whether reached through ``-R``) of a
    root-owned file that ``command`` changes."""
    recursive = command.has_flag("-R", "--recursive")
    for path in changed_paths(command, scope):
        if _GLOB & set(path) or (cwd is None and not path.startswith("/")):
            continue
        target = absolute(path, cwd or "/")
        for file, copy in owned.items():
            if file == target or (recursive and within(file, target)):
                return path, file, copy, file != target
    return None


def _forget_touched(command, cwd, scope, owned: dict) -> None:
    """Forget the root-owned files ``command`` may replace, remove or re-own."""
    name = command.program
    if name in _OPAQUE or (name in _TOUCHING and command.wrapper is not None):
        owned.clear()
        return
    if name not in _TOUCHING:
        return
    for word in command.positional():
        value = word_text(word, scope)
        if value is None or (cwd is None and not value.startswith("/")):
            owned.clear()
            return
        literal = value.split("*")[0].split("?")[0].split("[")[0]
        if literal != value:
            literal = posixpath.dirname(literal) or "/"  # a glob names only paths under its literal folder
        target = absolute(literal, cwd or "/")
        for path in [path for path in owned if within(path, target)]:
            del owned[path]
