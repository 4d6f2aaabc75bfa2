"""DL3066: USER names a user instead of a numeric user id."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import windows_stage

#: Windows' built-in container accounts (they name a Windows image even when its name does not)
_WINDOWS_ACCOUNTS = frozenset({"containeruser", "containeradministrator"})


class NonNumericUser(Rule):
    """USER is a name, not a numeric user id.

    ## Why is this bad?
    A user name only means something inside the image's `/etc/passwd`. Platforms
    that enforce non-root containers (Kubernetes `runAsNonRoot`, for instance)
    can only verify a numeric id, and volumes are owned by ids, not names. A
    value taken from a variable (`USER ${APP_UID}`) is accepted.

    Windows has no numeric user ids: `USER` takes an account name
    (`ContainerUser`, `ContainerAdministrator` or one the image creates) and
    Kubernetes checks Windows pods by `runAsUserName`. So the rule does not
    apply to stages built on a Windows image, nor to Windows' built-in accounts.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN useradd --uid 10001 app
    USER app
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    RUN useradd --uid 10001 app
    USER 10001
    ```

    ## References
    - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    """

    code = "DL3066"
    name = "non-numeric-user"
    severity = Severity.INFO
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"USER"})

    def check_instruction(self, ctx, instruction):
        token = getattr(instruction, "user", None)
        if token is None or "$" in token.raw or token.value.isdigit() or not token.value:
            return
        if token.value.lower() in _WINDOWS_ACCOUNTS or windows_stage(ctx.dockerfile, instruction.stage_index):
            return
        yield Violation(token.span, f"user `{token.value}` is a name; use its numeric id so the platform can check it")
