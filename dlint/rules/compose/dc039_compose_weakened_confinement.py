"""DC039: a service adds dangerous capabilities or turns confinement off."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.compose.values import once, text_of

#: capabilities that each give a way out of the container (or over the host)
DANGEROUS_CAPABILITIES = {
    "ALL": "every capability",
    "SYS_ADMIN": "mount, namespaces and most of root's powers",
    "SYS_PTRACE": "tracing and reading the memory of other processes",
    "SYS_MODULE": "loading kernel modules",
    "SYS_RAWIO": "raw access to devices and I/O ports",
    "SYS_BOOT": "rebooting the host",
    "SYS_TIME": "setting the host's clock",
    "NET_ADMIN": "reconfiguring networking",
    "DAC_READ_SEARCH": "reading any file by handle (a known escape)",
    "BPF": "loading eBPF programs into the kernel",
    "PERFMON": "kernel performance monitoring",
    "MAC_ADMIN": "changing the mandatory access control policy",
    "SYSLOG": "reading and clearing the kernel log (kernel addresses that help an exploit)",
}

_UNCONFINED = regex(
    r"^(?:seccomp[:=]unconfined|apparmor[:=]unconfined|label[:=]disable|systempaths[:=]unconfined"
    r"|no-new-privileges(?:[:=]false))$",
    re.IGNORECASE,
)


class ComposeWeakenedConfinement(Rule):
    """Service adds a dangerous capability or switches a security profile off.

    ## Why is this bad?
    Capabilities such as `SYS_ADMIN`, `SYS_PTRACE` or `SYS_MODULE` (let alone
    `ALL`) hand a container powers that lead straight out of it, and
    `security_opt` entries like `seccomp:unconfined`, `apparmor:unconfined` or
    `label:disable` remove the kernel filters that stop known escapes. Add the
    narrowest capability that works, and keep the default profiles (or write a
    custom profile that allows the one missing call).

    ## Example
    ```yaml
    services:
      vpn:
        image: acme/vpn:1.4
        cap_add: [SYS_ADMIN]
        security_opt: ["seccomp:unconfined"]
    ```

    ## Use instead
    ```yaml
    services:
      vpn:
        image: acme/vpn:1.4
        cap_add: [NET_BIND_SERVICE]
        devices: ["/dev/net/tun"]
    ```

    ## References
    - [Linux capabilities in containers](https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities)
    - [Seccomp security profiles](https://docs.docker.com/engine/security/seccomp/)
    - CIS Docker Benchmark v1.6.0: 5.4 (capabilities restricted), 5.2 and 5.3 (AppArmor, SELinux), 5.22 (default seccomp profile not disabled), 5.26 (no additional privileges)
    """

    code = "DC039"
    name = "compose-weakened-confinement"
    severity = Severity.WARNING
    category = "security"
    aliases = ("CL-0009", "CL-0011", "CL-0024", "CL-0027", "CL-0028", "CL-0030")
    cis = ("5.2", "5.3", "5.4", "5.22", "5.26")
    security_severity = 7.0
    kind = "compose"

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        for scalar in service.cap_add:
            text = (text_of(scalar) or "").upper()
            capability = text.removeprefix("CAP_")
            if capability in DANGEROUS_CAPABILITIES:
                yield Violation(scalar.span, f"cap_add {text} gives service {service.name} {DANGEROUS_CAPABILITIES[capability]}; add a narrower capability")
        for scalar in service.security_opt:
            text = text_of(scalar) or ""
            if _UNCONFINED.match(text.replace(" ", "")):
                yield Violation(scalar.span, f"security_opt {text} turns off a kernel protection for service {service.name}")
