"""DC049: a fixed container_name on a service that runs several containers."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import text_of


def _count(scalar) -> int | None:
    text = text_of(scalar)
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        return None


class ComposeContainerNameScaled(Rule):
    """`container_name` on a service with several replicas.

    ## Why is this bad?
    Container names are unique on a Docker host. A service that asks for
    more than one container (`scale: 3` or `deploy.replicas: 3`) cannot give
    them all the same fixed name: `docker compose up` fails, and so does
    `docker compose up --scale`. Drop `container_name` and let Compose name
    the containers (`<project>-<service>-<n>`); other services reach them by
    the service name anyway.

    Values are read after merging override files and with known variables;
    a count decided by an unknown variable is not judged.

    ## Example
    ```yaml
    services:
      worker:
        image: acme/worker:1.4
        container_name: worker
        deploy:
          replicas: 3
    ```

    ## Use instead
    ```yaml
    services:
      worker:
        image: acme/worker:1.4
        deploy:
          replicas: 3
    ```

    ## References
    - [Compose: container_name](https://docs.docker.com/reference/compose-file/services/#container_name)
    - [Compose: scale](https://docs.docker.com/reference/compose-file/services/#scale)
    - [Compose Deploy: replicas](https://docs.docker.com/reference/compose-file/deploy/#replicas)
    """

    code = "DC049"
    name = "compose-container-name-scaled"
    severity = Severity.ERROR
    category = "correctness"
    kind = "compose"
    markers = frozenset({'container_name'})

    def check_compose_project(self, ctx):
        for service in ctx.project.services.values():
            name = service.container_name
            if name is None or text_of(name) in (None, ""):
                continue
            for key, scalar in (("scale", service.scale), ("deploy.replicas", service.deploy.replicas if service.deploy else None)):
                count = _count(scalar)
                if count is not None and count > 1:
                    yield Violation(
                        name.span,
                        f"service {service.name} has container_name {text_of(name)} but {key} {count}: container names are unique, so Compose cannot create the replicas",
                        path=name.path,
                    )
                    break
