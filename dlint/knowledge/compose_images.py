"""What well-known images are: databases and caches, where they keep data, which port they
serve, which ship no healthcheck; the images whose default command is an interactive shell
or prompt. Paths and ports are those the images' Docker Hub pages document (``postgres``
keeps data in ``/var/lib/postgresql/data`` and serves 5432, ``redis`` ``/data`` and 6379…);
the Docker Official Images define no ``HEALTHCHECK`` (their maintainers leave it to users)."""

from __future__ import annotations

from functools import lru_cache

from dlint.models.base import Frozen
from dlint.views.compose.values import text_of
from dlint.views.dockerfile.image_chain import base_image, last_in_chain


class DataStore(Frozen):
    """A database or cache image family."""

    family: str
    data_dirs: tuple[str, ...]  # where the image keeps its data
    ports: tuple[int, ...]  # ports it serves on
    data_env: str | None = None  # an environment variable that moves the data directory


DATA_STORES = {
    store.family: store
    for store in (
        DataStore("postgres", ("/var/lib/postgresql/data", "/var/lib/postgresql"), (5432,), "PGDATA"),
        DataStore("postgis/postgis", ("/var/lib/postgresql/data", "/var/lib/postgresql"), (5432,), "PGDATA"),
        DataStore("timescale/timescaledb", ("/var/lib/postgresql/data", "/var/lib/postgresql"), (5432,), "PGDATA"),
        DataStore("mysql", ("/var/lib/mysql",), (3306, 33060)),
        DataStore("mariadb", ("/var/lib/mysql",), (3306,)),
        DataStore("percona", ("/var/lib/mysql",), (3306,)),
        DataStore("mongo", ("/data/db",), (27017,)),
        DataStore("redis", ("/data",), (6379,)),
        DataStore("valkey/valkey", ("/data",), (6379,)),
        DataStore("eqalpha/keydb", ("/data",), (6379,)),
        DataStore("elasticsearch", ("/usr/share/elasticsearch/data",), (9200, 9300)),
        DataStore("elastic/elasticsearch", ("/usr/share/elasticsearch/data",), (9200, 9300)),
        DataStore("opensearchproject/opensearch", ("/usr/share/opensearch/data",), (9200, 9600)),
        DataStore("rabbitmq", ("/var/lib/rabbitmq",), (5672, 15672)),
        DataStore("cassandra", ("/var/lib/cassandra",), (9042,)),
        DataStore("couchdb", ("/opt/couchdb/data",), (5984,)),
        DataStore("influxdb", ("/var/lib/influxdb2", "/var/lib/influxdb"), (8086,)),
        DataStore("neo4j", ("/data",), (7474, 7687)),
        DataStore("clickhouse/clickhouse-server", ("/var/lib/clickhouse",), (8123, 9000)),
        DataStore("minio/minio", ("/data",), (9000, 9001)),
        DataStore("memcached", (), (11211,)),
        DataStore("redis/redis-stack", ("/data",), (6379, 8001)),
        DataStore("redis/redis-stack-server", ("/data",), (6379,)),
        DataStore("mongodb/mongodb-community-server", ("/data/db",), (27017,)),
        DataStore("mysql/mysql-server", ("/var/lib/mysql",), (3306, 33060)),
        DataStore("pgvector/pgvector", ("/var/lib/postgresql/data", "/var/lib/postgresql"), (5432,), "PGDATA"),
        DataStore("elasticsearch/elasticsearch", ("/usr/share/elasticsearch/data",), (9200, 9300)),  # docker.elastic.co
        DataStore("mssql/server", ("/var/opt/mssql",), (1433,)),  # mcr.microsoft.com
        DataStore("arangodb", ("/var/lib/arangodb3",), (8529,)),
        DataStore("qdrant/qdrant", ("/qdrant/storage",), (6333, 6334)),
        # Bitnami images keep their data under /bitnami/<name>
        *(
            DataStore(f"bitnami/{name}", (f"/bitnami/{name}/data", f"/bitnami/{name}"), ports)
            for name, ports in (
                ("postgresql", (5432,)),
                ("mysql", (3306,)),
                ("mariadb", (3306,)),
                ("mongodb", (27017,)),
                ("redis", (6379,)),
                ("valkey", (6379,)),
                ("elasticsearch", (9200, 9300)),
                ("opensearch", (9200,)),
                ("rabbitmq", (5672, 15672)),
                ("cassandra", (9042,)),
                ("couchdb", (5984,)),
                ("influxdb", (8086,)),
                ("neo4j", (7474, 7687)),
                ("clickhouse", (8123, 9000)),
                ("minio", (9000, 9001)),
            )
        ),
        DataStore("bitnami/memcached", (), (11211,)),
    )
}
#: images of servers that run until stopped (besides the data stores)
SERVERS = frozenset(
    {
        "nginx",
        "nginxinc/nginx-unprivileged",
        "httpd",
        "caddy",
        "traefik",
        "haproxy",
        "envoyproxy/envoy",
        "tomcat",
        "jetty",
        "bitnami/nginx",
        "bitnami/apache",
    }
)
#: images besides the Docker Official Images that are known to define no ``HEALTHCHECK``
#: (names as :func:`reference_name` gives them): Elastic's images (docker.elastic.co), whose
#: Dockerfiles (elastic/elasticsearch ``distribution/docker``, elastic/kibana,
#: elastic/logstash) leave the healthcheck to users
NO_HEALTHCHECK_IMAGES = frozenset({"elasticsearch/elasticsearch", "kibana/kibana", "logstash/logstash"})
#: Docker Official Images whose default command is a shell or an interpreter's prompt
#: (``python3``, ``php -a``, ``bash``), which ends at once without a terminal: a container
#: that runs one without a command of its own is no server (``php`` only in its cli variants:
#: ``-fpm`` and ``-apache`` run servers)
INTERACTIVE_IMAGES = frozenset({
    "python", "pypy", "node", "ruby", "php", "perl", "golang", "rust", "openjdk", "eclipse-temurin",
    "amazoncorretto", "alpine", "debian", "ubuntu", "busybox", "fedora", "almalinux", "rockylinux",
    "oraclelinux", "amazonlinux", "bash", "buildpack-deps", "gcc", "erlang", "elixir", "haskell",
})  # fmt: skip


def interactive_image(name: str | None, tag: str | None) -> bool:
    """The image (its :func:`reference_name` and tag) is one of :data:`INTERACTIVE_IMAGES`."""
    if name not in INTERACTIVE_IMAGES:
        return False
    return name != "php" or not any(word in (tag or "").lower() for word in ("fpm", "apache"))


#: registries (and the official images' namespace) in front of the names above
_PREFIXES = (
    "docker.io/",
    "index.docker.io/",
    "registry-1.docker.io/",
    "mirror.gcr.io/",
    "public.ecr.aws/docker/library/",
    "public.ecr.aws/",
    "docker.elastic.co/",
    "quay.io/",
    "mcr.microsoft.com/",
    "library/",
)


def image_name(service) -> str | None:
    """The service image's repository without tag, digest and well-known registry prefixes,
    lower-cased (``docker.io/library/Redis:7@sha256:…`` gives ``redis``); None when
    there is no image or a variable decides its name (a variable tag is fine)."""
    text = text_of(service.image)
    if not text and service.image is not None:
        text = service.image.text.strip()  # ``postgres:${PG_VERSION}``: only the tag is unknown
    return reference_name(text) if text else None


@lru_cache(maxsize=1024)
def reference_name(text: str) -> str | None:
    """:func:`image_name` of an image reference (``docker.io/library/Redis:7`` gives
    ``redis``); None when a variable decides the name. Kept per text: rules ask about
    each service's image again and again."""
    name = text.split("@", 1)[0]
    head, slash, last = name.rpartition("/")
    name = head + slash + last.split(":", 1)[0]  # the tag, which may be ``${VERSION:-16}``
    if not name or "$" in name:
        return None  # a variable decides the name itself
    name = name.lower()
    stripped = name.startswith(_PREFIXES)
    while stripped:
        stripped = False
        for prefix in _PREFIXES:
            if name.startswith(prefix):
                name, stripped = name[len(prefix):], True
    return name


def data_store(service) -> DataStore | None:
    """The data store the service's image is, when its name is known and well known."""
    name = image_name(service)
    return DATA_STORES.get(name) if name else None


def built_stores(dockerfile, service) -> list[tuple[DataStore, list]] | None:
    """The data store each stage the service's build may target is built on, with that
    stage's chain (one entry when the target is known: see :func:`candidate_stages`);
    None unless every one of them starts from a well-known database or cache image."""
    from dlint.views.compose.builds import candidate_chains
    from dlint.views.dockerfile.image_chain import base_image

    found = []
    for chain in candidate_chains(dockerfile, service):
        image = base_image(chain)
        if image is None or image.stage is not None or image.is_scratch:
            return None
        # ``elasticsearch:${ELASTIC_VERSION}``: only the tag is unknown
        name = reference_name(image.value if image.resolved else image.raw)
        store = DATA_STORES.get(name) if name else None
        if store is None or not _runs_server(chain):
            return None
        found.append((store, chain))
    return found or None


#: programs that run a database or cache server (what a CMD on a data store image runs)
SERVER_PROGRAMS = frozenset(
    {
        "postgres", "mysqld", "mariadbd", "mongod", "redis-server", "valkey-server", "keydb-server",
        "redis-stack-server", "eswrapper", "elasticsearch", "opensearch", "opensearch-docker-entrypoint.sh",
        "rabbitmq-server", "cassandra", "couchdb", "influxd", "neo4j", "clickhouse-server", "minio",
        "memcached", "arangod", "qdrant", "sqlservr", "docker-entrypoint.sh",
    }
)  # fmt: skip


def _runs_server(chain) -> bool:
    """The image the chain builds still runs the data store's server: its Dockerfile
    sets no ENTRYPOINT of its own (a one-off job on the image — a setup script — keeps no
    data) and its CMD, if any, passes options to the server or names it."""
    from dlint.views.dockerfile.image_chain import command_words, last_in_chain

    if last_in_chain(chain, "ENTRYPOINT") is not None:
        return False
    instruction = last_in_chain(chain, "CMD")
    if instruction is None:
        return True
    command = getattr(instruction, "command", None)
    if command is not None and command.form == "exec" and command.exec_args and command.exec_args[0].value.startswith("-"):
        return True  # options for the image's entrypoint, which runs the server
    words = command_words(instruction)
    return any(word.rsplit("/", 1)[-1].lower() in SERVER_PROGRAMS for word in words[:2])


def service_stores(ctx, name: str, service) -> tuple[list[tuple[DataStore, list | None]], bool] | None:
    """For a rule of kind ``compose`` judging a service of the merged project
    (``ctx.project``): the data stores the service may be, each with the stage chain it
    is built from (None for an image that is pulled), and whether the Dockerfile decided
    (rather than the ``image`` name); None when it is not a well-known data store or that
    is not known. A service that builds is what its Dockerfile starts from; when dlint
    cannot read the Dockerfile, the ``image`` it is tagged with decides (as for one that
    does not build)."""
    from dlint.views.compose.builds import compose_builds

    if service.build is not None:
        dockerfile = compose_builds(ctx).get(name)
        if dockerfile is not None:
            stores = built_stores(dockerfile, service)
            return (stores, True) if stores else None
    store = data_store(service)
    return ([(store, None)], False) if store is not None else None


def store_serves(stores: list[DataStore], bound) -> bool:
    """``bound`` (a :class:`~dlint.views.compose.ports.PortBinding`) publishes, on every
    host interface and at a known host port, a container port that each of ``stores``
    serves: what DC035 reports (and DC015 leaves to it)."""
    if not bound.published_known or not bound.all_interfaces or bound.target is None:
        return False  # ``"5432"`` alone is published too, on a port the engine picks
    first, last = bound.target
    return all(any(first <= served <= last for served in store.ports) for store in stores)


def is_server(service) -> bool:
    """The service's image is a database, cache, web server or proxy that runs until stopped."""
    name = image_name(service)
    return bool(name) and (name in DATA_STORES or name in SERVERS)


#: registries that serve Docker Hub's official images, with the path they keep them under
_LIBRARY_PATHS = {
    None: "",
    "docker.io": "",
    "index.docker.io": "",
    "registry-1.docker.io": "",
    "mirror.gcr.io": "library/",
    "public.ecr.aws": "docker/library/",
}


def library_image(registry: str | None, repository: str | None) -> str | None:
    """The name of a Docker Official Image (the ``library`` namespace of Docker Hub:
    ``python``, ``postgres``, ``nginx``…) for a registry and repository path, or None
    for any other image (``bitnami/redis``, ``ghcr.io/…``)."""
    if not repository or registry not in _LIBRARY_PATHS:
        return None
    name = repository.lower()
    prefix = _LIBRARY_PATHS[registry]
    if prefix:
        if not name.startswith(prefix):
            return None
        name = name[len(prefix):]
    name = name.removeprefix("library/")
    return name if name and "/" not in name and "$" not in name else None


def defines_no_healthcheck(name: str | None, registry: str | None, repository: str | None) -> bool:
    """Whether the image (its :func:`reference_name`, registry and repository path) is known
    to define no ``HEALTHCHECK``: a Docker Official Image (their maintainers leave it to
    users) or one of :data:`NO_HEALTHCHECK_IMAGES`. Any other image may have one."""
    return library_image(registry, repository) is not None or name in NO_HEALTHCHECK_IMAGES


def split_reference(text: str) -> tuple[str | None, str]:
    """``(registry, repository)`` of an image reference as written in Compose (tag and
    digest left out; the registry is None for Docker Hub)."""
    name = text.strip().split("@", 1)[0]
    first, slash, rest = name.partition("/")
    registry = None
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, name = first.lower(), rest
    head, slash, last = name.rpartition("/")
    return registry, head + slash + last.split(":", 1)[0]


def library_service_image(service) -> str | None:
    """The Docker Official Image the service's ``image`` names (whatever its tag, which may
    be a variable), or None (another image, or a variable decides the name)."""
    text = text_of(service.image)
    if not text and service.image is not None:
        text = service.image.text.strip()  # ``postgres:${PG_VERSION}``: only the tag is unknown
    if not text:
        return None
    registry, repository = split_reference(text)
    return library_image(registry, repository)


#: what a healthcheck source says: one is in force, it is disabled, there is none
IN_FORCE, DISABLED, NONE = "in force", "disabled", "none"


def chain_healthcheck_state(chain) -> str | None:
    """What the image a stage chain builds says about its healthcheck (None: unknown,
    the base image is not one known to define none)."""
    instruction = last_in_chain(chain, "HEALTHCHECK")
    if instruction is not None:
        return DISABLED if instruction.none else IN_FORCE
    image = base_image(chain)
    if image is None:
        return None
    if image.is_scratch:
        return NONE
    if image.resolved and image.stage is None and library_image(image.registry, image.repository) is not None:
        return NONE
    return None
