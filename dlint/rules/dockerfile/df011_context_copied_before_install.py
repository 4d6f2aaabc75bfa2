"""DF011: the whole build context is copied before a dependency install that only needs manifests."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.dependency_installs import dependency_installs
from dlint.models.dockerfile import CopyInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.paths import path_text

#: sources that copy everything in the build context
_WHOLE_CONTEXT = frozenset({".", "./", "./.", "*", "./*"})


class ContextCopiedBeforeInstall(Rule):
    """Whole build context copied before installing dependencies.

    ## Why is this bad?
    Docker reuses a cached layer only while everything that went into it is
    unchanged. After `COPY . .`, any edit to any file invalidates the copy and
    every step after it, so a dependency install placed there downloads and
    builds all dependencies again on every code change. Installs that read only
    manifest and lock files (`npm ci`, `pip install -r requirements.txt`,
    `uv sync`, `poetry install`, `go mod download`, `bundle install`,
    `composer install`, `cargo fetch`, `mvn dependency:go-offline`…) should come
    right after copying those files, and the rest of the source after them.

    The install is reported when the same stage copied the whole context
    (`COPY . …`, `ADD . …`, `COPY * …`) before it and installed nothing from
    manifests before that copy: the two-step pattern (`uv sync
    --no-install-project`, then `COPY . .`, then `uv sync`) passes. Installs
    that need the source anyway (`pip install .`, `cargo build`, `go build`,
    `npm install <package>`) are not reported.

    ## Example
    ```dockerfile
    FROM node:22-slim
    WORKDIR /app
    COPY . .
    RUN npm ci --omit=dev
    CMD ["node", "server.js"]
    ```

    ## Use instead
    ```dockerfile
    FROM node:22-slim
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --omit=dev
    COPY . .
    CMD ["node", "server.js"]
    ```

    ## References
    - [Docker docs: optimize cache usage, order your layers](https://docs.docker.com/build/cache/optimize/#order-your-layers)
    """

    code = "DF011"
    name = "context-copied-before-install"
    severity = Severity.WARNING
    category = "performance"
    kind = "dockerfile"

    def check_stage(self, ctx, stage):
        if not any(_copies_whole_context(instruction) for instruction in stage.instructions if not instruction.onbuild):
            return  # nothing copied the context: no install to report (most stages)
        whole_copy = None
        for instruction in stage.instructions:
            if instruction.onbuild:
                continue
            if whole_copy is None and _copies_whole_context(instruction):
                whole_copy = instruction
            elif instruction.keyword == "RUN":
                installs = dependency_installs(ctx, instruction)
                if whole_copy is None:
                    if installs:
                        return  # installed before the copy: the stage does it right
                else:
                    for install in installs:
                        yield Violation(install.command.span, _message(whole_copy, install))


def _copies_whole_context(instruction) -> bool:
    if not isinstance(instruction, CopyInstruction) or instruction.flag("from") is not None:
        return False
    return any(path_text(source) in _WHOLE_CONTEXT for source in instruction.sources)


def _message(copy, install) -> str:
    line = copy.span.line
    files = " and ".join(f"`{name}`" for name in install.manifests)
    return (
        f"`{install.label}` runs after the whole build context was copied (line {line}), so any file change"
        f" reruns it; copy {files} first, install, then copy the rest"
    )
