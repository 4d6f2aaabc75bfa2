"""DL3002: the image runs as root."""

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.compose_users import compose_reports_root

ROOT_NAMES = frozenset({"root", "0"})


class RootUser(Rule):
    """Last USER of the image is root.

    ## Why is this bad?
    A container whose process runs as root gives an attacker who breaks into it
    root inside the container, and makes escaping to the host much easier.
    Switch to an unprivileged user at the end of the build, after the steps
    that need root.

    Only the stages that make up the image count: the final stage and the
    stages it builds `FROM`. Intermediate build stages may run as root freely
    (their user never reaches the image). The last `USER` along that chain
    decides; when no stage of the chain sets a user, the base image's user
    applies and nothing is reported. `ONBUILD USER` is not considered. When
    every Compose service that builds the file sets `user:` to root, that `user:`
    decides the run and DC029 reports it there (this rule then stays quiet).

    ## Example
    ```dockerfile
    FROM debian:12-slim
    RUN useradd --create-home app
    USER root
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12-slim
    RUN useradd --create-home app
    USER app
    ```

    ## References
    - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    - [Docker security: rootless containers](https://docs.docker.com/engine/security/#linux-kernel-capabilities)
    """

    code = "DL3002"
    name = "root-user"
    severity = Severity.WARNING
    category = "security"
    cis = ("4.1",)
    security_severity = 6.0
    kind = "dockerfile"
    requires = frozenset({"USER"})

    def check_dockerfile(self, ctx):
        if compose_reports_root(ctx):
            return
        dockerfile = ctx.dockerfile
        stage = dockerfile.final_stage
        seen: set[int] = set()
        while stage is not None and stage.index not in seen:
            seen.add(stage.index)
            users = [i for i in stage.instructions if i.keyword == "USER" and not i.onbuild]
            if users:
                yield from _check_user(ctx, users[-1])
                return
            stage = dockerfile.stages[stage.base_stage] if stage.base_stage is not None else None


def _check_user(ctx, instruction):
    token = instruction.user
    if token is None:
        return
    name = token.value
    if "$" in token.raw:
        from dlint.parsers.dockerfile import substitute

        name, resolved = substitute(token.raw, ctx.dockerfile.variables_at(instruction), ctx.dockerfile.escape)
        if not resolved:
            return
        name = name.split(":", 1)[0]
    if name in ROOT_NAMES:
        yield Violation(token.span, "the image runs as root: end with USER set to an unprivileged user")
