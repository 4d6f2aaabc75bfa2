"""DC039: a service adds dangerous capabilities or turns confinement off."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.compose.values import once, text_of

#: capabilities that each give a way out of the container (or over the host), with the
#: level of a service that adds one: an error where taking the host is certain (kernel
#: code), a warning for the known escapes, info for powers over one part of the host
DANGEROUS_CAPABILITIES = {
    "ALL": ("every capability", Severity.ERROR),
    "SYS_MODULE": ("loading kernel modules", Severity.ERROR),
    "SYS_ADMIN": ("mount, namespaces and most of root's powers", Severity.WARNING),
    "SYS_PTRACE": ("tracing and reading the memory of other processes", Severity.WARNING),
    "SYS_RAWIO": ("raw access to devices and I/O ports", Severity.WARNING),
    "DAC_READ_SEARCH": ("reading any file by handle (a known escape)", Severity.WARNING),
    "BPF": ("loading eBPF programs into the kernel", Severity.WARNING),
    "MAC_ADMIN": ("changing the mandatory access control policy", Severity.WARNING),
    "SYS_BOOT": ("rebooting the host", Severity.WARNING),
    "NET_ADMIN": ("reconfiguring networking", Severity.INFO),
    "SYS_TIME": ("setting the host's clock", Severity.INFO),
    "PERFMON": ("kernel performance monitoring", Severity.INFO),
    "SYSLOG": ("reading and clearing the kernel log (kernel addresses that help an exploit)", Severity.INFO),
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

    Capabilities are graded: `ALL` and `SYS_MODULE` (kernel code: the host is
    taken) are errors; `SYS_ADMIN`, `SYS_PTRACE`, `SYS_RAWIO`, `DAC_READ_SEARCH`,
    `BPF`, `MAC_ADMIN` and `SYS_BOOT` (known escapes) warnings like the
    `security_opt` findings; `NET_ADMIN`, `SYS_TIME`, `PERFMON` and `SYSLOG`
    (power over one part of the host, often what a VPN or time server needs) info.
    A severity set for DC039 in the configuration applies to all of them.

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
    markers = frozenset({'cap_add', 'security_opt'})

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        for scalar in service.cap_add:
            text = (text_of(scalar) or "").upper()
            capability = text.removeprefix("CAP_")
            if capability in DANGEROUS_CAPABILITIES:
                power, level = DANGEROUS_CAPABILITIES[capability]
                yield Violation(scalar.span, f"cap_add {text} gives service {service.name} {power}; add a narrower capability",
                                severity=level)
        for scalar in service.security_opt:
            text = text_of(scalar) or ""
            if _UNCONFINED.match(text.replace(" ", "")):
                yield Violation(scalar.span, f"security_opt {text} turns off a kernel protection for service {service.name}")
