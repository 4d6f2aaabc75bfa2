"""DC012: two services with the same ``container_name``."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.nodes import may_run_together
from dlint.views.compose.values import text_of


class ComposeDuplicateContainerName(Rule):
    """Two services use the same `container_name`.

    ## Why is this bad?
    A container name is unique on a Docker host. When two services of one
    project ask for the same `container_name`, the second container cannot be
    created and `docker compose up` fails with a name conflict. The check runs
    on the merged project (override files and `extends` included) and uses the
    values of variables known from `.env`; names decided by an unknown
    variable are not compared. Services that belong only to profiles that are
    never enabled together do not clash. The finding points at the later
    service's `container_name`.

    ## Example
    ```yaml
    services:
      api:
        image: acme/api:1.4
        container_name: backend
      worker:
        image: acme/worker:1.4
        container_name: backend
    ```

    ## Use instead
    ```yaml
    services:
      api:
        image: acme/api:1.4
        container_name: backend-api
      worker:
        image: acme/worker:1.4
        container_name: backend-worker
    ```

    ## References
    - [Compose: container_name](https://docs.docker.com/reference/compose-file/services/#container_name)
    """

    code = "DC012"
    name = "compose-duplicate-container-name"
    severity = Severity.ERROR
    category = "correctness"
    kind = "compose"
    markers = frozenset({'container_name'})
    aliases = ("no-duplicate-container-names",)

    def check_compose_project(self, ctx):
        earlier: dict[str, list] = {}
        reported = set()
        for service in ctx.project.services.values():
            name = text_of(service.container_name)
            if not name:
                continue
            clash = next((other for other in earlier.get(name, ()) if may_run_together(other, service)), None)
            earlier.setdefault(name, []).append(service)
            if clash is None:
                continue
            scalar = service.container_name
            if (scalar.path, scalar.span.start) in reported:
                continue
            reported.add((scalar.path, scalar.span.start))
            yield Violation(
                scalar.span,
                f"container name {name} of service {service.name} is already used by service {clash.name}: container names are unique on a host",
                path=scalar.path,
            )
