"""DC038: the Docker (or Podman) socket is mounted into a service."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.engine_sockets import is_engine_socket
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import is_true, once


def _literal_socket_name(path: str) -> bool:
    """``${XDG_RUNTIME_DIR}/docker.sock``: a variable picks the folder, the socket's name is written out."""
    return path.endswith(("/docker.sock", "/podman.sock"))


class ComposeDockerSocket(Rule):
    """The Docker socket is mounted into a service.

    ## Why is this bad?
    Whoever can talk to the Docker API is root on the host: they can start a
    privileged container that mounts `/`. Mounting `/var/run/docker.sock`
    (even read-only: the API still works) hands that power to the service and
    to anyone who compromises it. `use_api_socket: true` does the same. When a
    tool truly needs the API, put a filtering proxy in front of it and give the
    service only the calls it needs.

    ## Example
    ```yaml
    services:
      ci-runner:
        image: acme/runner:3.2
        volumes:
          - /var/run/docker.sock:/var/run/docker.sock
    ```

    ## Use instead
    ```yaml
    services:
      ci-runner:
        image: acme/runner:3.2
        environment:
          DOCKER_HOST: tcp://socket-proxy:2375
      socket-proxy:
        image: tecnativa/docker-socket-proxy:0.3
        environment:
          CONTAINERS: 1
    ```

    ## References
    - [Docker daemon attack surface](https://docs.docker.com/engine/security/#docker-daemon-attack-surface)
    """

    code = "DC038"
    name = "compose-docker-socket"
    severity = Severity.ERROR
    category = "security"
    aliases = ("CL-0001",)
    cis = ("5.32",)
    security_severity = 9.0
    kind = "compose"
    markers = frozenset({'volumes', 'use_api_socket'})

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        for volume in service.volumes:
            if volume.type == "bind" and is_engine_socket(volume.source) and (volume.resolved or _literal_socket_name(volume.source)):
                yield Violation(volume.span, f"service {service.name} mounts the container engine socket {volume.source}: that is root access to the host")
        if is_true(service.use_api_socket):
            yield Violation(service.use_api_socket.span, f"use_api_socket gives service {service.name} the Docker API: that is root access to the host")
