"""DC040: a sensitive host path is bind-mounted into a service."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.engine_sockets import is_engine_socket
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.compose.values import once

#: host directories that give the host away when mounted whole, read-only or not: its
#: configuration and credentials, kernel interfaces, every device, the container engine's
#: state and sockets (``/run``), users' homes
SENSITIVE_ROOTS = frozenset({
    "/", "/etc", "/root", "/home", "/Users", "/proc", "/sys", "/dev", "/boot", "/var/run", "/run",
    "/var/lib/docker", "/var/lib/containerd", "/var/lib/kubelet",
    "~/.ssh", "~/.aws", "~/.docker", "~/.kube", "~/.gnupg", "~/.config/gcloud",
    "$HOME/.ssh", "$HOME/.aws", "$HOME/.docker", "$HOME/.kube",
})
#: host trees that host programs run or read as root, so writing to them takes the host over
#: (read-only single files, such as ``/etc/localtime``, and read-only ``/lib/modules`` for
#: ``modprobe`` are common and fine)
WRITE_PROTECTED_TREES = (
    "/etc", "/root", "/proc", "/sys", "/dev", "/boot", "/usr", "/bin", "/sbin", "/lib", "/lib64",
    "/var/lib/docker", "~/.ssh", "~/.aws",
)
#: device nodes that are passed to a container to use the hardware, not to reach the host:
#: GPUs (``/dev/dri`` render nodes, NVIDIA's ``/dev/nvidia*``, AMD ROCm's ``/dev/kfd``),
#: sound, video capture, USB and serial adapters, TUN/TAP (VPNs), FUSE, shared memory
_DEVICE_NODES = regex(r"^/dev/(?:dri|nvidia[a-z0-9-]*|kfd|snd|video\d+|bus/usb|ttyUSB\d+|ttyACM\d+|net/tun|fuse|shm)(?:/|$)")
#: folders under ``/usr/share`` that host services read and run as root (D-Bus activation,
#: polkit rules); any other ``/usr/share/<app>`` is an application's own data
_SHARE_SYSTEM = frozenset({"dbus-1", "polkit-1", "systemd"})


#: what root's shell and logins read or run from its home: the dotfiles and ``~/bin``
#: (on root's PATH on some distributions); any other folder of ``/root`` is what an
#: application was told to keep its data in (``DATA_FOLDER=/root/n8n``)
_ROOT_HOME_RUNS = regex(r"^/root/+(?:\.|bin(?:/|$))")


def _writes_host(source: str) -> bool:
    """Writing ``source`` can take the host over: it is in :data:`WRITE_PROTECTED_TREES`
    (in ``/root``, one of what :data:`_ROOT_HOME_RUNS` matches), and not a device node
    for hardware or an application's folder under ``/usr/share``."""
    if not any(source == tree or source.startswith(tree + "/") for tree in WRITE_PROTECTED_TREES):
        return False
    if source.startswith("/root/") and not _ROOT_HOME_RUNS.match(source):
        return False
    if _DEVICE_NODES.match(source):
        return False
    share = source.removeprefix("/usr/share/").split("/", 1)[0] if source.startswith("/usr/share/") else None
    return share is None or share in _SHARE_SYSTEM


#: extensions of configuration files
CONFIG_EXTENSIONS = (".conf", ".cfg", ".cnf", ".ini", ".yaml", ".yml", ".json", ".toml")
#: where images read configuration from
CONFIG_TARGETS = ("/etc/", "/usr/local/etc/")


def _config_file(source: str, target: str | None) -> bool:
    """A single configuration file (judged by its extension) mounted where the image reads
    configuration: files an application writes itself (state, certificates) live elsewhere."""
    name = source.rsplit("/", 1)[-1].lower()
    return name.endswith(CONFIG_EXTENSIONS) and target is not None and target.startswith(CONFIG_TARGETS)


#: folders of a home directory that hold credentials (keys, cloud and cluster logins)
HOME_SECRETS = frozenset({".ssh", ".aws", ".docker", ".kube", ".gnupg", ".azure", ".config/gcloud"})
#: a path in someone's home: ``~/…``, ``$HOME/…``, ``${HOME}/…`` (with or without a default),
#: ``/home/<user>/…``, ``/Users/<user>/…``, ``/root/…``
_HOME_PATH = regex(r"^(?:~|\$HOME|\$\{HOME(?::?-[^}]*)?\}|/home/[^/$]+|/Users/[^/$]+|/root)/+(?P<rest>[^$]+?)/*$")


def _in_home(source: str) -> str | None:
    """The part of ``source`` below a home directory (``.ssh``, ``.aws/credentials``), when
    it is one; no other variable than HOME may decide it."""
    match = _HOME_PATH.match(source.strip())
    return match["rest"] if match else None


def _normal(path: str) -> str:
    path = path.strip()
    if path.startswith("${HOME}"):
        path = "$HOME" + path[len("${HOME}"):]
    return path.rstrip("/") or "/"


class ComposeSensitiveHostMount(Rule):
    """A sensitive host path is bind-mounted into a service.

    ## Why is this bad?
    Some host paths give the host away. Mounted whole, read-only or not: `/`,
    `/etc`, `/root`, `/home` (`/Users`), `/proc`, `/sys`, `/dev`, `/boot`,
    `/run` (`/var/run`), `/var/lib/docker`, `/var/lib/containerd`,
    `/var/lib/kubelet` and a home's credential folders (`~/.ssh`, `~/.aws`,
    `~/.docker`, `~/.kube`, `~/.gnupg`, gcloud's): the host's configuration,
    credentials, kernel interfaces, devices and container engine. Written to
    (mounted without `:ro`), anything under `/etc`, `/proc`, `/sys`, `/dev`,
    `/boot`, `/usr`, `/bin`, `/sbin`, `/lib`, `/lib64`, `/var/lib/docker`,
    `~/.ssh` or `~/.aws`, and root's dotfiles and `/root/bin`: programs the
    host runs as root read or execute them. Another folder of `/root`
    (`/root/n8n/data`) is an application's data, which it must write.
    Mount only the file the service needs, read-only (`:ro`); single
    read-only files such as `/etc/localtime`, and `/lib/modules:ro` for
    `modprobe`, are fine. Device nodes passed to use
    hardware (GPUs: `/dev/dri`, `/dev/nvidia*`, `/dev/kfd`; sound, video
    capture, USB and serial adapters, `/dev/net/tun`, `/dev/fuse`, `/dev/shm`)
    and an application's own folder under `/usr/share/<app>` (not D-Bus,
    polkit or systemd's) are not reported. (The Docker socket has its own
    rule, DC038.) A configuration file of the project
    (`./nginx.conf`, `./prometheus.yml` …) mounted under `/etc` or
    `/usr/local/etc` without `:ro` is reported too: the service, or anyone who
    breaks into it, can rewrite the file in your checkout; configuration is
    meant to be read. Directories are not judged (applications write state
    into some, such as `/etc/letsencrypt`).

    ## Example
    ```yaml
    services:
      backup:
        image: acme/backup:2
        volumes:
          - /etc:/host-etc
          - ./nginx.conf:/etc/nginx/nginx.conf
    ```

    ## Use instead
    ```yaml
    services:
      backup:
        image: acme/backup:2
        volumes:
          - /etc/backup.conf:/etc/backup.conf:ro
          - ./nginx.conf:/etc/nginx/nginx.conf:ro
    ```

    ## References
    - [Compose: volumes](https://docs.docker.com/reference/compose-file/services/#volumes)
    - [Bind mounts](https://docs.docker.com/engine/storage/bind-mounts/)
    """

    code = "DC040"
    name = "compose-sensitive-host-mount"
    severity = Severity.WARNING
    category = "security"
    aliases = ("CL-0013", "CL-0025")
    cis = ("5.6",)
    security_severity = 7.5
    kind = "compose"
    markers = frozenset({'volumes'})

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        for volume in service.volumes:
            if volume.type != "bind" or not volume.source or is_engine_socket(volume.source):
                continue
            home = _in_home(volume.source)
            if home is not None:
                shown = "~/" + home
                if home in HOME_SECRETS:
                    yield Violation(volume.span, f"service {service.name} mounts the host's {shown}: mount only the file it needs{'' if volume.read_only else ', read-only'}")
                    continue
                if not volume.read_only and home.startswith(tuple(f"{folder}/" for folder in HOME_SECRETS)):
                    yield Violation(volume.span, f"service {service.name} can write to the host's {shown}: add :ro")
                    continue
            if not volume.resolved:
                continue
            source = _normal(volume.source)
            if source in SENSITIVE_ROOTS:
                yield Violation(volume.span, f"service {service.name} mounts the host's {source}: mount only the file it needs{'' if volume.read_only else ', read-only'}")
            elif not volume.read_only and _writes_host(source):
                yield Violation(volume.span, f"service {service.name} can write to the host's {source}: add :ro")
            elif not volume.read_only and _config_file(source, volume.target):
                yield Violation(volume.span, f"service {service.name} can change the configuration file {source} it mounts: add :ro")
