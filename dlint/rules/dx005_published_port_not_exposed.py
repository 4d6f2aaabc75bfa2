"""DX005: a published container port is not one the built image EXPOSEs."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._base_images import base_image, official_name
from dlint.rules._builds import target_chain
from dlint.rules._compose_images import DATA_STORES, SERVERS
from dlint.rules._compose_ports import binding, parse_range


def exposed_ports(chain) -> list[tuple[int, int, str]]:
    """``(first, last, protocol)`` of every EXPOSE in the chain (unknown values left out);
    None in place of the list when a variable makes one unknown."""
    ports: list[tuple[int, int, str]] = []
    for stage in chain:
        for instruction in stage.instructions:
            if instruction.keyword != "EXPOSE" or instruction.onbuild:
                continue
            for token in instruction.ports:
                if "$" in token.value:
                    return None
                number, _, protocol = token.value.partition("/")
                found = parse_range(number.rsplit(":", 1)[-1])
                if found is not None:
                    ports.append((found[0], found[1], (protocol or "tcp").lower()))
    return ports


def _server_base(chain) -> bool:
    """The chain starts from a web server, proxy or database image, which exposes
    ports of its own that the Dockerfile does not repeat."""
    image = base_image(chain)
    name = official_name(image) if image is not None else None
    return name is not None and (name in SERVERS or name in DATA_STORES)


class PublishedPortNotExposed(Rule):
    """A published container port is not one the Dockerfile `EXPOSE`s.

    ## Why is this bad?
    The classic mismatch: the app listens on 8000, the Dockerfile says
    `EXPOSE 8000`, and the Compose file maps `80:80` — the port opens on the
    host but nothing answers. The container side of a `ports` mapping must be
    the port the process listens on.

    Only checked when the Dockerfile `EXPOSE`s something in the built stage
    or a stage it builds on (otherwise the listening port is unknown), with
    no variable in those `EXPOSE`s, and when the image at the bottom is not a
    web server, proxy or database image (`nginx`, `httpd`, `postgres`…), which
    exposes ports of its own that dlint cannot see. Ranges and protocols are
    compared (`53/udp` is not `53/tcp`).

    ## Example
    ```dockerfile Dockerfile
    FROM python:3.12-slim
    EXPOSE 8000
    CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
    ```
    ```yaml
    services:
      web:
        build: .
        ports: ["8080:80"]
    ```

    ## Use instead
    ```dockerfile Dockerfile
    FROM python:3.12-slim
    EXPOSE 8000
    CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
    ```
    ```yaml
    services:
      web:
        build: .
        ports: ["8080:8000"]
    ```

    ## References
    - [Compose: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    """

    code = "DX005"
    name = "published-port-not-exposed"
    severity = Severity.WARNING
    category = "correctness"
    kind = "project"

    def check_project(self, ctx):
        for name, found in ctx.builds.items():
            service = ctx.project.services[name]
            if found.model is None or not service.ports:
                continue
            chain = target_chain(found.model, service)
            exposed = exposed_ports(chain)
            if not exposed or _server_base(chain):
                continue
            listed = ", ".join(f"{first}" if first == last else f"{first}-{last}" for first, last, _ in exposed)
            for port in service.ports:
                bound = binding(port)
                if bound.target is None:
                    continue
                first, last = bound.target
                covered = all(
                    any(low <= number <= high and protocol == bound.protocol for low, high, protocol in exposed)
                    for number in range(first, last + 1)
                )
                if not covered:
                    yield Violation(port.span, f"service {name} publishes container port {first if first == last else f'{first}-{last}'}/{bound.protocol}, but {found.model.path} exposes {listed}", path=port.path)
