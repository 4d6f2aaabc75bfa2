"""DC056: a server reachable from the network has its authentication switched off."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_images import data_store
from dlint.knowledge.long_running import command_words
from dlint.models.finding import Severity, Violation
from dlint.views.compose.ports import binding, describe_range
from dlint.views.compose.values import text_of

#: environment settings that switch authentication off, with the container port of the
#: server they open (the images' own documentation: postgres, mysql, mariadb, Bitnami,
#: Elasticsearch, OpenSearch, Traefik); a value in the set turns it off
_SWITCHES = {
    "POSTGRES_HOST_AUTH_METHOD": ({"trust"}, (5432,)),
    "MYSQL_ALLOW_EMPTY_PASSWORD": (None, (3306,)),  # None: any value but a "no" word
    "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD": (None, (3306,)),
    "MARIADB_ALLOW_EMPTY_PASSWORD": (None, (3306,)),
    "ALLOW_EMPTY_PASSWORD": ({"yes", "true", "1"}, None),  # Bitnami images: any published port
    "xpack.security.enabled": ({"false"}, (9200,)),
    "plugins.security.disabled": ({"true"}, (9200,)),
    "DISABLE_SECURITY_PLUGIN": ({"true"}, (9200,)),
    "TRAEFIK_API_INSECURE": ({"true"}, (8080,)),
}
#: the same settings as command options (``-Expack.security.enabled=false``, ``--api.insecure``)
_OPTIONS = {
    "xpack.security.enabled": ({"false"}, (9200,)),
    "plugins.security.disabled": ({"true"}, (9200,)),
    "--api.insecure": ({"true", ""}, (8080,)),
}
#: root password settings that make a MySQL-family empty password moot
_ROOT_PASSWORDS = (
    "MYSQL_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD_FILE", "MYSQL_RANDOM_ROOT_PASSWORD",
    "MARIADB_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD_FILE", "MARIADB_RANDOM_ROOT_PASSWORD",
)  # fmt: skip
_NO = frozenset({"", "no", "false", "0", "off"})
#: servers that accept anyone unless a password is set: (what sets one in the command,
#: in the environment); the official redis and mongo images start without authentication
_OPEN_BY_DEFAULT = {
    "redis": (("--requirepass", "--aclfile"), ("REDIS_PASSWORD", "REDIS_PASSWORD_FILE")),
    "valkey/valkey": (("--requirepass", "--aclfile"), ("VALKEY_PASSWORD", "REDIS_PASSWORD")),
    "eqalpha/keydb": (("--requirepass", "--aclfile"), ("REDIS_PASSWORD",)),
    "mongo": (("--auth", "--keyFile", "--config", "-f"), ("MONGO_INITDB_ROOT_PASSWORD", "MONGO_INITDB_ROOT_PASSWORD_FILE")),
    "mongodb/mongodb-community-server": (("--auth", "--keyFile", "--config", "-f"), ("MONGO_INITDB_ROOT_PASSWORD", "MONGO_INITDB_ROOT_PASSWORD_FILE")),
}
_LOOPBACK = ("127.", "::1", "localhost")


def _published(service, ports: tuple[int, ...] | None):
    """The first ``ports`` item that publishes one of ``ports`` (any, for None) on a host
    interface other than loopback; None when none does or a variable decides."""
    for port in service.ports:
        bound = binding(port)
        if not bound.host_ip_known or not bound.published_known or bound.target is None:
            continue
        if bound.host_ip is not None and bound.host_ip.startswith(_LOOPBACK):
            continue
        first, last = bound.target
        if ports is None or any(first <= served <= last for served in ports):
            return port
    return None


def _set_password(service, command_options: tuple[str, ...], variables: tuple[str, ...]) -> bool | None:
    """Whether the service sets a password (True), sets none (False), or dlint cannot tell
    (None: an ``env_file``, a variable in the command, a config file, a build)."""
    if service.env_file or service.build is not None:
        return None
    for name in variables:
        if name in service.environment:
            return True
    words = command_words(service) if service.command is not None or service.entrypoint is not None else []
    if words is None:
        return None
    if any(word.endswith(".conf") for word in words):
        return None  # a config file may set one
    return any(word.split("=", 1)[0] in command_options for word in words)


class ComposeAuthenticationDisabled(Rule):
    """A server reachable from the network accepts clients without a password.

    ## Why is this bad?
    A published port is reachable from the network (Docker's port publishing
    bypasses host firewalls such as ufw). A database or dashboard behind it
    that lets anyone in hands over its data, and often the host: an open
    Redis can be told to write files, `POSTGRES_HOST_AUTH_METHOD: trust`
    lets anyone log in as the superuser, Traefik's insecure API shows and
    changes the routing. Reported, at the setting or at the published port:

    - authentication switched off: `POSTGRES_HOST_AUTH_METHOD: trust`,
      `MYSQL_ALLOW_EMPTY_PASSWORD`, `MARIADB_ALLOW_EMPTY_ROOT_PASSWORD`
      (without a root password), Bitnami's `ALLOW_EMPTY_PASSWORD=yes`,
      Elasticsearch `xpack.security.enabled=false`, OpenSearch
      `plugins.security.disabled=true` / `DISABLE_SECURITY_PLUGIN=true`,
      Traefik `--api.insecure=true`;
    - no password set on a server that starts without one: the official
      redis, valkey and keydb images without `--requirepass` (or an ACL or
      config file, or `REDIS_PASSWORD`), mongo without
      `MONGO_INITDB_ROOT_PASSWORD` (or `--auth`, a key or config file).

    Only when the server's own port is published on an interface other than
    loopback: on the project's network alone, or on `127.0.0.1`, who can
    connect is decided elsewhere, and a development setup often wants it
    so. dlint says nothing when it cannot see the answer: a variable
    decides the value or the port, an `env_file` may set the password, or
    the service builds its own image. A warning, not an error: whether the
    network beyond the host is trusted (a laptop, a private subnet) is not
    in the file.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:17
        environment:
          POSTGRES_HOST_AUTH_METHOD: trust
        ports: ["5432:5432"]
    ```

    ## Use instead
    ```yaml
    services:
      db:
        image: postgres:17
        environment:
          POSTGRES_PASSWORD_FILE: /run/secrets/db_password
        secrets: [db_password]
        ports: ["127.0.0.1:5432:5432"]
    secrets:
      db_password:
        file: ./secrets/db_password.txt
    ```

    ## References
    - [postgres image: POSTGRES_HOST_AUTH_METHOD](https://hub.docker.com/_/postgres)
    - [Redis security](https://redis.io/docs/latest/operate/oss_and_stack/management/security/)
    - [Elasticsearch security settings](https://www.elastic.co/guide/en/elasticsearch/reference/current/security-settings.html)
    - [Traefik API: insecure](https://doc.traefik.io/traefik/operations/api/#insecure)
    - [Docker and ufw](https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw)
    """

    code = "DC056"
    name = "compose-authentication-disabled"
    severity = Severity.WARNING
    category = "security"
    security_severity = 7.5
    kind = "compose"
    markers = frozenset({'ports'})

    def check_compose_project(self, ctx):
        reported: set[tuple[str, int, int]] = set()
        for name, service in ctx.project.services.items():
            for node, message in self._check(name, service):
                key = (node.path, node.span.start, node.span.end)  # a node under an anchor: once
                if key not in reported:
                    reported.add(key)
                    yield Violation(node.span, message, path=node.path)

    @staticmethod
    def _check(name, service):
        if not service.ports:
            return
        for variable, (values, ports) in _SWITCHES.items():
            entry = service.environment.get(variable)
            value = text_of(entry.value) if entry is not None and entry.value is not None else None
            if value is None or (value.lower() not in values if values else value.lower() in _NO):
                continue
            if values is None and any(root in service.environment for root in _ROOT_PASSWORDS):
                continue
            port = _published(service, ports)
            if port is not None:
                yield entry.value, f"{variable}={value} switches authentication off on service {name}, whose port {describe_range(binding(port).target)} is published: set a password or bind the port to 127.0.0.1"
        command = service.command if service.command is not None else service.entrypoint
        for word in command_words(service) or []:
            option, _, value = (word[2:] if word.startswith("-E") else word).partition("=")
            values, ports = _OPTIONS.get(option, (None, None))
            if values is None or value.lower() not in values:
                continue
            port = _published(service, ports)
            if port is not None:
                yield command, f"{word} switches authentication off on service {name}, whose port {describe_range(binding(port).target)} is published: set a password or bind the port to 127.0.0.1"
                break
        store = data_store(service)
        family = store.family if store is not None else None
        if family in _OPEN_BY_DEFAULT and _set_password(service, *_OPEN_BY_DEFAULT[family]) is False:
            port = _published(service, store.ports[:1])
            if port is not None:
                yield port, f"{family} service {name} sets no password and publishes its port on the network: anyone who reaches it can read and change the data; set a password or bind the port to 127.0.0.1"
