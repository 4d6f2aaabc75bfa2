"""DC064: a service joins the PID or IPC namespace of a privileged (or host-sharing) service."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import is_true, text_of

_WHAT = {"pid": "processes", "ipc": "shared memory"}


class ComposeJoinPrivilegedNamespace(Rule):
    """Service shares the PID or IPC namespace of a privileged service (`pid: service:x`).

    ## Why is this bad?
    `pid: "service:agent"` puts the service's processes beside those of
    `agent`: it can signal them and, through `/proc/<pid>/root` and
    `/proc/<pid>/fd`, reach the files they have open. When `agent` is
    privileged, that is a path from an ordinary service into one that owns
    the host; when `agent` itself uses `pid: host` (or `ipc: host`), the
    joining service ends up in the host's namespace without saying so.
    `ipc: "service:x"` shares shared memory the same way. Share namespaces
    only between services that are trusted alike. Related to CIS Docker
    Benchmark (v1.6.0) 5.16 and 5.17 (host process and IPC namespaces not shared).

    ## Example
    ```yaml
    services:
      agent:
        image: acme/agent:2.1
        privileged: true
      sidecar:
        image: acme/sidecar:1.0
        pid: "service:agent"
    ```

    ## Use instead
    ```yaml
    services:
      agent:
        image: acme/agent:2.1
        privileged: true
      sidecar:
        image: acme/sidecar:1.0
    ```

    ## References
    - [Compose: pid](https://docs.docker.com/reference/compose-file/services/#pid)
    - [Compose: ipc](https://docs.docker.com/reference/compose-file/services/#ipc)
    """

    code = "DC064"
    name = "compose-join-privileged-namespace"
    severity = Severity.WARNING
    category = "security"
    security_severity = 7.0
    cis = ("5.16", "5.17")
    kind = "compose"
    markers = frozenset({'pid', 'ipc'})

    def check_compose_project(self, ctx):
        services = ctx.project.services
        for service in services.values():
            for key in ("pid", "ipc"):
                scalar = getattr(service, key)
                text = text_of(scalar) or ""
                if not text.lower().startswith("service:"):
                    continue
                target = services.get(text.split(":", 1)[1].strip())
                if target is None or target is service:
                    continue
                if is_true(target.privileged):
                    why = f"service {target.name} is privileged: a way from {service.name} into a service that owns the host"
                elif (text_of(getattr(target, key)) or "").lower() == "host":
                    why = f"service {target.name} uses {key}: host, so {service.name} shares the host's {_WHAT[key]} too"
                else:
                    continue
                yield Violation(scalar.span, f"{key}: {text} shares {_WHAT[key]} with {target.name}, and {why}", path=scalar.path)
