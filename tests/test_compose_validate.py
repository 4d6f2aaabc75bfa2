"""Schema validation: same verdicts as jsonschema on the Compose schema, every error located."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlint.parsers.compose.load import load_compose_file
from dlint.parsers.compose import schema_data
from dlint.parsers.compose.schema_data import SCHEMA
from dlint.parsers.compose.validate import (
    KEYWORDS_2020_12,
    KEYWORDS_WITHOUT_EFFECT,
    Validator,
    validate_compose,
    validate_with_schema,
)
from dlint.parsers.yaml_loader import load_yaml

SERVICE_KEYS = sorted(SCHEMA["$defs"]["service"]["properties"])
OTHER_KEYS = [
    "context", "target", "published", "condition", "driver", "external", "file", "test", "limits", "x-a", "bogus",
    "command", "image", "per_replica", "no_cache_filter", "endpoint_var", "type", "options",
]
REFERENCE = jsonschema.Draft202012Validator(SCHEMA)
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
_GENERATOR_PATH = Path(__file__).resolve().parent.parent / "scripts" / "generate_compose_schema.py"


def _generator():
    spec = importlib.util.spec_from_file_location("generate_compose_schema", _GENERATOR_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def located(schema: dict, text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of every error of a YAML text against a schema of one's own."""
    return [(e.span.line, e.span.column, e.message) for e in Validator(schema).validate(load_yaml(text).root)]


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


# -- the bundled schema: compose-go's draft 2020-12 copy ---------------------------------------


def test_bundled_schema_is_compose_gos_2020_12_copy():
    assert SCHEMA["$schema"] == DRAFT_2020_12
    assert "definitions" not in SCHEMA and "pre_start_hook" in SCHEMA["$defs"]
    assert SCHEMA["$defs"]["service"]["properties"]["develop"] == {"$ref": "#/$defs/development"}
    assert "https://github.com/compose-spec/compose-go, file schema/compose-spec.json at commit e70e961c3a3acebf0800b882f1afb3dbf1fb74a2" in " ".join(schema_data.__doc__.split())
    assert "sha256 73ca5878c77570ba222a558016c7b3c6770ba5f3377786593e32180666512f8f" in schema_data.__doc__
    assert "Apache License 2.0" in schema_data.__doc__


def test_every_keyword_of_the_bundled_schema_is_applied():
    used = set(_generator().keywords(SCHEMA))
    assert sorted(used) == [
        "$defs", "$id", "$ref", "$schema", "additionalProperties", "enum", "items", "maximum", "minimum", "oneOf",
        "pattern", "patternProperties", "properties", "required", "type", "uniqueItems",
    ]
    assert used - KEYWORDS_WITHOUT_EFFECT <= KEYWORDS_2020_12


NEW_KEYS = """\
name: ai
models:
  llm:
    model: ai/smollm2
    context_size: 4096
    runtime_flags: ["--verbose"]
  embed:
    model: ai/mxbai-embed-large
services:
  app:
    image: example/app:1.0
    build:
      context: .
      no_cache_filter: [deps, build]
    models:
      llm:
        endpoint_var: LLM_URL
        model_var: LLM_NAME
      embed:
    pre_start:
      - command: ["./migrate", "up"]
        image: example/migrate:1.0
        user: "1000"
        privileged: false
        working_dir: /app
        environment: {MODE: migrate}
        per_replica: ${PER_REPLICA:-false}
        x-note: runs first
    post_start:
      - command: ./warm-cache
        user: root
    pre_stop:
      - command: ["./drain"]
  worker:
    build:
      context: .
      no_cache_filter: deps
    models: [llm]
  db:
    provider:
      type: awesomecloud
      options:
        type: mysql
        size: 256
        tags: [a, b]
"""


def test_keys_added_since_the_previous_schema_are_accepted():
    # the previous copy refused pre_start, build.no_cache_filter and a service model without options (null)
    assert errors(NEW_KEYS) == []
    assert not REFERENCE.is_valid(None) and REFERENCE.is_valid(yaml.safe_load(NEW_KEYS))


def test_mistakes_in_the_new_keys_are_located():
    text = (
        "models:\n"
        "  llm:\n"
        "    modle: ai/smollm2\n"
        "services:\n"
        "  app:\n"
        "    image: example/app:1.0\n"
        "    build:\n"
        "      context: .\n"
        "      no_cache_filter: {deps: true}\n"
        "    models:\n"
        "      llm: LLM_URL\n"
        "    pre_start:\n"
        "      - comand: [./migrate]\n"
        "        per_replica: 5\n"
        "    post_start: {command: x}\n"
        "  db:\n"
        "    provider:\n"
        "      options: {size: 256}\n"
    )
    assert errors(text) == [
        (3, 5, "unknown key 'modle' in models.llm (did you mean 'model'?)"),
        (2, 3, "models.llm is missing the required key 'model'"),
        (9, 24, "services.app.build.no_cache_filter must be a string or a list, not a mapping"),
        (11, 12, "services.app.models.llm must be a mapping or null, not a string"),
        (13, 9, "unknown key 'comand' in services.app.pre_start[0] (did you mean 'command'?)"),
        (14, 22, "services.app.pre_start[0].per_replica must be a boolean or a string, not a number"),
        (15, 17, "services.app.post_start must be a list, not a mapping"),
        (17, 5, "services.db.provider is missing the required key 'type'"),
    ]


# -- 2020-12 keywords, each located ----------------------------------------------------------


def test_ref_siblings_apply_in_2020_12_and_are_ignored_in_draft_07():
    modern = {
        "$schema": DRAFT_2020_12,
        "$defs": {"port": {"type": "integer", "maximum": 65535}},
        "properties": {"p": {"$ref": "#/$defs/port", "minimum": 1024}},
    }
    assert located(modern, "p: 80\n") == [(1, 4, "p must be at least 1024")]
    assert located(modern, "p: 70000\n") == [(1, 4, "p must be at most 65535")]
    legacy = {
        "$schema": DRAFT_07,
        "definitions": {"port": {"type": "integer", "maximum": 65535}},
        "properties": {"p": {"$ref": "#/definitions/port", "minimum": 1024}},
    }
    assert located(legacy, "p: 80\n") == []
    assert located(legacy, "p: 70000\n") == [(1, 4, "p must be at most 65535")]
    no_dialect = {key: value for key, value in modern.items() if key != "$schema"}
    assert located(no_dialect, "p: 80\n") == [(1, 4, "p must be at least 1024")]  # 2020-12 is the default


def test_anchors_and_pointers_with_escapes_resolve():
    schema = {
        "$defs": {"svc": {"$anchor": "service", "required": ["image"]}, "a/b~c": {"type": "string"}},
        "properties": {"s": {"$ref": "#service"}, "t": {"$ref": "#/$defs/a~1b~0c"}, "u": {"$ref": "#/properties/t"}},
    }
    assert located(schema, "s: {}\nt: 1\nu: 2\n") == [
        (1, 1, "s is missing the required key 'image'"),
        (2, 4, "t must be a string, not a number"),
        (3, 4, "u must be a string, not a number"),
    ]


def test_a_ref_to_nothing_makes_the_custom_schema_unusable():
    custom = {"properties": {"services": {"$ref": "#/$defs/missing"}}}
    compose = load_compose_file("c.yaml", "services:\n  web:\n    image: x:1\n", extra_schema=custom)
    assert [(i.span.line, i.message) for i in compose.issues] == [
        (1, "(custom schema) the schema cannot be used: ValueError: $ref '#/$defs/missing' points to nothing in the schema")
    ]
    with pytest.raises(ValueError, match="the schema has no anchor 'nope'"):
        Validator({"$ref": "#nope"})


def test_a_ref_to_another_document_accepts_anything():
    assert located({"properties": {"a": {"$ref": "https://example.com/other.json#/x"}}}, "a: [1]\n") == []
    own = {"$id": "https://example.com/mine.json", "$defs": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "https://example.com/mine.json#/$defs/s"}}}
    assert located(own, "a: [1]\n") == [(1, 4, "a must be a string, not a list")]


def test_prefix_items_then_items():
    schema = {"properties": {"t": {"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": False}}}
    assert located(schema, "t: [a, b, c, d]\n") == [
        (1, 8, "t[1] must be an integer, not a string"),
        (1, 11, "t[2] is not allowed"),
        (1, 14, "t[3] is not allowed"),
    ]
    assert located(schema, "t: [a, 1]\n") == []
    assert located({"properties": {"t": {"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}}}, "t: [a, 1, b]\n") == [
        (1, 11, "t[2] must be an integer, not a string")
    ]


def test_unevaluated_properties_sees_keys_evaluated_by_fitting_subschemas():
    schema = {
        "allOf": [{"properties": {"image": {"type": "string"}}}],
        "anyOf": [{"properties": {"kind": {"const": "a"}, "alpha": {}}}, {"properties": {"kind": {"const": "b"}, "beta": {}}}],
        "properties": {"kind": {}},
        "unevaluatedProperties": False,
    }
    assert located(schema, "image: x\nkind: a\nalpha: 1\n") == []
    assert located(schema, "image: x\nkind: a\nbeta: 1\nimgae: z\n") == [
        (3, 1, "unknown key 'beta' at the top level (only a subschema that the value does not fit allows it)"),
        (4, 1, "unknown key 'imgae' at the top level (did you mean 'image'?)"),
    ]
    # additionalProperties evaluates every key beside it; a schema for the rest is applied to it
    assert located({"allOf": [{"additionalProperties": True}], "unevaluatedProperties": False}, "a: 1\n") == []
    assert located({"properties": {"a": {}}, "unevaluatedProperties": {"type": "string"}}, "a: 1\nb: 2\n") == [
        (2, 4, "b must be a string, not a number")
    ]


def test_unevaluated_items_after_prefix_items_and_contains():
    schema = {"properties": {"l": {"prefixItems": [{"type": "string"}], "contains": {"type": "integer"}, "unevaluatedItems": False}}}
    assert located(schema, "l: [a, 1, 2]\n") == []
    assert located(schema, "l: [a, 1, b]\n") == [(1, 11, "l[2] is not allowed")]


def test_dependent_required_and_dependent_schemas():
    schema = {"dependentRequired": {"tls": ["cert", "key"]}, "dependentSchemas": {"proxy": {"required": ["port"]}}}
    assert located(schema, "cert: a\ntls: true\nproxy: p\n") == [
        (3, 1, "the document is missing the required key 'port'"),
        (2, 1, "the document has 'tls', which needs the key 'key' as well"),
    ]
    assert located(schema, "cert: a\nkey: b\n") == []


def test_if_then_else():
    schema = {
        "properties": {"p": {
            "if": {"properties": {"kind": {"const": "tcp"}}},
            "then": {"required": ["port"]},
            "else": {"properties": {"port": False}},
        }}
    }
    assert located(schema, "p:\n  kind: tcp\n") == [(1, 1, "p is missing the required key 'port'")]
    assert located(schema, "p:\n  kind: udp\n  port: 1\n") == [(3, 3, "p.port is not allowed")]
    assert located(schema, "p:\n  kind: tcp\n  port: 1\n") == []


def test_not_and_interpolation():
    schema = {"properties": {"a": {"not": {"type": "string"}}, "b": {"not": {"enum": [1, 2]}}, "c": {"not": {"required": ["x"]}}}}
    assert located(schema, "a: x\nb: 2\nc: {x: 1}\n") == [
        (1, 4, "a must not be a string"),
        (2, 4, "b must not be one of: 1, 2"),
        (3, 4, "c must not be a mapping with the key(s) 'x'"),
    ]
    assert located(schema, "a: ${A}\nb: 3\nc: {y: 1}\n") == []  # ${A} may stand for a number


def test_one_of_needs_exactly_one_fitting_branch():
    schema = {
        "properties": {
            "a": {"oneOf": [{"type": "integer"}, {"minimum": 0}]},
            "b": {"oneOf": [{"type": "integer"}, {"type": "string"}, {"maximum": -1}]},
        }
    }
    assert located(schema, "a: 5\n") == [(1, 4, "a fits 2 of the oneOf alternatives (#1, #2); it must fit exactly one")]
    assert located(schema, "a: -5\n") == []
    assert located(schema, "b: x\n") == [(1, 4, "b fits 2 of the oneOf alternatives (#2, #3); it must fit exactly one")]
    assert located(schema, "b: 5\n") == []
    assert located(schema, "b: ${B}\n") == []  # fits #2 and #3, but may be an integer below 0 once interpolated


def test_property_names_and_counts_of_keys():
    assert located({"propertyNames": {"pattern": "^[a-z]+$", "maxLength": 5}}, "good: 1\nBad: 2\ntoolong: 3\n") == [
        (2, 1, "key 'Bad' at the top level is not allowed: the name 'Bad' does not match the expected format /^[a-z]+$/"),
        (3, 1, "key 'toolong' at the top level is not allowed: the name must be at most 5 character(s) long"),
    ]
    assert located({"propertyNames": {"type": "string"}}, "1: a\ntrue: b\n") == []  # a name is always a string
    assert located({"properties": {"m": {"minProperties": 2}}}, "m: {a: 1}\n") == [(1, 1, "m needs at least 2 key(s)")]
    assert located({"maxProperties": 1}, "a: 1\nb: 2\nc: 3\n") == [(2, 1, "the document has 3 keys, more than the 1 allowed")]


def test_contains_and_counts_of_items():
    schema = {"properties": {"l": {"contains": {"type": "integer"}, "minContains": 2, "maxContains": 3, "maxItems": 5}}}
    assert located(schema, "l: [a, 1]\n") == [(1, 4, "l has 1 item(s) that fit 'contains', fewer than the 2 needed")]
    assert located(schema, "l: [1, 2, 3, 4, 5, 6]\n") == [
        (1, 14, "l has 6 items that fit 'contains', more than the 3 allowed"),
        (1, 20, "l has 6 items, more than the 5 allowed"),
    ]
    assert located({"properties": {"l": {"contains": {"type": "integer"}, "minContains": 0}}}, "l: []\n") == []
    assert located({"properties": {"l": {"contains": {"type": "integer"}}}}, "l: []\n") == [
        (1, 4, "l has 0 item(s) that fit 'contains', fewer than the 1 needed")
    ]


def test_const_enum_and_unique_items_compare_as_json():
    schema = {
        "properties": {
            "c": {"const": 1}, "e": {"enum": [True, "x"]}, "f": {"enum": [1]}, "o": {"const": {"k": [1]}},
            "u": {"uniqueItems": True}, "v": {"enum": [[1, 2]]},
        }
    }
    assert located(schema, "c: true\ne: 1\nf: 1.0\no: {k: [2]}\nu: [{a: 1}, [1], {a: 1.0}]\nv: [1, 2.0]\n") == [
        (1, 4, "c must be 1"),
        (2, 4, "e is '1'; expected one of: true, x"),
        (4, 4, 'o must be {"k": [1]}'),
        (5, 18, "u lists the same mapping more than once (first at line 5)"),
    ]


def test_string_and_number_bounds():
    schema = {
        "properties": {
            "s": {"minLength": 2, "maxLength": 3}, "n": {"exclusiveMinimum": 0, "multipleOf": 0.5},
            "m": {"exclusiveMaximum": 10, "multipleOf": 3}, "i": {"minLength": 5},
        }
    }
    assert located(schema, "s: abcd\nn: 0.75\nm: 10\ni: ${LONG}\n") == [
        (1, 4, "s must be at most 3 character(s) long"),
        (2, 4, "n must be a multiple of 0.5"),
        (3, 4, "m must be less than 10"),
        (3, 4, "m must be a multiple of 3"),
    ]
    assert located(schema, "s: a\nn: 0\nm: 9\n") == [
        (1, 4, "s must be at least 2 character(s) long"),
        (2, 4, "n must be greater than 0"),
    ]


def test_a_schema_applying_itself_in_place_terminates():
    schema = {"$ref": "#", "type": "object", "allOf": [{"$ref": "#"}, {"$ref": "#"}], "properties": {"a": {"type": "string"}}}
    assert located(schema, "a: 1\n") == [(1, 4, "a must be a string, not a number")]
    assert located({"$defs": {"x": {"$ref": "#/$defs/y"}, "y": {"$ref": "#/$defs/x"}}, "properties": {"a": {"$ref": "#/$defs/x"}}}, "a: 1\n") == []


# -- draft-07 schemas of one's own -----------------------------------------------------------


def test_a_draft_07_schema_still_works():
    schema = {
        "$schema": DRAFT_07,
        "definitions": {"svc": {"type": "object", "required": ["image"], "properties": {"image": {"type": "string"}}}},
        "properties": {
            "services": {"additionalProperties": {"$ref": "#/definitions/svc"}},
            "t": {"items": [{"type": "string"}], "additionalItems": False},
            "p": {"prefixItems": [{"type": "integer"}]},  # not a draft-07 keyword: ignored
        },
        "dependencies": {"tls": ["cert"], "proxy": {"required": ["port"]}},
    }
    text = "services:\n  web: {imag: x}\nt: [a, 1]\np: [a]\ntls: 1\nproxy: 1\n"
    assert located(schema, text) == [
        (6, 1, "the document is missing the required key 'port'"),  # at the key that needs it
        (2, 3, "services.web is missing the required key 'image'"),
        (3, 8, "t[1] is not allowed"),
        (5, 1, "the document has 'tls', which needs the key 'cert' as well"),
    ]
    compose = load_compose_file("c.yaml", "services:\n  web:\n    image: x:1\n", extra_schema=schema)
    assert compose.issues == []


def test_draft_04_exclusive_bounds_are_flags():
    schema = {"$schema": "http://json-schema.org/draft-04/schema#", "properties": {"n": {"minimum": 1, "exclusiveMinimum": True}}}
    assert located(schema, "n: 1\n") == [(1, 4, "n must be greater than 1")]
    assert located(schema, "n: 2\n") == []


# -- same verdicts as jsonschema on schemas using every keyword --------------------------------

KEYWORD_SCHEMA_2020_12 = {
    "$schema": DRAFT_2020_12,
    "$defs": {
        "port": {"type": "integer", "minimum": 1, "maximum": 100, "multipleOf": 2},
        "name": {"$anchor": "name", "type": "string", "minLength": 1, "maxLength": 3, "pattern": "^[a-z]"},
    },
    "type": "object",
    "properties": {
        "p": {"$ref": "#/$defs/port", "exclusiveMaximum": 50},
        "n": {"$ref": "#name"},
        "t": {"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": {"type": "boolean"}, "maxItems": 4},
        "c": {"type": "array", "contains": {"type": "integer"}, "minContains": 1, "maxContains": 2, "uniqueItems": True},
        "u": {"prefixItems": [{"type": "integer"}], "contains": {"type": "string"}, "minContains": 0, "unevaluatedItems": {"type": "null"}},
        "o": {"oneOf": [{"type": "integer"}, {"minimum": 3}, {"type": "string", "minLength": 2}]},
        "x": {"not": {"type": ["string", "null"]}},
        "e": {"enum": [1, "a", None, [1], {"k": True}]},
        "k": {"const": True},
        "m": {"type": "object", "propertyNames": {"maxLength": 1}, "minProperties": 1, "maxProperties": 2, "additionalProperties": {"type": "integer"}},
    },
    "dependentRequired": {"p": ["n"]},
    "dependentSchemas": {"t": {"required": ["c"]}},
    "if": {"properties": {"k": {"const": True}}, "required": ["k"]},
    "then": {"properties": {"x": {"type": "integer"}}},
    "else": {"properties": {"e": {"exclusiveMinimum": 0}}},
    "anyOf": [{"required": ["p"]}, {"required": ["n"]}, {"maxProperties": 3}],
    "allOf": [{"properties": {"z": {"type": "number"}}}],
    "unevaluatedProperties": False,
}
KEYWORD_SCHEMA_DRAFT_07 = {
    "$schema": DRAFT_07,
    "definitions": {"port": {"type": "integer", "minimum": 1, "maximum": 100}},
    "type": "object",
    "properties": {
        "p": {"$ref": "#/definitions/port", "maximum": 5},
        "t": {"items": [{"type": "string"}, {"type": "integer"}], "additionalItems": {"type": "boolean"}},
        "c": {"contains": {"type": "integer"}, "minItems": 1, "maxItems": 3, "uniqueItems": True},
        "o": {"oneOf": [{"type": "integer"}, {"minimum": 3}]},
        "x": {"not": {"const": "a"}, "exclusiveMinimum": 2, "exclusiveMaximum": 40},
        "m": {"propertyNames": {"enum": ["a", "bb"]}, "patternProperties": {"^b": {"type": "string"}}},
    },
    "dependencies": {"p": ["t"], "c": {"properties": {"o": {"type": "string"}}}},
    "if": {"required": ["x"]},
    "then": {"properties": {"k": {"type": "boolean"}}},
    "additionalProperties": {"type": ["integer", "array", "object", "string", "boolean", "null"]},
}
_top_names = st.sampled_from(["p", "n", "t", "c", "u", "o", "x", "e", "k", "m", "z", "q"])
_names = st.sampled_from(["p", "n", "t", "c", "u", "o", "x", "e", "k", "m", "z", "q", "a", "bb"])
_plain_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 60), st.sampled_from([2.5, 3.0, 0.5]),
    st.sampled_from(["", "a", "ab", "abc", "abcd", "A", "1"]),
)
_plain_values = st.recursive(
    _plain_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_names, inner, max_size=3)),
    max_leaves=8,
)


@pytest.mark.parametrize("schema", [KEYWORD_SCHEMA_2020_12, KEYWORD_SCHEMA_DRAFT_07], ids=["2020-12", "draft-07"])
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(document=st.dictionaries(_top_names, _plain_values, max_size=4))
def test_same_verdict_as_jsonschema_for_every_keyword(schema, document):
    root = load_yaml(yaml.safe_dump(document)).root
    ours = Validator(schema).validate(root)
    reference = jsonschema.validators.validator_for(schema)(schema)
    theirs = list(reference.iter_errors(document))
    assert bool(ours) == bool(theirs), ([e.message for e in ours], [e.message for e in theirs])


# -- the generator -------------------------------------------------------------------------------


def test_generator_keeps_names_and_data_that_look_like_annotations():
    source = {
        "$schema": DRAFT_2020_12,
        "$id": "compose_spec.json",
        "title": "x",
        "description": "dropped",
        "properties": {"description": {"type": "string", "description": "dropped"}, "title": {"$ref": "#/$defs/t"}},
        "$defs": {"t": {"enum": [{"description": "kept"}], "default": "dropped", "deprecated": True}},
    }
    data = json.dumps(source).encode()
    text = _generator().render(data, repository="https://example.com/repo", source_path="schema/s.json", commit="abc123")
    namespace: dict = {}
    exec(compile(text, "schema_data.py", "exec"), namespace)
    assert namespace["SCHEMA"] == {
        "$schema": DRAFT_2020_12,
        "$id": "compose_spec.json",
        "properties": {"description": {"type": "string"}, "title": {"$ref": "#/$defs/t"}},
        "$defs": {"t": {"enum": [{"description": "kept"}]}},
    }
    docstring = " ".join(namespace["__doc__"].split())
    assert f"Source: https://example.com/repo, file schema/s.json at commit abc123 (sha256 {hashlib.sha256(data).hexdigest()}, {len(data)} bytes; JSON Schema dialect {DRAFT_2020_12})." in docstring
    assert "Keywords used: $defs, $id, $ref, $schema, enum, properties, type." in docstring
