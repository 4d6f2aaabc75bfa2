"""DF037: the whole build context is copied and no .dockerignore filters it."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.build_context import build_context, copy_excludes, first_whole_context_copy

#: what commonly sits in a project folder and should not reach an image
_NOTABLE = (".git", ".env", "node_modules", ".venv", "venv", "__pycache__")


class MissingDockerignore(Rule):
    """Whole build context copied without a `.dockerignore`.

    ## Why is this bad?
    `COPY . …` (or `ADD . …`, `COPY ./ …`, `COPY * …`) takes every file of the
    build context: the `.git` folder with the project's history, local `.env`
    files with credentials, `node_modules` or virtual environments built for
    the host, caches and build output. They make the image bigger, can leak
    secrets into a layer anyone with the image can read, break the build cache
    on every unrelated change, and host-built dependencies can shadow the ones
    installed for the image. A `.dockerignore` at the root of the context (or
    a `<Dockerfile name>.dockerignore` beside the Dockerfile, which wins) keeps
    them out.

    The finding points at the first source that copies the whole context. The
    build context is taken to be the Dockerfile's folder, or the `context` of
    the Compose service that builds it. When that folder is only a guess and a
    `.dockerignore` exists in a folder above it (within the repository), the
    Dockerfile is probably built from there (`docker build -f docker/Dockerfile
    .`) and nothing is reported. A copy with `--exclude=…` patterns filters
    what it takes and is not reported either. Dockerfiles read from standard
    input are not checked.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    WORKDIR /app
    COPY . .
    CMD ["python", "app.py"]
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    WORKDIR /app
    COPY . .
    CMD ["python", "app.py"]
    ```

    ```gitignore .dockerignore
    .git
    .env
    .env.*
    **/__pycache__
    .venv
    ```

    ## References
    - [Docker docs: .dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    - [Docker docs: keep the build context small](https://docs.docker.com/build/building/best-practices/#exclude-with-dockerignore)
    """

    code = "DF037"
    name = "missing-dockerignore"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        context = build_context(ctx)
        if context is None or context.ignore_file is not None:
            return
        found = first_whole_context_copy(ctx)
        if found is None or (not context.explicit and context.nearby_ignore_file is not None):
            return
        instruction, source = found
        if copy_excludes(instruction):  # COPY --exclude=… filters what reaches the image
            return
        present = [name for name in _NOTABLE if context.exists(name)]
        detail = f" (it holds {', '.join(f'`{name}`' for name in present)})" if present else ""
        name = context.dockerfile.name if context.dockerfile is not None else "Dockerfile"
        yield Violation(
            source.span,
            f"`{instruction.keyword} {source.raw}` copies the whole build context{detail} and there is no"
            f" `.dockerignore`: add one at the context root (or `{name}.dockerignore` beside the Dockerfile)",
        )
