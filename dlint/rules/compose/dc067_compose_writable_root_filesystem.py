"""DC067 (hardening): a service's root file system is writable."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_runtime import added_key_fix, hardening_services
from dlint.models.finding import Edit, Fix, Severity, Violation
from dlint.views.compose.values import text_of


class ComposeWritableRootFilesystem(Rule):
    """Service's root file system is not `read_only: true`.

    ## Why is this bad?
    A writable root file system lets a compromised process change the
    image's programs and configuration, or drop tools beside them, for as
    long as the container lives. With `read_only: true` only the volumes and
    `tmpfs` mounts the service declares can be written, which also documents
    where it keeps state. CIS Docker Benchmark 5.13 (the container's root
    file system is mounted as read only).

    Part of the off-by-default **hardening** group (`extend-select =
    ["hardening"]`): most applications write somewhere (`/tmp`, a cache, a
    pid file), so the writable paths have to be found and given a `tmpfs`
    or a volume first.

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
        read_only: true
        image: acme/api:1.4
        tmpfs: [/tmp]
    ```

    ## Fix safety
    When the service has no `read_only` key, the fix adds `read_only: true`
    as its first key; an explicit `read_only: false` is replaced by `true`.
    It is unsafe: writes outside volumes and tmpfs mounts start failing.

    ## References
    - [Compose: read_only](https://docs.docker.com/reference/compose-file/services/#read_only)
    - CIS Docker Benchmark (v1.6.0) 5.13: ensure that the container's root filesystem is mounted as read only
    """

    code = "DC067"
    name = "compose-writable-root-filesystem"
    severity = Severity.INFO
    category = "hardening"
    security_severity = 3.0
    cis = ("5.13",)
    kind = "compose"
    aliases = ("CL-0007",)  # compose-lint's id
    default_enabled = False
    fix_available = True

    def check_compose_project(self, ctx):
        for service in hardening_services(ctx.project):
            scalar = service.read_only
            message = f"service {service.name} has a writable root file system: set read_only: true and give it tmpfs or volumes where it writes"
            if scalar is None:
                fix = added_key_fix(ctx.project, service, "read_only: true", "add read_only: true")
                yield Violation(service.name_span, message, fix, path=service.path)
            elif (text_of(scalar) or "").lower() == "false" and not scalar.variables:
                fix = None
                if scalar.raw in ("false", "False", "FALSE"):
                    fix = Fix.model_construct(message="set read_only: true", edits=(Edit.model_construct(span=scalar.span, replacement="true"),), applicability="unsafe")
                yield Violation(scalar.span, message, fix, path=scalar.path)
