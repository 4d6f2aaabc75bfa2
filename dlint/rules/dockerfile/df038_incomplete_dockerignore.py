"""DF038: the .dockerignore lets through files that should not reach the image."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.build_context import build_context, excluded_by_flags, first_whole_context_copy

#: ``.env`` files meant to be committed and copied: templates without real values
_ENV_TEMPLATES = ("example", "sample", "template", "dist", "defaults", "default", "tpl", "schema", "ci", "test")


class IncompleteDockerignore(Rule):
    """`.dockerignore` lets `.git`, `.env` files or host dependencies into the image.

    ## Why is this bad?
    When the Dockerfile copies the whole build context (`COPY . …`), whatever
    the `.dockerignore` does not exclude ends up in the image:

    - `.git`: the whole history, often with removed secrets still in it, and a
      folder that changes on every commit, so the copy is never cached;
    - `.env`, `.env.local`, `.env.production`…: local credentials, readable by
      anyone who pulls the image;
    - `node_modules`, `.venv` or `venv`, `__pycache__`: dependencies and caches
      built for the host, which bloat the image and may overwrite the ones the
      Dockerfile installs for the image's platform.

    Each of them is reported only when it exists at the root of the build
    context and no pattern of the ignore file matches it. A `!` pattern that
    matches it counts as a deliberate choice. Templates such as `.env.example`
    or `.env.sample` are not reported. The finding points at the first source
    that copies the whole context and names the ignore file that applies
    (`<Dockerfile name>.dockerignore` beside the Dockerfile wins over
    `.dockerignore` at the context root). Without any ignore file, DF037
    reports instead. `__pycache__` folders are looked for at the root only.
    A `COPY --exclude=…` pattern of that copy counts as excluding too.

    ## Example
    ```dockerfile
    FROM node:22-slim
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --omit=dev
    COPY . .
    CMD ["node", "server.js"]
    ```

    ```gitignore .dockerignore
    node_modules
    ```

    ```text .env
    DATABASE_URL=postgres://app:change-me@db/app
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

    ```gitignore .dockerignore
    node_modules
    .git
    .env
    .env.*
    !.env.example
    ```

    ```text .env
    DATABASE_URL=postgres://app:change-me@db/app
    ```

    ## References
    - [Docker docs: .dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    - [Docker docs: exclude with .dockerignore](https://docs.docker.com/build/building/best-practices/#exclude-with-dockerignore)
    """

    code = "DF038"
    name = "incomplete-dockerignore"
    severity = Severity.WARNING
    category = "security"
    security_severity = 5.0
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        context = build_context(ctx)
        if context is None or context.ignore is None:
            return
        found = first_whole_context_copy(ctx)
        if found is None:
            return
        instruction, source = found
        missing = [
            name
            for name in _candidates(context)
            if context.match(name) is None and not excluded_by_flags(instruction, name)
        ]
        if not missing:
            return
        names = ", ".join(f"`{name}`" for name in missing)
        yield Violation(
            source.span,
            f"`{instruction.keyword} {source.raw}` copies the whole build context but `{context.ignore_name}`"
            f" does not exclude {names}: add {'them' if len(missing) > 1 else 'it'} to `{context.ignore_name}`",
        )


def _candidates(context) -> list[str]:
    """What exists at the context root and should normally stay out of the image."""
    found = []
    if context.exists(".git"):
        found.append(".git")
    for name in context.names():
        if _is_env_file(name) and not context.is_dir(name):
            found.append(name)
    if context.is_dir("node_modules"):
        found.append("node_modules")
    if context.is_dir(".venv"):
        found.append(".venv")
    if context.exists("venv/pyvenv.cfg"):
        found.append("venv")
    if context.is_dir("__pycache__"):
        found.append("__pycache__")
    return found


def _is_env_file(name: str) -> bool:
    if name == ".env":
        return True
    if not name.startswith(".env."):
        return False
    parts = name.lower().split(".")[2:]
    return not any(part in _ENV_TEMPLATES for part in parts)
