"""DF010: the image runs as root because no USER is set anywhere."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._base_images import base_image, chain_instructions, final_chain, runs_as_non_root
from dlint.rules._run import _windows_image


class NoUser(Rule):
    """Image runs as root: no USER is ever set.

    ## Why is this bad?
    Without a `USER`, the container's process runs as root (unless the base
    image switched user itself). A flaw in the application then hands an
    attacker root inside the container, with write access to everything in it
    and a much shorter path to the host. Create an unprivileged user and switch
    to it after the steps that need root.

    Only the image the file produces counts: its last stage and the stages that
    stage builds `FROM`; a `USER` in any of them is enough (DL3002 checks that
    the last one is not root). Base images known to run as a non-root user are
    not reported: distroless `:nonroot`/`:debug-nonroot`, Chainguard
    (`cgr.dev/…`), Bitnami, `*-unprivileged` and .NET `chiseled` images. A
    `scratch` image with only a static binary still runs it as root, so it is
    reported. Windows images and base images given by an unknown variable are
    not reported.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    COPY app.py /app/
    CMD ["python", "/app/app.py"]
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    RUN useradd --create-home --uid 10001 app
    COPY app.py /app/
    USER app
    CMD ["python", "/app/app.py"]
    ```

    ## References
    - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    - [Docker docs: best practices, USER](https://docs.docker.com/build/building/best-practices/#user)
    """

    code = "DF010"
    name = "no-user"
    severity = Severity.WARNING
    category = "security"
    security_severity = 5.0
    kind = "dockerfile"
    tags = ("security",)

    def check_dockerfile(self, ctx):
        chain = final_chain(ctx.dockerfile)
        image = base_image(chain)
        if image is None or chain_instructions(chain, "USER"):
            return
        if not image.resolved or runs_as_non_root(image) or _windows_image(image):
            return
        yield Violation(
            chain[0].from_instruction.keyword_token.span,
            "no USER is set, so the image runs as root: create an unprivileged user and switch to it with USER",
        )
