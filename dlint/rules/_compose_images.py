"""What well-known images are: databases and caches, where they keep data, which port they serve."""

from __future__ import annotations

from dataclasses import dataclass

from dlint.rules._compose_values import text_of


@dataclass(frozen=True)
class DataStore:
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
    )
}
#: registries and namespaces that publish the same images under another name
_PREFIXES = ("docker.io/library/", "docker.io/", "index.docker.io/library/", "library/", "bitnami/", "public.ecr.aws/docker/library/")


def data_store(service) -> DataStore | None:
    """The data store the service's image is, when its name is known and well known."""
    text = text_of(service.image)
    if not text:
        return None
    name = text.split("@", 1)[0]
    if ":" in name.rsplit("/", 1)[-1]:
        name = name.rsplit(":", 1)[0]
    name = name.lower()
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):]
            break
    return DATA_STORES.get(name)
