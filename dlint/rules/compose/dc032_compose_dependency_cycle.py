"""DC032: services that depend on each other in a loop."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import text_of


def dependencies(service) -> list[tuple[str, str, object, str]]:
    """``(service, how, span, path)`` of every service this one must start after: its
    ``depends_on`` and the dependencies Compose infers from ``links``,
    ``network_mode``/``ipc``/``pid: service:NAME`` and ``volumes_from``. Values a
    variable decides are left out."""
    found = [(entry.service, "depends_on", entry.name_span, entry.path) for entry in service.depends_on.values()]
    for scalar in service.links:
        text = text_of(scalar)
        if text:
            found.append((text.split(":", 1)[0].strip(), "links", scalar.span, scalar.path))
    for key in ("network_mode", "ipc", "pid"):
        scalar = getattr(service, key)
        text = text_of(scalar)
        if text and text.startswith("service:"):
            found.append((text[len("service:"):].strip(), key, scalar.span, scalar.path))
    for scalar in service.volumes_from:
        text = text_of(scalar)
        if not text or text.startswith("container:"):
            continue
        name = text.removeprefix("service:").split(":", 1)[0].strip()  # "web:ro" mounts read-only
        found.append((name, "volumes_from", scalar.span, scalar.path))
    return found


class ComposeDependencyCycle(Rule):
    """Services depend on each other in a loop.

    ## Why is this bad?
    Compose starts a service after the services it depends on. When the
    dependencies loop back (`api` waits for `worker`, which waits for `api`),
    there is no order to start them in and `docker compose up` stops with a
    dependency cycle error. Besides `depends_on`, Compose also orders services
    by `links`, `volumes_from` and `network_mode`/`ipc`/`pid: service:NAME`,
    so these count too. Each loop is reported once, at the dependency that
    closes it (walking services in the order they are defined); the override
    files are merged first, so a loop split across files is found as well.
    Services usually reach each other over the network by name, which needs
    no `depends_on` in either direction: drop the dependency that only one
    side really needs at start-up.

    ## Example
    ```yaml
    services:
      api:
        image: acme/api:1.4
        depends_on: [worker]
      worker:
        image: acme/worker:1.4
        depends_on: [api]
    ```

    ## Use instead
    ```yaml
    services:
      api:
        image: acme/api:1.4
        depends_on: [worker]
      worker:
        image: acme/worker:1.4
    ```

    ## References
    - [Compose: depends_on](https://docs.docker.com/reference/compose-file/services/#depends_on)
    - [Control startup order](https://docs.docker.com/compose/how-tos/startup-order/)
    """

    code = "DC032"
    name = "compose-dependency-cycle"
    severity = Severity.ERROR
    category = "correctness"
    kind = "compose"

    def check_compose_project(self, ctx):
        services = ctx.project.services
        graph = {name: [edge for edge in dependencies(service) if edge[0] in services] for name, service in services.items()}
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        path: list[str] = []
        reported: set[tuple[str, ...]] = set()  # loops already reported (parallel edges close the same one)

        for root in services:
            if root in state:
                continue
            # depth-first, iteratively (a chain of a thousand services is deeper than
            # Python's recursion limit): each frame is a service and its next edge
            state[root] = 1
            path.append(root)
            frames = [(root, iter(graph[root]))]
            while frames:
                name, edges = frames[-1]
                edge = next(edges, None)
                if edge is None:
                    frames.pop()
                    path.pop()
                    state[name] = 2
                    continue
                target, how, span, where = edge
                if state.get(target) == 1:  # a back edge: it closes a loop
                    loop = [*path[path.index(target):], target]
                    if tuple(loop) not in reported:
                        reported.add(tuple(loop))
                        yield Violation(span, f"dependency cycle: {' -> '.join(loop)} ({how} of service {name} closes it)", path=where)
                elif target not in state:
                    state[target] = 1
                    path.append(target)
                    frames.append((target, iter(graph[target])))
