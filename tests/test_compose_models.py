"""Typed models of one Compose file: short syntaxes normalised, raw forms and spans kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlint.models.span import Span
from dlint.parsers.compose.build_model import parse_port, parse_volume
from dlint.parsers.compose.load import load_compose_file
from dlint.parsers.compose.merge import merge_service
from dlint.parsers.compose.schema_data import SCHEMA

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parser" / "compose"


def load(text: str, env=None):
    compose = load_compose_file("compose.yaml", text, env or {})
    assert [i.message for i in compose.issues] == []
    return compose


def where(node):
    span = node if isinstance(node, Span) else node.span
    return (span.line, span.column)


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("80", {"target": "80", "published": None, "host_ip": None, "protocol": "tcp"}),
        ("8080:80", {"target": "80", "published": "8080", "host_ip": None, "protocol": "tcp"}),
        ("127.0.0.1:8080:80/udp", {"target": "80", "published": "8080", "host_ip": "127.0.0.1", "protocol": "udp"}),
        ("127.0.0.1::80", {"target": "80", "published": None, "host_ip": "127.0.0.1", "protocol": "tcp"}),
        ("[::1]:8080:80", {"target": "80", "published": "8080", "host_ip": "::1", "protocol": "tcp"}),
        ("8000-8010:8000-8010", {"target": "8000-8010", "published": "8000-8010", "host_ip": None, "protocol": "tcp"}),
    ],
)
def test_short_ports(text, fields):
    assert parse_port(text) == fields


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("/data", {"type": "volume", "source": None, "target": "/data", "mode": None, "read_only": False}),
        ("data:/data", {"type": "volume", "source": "data", "target": "/data", "mode": None, "read_only": False}),
        ("./site:/srv:ro,z", {"type": "bind", "source": "./site", "target": "/srv", "mode": "ro,z", "read_only": True}),
        ("~/cfg:/cfg", {"type": "bind", "source": "~/cfg", "target": "/cfg", "mode": None, "read_only": False}),
        ("C:\\data:/data", {"type": "bind", "source": "C:\\data", "target": "/data", "mode": None, "read_only": False}),
    ],
)
def test_short_volumes(text, fields):
    assert parse_volume(text) == fields


def test_typical_file_models():
    compose = load((FIXTURES / "typical.yaml").read_text(), {"API_PORT": "9000"})
    assert list(compose.services) == ["web", "api", "db"]
    web, api, db = compose.services.values()
    assert where(web.name_span) == (9, 3)
    assert [(p.host_ip, p.published, p.target, p.protocol, where(p)) for p in web.ports] == [
        (None, "8080", "80", "tcp", (13, 9)),
        ("127.0.0.1", "8443", "443", "tcp", (14, 9)),
    ]
    assert [(v.type, v.source, v.target, v.read_only, v.short) for v in web.volumes] == [
        ("bind", "./site", "/usr/share/nginx/html", True, True),
        ("volume", "cache", "/var/cache/nginx", False, False),
    ]
    assert web.restart.value == "unless-stopped" and where(web.restart) == (3, 12)  # merged from the anchor
    assert web.entry("logging").data == {"driver": "json-file", "options": {"max-size": "10m"}}
    assert web.depends_on["api"].condition == "service_healthy" and not web.depends_on["api"].short
    assert list(web.networks) == ["front"]
    assert api.build.context.value == "./api" and api.build.args["VERSION"].value.value == "1.2"
    port = api.environment["PORT"].value
    assert (port.value, port.effective, port.resolved, port.variables) == ("${API_PORT:-8000}", "9000", True, ["API_PORT"])
    assert [e.file.value for e in api.env_file] == [".env"]
    assert api.healthcheck.test.form == "list" and [i.value for i in api.healthcheck.test.items][:2] == ["CMD", "curl"]
    assert api.healthcheck.retries.value == 3
    assert api.depends_on["db"].short and api.depends_on["db"].condition == "service_started"
    variable = db.environment["POSTGRES_PASSWORD_FILE"]
    assert (where(variable.name_span), variable.name_span.end_column, where(variable.value)) == ((47, 9), 31, (47, 32))
    assert [(s.source, s.short) for s in db.secrets] == [("db_password", True)]
    assert set(compose.volumes) == {"data", "cache"} and compose.networks["back"].entries["internal"].data is True
    assert compose.secrets["db_password"].file.value == "./db_password.txt"
    assert compose.name.value == "shop" and set(compose.extensions) == {"x-common"}


def test_long_and_short_forms_of_service_keys():
    compose = load(
        "services:\n"
        "  app:\n"
        "    image: app:1\n"
        "    command: run --fast\n"
        "    entrypoint: [/bin/tini, --]\n"
        "    environment: {A: 1, B: null, C: ''}\n"
        "    env_file:\n"
        "      - base.env\n"
        "      - {path: local.env, required: false, format: raw}\n"
        "    depends_on:\n"
        "      db: {condition: service_completed_successfully, restart: true, required: false}\n"
        "    secrets:\n"
        "      - source: token\n"
        "        target: /run/token\n"
        "        mode: 0o400\n"
        "    networks:\n"
        "      back: {aliases: [api], ipv4_address: 10.0.0.2, priority: 5}\n"
        "    labels: [team=core, tier]\n"
        "    extra_hosts: {host.docker.internal: host-gateway}\n"
        "    extends: {service: base, file: common.yaml}\n"
        "    build:\n"
        "      context: .\n"
        "      dockerfile_inline: FROM scratch\n"
        "      args: [V=1]\n"
        "      secrets: [npm]\n"
        "      tags: [app:dev]\n"
        "      platforms: [linux/amd64]\n"
    )
    app = compose.services["app"]
    assert app.command.form == "string" and app.command.items[0].value == "run --fast"
    assert app.entrypoint.form == "list" and [i.value for i in app.entrypoint.items] == ["/bin/tini", "--"]
    env = app.environment
    assert (env["A"].value.value, env["B"].value, env["C"].value.value) == (1, None, "")
    assert [(e.file.value, e.required, e.format) for e in app.env_file] == [("base.env", True, None), ("local.env", False, "raw")]
    db = app.depends_on["db"]
    assert (db.condition, db.restart, db.required) == ("service_completed_successfully", True, False)
    secret = app.secrets[0]
    assert (secret.source, secret.target, secret.mode, secret.short) == ("token", "/run/token", 0o400, False)
    back = app.networks["back"]
    assert ([a.value for a in back.aliases], back.ipv4_address.value, back.priority.value) == (["api"], "10.0.0.2", 5)
    assert (app.labels["team"].value.value, app.labels["tier"].value) == ("core", None)
    assert (where(app.labels["team"].name_span), where(app.labels["team"].value)) == ((18, 14), (18, 19))
    assert [h.value for h in app.extra_hosts] == ["host-gateway"]
    assert (app.extends.service.value, app.extends.file.value) == ("base", "common.yaml")
    build = app.build
    assert (build.dockerfile_inline.value, build.args["V"].value.value, [s.source for s in build.secrets]) == ("FROM scratch", "1", ["npm"])
    assert ([t.value for t in build.tags], [p.value for p in build.platforms]) == (["app:dev"], ["linux/amd64"])


def test_unresolved_values_keep_raw_text():
    compose = load("services:\n  web:\n    image: nginx:${TAG}\n    ports: ['${PORT}:80']\n")
    web = compose.services["web"]
    assert (web.image.value, web.image.effective, web.image.resolved) == ("nginx:${TAG}", None, False)
    port = web.ports[0]
    assert (port.resolved, port.published, port.target, port.raw.value) == (False, "${PORT}", "80", "${PORT}:80")


def test_wrong_shapes_are_skipped_not_fatal():
    compose = load_compose_file("c.yaml", "services:\n  web:\n    ports: {a: 1}\n    volumes: [[1]]\n    build: [x]\n  db: 5\n")
    assert [i.kind for i in compose.issues] == ["schema", "schema", "schema", "schema"]
    assert compose.services["web"].ports == [] and compose.services["web"].build is None
    assert compose.services["db"].image is None


def test_top_level_resources_and_include():
    compose = load(
        "include:\n  - other.yaml\n  - path: [a.yaml, b.yaml]\n    env_file: a.env\n"
        "volumes:\n  data:\n    external: true\n"
        "configs:\n  app:\n    content: hello\n"
        "models:\n  llm:\n    model: ai/smollm2\n"
    )
    assert [[p.value for p in i.paths] for i in compose.include] == [["other.yaml"], ["a.yaml", "b.yaml"]]
    assert compose.include[1].env_file[0].value == "a.env"
    assert compose.volumes["data"].external is True
    assert compose.configs["app"].content.value == "hello"
    assert compose.models["llm"].entries["model"].data == "ai/smollm2"


_SERVICE_KEYS = sorted(SCHEMA["$defs"]["service"]["properties"])
_odd_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(["", "a=b", "${X", "$1", "x:y:z", "/p", "[::1]:1:2/udp", "${A:-${B}}"])
)
_odd_values = st.recursive(
    _odd_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(_SERVICE_KEYS[:20] + ["path", "source", "target", "service", "file", "condition"]), inner, max_size=3)),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["web", "db"]), st.dictionaries(st.sampled_from(_SERVICE_KEYS), _odd_values, max_size=6), max_size=2))
def test_any_service_shape_builds_and_merges_without_raising(services):
    compose = load_compose_file("c.yaml", yaml.safe_dump({"services": services, "volumes": {"v": services.get("web")}}))
    for service in compose.services.values():
        merged = merge_service(service, service)
        assert merged.name == service.name


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("services:web imagepors-[]{}&*<$\n {}8:/=")), max_size=120))
def test_any_text_loads_into_a_model_or_issues(text):
    compose = load_compose_file("c.yaml", text)
    assert compose.root is not None or compose.issues or _empty_document(text)


def _empty_document(text: str) -> bool:
    """An empty (or comments-only) YAML document: Compose skips it, no issue."""
    try:
        return yaml.safe_load(text) is None
    except yaml.YAMLError:
        return False


def test_structured_service_keys():
    compose = load(
        "services:\n"
        "  app:\n"
        "    image: app:1\n"
        "    deploy:\n"
        "      mode: replicated\n"
        "      replicas: 2\n"
        "      resources:\n"
        "        limits: {cpus: '0.5', memory: 512M, pids: 100}\n"
        "        reservations:\n"
        "          devices: [{capabilities: [gpu], count: 1}]\n"
        "      restart_policy: {condition: on-failure, max_attempts: 3}\n"
        "      placement: {constraints: [node.role==manager]}\n"
        "    logging:\n"
        "      driver: json-file\n"
        "      options: {max-size: 10m}\n"
        "    ulimits:\n"
        "      nproc: 65535\n"
        "      nofile: {soft: 20000, hard: 40000}\n"
        "    develop:\n"
        "      watch:\n"
        "        - {action: sync, path: ./src, target: /app/src, ignore: [node_modules/]}\n"
        "        - action: sync+exec\n"
        "          path: ./cfg\n"
        "          target: /cfg\n"
        "          exec: {command: reload}\n"
        "    post_start:\n"
        "      - {command: [./init.sh], user: root}\n"
        "    hostname: box\n"
        "    stop_grace_period: 1m\n"
        "    dns: 1.1.1.1\n"
        "    tmpfs: [/run, /tmp]\n"
        "    sysctls: [net.core.somaxconn=1024]\n"
    )
    app = compose.services["app"]
    deploy = app.deploy
    assert (deploy.mode.value, deploy.replicas.value) == ("replicated", 2)
    assert (deploy.limits.cpus.value, deploy.limits.memory.value, deploy.limits.pids.value) == ("0.5", "512M", 100)
    assert [(d.key, d.data) for d in deploy.reservations.devices] == [("capabilities", ["gpu"]), ("count", 1)]
    assert (deploy.restart_policy.condition.value, deploy.restart_policy.max_attempts.value) == ("on-failure", 3)
    assert [c.value for c in deploy.placement_constraints] == ["node.role==manager"]
    assert (app.logging.driver.value, app.logging.options["max-size"].value.value) == ("json-file", "10m")
    assert (app.ulimits["nproc"].single.value, app.ulimits["nofile"].soft.value, app.ulimits["nofile"].hard.value) == (65535, 20000, 40000)
    first, second = app.develop_watch
    assert (first.action.value, first.watch_path.value, first.target.value, [i.value for i in first.ignore]) == ("sync", "./src", "/app/src", ["node_modules/"])
    assert second.exec.command.items[0].value == "reload" and where(second) == (22, 11)
    assert [i.value for i in app.post_start[0].command.items] == ["./init.sh"] and app.post_start[0].user.value == "root"
    assert (app.hostname.value, app.stop_grace_period.value) == ("box", "1m")
    assert ([d.value for d in app.dns], [t.value for t in app.tmpfs]) == (["1.1.1.1"], ["/run", "/tmp"])
    assert app.sysctls["net.core.somaxconn"].value.value == "1024"


def test_an_unforeseen_model_error_becomes_an_issue(monkeypatch):
    from dlint.parsers.compose import build_model

    def broken(self, compose, root):
        raise KeyError("surprise")

    monkeypatch.setattr(build_model.ModelBuilder, "file", broken)
    compose = load_compose_file("c.yaml", "services:\n  web:\n    image: x:1\n")
    assert [(i.kind, i.message) for i in compose.issues] == [
        ("syntax", "dlint could not model this file (KeyError: 'surprise'); please report it")
    ]
    assert compose.services == {}


# -- interpolation reaches every value, keys stay as written ---------------------------------

_EVERYWHERE = (
    "services:\n"
    "  app:\n"
    "    image: ${REGISTRY:-docker.io}/app:${TAG}\n"
    "    depends_on: [ '${DB_HOST:-postgresql}', '${CACHE}' ]\n"
    "    networks: [ '${NET}', '${OTHER}' ]\n"
    "    ports: ['${PORT:-8080}:80', {target: 80, published: '${PORT}'}]\n"
    "    volumes:\n"
    "      - ${DATA:-data}:/data\n"
    "      - {type: volume, source: '${DATA}', target: /d, read_only: '${RO:-yes}'}\n"
    "    secrets: [ '${SECRET}', {source: '${SECRET}', target: '/run/${SECRET}'} ]\n"
    "    configs: [ '${UNKNOWN_CONFIG}' ]\n"
    "    profiles: [ '${PROFILE:-debug}' ]\n"
    "    labels: [ 'traefik.http.routers.${ROUTER:-web}.rule=Host(`${DOMAIN}`)', 'plain=${NET}', '${LABEL}' ]\n"
    "    environment: { '${KEY}': '${NET}' }\n"
    "    healthcheck:\n"
    "      test: [CMD, curl, -f, 'http://localhost:${PORT:-8080}/health']\n"
    "      disable: ${NO_CHECK:-false}\n"
    "    extra_hosts: [ 'db:${DB_IP:-10.0.0.2}' ]\n"
    "    env_file:\n"
    "      - ${ENV_DIR:-.}/app.env\n"
    "      - {path: ./opt.env, required: '${OPT_REQUIRED}'}\n"
    "    build:\n"
    "      context: .\n"
    "      args: [ 'VERSION=${TAG}', '${ARG_NAME:-EXTRA}=1' ]\n"
    "      labels: { owner: '${OWNER:-ops}' }\n"
    "    deploy:\n"
    "      labels: [ 'tier=${TIER:-web}' ]\n"
    "    logging:\n"
    "      options: { tag: '${NET}-{{.Name}}' }\n"
    "networks:\n"
    "  ${NET}:\n"
    "    external: '${EXTERNAL:-true}'\n"
)
_ENV = {"TAG": "1.2", "NET": "backend", "PORT": "9000", "DATA": "store", "SECRET": "db_pass", "DOMAIN": "example.org", "KEY": "K"}


def test_every_value_is_interpolated_and_keys_are_not():
    app = load(_EVERYWHERE, _ENV).services["app"]
    assert (app.image.effective, app.image.resolved) == ("docker.io/app:1.2", True)
    assert [(d.service, d.resolved) for d in app.depends_on.values()] == [("postgresql", True), ("${CACHE}", False)]
    assert [(n.name, n.resolved) for n in app.networks.values()] == [("backend", True), ("${OTHER}", False)]
    assert [(p.published, p.target, p.resolved) for p in app.ports] == [("9000", "80", True), ("9000", "80", True)]
    assert [(v.type, v.source, v.target, v.read_only, v.resolved) for v in app.volumes] == [
        ("volume", "store", "/data", False, True), ("volume", "store", "/d", True, True)
    ]
    assert [(s.source, s.target, s.resolved) for s in app.secrets] == [("db_pass", None, True), ("db_pass", "/run/db_pass", True)]
    assert [(c.source, c.resolved) for c in app.configs] == [("${UNKNOWN_CONFIG}", False)]
    assert [(p.effective, p.resolved) for p in app.profiles] == [("debug", True)]
    labels = {name: (None if v.value is None else (v.value.effective, v.value.resolved)) for name, v in app.labels.items()}
    assert labels == {
        "traefik.http.routers.web.rule": ("Host(`example.org`)", True),
        "plain": ("backend", True),
        "${LABEL}": (None, False),
    }
    assert [(name, v.value.effective) for name, v in app.environment.items()] == [("${KEY}", "backend")]
    assert [i.effective for i in app.healthcheck.test.items] == ["CMD", "curl", "-f", "http://localhost:9000/health"]
    assert app.healthcheck.disable is False
    assert [h.effective for h in app.extra_hosts] == ["db:10.0.0.2"]
    assert [(e.file.effective, e.required) for e in app.env_file] == [("./app.env", True), ("./opt.env", False)]
    assert {name: (v.value.effective, v.value.resolved) for name, v in app.build.args.items()} == {"VERSION": ("1.2", True), "EXTRA": ("1", True)}
    assert app.build.labels["owner"].value.effective == "ops"
    assert app.deploy.labels["tier"].value.effective == "web"
    assert app.logging.options["tag"].value.effective == "backend-{{.Name}}"
    compose = load(_EVERYWHERE, _ENV)
    assert list(compose.networks) == ["${NET}"] and compose.networks["${NET}"].external is True


def test_a_list_item_whose_name_holds_a_variable_is_split_after_interpolation():
    compose = load("services:\n  app:\n    image: a:1\n    environment: ['${PREFIX:-APP}_MODE=${MODE:-prod}', '$$HOME=x']\n")
    env = compose.services["app"].environment
    assert [(name, v.value.effective, where(v.name_span)) for name, v in env.items()] == [
        ("APP_MODE", "prod", (4, 19)), ("$HOME", "x", (4, 56))
    ]


@pytest.mark.parametrize(
    ("written", "value"),
    [("true", True), ("'true'", True), ("'yes'", True), ("'Off'", False), ("${X:-true}", True), ("${X}", False), ("'maybe'", False)],
)
def test_booleans_are_cast_after_interpolation(written, value):
    compose = load(f"services:\n  app:\n    image: a:1\n    healthcheck:\n      test: [CMD, 'true']\n      disable: {written}\n", {})
    assert compose.services["app"].healthcheck.disable is value


def test_depends_on_options_are_interpolated_and_an_unknown_required_is_not_required():
    compose = load(
        "services:\n  app:\n    image: a:1\n    depends_on:\n"
        "      db: {condition: '${COND:-service_healthy}', restart: '${R:-true}', required: '${REQ:-false}'}\n"
        "      cache: {condition: service_started, required: '${UNKNOWN}'}\n"
    )
    deps = compose.services["app"].depends_on
    assert [(d.service, d.condition, d.restart, d.required, d.resolved) for d in deps.values()] == [
        ("db", "service_healthy", True, False, True), ("cache", "service_started", False, False, True)
    ]
