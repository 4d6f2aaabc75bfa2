"""DF036: WORKDIR is a system directory."""

from __future__ import annotations

import posixpath

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.paths import is_absolute, is_windows_absolute, path_text
from dlint.views.dockerfile.stage_graph import base_of
from dlint.views.dockerfile.variables import resolve

SYSTEM_DIRECTORIES = frozenset({
    "/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/sbin", "/sys",
    "/usr", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/lib64", "/usr/local/bin", "/usr/local/sbin", "/var", "/run",
    "/usr/local/lib", "/var/lib", "/var/run",
})


class WorkdirSystemDirectory(Rule):
    """WORKDIR is a system directory such as `/`, `/etc` or `/usr/bin`.

    ## Why is this bad?
    Whatever the build copies next (`COPY . .`) lands among the operating
    system's own files: it can overwrite them, is hard to tell apart from
    them, and makes the image fragile. Give the application its own folder
    such as `/app` or `/srv/app`.

    Relative WORKDIRs are resolved against the earlier ones of the stage (and
    of the stage it is built `FROM`), and variables the Dockerfile defines are
    substituted. `WORKDIR /` is only reported when a COPY or ADD then writes to
    a relative destination: on its own it is the usual way to go back to the
    root before copying to absolute paths. `/root` (root's home) and `/tmp`
    are not reported: they are normal places for root-only tool images and
    scratch work in build stages.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    WORKDIR /
    COPY . .
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    WORKDIR /app
    COPY . .
    ```

    ## References
    - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    """

    code = "DF036"
    name = "workdir-system-directory"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    requires = frozenset({"WORKDIR"})

    def check_dockerfile(self, ctx):
        final_dirs: dict[int, str | None] = {}
        for stage in ctx.dockerfile.stages:
            base = base_of(stage)
            current = final_dirs.get(base) if base is not None else None
            pending = None  # a ``WORKDIR /`` waiting for a relative COPY/ADD
            for instruction in stage.instructions:
                if instruction.onbuild:
                    continue
                if pending is not None and instruction.keyword in ("COPY", "ADD") and _relative_destination(instruction):
                    yield pending
                    pending = None
                if instruction.keyword != "WORKDIR" or getattr(instruction, "path", None) is None:
                    continue
                pending = None
                token = instruction.path
                path = resolve(ctx, instruction, token.raw)
                if path is None or "\\" in token.raw or is_windows_absolute(path_text(token)):
                    current = None  # unknown from here on
                    continue
                if current is None and not path.startswith("/"):
                    continue
                current = posixpath.normpath(posixpath.join(current, path) if current else path)
                if current.startswith("//"):
                    current = "/" + current.lstrip("/")
                if current == "/":
                    pending = Violation(
                        token.span,
                        "WORKDIR / makes the next relative COPY/ADD write into the root of the file system:"
                        " use a folder of the application's own, such as /app",
                    )
                elif current in SYSTEM_DIRECTORIES:
                    yield Violation(token.span, f"WORKDIR {current} is a system directory: use a folder of the application's own, such as /app")
            final_dirs[stage.index] = current


def _relative_destination(instruction) -> bool:
    destination = getattr(instruction, "destination", None)
    if destination is None:
        return False
    path = path_text(destination)
    return bool(path) and not is_absolute(path) and not path.startswith("$")
