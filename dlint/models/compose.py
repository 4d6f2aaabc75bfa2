"""Typed, positioned model of Compose files and of a merged Compose project.

Short syntaxes are normalised into the long form rules want (a :class:`Port`
with ``published``/``target``/``protocol``, a :class:`ServiceVolume` with
``type``/``source``/``target``…) while the text as written stays available
(``raw``). Every node keeps the span of its value and, for mapping entries,
of its key, plus ``path``: the file it was written in, so that a merged
project still points at the line that caused a finding.

Scalars are :class:`Scalar`: ``value`` is what YAML read (before
interpolation: rules looking for literals use it), ``effective`` the value
after interpolation with the variables dlint knows (``.env`` beside the
project and an explicit env file; never the shell), ``resolved`` False when an
unknown variable without default decides it. Keys without a typed field are
kept in ``Service.entries`` / ``ComposeFile.entries`` as :class:`Entry`, whose
``node`` gives positions of anything inside.

Models are :class:`~dlint.models.base.Model` dataclasses built with
:meth:`ComposeNode.make` (no validation: the schema check already ran on the
YAML); pydantic is only imported when one is dumped or validated. ``node``
(the YAML node) and ``ComposeFile.source`` are plain attributes, not fields:
dumps and comparisons leave them out.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from dlint.models.base import Model, build, field
from dlint.models.span import Span


class ComposeNode(Model):
    """Base of the Compose models."""

    @classmethod
    def make(cls, **values: Any):
        """Build without validation; unset fields get their defaults. Attributes that
        are not fields (``node``, ``source``) are kept as given; a cache of entries is not."""
        values.pop("_entries", None)
        return build(cls, values)


class Scalar(ComposeNode):
    """A single value as written, with its interpolated value."""

    value: Any  # str, int, float, bool or None, as YAML read it
    raw: str | None = None  # the scalar's text (quotes removed); None for null written as nothing
    effective: Any = None  # after interpolation; equals value when there was nothing to interpolate
    resolved: bool = True  # False: an unknown variable without default decides ``effective``
    variables: list[str] = field(default_factory=list)  # variables referenced
    span: Span
    path: str = ""

    @property
    def text(self) -> str:
        """The value as a string ("" for null)."""
        return "" if self.value is None else (self.raw if self.raw is not None else str(self.value))

    @property
    def interpolated(self) -> bool:
        return bool(self.variables)


class Entry(ComposeNode):
    """One key of a mapping with its value node (any shape)."""

    key: str
    key_span: Span
    span: Span  # the value
    path: str = ""
    node: ClassVar[Any] = None  # not a field: the YNode, for positions inside the value (set by make)

    @property
    def data(self) -> Any:
        """Plain Python data of the value (before interpolation)."""
        return None if self.node is None else self.node.to_python()


def entries_of(node: Any) -> dict[str, Entry]:
    """An :class:`Entry` for every key of a YAML mapping node (none for other nodes)."""
    if node is None or node.kind != "map":
        return {}
    return {str(key): _entry(str(key), k, v) for key, (k, v) in node.value.items()}


def _entry(key: str, key_node: Any, value_node: Any) -> Entry:
    return Entry.make(key=key, key_span=key_node.span, span=value_node.span, path=value_node.file, node=value_node)


#: the identifiers a mapping key that is not a string reads as (``entries`` keys are str() of
#: the YAML keys: a boolean, null or infinite key); any other identifier is a string key
_NON_STRING_KEY_TEXTS = frozenset({"True", "False", "None", "inf"})


class WithEntries(ComposeNode):
    """A model of a YAML mapping whose every key stays reachable as an :class:`Entry`."""

    node: ClassVar[Any] = None  # not a field: the mapping as written (merged, for merged services)

    @property
    def entries(self) -> dict[str, Entry]:
        """Every key as written, in order (built on first use, kept as ``_entries``)."""
        cached = self.__dict__.get("_entries")
        if cached is None:
            cached = self.__dict__["_entries"] = entries_of(self.node)
        return cached

    def entry(self, key: str) -> Entry | None:
        """``entries.get(key)``, made alone when the entries are not built (rules ask for a
        key or two of each service) and ``key`` can only be written as a string key."""
        node = self.node
        if "_entries" in self.__dict__ or node is None or node.kind != "map" or not key.isidentifier() or key in _NON_STRING_KEY_TEXTS:
            return self.entries.get(key)
        pair = node.value.get(key)
        return None if pair is None else _entry(key, *pair)


class Port(ComposeNode):
    """A ``ports`` item in long form (short ``"127.0.0.1:8080:80/tcp"`` parsed)."""

    target: str | None = None  # container port or range, "80" / "8000-8010"
    published: str | None = None  # host port or range; None when not published to a fixed port
    host_ip: str | None = None
    protocol: str = "tcp"
    mode: str | None = None
    name: str | None = None
    app_protocol: str | None = None
    short: bool = True  # written as a string or number
    raw: Scalar | None = None  # the short form as written
    resolved: bool = True  # False when variables left parts unknown
    span: Span
    path: str = ""


class ServiceVolume(ComposeNode):
    """A service ``volumes`` item in long form (short ``"./data:/data:ro"`` parsed)."""

    type: str  # bind, volume, tmpfs, npipe, cluster, image
    source: str | None = None  # host path (bind) or named volume; None for anonymous
    target: str | None = None
    read_only: bool = False
    options: dict[str, Any] = field(default_factory=dict)  # bind/volume/tmpfs/image sub-options, consistency
    mode: str | None = None  # the short form's third field, e.g. "ro,z"
    short: bool = True
    raw: Scalar | None = None
    resolved: bool = True
    span: Span
    path: str = ""


class EnvVar(ComposeNode):
    """An ``environment``/``args``/``labels`` entry (list ``K=V`` or mapping form)."""

    name: str
    value: Scalar | None  # None: ``FOO`` alone (taken from the shell by Compose)
    name_span: Span
    span: Span  # the whole entry (the list item, or key through value)
    path: str = ""


class EnvFile(ComposeNode):
    file: Scalar  # the path as written
    required: bool = True  # False also when a variable without a known value decides it
    format: str | None = None
    span: Span
    path: str = ""


class DependsOn(ComposeNode):
    """A ``depends_on`` entry. A list item is interpolated (``service`` is its value), a
    mapping key is a name as written (Compose does not interpolate keys)."""

    service: str  # as written when ``resolved`` is False
    condition: str = "service_started"
    restart: bool = False
    required: bool = True  # False also when a variable without a known value decides it
    resolved: bool = True  # False: an unknown variable decides the service's name
    short: bool = True
    name_span: Span
    span: Span
    path: str = ""


class FileReference(ComposeNode):
    """A service's ``secrets``/``configs`` item (short name or long form)."""

    source: str  # interpolated; as written when ``resolved`` is False
    target: str | None = None
    uid: str | None = None
    gid: str | None = None
    mode: Any = None
    short: bool = True
    resolved: bool = True  # False: an unknown variable decides ``source``
    source_span: Span
    span: Span
    path: str = ""


class ServiceNetwork(ComposeNode):
    """A service's network: a list item (interpolated) or a mapping key (as written)."""

    name: str  # as written when ``resolved`` is False
    resolved: bool = True  # False: an unknown variable decides the name
    aliases: list[Scalar] = field(default_factory=list)
    ipv4_address: Scalar | None = None
    ipv6_address: Scalar | None = None
    priority: Scalar | None = None
    options: dict[str, Any] = field(default_factory=dict)  # the other keys, as data
    name_span: Span
    span: Span
    path: str = ""


class Command(ComposeNode):
    """``command``/``entrypoint``/``healthcheck.test``: a string or a list."""

    form: Literal["string", "list", "null"]
    items: list[Scalar] = field(default_factory=list)  # one item for the string form
    span: Span
    path: str = ""


class Healthcheck(ComposeNode):
    test: Command | None = None
    disable: bool = False
    interval: Scalar | None = None
    timeout: Scalar | None = None
    retries: Scalar | None = None
    start_period: Scalar | None = None
    start_interval: Scalar | None = None
    span: Span
    path: str = ""


class Build(WithEntries):
    """``build`` in long form (the string form sets ``context``)."""

    context: Scalar | None = None
    dockerfile: Scalar | None = None
    dockerfile_inline: Scalar | None = None
    target: Scalar | None = None
    args: dict[str, EnvVar] = field(default_factory=dict)
    labels: dict[str, EnvVar] = field(default_factory=dict)
    secrets: list[FileReference] = field(default_factory=list)
    ssh: list[Scalar] = field(default_factory=list)
    cache_from: list[Scalar] = field(default_factory=list)
    cache_to: list[Scalar] = field(default_factory=list)
    tags: list[Scalar] = field(default_factory=list)
    platforms: list[Scalar] = field(default_factory=list)
    additional_contexts: dict[str, EnvVar] = field(default_factory=dict)
    network: Scalar | None = None
    short: bool = False
    span: Span
    path: str = ""


class Extends(ComposeNode):
    service: Scalar
    file: Scalar | None = None
    span: Span
    path: str = ""


class Logging(ComposeNode):
    driver: Scalar | None = None
    options: dict[str, EnvVar] = field(default_factory=dict)
    span: Span
    path: str = ""


class Ulimit(ComposeNode):
    """One ``ulimits`` entry: a single number (soft = hard) or ``soft``/``hard``."""

    name: str
    single: Scalar | None = None
    soft: Scalar | None = None
    hard: Scalar | None = None
    name_span: Span
    span: Span
    path: str = ""


class ResourceSpec(ComposeNode):
    """``deploy.resources.limits`` or ``reservations``."""

    cpus: Scalar | None = None
    memory: Scalar | None = None
    pids: Scalar | None = None
    devices: list[Entry] = field(default_factory=list)  # reservations.devices items, as written
    span: Span
    path: str = ""


class RestartPolicy(ComposeNode):
    condition: Scalar | None = None
    delay: Scalar | None = None
    max_attempts: Scalar | None = None
    window: Scalar | None = None
    span: Span
    path: str = ""


class Deploy(ComposeNode):
    mode: Scalar | None = None
    replicas: Scalar | None = None
    endpoint_mode: Scalar | None = None
    labels: dict[str, EnvVar] = field(default_factory=dict)
    limits: ResourceSpec | None = None
    reservations: ResourceSpec | None = None
    restart_policy: RestartPolicy | None = None
    placement_constraints: list[Scalar] = field(default_factory=list)
    span: Span
    path: str = ""


class ServiceHook(ComposeNode):
    """A ``post_start``/``pre_stop`` hook or a ``develop.watch`` ``exec``."""

    command: Command | None = None
    user: Scalar | None = None
    privileged: Scalar | None = None
    working_dir: Scalar | None = None
    environment: dict[str, EnvVar] = field(default_factory=dict)
    span: Span
    path: str = ""


class Watch(ComposeNode):
    """A ``develop.watch`` rule."""

    action: Scalar | None = None
    watch_path: Scalar | None = None  # the watched ``path`` (``path`` below is the Compose file)
    target: Scalar | None = None
    ignore: list[Scalar] = field(default_factory=list)
    include: list[Scalar] = field(default_factory=list)
    initial_sync: Scalar | None = None
    exec: ServiceHook | None = None
    span: Span
    path: str = ""


class Service(WithEntries):
    """One service. Typed fields for the keys rules use most; every key is also in ``entries``
    (deploy, logging, ulimits, develop… are read from there)."""

    name: str
    name_span: Span
    span: Span  # the service's mapping
    path: str = ""
    image: Scalar | None = None
    build: Build | None = None
    command: Command | None = None
    entrypoint: Command | None = None
    environment: dict[str, EnvVar] = field(default_factory=dict)
    env_file: list[EnvFile] = field(default_factory=list)
    ports: list[Port] = field(default_factory=list)
    expose: list[Scalar] = field(default_factory=list)
    volumes: list[ServiceVolume] = field(default_factory=list)
    depends_on: dict[str, DependsOn] = field(default_factory=dict)
    healthcheck: Healthcheck | None = None
    secrets: list[FileReference] = field(default_factory=list)
    configs: list[FileReference] = field(default_factory=list)
    networks: dict[str, ServiceNetwork] = field(default_factory=dict)
    network_mode: Scalar | None = None
    labels: dict[str, EnvVar] = field(default_factory=dict)
    profiles: list[Scalar] = field(default_factory=list)
    extends: Extends | None = None
    extra_hosts: list[Scalar] = field(default_factory=list)
    restart: Scalar | None = None
    user: Scalar | None = None
    privileged: Scalar | None = None
    read_only: Scalar | None = None
    container_name: Scalar | None = None
    cap_add: list[Scalar] = field(default_factory=list)
    cap_drop: list[Scalar] = field(default_factory=list)
    pull_policy: Scalar | None = None
    platform: Scalar | None = None
    # the other scalar keys of the specification
    attach: Scalar | None = None
    cgroup: Scalar | None = None
    cgroup_parent: Scalar | None = None
    cpu_count: Scalar | None = None
    cpu_percent: Scalar | None = None
    cpu_shares: Scalar | None = None
    cpu_quota: Scalar | None = None
    cpu_period: Scalar | None = None
    cpu_rt_period: Scalar | None = None
    cpu_rt_runtime: Scalar | None = None
    cpus: Scalar | None = None
    cpuset: Scalar | None = None
    domainname: Scalar | None = None
    hostname: Scalar | None = None
    init: Scalar | None = None
    ipc: Scalar | None = None
    isolation: Scalar | None = None
    mac_address: Scalar | None = None
    mem_limit: Scalar | None = None
    mem_reservation: Scalar | None = None
    mem_swappiness: Scalar | None = None
    memswap_limit: Scalar | None = None
    oom_kill_disable: Scalar | None = None
    oom_score_adj: Scalar | None = None
    pid: Scalar | None = None
    pids_limit: Scalar | None = None
    pull_refresh_after: Scalar | None = None
    runtime: Scalar | None = None
    scale: Scalar | None = None
    shm_size: Scalar | None = None
    stdin_open: Scalar | None = None
    stop_grace_period: Scalar | None = None
    stop_signal: Scalar | None = None
    tty: Scalar | None = None
    use_api_socket: Scalar | None = None
    uts: Scalar | None = None
    userns_mode: Scalar | None = None
    working_dir: Scalar | None = None
    # the other list keys (a single string counts as a list of one)
    device_cgroup_rules: list[Scalar] = field(default_factory=list)
    dns: list[Scalar] = field(default_factory=list)
    dns_opt: list[Scalar] = field(default_factory=list)
    dns_search: list[Scalar] = field(default_factory=list)
    external_links: list[Scalar] = field(default_factory=list)
    group_add: list[Scalar] = field(default_factory=list)
    label_file: list[Scalar] = field(default_factory=list)
    links: list[Scalar] = field(default_factory=list)
    security_opt: list[Scalar] = field(default_factory=list)
    tmpfs: list[Scalar] = field(default_factory=list)
    volumes_from: list[Scalar] = field(default_factory=list)
    # the other mapping keys (list ``K=V`` or mapping form)
    annotations: dict[str, EnvVar] = field(default_factory=dict)
    sysctls: dict[str, EnvVar] = field(default_factory=dict)
    storage_opt: dict[str, EnvVar] = field(default_factory=dict)
    # structured keys
    deploy: Deploy | None = None
    logging: Logging | None = None
    ulimits: dict[str, Ulimit] = field(default_factory=dict)
    develop_watch: list[Watch] = field(default_factory=list)
    post_start: list[ServiceHook] = field(default_factory=list)
    pre_stop: list[ServiceHook] = field(default_factory=list)
    # devices, gpus, blkio_config, credential_spec, models, provider: see ``entries``


class Resource(WithEntries):
    """A top-level network, volume, secret, config or model."""

    name: str
    name_span: Span
    span: Span
    path: str = ""
    external: bool = False
    driver: Scalar | None = None
    file: Scalar | None = None  # secrets/configs
    environment: Scalar | None = None  # secrets/configs
    content: Scalar | None = None  # configs
    resource_name: Scalar | None = None  # the ``name:`` key


class Include(ComposeNode):
    """An ``include`` item (short path or long form)."""

    paths: list[Scalar]
    project_directory: Scalar | None = None
    env_file: list[Scalar] = field(default_factory=list)
    span: Span
    path: str = ""


class ComposeIssue(ComposeNode):
    """A located problem found while loading: ``kind`` picks the rule that reports it
    (syntax DC000, schema DC002, interpolation DC003, reference DC004)."""

    kind: Literal["syntax", "schema", "interpolation", "reference"]
    message: str
    span: Span
    path: str = ""


class ComposeFile(WithEntries):
    """One Compose file as written (before merging)."""

    path: str
    source: ClassVar[str] = ""  # not a field: the file's text (set by make)
    name: Scalar | None = None
    version: Scalar | None = None
    services: dict[str, Service] = field(default_factory=dict)
    networks: dict[str, Resource] = field(default_factory=dict)
    volumes: dict[str, Resource] = field(default_factory=dict)
    secrets: dict[str, Resource] = field(default_factory=dict)
    configs: dict[str, Resource] = field(default_factory=dict)
    models: dict[str, Resource] = field(default_factory=dict)
    include: list[Include] = field(default_factory=list)
    issues: list[ComposeIssue] = field(default_factory=list)
    is_override: bool = False  # an override file (compose.override.yaml or a later -f file)

    @property
    def root(self) -> Any:
        """The YNode of the document (None when unreadable)."""
        return self.node

    @property
    def extensions(self) -> dict[str, Entry]:
        """The top-level ``x-*`` keys."""
        return {key: entry for key, entry in self.entries.items() if key.startswith("x-")}


class ComposeProject(ComposeNode):
    """The effective project: files merged in order, ``extends`` and ``include`` followed."""

    name: str | None = None
    directory: str = ""
    files: list[ComposeFile] = field(default_factory=list)  # every file read, in order
    services: dict[str, Service] = field(default_factory=dict)
    networks: dict[str, Resource] = field(default_factory=dict)
    volumes: dict[str, Resource] = field(default_factory=dict)
    secrets: dict[str, Resource] = field(default_factory=dict)
    configs: dict[str, Resource] = field(default_factory=dict)
    models: dict[str, Resource] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)  # known interpolation variables
    #: the project may be completed by files dlint cannot tell (a Compose file with no base
    #: file in its folder, usually read with ``-f`` after one elsewhere)
    fragment: bool = False
    locations: dict[str, str] = field(default_factory=dict)  # displayed path of each file → absolute path
    #: displayed path of an included file whose include gave a ``project_directory`` → that
    #: folder, which the file's relative paths are resolved from
    folders: dict[str, str] = field(default_factory=dict)
