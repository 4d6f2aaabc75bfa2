"""DC060: a tmpfs mount turns setuid or device files back on (or exec on a read-only service)."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import in_force, is_true, once, text_of


class ComposeTmpfsOptions(Rule):
    """A `tmpfs` mount is given `suid` or `dev` (or `exec` on a read-only service).

    ## Why is this bad?
    Docker mounts a service's `tmpfs` entries `nosuid`, `nodev` and
    `noexec` unless told otherwise. `suid` lets a setuid-root program
    dropped in the writable tmpfs raise whoever runs it to root, `dev` lets
    device nodes created there be opened: both undo a barrier between a
    compromised process and root in the container, and neither is needed by
    ordinary programs. `exec` is reported only when the root file system is
    `read_only: true`: there it reopens the one writable place to running
    downloaded programs, which is what the read-only root was meant to stop
    (without `read_only`, the root file system allows it anyway, so `exec`
    adds nothing).

    Reported as information: each option only matters once an attacker
    runs code in the container. No CIS Docker Benchmark item covers tmpfs
    options.

    ## Example
    ```yaml
    services:
      web:
        image: acme/web:5.0
        read_only: true
        tmpfs:
          - /tmp:exec,suid
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: acme/web:5.0
        read_only: true
        tmpfs:
          - /tmp:size=64m
    ```

    ## References
    - [Compose: tmpfs](https://docs.docker.com/reference/compose-file/services/#tmpfs)
    - [tmpfs mounts](https://docs.docker.com/engine/storage/tmpfs/)
    """

    code = "DC060"
    name = "compose-tmpfs-options"
    severity = Severity.INFO
    category = "security"
    security_severity = 3.0
    cis = ()
    kind = "compose"
    markers = frozenset({'tmpfs'})

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        read_only = is_true(in_force(ctx, service, "read_only"))
        for scalar in service.tmpfs:
            text = text_of(scalar)
            if text is None or ":" not in text:
                continue
            options = [word.strip().lower() for word in text.split(":", 1)[1].split(",")]
            bad = [word for word in options if word in ("suid", "dev") or (word == "exec" and read_only)]
            if bad:
                what = ", ".join(bad)
                why = "setuid programs and device files work there again" if set(bad) - {"exec"} else "programs written there can run although the root file system is read-only"
                yield Violation(scalar.span, f"tmpfs {text.split(':', 1)[0]} of service {service.name} is mounted {what}: {why}; drop {what}")
