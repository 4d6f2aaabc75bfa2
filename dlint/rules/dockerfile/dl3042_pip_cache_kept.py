"""DL3042: pip install without --no-cache-dir."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.packages import insert_after
from dlint.knowledge.pip import pip_installs
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import package_commands, windows_shell
from dlint.views.dockerfile.run_paths import mounted, normal_path
from dlint.views.dockerfile.shell_scopes import variables

_SETTING = "PIP_NO_CACHE_DIR"
_TRUTHY = frozenset({"1", "y", "yes", "t", "true", "on"})
#: pip's cache directory for root; ``~/.cache`` for other users
_ROOT_CACHE = "/root/.cache/pip"


class PipCacheKept(Rule):
    """`pip install` keeps its download cache in the image.

    ## Why is this bad?
    pip stores every wheel it downloads or builds in `~/.cache/pip`. In an
    image that cache is dead weight, often larger than the packages
    themselves. Add `--no-cache-dir`, or set `PIP_NO_CACHE_DIR` to a true
    value (`1`, `true`, `yes`, `on`) with ENV, an ARG, `export` or a prefix
    assignment; a stage inherits it from the stage it builds on. A cache or
    tmpfs mount over pip's cache directory (`/root/.cache/pip`, a `~/.cache`
    or `~/.cache/pip` of another user, or `$PIP_CACHE_DIR`) keeps the cache
    out of the image as well. `pipx` and `pipenv` are not pip and are not
    checked. Windows command lines (cmd, PowerShell) are read too, where
    `set PIP_NO_CACHE_DIR=1` or `$env:PIP_NO_CACHE_DIR = 1` turns the cache off.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    RUN pip install flask==3.0.2
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    RUN pip install --no-cache-dir flask==3.0.2
    ```

    ## Fix safety
    The fix inserts `--no-cache-dir` after `install`. The same packages are
    installed, only the cache is not kept, so it is safe.

    ## References
    - [pip docs: caching](https://pip.pypa.io/en/stable/topics/caching/)
    """

    code = "DL3042"
    name = "pip-cache-kept"
    severity = Severity.WARNING
    category = "performance"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"pip"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        installs = pip_installs(ctx, instruction, tools=("pip",))
        if not installs:
            return
        scope = variables(ctx, instruction)
        if _truthy(scope.get(_SETTING)) or _cache_mounted(instruction, scope.get("PIP_CACHE_DIR")):
            return
        run_commands = package_commands(ctx, instruction)
        windows = windows_shell(ctx.dockerfile, instruction) is not None
        for invocation in installs:
            if invocation.has("--no-cache-dir") or _disabled_in_shell(run_commands, invocation.command, windows):
                continue
            fix = insert_after(ctx, invocation.subcommand, " --no-cache-dir", "Add `--no-cache-dir`")
            yield Violation(
                invocation.name_word.span,
                "`pip install` without `--no-cache-dir` keeps pip's download cache in the image",
                fix,
            )


def _truthy(value: str | None) -> bool:
    return value is not None and value.strip().lower() in _TRUTHY


def _cache_mounted(instruction, cache_dir: str | None) -> bool:
    if mounted(instruction, _ROOT_CACHE) or (cache_dir and mounted(instruction, cache_dir)):
        return True
    for mount in getattr(instruction, "mounts", ()):
        target = normal_path(mount.target or "")
        if mount.type in ("cache", "tmpfs") and target.endswith(("/.cache", "/.cache/pip")):
            return True
    return False


def _disabled_in_shell(run_commands, install, windows: bool) -> bool:
    """``PIP_NO_CACHE_DIR=1 pip install``, ``env PIP_NO_CACHE_DIR=1 pip install``
    or an earlier ``export PIP_NO_CACHE_DIR=1`` in the same RUN; on Windows an
    earlier ``set PIP_NO_CACHE_DIR=1`` (cmd) or ``$env:PIP_NO_CACHE_DIR = 1``
    (PowerShell), read as a command with no name that sets the environment."""
    for assignment in install.assignments:
        if assignment.name == _SETTING:
            return _truthy(assignment.value.text if assignment.value is not None else "")
    found = None
    for command in run_commands:
        if command is install:
            break
        exporting = command.program in ("export", "declare", "typeset") or (windows and command.name is None)
        wrapping = command.program == "env" and command.span.start <= install.span.start < command.span.end
        if exporting or wrapping:
            for word in command.arguments:
                name, equals, value = word.text.partition("=")
                if equals and name == _SETTING:
                    found = value
            for assignment in command.assignments if exporting else ():
                if assignment.name == _SETTING and assignment.value is not None:
                    found = assignment.value.text
    return _truthy(found)
