"""DC059: a bind mount shares its mount propagation with the host."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import once

_SHARED = frozenset({"shared", "rshared"})


class ComposeSharedMountPropagation(Rule):
    """Bind mount uses `shared` or `rshared` propagation.

    ## Why is this bad?
    With shared propagation, mounts made under the bind mount inside the
    container appear on the host too (and the other way round): a container
    that can mount (`SYS_ADMIN`, or privileged) places file systems on the
    host, over paths host services trust. The default `rprivate` keeps the
    container's mounts its own; `rslave` is enough when the container only
    needs to see mounts the host makes later. CIS Docker Benchmark 5.20
    (mount propagation mode is not set to shared).

    Both the short syntax (`/mnt:/mnt:rshared`) and the long syntax
    (`bind.propagation`) are read.

    ## Example
    ```yaml
    services:
      storage:
        image: acme/storage:2.0
        volumes:
          - /mnt/disks:/mnt/disks:rshared
    ```

    ## Use instead
    ```yaml
    services:
      storage:
        image: acme/storage:2.0
        volumes:
          - /mnt/disks:/mnt/disks:rslave
    ```

    ## References
    - [Bind propagation](https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation)
    - CIS Docker Benchmark (v1.6.0) 5.20: ensure mount propagation mode is not set to shared
    """

    code = "DC059"
    name = "compose-shared-mount-propagation"
    severity = Severity.WARNING
    category = "security"
    security_severity = 5.5
    cis = ("5.20",)
    kind = "compose"
    markers = frozenset({'volumes'})
    aliases = ("CL-0017",)  # compose-lint's id

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(service))

    def _check(self, service):
        entry = service.entry("volumes")
        if entry is None or entry.node is None or entry.node.kind != "seq":
            return
        for item in entry.node.value:
            if item.kind == "scalar" and isinstance(item.value, str) and "$" not in item.value:
                parts = item.value.strip().split(":")
                if len(parts) >= 3 and parts[0].startswith(("/", ".", "~")):
                    mode = {word.strip().lower() for word in parts[-1].split(",")}
                    found = sorted(mode & _SHARED)
                    if found:
                        yield Violation(item.span, self._message(service, found[0]), path=item.file)
            elif item.kind == "map":
                bind = item.get("bind")
                propagation = bind.get("propagation") if bind is not None else None
                if propagation is not None and propagation.kind == "scalar" and str(propagation.value).strip().lower() in _SHARED:
                    yield Violation(propagation.span, self._message(service, str(propagation.value).strip()), path=propagation.file)

    @staticmethod
    def _message(service, mode):
        return f"a volume of service {service.name} uses {mode} propagation: mounts made in the container reach the host; use rslave or the default"
