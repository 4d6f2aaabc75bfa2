"""DC035: a database or cache port is published on every host interface."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_images import service_stores, store_serves
from dlint.models.finding import Severity, Violation
from dlint.views.compose.ports import binding


class ComposeDatabasePortExposed(Rule):
    """Database or cache port published on all host interfaces.

    ## Why is this bad?
    `ports: ["5432:5432"]` listens on every interface of the host, and Docker's
    port publishing bypasses host firewalls such as ufw: the database is
    reachable from the network, often with a default password. Other services
    reach it by its service name without any `ports:`; for access from the
    host, bind to loopback (`127.0.0.1:5432:5432`). A container port alone
    (`"5432"`) is published as well, on a host port the engine picks; use
    `expose:` to document a port without publishing it.

    A service is a database when its image is a well-known database or cache
    image, or when it builds from a Dockerfile whose built stage starts from
    one (`FROM postgres:16`) and still runs its server (no `ENTRYPOINT` of
    its own, a `CMD` that names the server or passes it options); when dlint
    cannot read the Dockerfile, the `image` the build is tagged with decides. The project as Compose merges
    it is judged: a port an override file publishes is reported in that
    file. When `build.target` names no stage or a variable decides it, a
    port is reported only when every stage would serve it.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:17
        ports: ["5432:5432"]
        volumes: [db:/var/lib/postgresql/data]
    volumes:
      db:
    ```

    ## Use instead
    ```yaml
    services:
      db:
        image: postgres:17
        ports: ["127.0.0.1:5432:5432"]
        volumes: [db:/var/lib/postgresql/data]
    volumes:
      db:
    ```

    ## References
    - [Published ports](https://docs.docker.com/engine/network/#published-ports)
    - [Docker and ufw](https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw)
    """

    code = "DC035"
    name = "compose-database-port-exposed"
    severity = Severity.WARNING
    category = "security"
    cis = ("5.9",)
    security_severity = 7.0
    kind = "compose"
    markers = frozenset({'ports'})

    def check_compose_project(self, ctx):
        reported: set[tuple[str, int, int]] = set()
        for name, service in ctx.project.services.items():
            if not service.ports:
                continue
            found = service_stores(ctx, name, service)
            if found is None:
                continue
            stores = [store for store, _ in found[0]]
            for port in service.ports:
                # whichever stage the build targets, the port is one the store serves
                if not store_serves(stores, binding(port)):
                    continue
                key = (port.path, port.span.start, port.span.end)  # a port under an anchor: once
                if key in reported:
                    continue
                reported.add(key)
                yield Violation(port.span, f"{stores[0].family} port of service {name} is published on every host interface: bind it to 127.0.0.1 or drop the mapping", path=port.path)
