"""DC065 (hardening): a service does not set `no-new-privileges:true`."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.knowledge.compose_runtime import added_key_fix, hardening_services
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.compose.values import text_of

_NO_NEW_PRIVILEGES = regex(r"^no-new-privileges(?:[:=](?P<value>\w+))?$", re.IGNORECASE)


class ComposeNoNewPrivilegesMissing(Rule):
    """Service does not set `security_opt: ["no-new-privileges:true"]`.

    ## Why is this bad?
    Without `no-new-privileges`, a process in the container can gain
    privileges by running a setuid or setcap program (`su`, `sudo`, a
    planted binary): a compromised non-root process climbs back to root.
    With it, the kernel refuses any gain of privileges across `execve`.
    CIS Docker Benchmark 5.26 (the container is restricted from acquiring
    additional privileges).

    Part of the off-by-default **hardening** group (`extend-select =
    ["hardening"]`): most images work unchanged, but a service that relies
    on `sudo`, `su`, `gosu`-less setuid helpers or file capabilities stops
    working, so only a reviewer can turn it on.

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
        security_opt: ["no-new-privileges:true"]
        image: acme/api:1.4
    ```

    ## Fix safety
    When the service has no `security_opt`, the fix adds
    `security_opt: ["no-new-privileges:true"]` as its first key. It is
    unsafe: setuid programs in the container stop raising privileges.

    ## References
    - [Compose: security_opt](https://docs.docker.com/reference/compose-file/services/#security_opt)
    - CIS Docker Benchmark (v1.6.0) 5.26: ensure that the container is restricted from acquiring additional privileges
    """

    code = "DC065"
    name = "compose-no-new-privileges-missing"
    severity = Severity.INFO
    category = "hardening"
    security_severity = 3.0
    cis = ("5.26",)
    kind = "compose"
    aliases = ("CL-0003",)  # compose-lint's id
    default_enabled = False
    fix_available = True

    def check_compose_project(self, ctx):
        for service in hardening_services(ctx.project):
            options = [text_of(scalar) for scalar in service.security_opt]
            if None in options:
                continue  # a variable decides one of them
            if any((match := _NO_NEW_PRIVILEGES.match(option.replace(" ", ""))) and (match["value"] or "true").lower() == "true" for option in options):
                continue
            if any(_NO_NEW_PRIVILEGES.match(option.replace(" ", "")) for option in options):
                continue  # set to false: DC039 reports it
            fix = None
            if service.entry("security_opt") is None:
                fix = added_key_fix(ctx.project, service, 'security_opt: ["no-new-privileges:true"]', "add security_opt no-new-privileges:true")
            yield Violation(service.name_span, f"service {service.name} does not set no-new-privileges:true: setuid programs can raise a process back to root", fix, path=service.path)
