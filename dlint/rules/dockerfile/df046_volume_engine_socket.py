"""DF046: VOLUME at the container engine's socket."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.engine_sockets import is_engine_socket
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.paths import dequote
from dlint.views.dockerfile.variables import resolve


class VolumeEngineSocket(Rule):
    """`VOLUME` declares the Docker (or Podman, containerd) socket, `/var/run/docker.sock`.

    ## Why is this bad?
    A `VOLUME` at the engine socket says the image is meant to be run with the
    host's socket mounted there. Whoever can write to that socket can start a
    privileged container with the host's root filesystem mounted: the
    container (and anyone who breaks into it) owns the host. Without the
    mount the anonymous volume is just an empty directory where the socket
    should be. Tools that really need the engine (CI runners, proxies reading
    container labels) should get a socket proxy that allows only the calls
    they make, or a rootless engine, and the run command should say so
    explicitly rather than the image.

    The Compose side (a service mounting the socket) is DC038.

    ## Example
    ```dockerfile
    FROM alpine:3.20
    VOLUME /var/run/docker.sock
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    # connect to a socket proxy over DOCKER_HOST=tcp://docker-proxy:2375
    ENV DOCKER_HOST=tcp://docker-proxy:2375
    ```

    ## References
    - [Docker docs: protect the Docker daemon socket](https://docs.docker.com/engine/security/protect-access/)
    - CIS Docker Benchmark 5.32: do not mount the Docker socket inside containers
    """

    code = "DF046"
    name = "volume-engine-socket"
    severity = Severity.WARNING
    category = "security"
    security_severity = 8.0
    cis = ("5.32",)
    kind = "dockerfile"
    instructions = frozenset({"VOLUME"})
    markers = frozenset({".sock"})

    def check_instruction(self, ctx, instruction):
        for token in getattr(instruction, "paths", ()):
            path = dequote(token.value)
            if "$" in token.raw:
                path = resolve(ctx, instruction, token.raw)  # None: a value this file does not know
            if is_engine_socket(path):
                yield Violation(token.span, f"VOLUME {path}: the image expects the engine socket, which hands the host to the container")
