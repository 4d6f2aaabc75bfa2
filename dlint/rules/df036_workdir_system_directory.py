"""DF036: WORKDIR is a system directory."""

from __future__ import annotations

import posixpath

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation

SYSTEM_DIRECTORIES = frozenset({
    "/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/sbin", "/sys",
    "/usr", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/lib64", "/usr/local/bin", "/usr/local/sbin", "/var", "/run",
})


class WorkdirSystemDirectory(Rule):
    """WORKDIR is a system directory such as `/`, `/etc` or `/usr/bin`.

    ## Why is this bad?
    Whatever the build copies next (`COPY . .`) lands among the operating
    system's own files: it can overwrite them, is hard to tell apart from
    them, and makes the image fragile. Give the application its own folder
    such as `/app` or `/srv/app`.

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

    def check_stage(self, ctx, stage):
        current: str | None = None  # the base image's WORKDIR is not known
        for instruction in stage.instructions:
            if instruction.keyword != "WORKDIR" or instruction.onbuild or instruction.path is None:
                continue
            path = instruction.path.value
            if "$" in path:
                current = None  # unknown from here on
                continue
            if current is None and not path.startswith("/"):
                continue
            current = posixpath.normpath(posixpath.join(current, path) if current else path)
            if current == "//":
                current = "/"
            if current in SYSTEM_DIRECTORIES:
                yield Violation(instruction.path.span, f"WORKDIR {current} is a system directory: use a folder of the application's own, such as /app")
