"""Where container engines listen: the sockets that hand over the engine (and the host) to
whoever can write to them."""

from __future__ import annotations

#: host paths of container engine API sockets
ENGINE_SOCKETS = frozenset({
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/var/run/podman/podman.sock",
    "/run/podman/podman.sock",
    "/run/containerd/containerd.sock",
    "/var/run/containerd/containerd.sock",
    "/var/run/crio/crio.sock",
    "/run/user/1000/docker.sock",
    "/run/user/1000/podman/podman.sock",
})


def is_engine_socket(path: str | None) -> bool:
    return path is not None and (path.rstrip("/") in ENGINE_SOCKETS or path.endswith(("/docker.sock", "/podman.sock")))
