"""DC029: a service is set to run as root."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.users import ROOT_USERS
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import in_force, once, text_of


class ComposeRootUser(Rule):
    """Service runs as root (`user: root` or `user: 0`).

    ## Why is this bad?
    `user:` overrides the image's `USER`. Setting it to root undoes the
    unprivileged user a well-built image chose, so a compromised process has
    root's powers inside the container and, with any mount or capability
    mistake, on the host. Run as the image's user or a numeric unprivileged id.

    ## Example
    ```yaml
    services:
      app:
        image: acme/app:1.2
        user: root
    ```

    ## Use instead
    ```yaml
    services:
      app:
        image: acme/app:1.2
        user: "10001:10001"
    ```

    ## References
    - [Compose: user](https://docs.docker.com/reference/compose-file/services/#user)
    """

    code = "DC029"
    name = "compose-root-user"
    severity = Severity.WARNING
    category = "security"
    aliases = ("CL-0018",)
    cis = ("4.1",)
    security_severity = 5.0
    kind = "compose"
    markers = frozenset({'user'})

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        user = in_force(ctx, service, "user")
        text = text_of(user)
        if text is not None and text.split(":", 1)[0].strip().lower() in ROOT_USERS:
            yield Violation(user.span, f"service {service.name} runs as root: use an unprivileged user id")
