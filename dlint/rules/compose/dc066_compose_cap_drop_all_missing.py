"""DC066 (hardening): a service keeps Docker's default capabilities."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_runtime import added_key_fix, hardening_services
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import text_of


class ComposeCapDropAllMissing(Rule):
    """Service does not drop every capability (`cap_drop: [ALL]`).

    ## Why is this bad?
    Docker gives every container a default set of capabilities (`CHOWN`,
    `DAC_OVERRIDE`, `FOWNER`, `SETUID`, `SETGID`, `NET_RAW`, `MKNOD` …)
    that most services never use and an attacker in the container welcomes
    (`NET_RAW` for spoofed packets, `DAC_OVERRIDE` to ignore file
    permissions). Dropping `ALL` and adding back the few the service needs
    (`cap_add`) keeps only what is used. CIS Docker Benchmark 5.4 (Linux
    kernel capabilities are restricted within containers).

    Part of the off-by-default **hardening** group (`extend-select =
    ["hardening"]`): images whose entrypoint changes owners or users (many
    database images do) need some capabilities back, which only a reviewer
    can tell. Privileged services are not reported (DC036 is).

    ## Example
    ```yaml
    services:
      api:
        image: acme/api:1.4
    ```

    ## Use instead
    ```yaml
    services:
      api:
        cap_drop: [ALL]
        cap_add: [NET_BIND_SERVICE]
        image: acme/api:1.4
    ```

    ## Fix safety
    When the service has no `cap_drop`, the fix adds `cap_drop: [ALL]` as
    its first key. It is unsafe: a service that needs one of the default
    capabilities fails until it is added back with `cap_add`.

    ## References
    - [Compose: cap_drop](https://docs.docker.com/reference/compose-file/services/#cap_drop)
    - CIS Docker Benchmark (v1.6.0) 5.4: ensure that Linux kernel capabilities are restricted within containers
    """

    code = "DC066"
    name = "compose-cap-drop-all-missing"
    severity = Severity.INFO
    category = "hardening"
    security_severity = 3.0
    cis = ("5.4",)
    kind = "compose"
    aliases = ("CL-0006",)  # compose-lint's id
    default_enabled = False
    fix_available = True

    def check_compose_project(self, ctx):
        for service in hardening_services(ctx.project):
            if (text_of(service.privileged) or "").lower() == "true":
                continue
            dropped = [text_of(scalar) for scalar in service.cap_drop]
            if None in dropped or any(text.upper() in ("ALL", "CAP_ALL") for text in dropped):
                continue
            fix = None
            if service.entry("cap_drop") is None:
                fix = added_key_fix(ctx.project, service, "cap_drop: [ALL]", "add cap_drop: [ALL]")
            yield Violation(service.name_span, f"service {service.name} keeps Docker's default capabilities: drop ALL and add back only those it needs", fix, path=service.path)
