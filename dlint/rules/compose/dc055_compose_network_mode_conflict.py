"""DC055: network_mode combined with networks, or with ports on a shared network stack."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import text_of


class ComposeNetworkModeConflict(Rule):
    """`network_mode` combined with `networks`, or with `ports` on another container's network stack.

    ## Why is this bad?
    `network_mode` replaces the service's own networking: `host` uses the
    host's stack, `none` none at all, `service:NAME` and `container:NAME`
    join another container's. Two combinations cannot work:

    - `network_mode` together with `networks`: Compose refuses the service,
      the two are mutually exclusive.
    - `ports` with `network_mode: service:NAME` or `container:NAME`: the
      service has no network stack of its own to publish from, and Docker
      refuses to create the container. Publish the ports on the service
      that owns the stack (a VPN or proxy sidecar setup, typically).

    Values are read after merging override files; a `network_mode` decided
    by an unknown variable is not judged.

    ## Example
    ```yaml
    services:
      vpn:
        image: qmcgaw/gluetun:v3.39
      downloader:
        image: acme/downloader:1.0
        network_mode: service:vpn
        ports:
          - "8080:8080"
    ```

    ## Use instead
    ```yaml
    services:
      vpn:
        image: qmcgaw/gluetun:v3.39
        ports:
          - "8080:8080"
      downloader:
        image: acme/downloader:1.0
        network_mode: service:vpn
    ```

    ## References
    - [Compose: network_mode](https://docs.docker.com/reference/compose-file/services/#network_mode)
    - [Compose: networks](https://docs.docker.com/reference/compose-file/services/#networks)
    - [Container networking: container network mode](https://docs.docker.com/engine/network/#container-networks)
    """

    code = "DC055"
    name = "compose-network-mode-conflict"
    severity = Severity.ERROR
    category = "correctness"
    kind = "compose"
    markers = frozenset({'network_mode'})

    def check_compose_project(self, ctx):
        for service in ctx.project.services.values():
            mode = text_of(service.network_mode)
            if not mode:
                continue
            scalar = service.network_mode
            if service.networks:
                yield Violation(
                    scalar.span,
                    f"service {service.name} sets both network_mode and networks: Compose refuses the combination; keep one",
                    path=scalar.path,
                )
            if service.ports and mode.startswith(("service:", "container:")):
                yield Violation(
                    scalar.span,
                    f"service {service.name} publishes ports but uses the network stack of {mode.split(':', 1)[1]}: publish them on that service instead",
                    path=scalar.path,
                )
