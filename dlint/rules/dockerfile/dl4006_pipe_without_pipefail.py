"""DL4006: a pipe in RUN without pipefail hides failures of its first commands."""

from __future__ import annotations

from collections.abc import Iterator

from dlint.engine.rule import Rule
from dlint.models.dockerfile import Heredoc, RunInstruction
from dlint.models.finding import Severity, Violation
from dlint.models.shell import Pipeline, ShellScript
from dlint.views.dockerfile.run import default_windows_shell

#: shells whose ``-o pipefail`` is relied on. Plain ``sh`` is not one: on
#: Debian and Ubuntu it is dash, which has no pipefail (as hadolint decides).
PIPEFAIL_SHELLS = frozenset({"bash", "zsh", "ash", "ksh", "mksh"})


class PipeWithoutPipefail(Rule):
    """A pipe in RUN runs without `pipefail`.

    ## Why is this bad?
    A pipeline's exit status is the status of its last command. In
    `RUN wget -O - https://example.com/install.sh | sh`, a failed download
    feeds `sh` an empty script, `sh` succeeds, and the build goes on as if
    nothing happened. With the shell option `pipefail`, any failing command
    fails the pipeline.

    Set it with `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (any path to
    bash, zsh, ash, ksh or mksh works: `/bin/ash` on Alpine) before the RUN,
    or with `set -o pipefail` in the script itself before the pipe. Plain
    `sh -o pipefail` does not count: `/bin/sh` is dash on Debian and Ubuntu,
    which has no such option. A heredoc script that names its own
    interpreter (`#!/bin/bash`, `RUN <<EOF bash`) does not run under SHELL,
    so it must set the option itself, with `set -o pipefail` (or a
    `#!/usr/bin/env -S bash -o pipefail` line); so must a script run by `bash -c '…'` or `su -c '…'`
    inside a RUN. RUN instructions under a PowerShell or `cmd` SHELL, or
    under the default `cmd` shell of a Windows base image, are not shell
    scripts and are not checked.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN wget -O - https://example.com/data.csv | wc -l > /lines
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    RUN wget -O - https://example.com/data.csv | wc -l > /lines
    ```

    ## References
    - [Dockerfile reference: SHELL](https://docs.docker.com/reference/dockerfile/#shell)
    - [Bash manual: pipelines](https://www.gnu.org/software/bash/manual/bash.html#Pipelines)
    """

    code = "DL4006"
    name = "pipe-without-pipefail"
    severity = Severity.WARNING
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"|"})

    def check_instruction(self, ctx, instruction):
        # imported here: the package loads tree-sitter, which only a RUN needs
        from dlint.parsers.shell.programs import is_posix_shell_program

        if not isinstance(instruction, RunInstruction) or not is_posix_shell_program(instruction.shell_program):
            return
        if default_windows_shell(ctx.dockerfile, instruction):
            return
        program = instruction.shell_program
        script = ctx.dockerfile.shell(instruction)
        if script is not None:
            for pipeline in _unprotected(script, program):
                yield Violation(pipeline.span, _message(script, pipeline, own_interpreter=False))
        for heredoc in instruction.heredocs:
            body = ctx.dockerfile.shell(heredoc)
            if body is None:
                continue
            interpreter = _interpreter(heredoc)
            for pipeline in _unprotected(body, interpreter or program):
                yield Violation(pipeline.span, _message(body, pipeline, own_interpreter=interpreter is not None))


def _interpreter(heredoc: Heredoc) -> list[str] | None:
    """The program a heredoc script runs with when it is not the SHELL: its
    ``#!`` line or the command it is fed to (``RUN <<EOF bash``)."""
    from dlint.parsers.shell.programs import shebang_program

    first_line = heredoc.body.lstrip("\n").split("\n", 1)[0]
    if first_line.startswith("#!"):
        return shebang_program(first_line)
    if heredoc.interpreter:
        return heredoc.interpreter.split()
    return None


def sets_pipefail(program: list[str]) -> bool:
    """The shell program (SHELL, ``#!`` line) turns pipefail on, in a shell
    that is known to have it."""
    from dlint.parsers.shell.programs import base_name, has_pipefail_option

    return bool(program) and base_name(program[0]) in PIPEFAIL_SHELLS and has_pipefail_option(program[1:])


def _unprotected(script: ShellScript, program: list[str]) -> Iterator[Pipeline]:
    """Pipelines of ``script`` that run without pipefail when the script is
    run by ``program``."""
    from dlint.parsers.shell.programs import shell_pipefail

    program_sets = sets_pipefail(program)
    # the analysis also trusts a pipefail option of shells we do not (``sh -o
    # pipefail``); then only a ``set`` in the script itself protects a pipeline
    analysis_trusts_program = shell_pipefail(program)
    for pipeline in script.pipelines:
        if _nested(script, pipeline):
            protected = pipeline.pipefail  # ``bash -c '…'``: its own options and ``set`` count
        elif program_sets:
            protected = True
        elif not analysis_trusts_program:
            protected = pipeline.pipefail
        else:
            protected = _set_before(script, pipeline)
        if not protected:
            yield pipeline


def _nested(script: ShellScript, pipeline: Pipeline) -> bool:
    """The pipeline is part of a script run by ``bash -c``, ``su -c``… inside the RUN."""
    if not pipeline.commands:
        return False
    wrapper = script.commands[pipeline.commands[0]].wrapped_by
    return bool(wrapper) and wrapper.endswith("-c")


def _set_before(script: ShellScript, pipeline: Pipeline) -> bool:
    """A top-level ``set -o pipefail`` (not undone) comes before ``pipeline``."""
    from dlint.parsers.shell.programs import pipefail_setting

    state = False
    for command in script.commands:
        if command.span.start >= pipeline.span.start:
            break
        if command.program == "set" and command.wrapped_by is None:
            setting = pipefail_setting(command.words())
            if setting is not None:
                state = setting
    return state


def _message(script: ShellScript, pipeline: Pipeline, *, own_interpreter: bool) -> str:
    first = script.commands[pipeline.commands[0]] if pipeline.commands else None
    hidden = f"a failure of `{first.program}`" if first is not None and first.program else "an early failure"
    if first is not None and _nested(script, pipeline):
        return f"Pipe without pipefail: {hidden} goes unnoticed; start the `{first.wrapped_by}` script with `set -o pipefail;`"
    if own_interpreter:
        return f"Pipe without pipefail: {hidden} goes unnoticed; add `set -o pipefail` at the top of the script"
    return (
        f"Pipe without pipefail: {hidden} goes unnoticed; set "
        '`SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN or `set -o pipefail` in it'
    )
