"""DC062: a service runs under a cgroup parent of its own choosing."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import in_force, once, text_of


class ComposeCgroupParent(Rule):
    """Service sets `cgroup_parent`.

    ## Why is this bad?
    `cgroup_parent` places the container under a cgroup chosen in the file
    instead of the one Docker manages: the container then gets whatever
    limits (or none) that cgroup has, and shares them with everything else
    under it, so the memory, CPU and process limits set for the service are
    no longer the only ones that decide. Keep the default unless the host's
    cgroup layout is meant for it, and check that the parent cgroup itself
    is limited. CIS Docker Benchmark 5.25 (cgroup usage is confirmed).

    Reported as information: a deliberate `cgroup_parent` is fine once
    confirmed; suppress the finding there.

    ## Example
    ```yaml
    services:
      worker:
        image: acme/worker:2.2
        cgroup_parent: /system.slice
    ```

    ## Use instead
    ```yaml
    services:
      worker:
        image: acme/worker:2.2
    ```

    ## References
    - [Compose: cgroup_parent](https://docs.docker.com/reference/compose-file/services/#cgroup_parent)
    - CIS Docker Benchmark (v1.6.0) 5.25: ensure that cgroup usage is confirmed
    """

    code = "DC062"
    name = "compose-cgroup-parent"
    severity = Severity.INFO
    category = "security"
    security_severity = 3.0
    cis = ("5.25",)
    kind = "compose"
    markers = frozenset({'cgroup_parent'})

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        scalar = in_force(ctx, service, "cgroup_parent")
        parent = text_of(scalar)
        if parent:
            yield Violation(scalar.span, f"service {service.name} runs under cgroup parent {parent}: the limits of that cgroup apply, not only the service's; confirm it is meant")
