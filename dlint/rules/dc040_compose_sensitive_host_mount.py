"""DC040: a sensitive host path is bind-mounted into a service."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._compose_values import once
from dlint.rules.dc038_compose_docker_socket import is_engine_socket

#: host directories that are dangerous to mount whole, read-only or not
SENSITIVE_ROOTS = frozenset({
    "/", "/etc", "/root", "/proc", "/sys", "/dev", "/boot", "/var/run", "/run",
    "/var/lib/docker", "/var/lib/containerd", "/var/lib/kubelet", "/lib/modules", "/usr",
    "~/.ssh", "~/.aws", "~/.docker", "~/.kube", "~/.gnupg", "~/.config/gcloud",
    "$HOME/.ssh", "$HOME/.aws", "$HOME/.docker", "$HOME/.kube",
})
#: host trees whose files must not be mounted writable (read-only single files, such as
#: ``/etc/localtime``, are common and fine)
WRITE_PROTECTED_TREES = ("/etc/", "/root/", "/proc/", "/sys/", "/dev/", "/boot/", "/usr/", "/var/lib/docker/", "~/.ssh/", "~/.aws/")


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
_HOME_PATH = re.compile(r"^(?:~|\$HOME|\$\{HOME(?::?-[^}]*)?\}|/home/[^/$]+|/Users/[^/$]+|/root)/+(?P<rest>[^$]+?)/*$")


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
    Mounting `/`, `/etc`, `/proc`, `/sys`, `/root`, `/var/lib/docker` or a
    user's `~/.ssh` gives the container the host's configuration, credentials
    or kernel interfaces: reading them leaks secrets, writing them takes over
    the host. Mount only the file the service needs, read-only (`:ro`);
    single read-only files such as `/etc/localtime` are fine. (The Docker
    socket has its own rule, DC038.) A configuration file of the project
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
    security_severity = 7.5
    kind = "compose"

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
            elif not volume.read_only and source.startswith(WRITE_PROTECTED_TREES):
                yield Violation(volume.span, f"service {service.name} can write to the host's {source}: add :ro")
            elif not volume.read_only and _config_file(source, volume.target):
                yield Violation(volume.span, f"service {service.name} can change the configuration file {source} it mounts: add :ro")
