"""Schema validation: same verdicts as jsonschema on the Compose schema, every error located."""

from __future__ import annotations

import jsonschema
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlint.parsers.compose.load import load_compose_file
from dlint.parsers.compose.schema_data import SCHEMA
from dlint.parsers.compose.validate import validate_compose, validate_with_schema
from dlint.parsers.yaml_loader import load_yaml

SERVICE_KEYS = sorted(SCHEMA["definitions"]["service"]["properties"])
OTHER_KEYS = ["context", "target", "published", "condition", "driver", "external", "file", "test", "limits", "x-a", "bogus"]
REFERENCE = jsonschema.Draft7Validator(SCHEMA)


def errors(text: str) -> list[tuple[int, int, str]]:
    compose = load_compose_file("compose.yaml", text)
    return [(i.span.line, i.span.column, i.message) for i in compose.issues if i.kind == "schema"]


def test_all_errors_are_reported_each_at_its_place():
    text = (
        "services:\n"
        "  web:\n"
        "    imgae: nginx\n"
        "    ports: [{target: 80, publishd: 1}]\n"
        "    healthcheck: {interval: 10}\n"
        "    environment: [1, A]\n"
        "networks:\n"
        "  front: {driver: [x]}\n"
    )
    assert errors(text) == [
        (3, 5, "unknown key 'imgae' in service 'web' (did you mean 'image'?)"),
        (4, 26, "unknown key 'publishd' in services.web.ports[0] (did you mean 'published'?)"),
        (5, 29, "services.web.healthcheck.interval must be a string, not a number"),
        (6, 19, "services.web.environment[0] must be a string, not a number"),
        (8, 19, "networks.front.driver must be a string, not a list"),
    ]


def test_service_names_must_match_the_pattern():
    assert errors("services:\n  'bad name':\n    image: x:1\n") == [
        (2, 3, "key 'bad name' in services does not match /^[a-zA-Z0-9._-]+$/")
    ]


def test_interpolated_values_stand_in_for_any_scalar_type():
    text = "services:\n  web:\n    image: x:1\n    use_api_socket: ${SOCKET}\n    cpus: $CPUS\n    restart: ${R:-always}\n    ports: ['${PORT}:80']\n"
    assert errors(text) == []
    escaped = "services:\n  web:\n    image: x:1\n    use_api_socket: $$1\n"  # $$ is a literal dollar
    assert errors(escaped) == [(4, 21, "services.web.use_api_socket must be a boolean, not a string")]


def test_required_key_is_reported_at_its_mapping_key():
    assert errors("services:\n  web:\n    image: x:1\n    volumes: [{source: a, target: /a}]\n") == [
        (4, 15, "services.web.volumes[0] is missing the required key 'type'")
    ]


def test_duplicate_list_items_are_reported_at_the_repeat():
    assert errors("services:\n  web:\n    image: x:1\n    dns: [1.1.1.1, 8.8.8.8, 1.1.1.1]\n") == [
        (4, 29, "services.web.dns lists '1.1.1.1' more than once (first at line 4)")
    ]


def test_custom_schema_is_checked_as_well():
    custom = {
        "type": "object",
        "properties": {"services": {"type": "object", "additionalProperties": {"$ref": "#/definitions/svc"}}},
        "definitions": {"svc": {"type": "object", "required": ["labels"], "properties": {"restart": {"enum": ["always"]}}}},
    }
    root = load_yaml("services:\n  web:\n    image: x:1\n    restart: 'no'\n").root
    found = [(e.span.line, e.span.column, e.message) for e in validate_with_schema(root, custom)]
    assert found == [
        (4, 14, "services.web.restart is 'no'; expected one of: always"),
        (2, 3, "services.web is missing the required key 'labels'"),
    ]
    compose = load_compose_file("c.yaml", "services:\n  web:\n    image: x:1\n", extra_schema=custom)
    assert [i.message for i in compose.issues] == ["(custom schema) services.web is missing the required key 'labels'"]


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 70000), st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["a", "nginx:1", "80:80", "service_healthy", "tcp", "host", "always", "1.5", "", "10s", "CMD", "bind"]),
)
keys = st.sampled_from(SERVICE_KEYS + OTHER_KEYS)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)),
    max_leaves=8,
)
services = st.dictionaries(st.sampled_from(["web", "db", "x y"]), st.dictionaries(keys, values, max_size=5), max_size=2)
documents = st.fixed_dictionaries(
    {"services": services},
    optional={
        "volumes": st.dictionaries(st.sampled_from(["data", "cache"]), values, max_size=2),
        "networks": st.dictionaries(st.sampled_from(["front"]), values, max_size=1),
        "name": values,
        "bogus": values,
    },
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_same_verdict_as_jsonschema(document):
    root = load_yaml(yaml.safe_dump(document)).root
    ours = validate_compose(root)
    theirs = list(REFERENCE.iter_errors(root.to_python()))
    assert bool(ours) == bool(theirs), (ours, [e.message for e in theirs])


def test_a_malformed_custom_schema_is_one_issue_not_a_traceback():
    compose = load_compose_file("c.yaml", "services:\n  web:\n    image: x:1\n", extra_schema={"properties": ["not", "a", "map"]})
    assert [(i.kind, i.span.line, i.message) for i in compose.issues] == [
        ("schema", 1, "(custom schema) the schema cannot be used: AttributeError: 'list' object has no attribute 'items'")
    ]
