"""DC036: a service runs privileged."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import in_force, is_true, once


class ComposePrivileged(Rule):
    """Service runs with `privileged: true`.

    ## Why is this bad?
    A privileged container gets every capability, every host device and no
    seccomp or AppArmor confinement: a process that escapes the application
    owns the host. Grant the one capability or device the service needs
    (`cap_add`, `devices`) instead. A `post_start` or `pre_stop` hook with
    `privileged: true` is reported too: its command runs with the same powers.

    ## Example
    ```yaml
    services:
      agent:
        image: acme/agent:2.1
        privileged: true
    ```

    ## Use instead
    ```yaml
    services:
      agent:
        image: acme/agent:2.1
        cap_add: [NET_BIND_SERVICE]
    ```

    ## References
    - [Compose: privileged](https://docs.docker.com/reference/compose-file/services/#privileged)
    - [Runtime privilege and Linux capabilities](https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities)
    """

    code = "DC036"
    name = "compose-privileged"
    severity = Severity.ERROR
    category = "security"
    aliases = ("CL-0002",)
    cis = ("5.5",)
    security_severity = 8.5
    kind = "compose"
    markers = frozenset({'privileged'})

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        privileged = in_force(ctx, service, "privileged")
        if is_true(privileged):
            yield Violation(privileged.span, f"service {service.name} runs privileged: it can take over the host; add only the capabilities it needs")
        for where, hooks in (("post_start", service.post_start), ("pre_stop", service.pre_stop)):
            for hook in hooks:
                if is_true(hook.privileged):
                    yield Violation(hook.privileged.span, f"a {where} hook of service {service.name} runs privileged: it can take over the host")
