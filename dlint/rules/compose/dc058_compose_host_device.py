"""DC058: a service is given a raw host disk, the host's memory or its I/O ports."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_runtime import host_device_exposure
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import once


class ComposeHostDevice(Rule):
    """Service maps a host disk, `/dev/mem`, `/dev/kmem` or `/dev/port` into the container.

    ## Why is this bad?
    A raw disk device (`/dev/sda`, `/dev/nvme0n1`, `/dev/mapper/…`) gives
    the container every byte of the host's file systems: root in the
    container reads the host's password hashes and keys, or writes to them,
    without any file permission applying. `/dev/mem`, `/dev/kmem`,
    `/dev/port` and the CPU's `msr` registers reach the host kernel itself,
    and mapping `/dev` whole hands over all of them. Map the device the
    service needs (a partition made for it, `/dev/fuse`, `/dev/net/tun`, a
    GPU) or use a volume. CIS Docker Benchmark 5.18 (host devices are not
    directly exposed to containers).

    Devices named through a variable and CDI names (`vendor.com/gpu=all`)
    are not judged.

    ## Example
    ```yaml
    services:
      backup:
        image: acme/backup:3.2
        devices:
          - /dev/sda:/dev/sda
    ```

    ## Use instead
    ```yaml
    services:
      backup:
        image: acme/backup:3.2
        volumes:
          - /srv/data:/data:ro
    ```

    ## References
    - [Compose: devices](https://docs.docker.com/reference/compose-file/services/#devices)
    - CIS Docker Benchmark (v1.6.0) 5.18: ensure that host devices are not directly exposed to containers
    """

    code = "DC058"
    name = "compose-host-device"
    severity = Severity.WARNING
    category = "security"
    security_severity = 8.0
    cis = ("5.18",)
    kind = "compose"
    markers = frozenset({'devices'})
    aliases = ("CL-0016",)  # compose-lint's id

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(service))

    def _check(self, service):
        entry = service.entry("devices")
        if entry is None or entry.node is None or entry.node.kind != "seq":
            return
        for item in entry.node.value:
            node = item
            if item.kind == "map":  # long syntax: source, target, permissions
                node = item.get("source")
            if node is None or node.kind != "scalar" or not isinstance(node.value, str) or "$" in node.value:
                continue
            host = node.value.strip().split(":", 1)[0]
            exposed = host_device_exposure(host)
            if exposed is not None:
                yield Violation(node.span, f"devices {host} gives service {service.name} {exposed}: map only the device it needs", path=node.file)
