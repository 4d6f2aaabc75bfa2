"""DF039: COPY or ADD of a path the .dockerignore leaves out of the build context."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.build_context import build_context, context_sources

_GLOB_CHARS = frozenset("*?[\\$")


class CopyExcludedByDockerignore(Rule):
    """COPY or ADD of a path that the `.dockerignore` excludes.

    ## Why is this bad?
    Files that the ignore file excludes are never sent to the builder, so a
    `COPY` naming one of them cannot find it: the build stops with a "not
    found" error — or, when the excluded path is only part of what a folder
    copy expected, the image silently lacks it. Either the pattern is too
    broad (`*.json` also catches `package.json`) or the copy is stale.

    Docker decides with the last pattern that matches the path or one of the
    folders above it, and `!` patterns bring paths back; dlint reads the
    ignore file the same way (`<Dockerfile name>.dockerignore` beside the
    Dockerfile wins over `.dockerignore` at the context root). Only literal
    sources are judged: wildcards and variables are skipped, and so is a
    folder when a `!` pattern might bring back something inside it.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    WORKDIR /app
    COPY requirements.txt ./
    RUN pip install --no-cache-dir -r requirements.txt
    COPY src/ ./src/
    ```

    ```gitignore .dockerignore
    *.txt
    .git
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    WORKDIR /app
    COPY requirements.txt ./
    RUN pip install --no-cache-dir -r requirements.txt
    COPY src/ ./src/
    ```

    ```gitignore .dockerignore
    *.txt
    !requirements.txt
    .git
    ```

    ## References
    - [Docker docs: .dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    """

    code = "DF039"
    name = "copy-excluded-by-dockerignore"
    severity = Severity.ERROR
    category = "correctness"
    aliases = ("CopyIgnoredFile",)
    kind = "dockerfile"
    requires = frozenset({"ADD", "COPY"})

    def check_dockerfile(self, ctx):
        context = build_context(ctx)
        if context is None or context.ignore is None or not context.ignore.patterns:
            return
        from dlint.parsers.dockerignore import context_path

        ignore = context.ignore
        for instruction, source in context_sources(ctx):
            if any(char in _GLOB_CHARS for char in source.value) or "$" in source.raw:
                continue
            relative = context_path(source.value)
            if relative == "." or relative.startswith("../") or relative == "..":
                continue
            pattern = ignore.match(relative)
            if pattern is None or pattern.negated:
                continue
            if ignore.may_reinclude_below(relative) and not _is_file(context, relative):
                continue
            yield Violation(
                source.span,
                f"`{source.raw}` is excluded from the build context by `{pattern.text}`"
                f" ({context.ignore_name}, line {pattern.line}): {instruction.keyword} cannot copy it",
            )


def _is_file(context, relative: str) -> bool:
    return context.exists(relative) and not context.is_dir(relative)
