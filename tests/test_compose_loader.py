"""The positioned YAML loader: positions, scalars, merge keys, and hostile input."""

from __future__ import annotations


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlint.parsers.yaml_loader import dump_roundtrip, load_roundtrip, load_yaml, resolve_plain
from dlint.parsers.compose.load import load_compose_file


def position(node):
    return (node.span.line, node.span.column, node.span.end_line, node.span.end_column)


def test_every_key_and_value_has_its_position():
    root = load_yaml("services:\n  web:\n    image: 'nginx:1.27'\n").root
    web_key, web = root.get("services").value["web"]
    image_key, image = web.value["image"]
    assert position(web_key) == (2, 3, 2, 6)
    assert position(image_key) == (3, 5, 3, 10)
    assert position(image) == (3, 12, 3, 24)  # quotes included
    assert image.value == "nginx:1.27"


def test_columns_count_characters_not_bytes():
    text = "labels:\n  café: €uro\n  naïve: ok\n"
    loaded = load_yaml(text)
    labels = loaded.root.get("labels")
    key, value = labels.value["café"]
    assert position(value) == (2, 9, 2, 13)
    assert text[value.span.start : value.span.end] == "€uro"
    naive_key, _ = labels.value["naïve"]
    assert text[naive_key.span.start : naive_key.span.end] == "naïve"


def test_scalars_follow_yaml_1_2_like_compose():
    root = load_yaml("a: yes\nb: on\nc: true\nd: 0o17\ne: 017\nf: 1.5\ng: ~\nh: '12'\ni: !!str 12\nj:\n").root
    assert root.to_python() == {"a": "yes", "b": "on", "c": True, "d": 15, "e": 17, "f": 1.5, "g": None, "h": "12", "i": "12", "j": None}


@pytest.mark.parametrize(
    ("text", "value"),
    [("0x1F", 31), ("-3", -3), ("+4", 4), (".inf", float("inf")), ("1e3", 1000.0), ("NULL", None), ("False", False), ("1.2.3", "1.2.3")],
)
def test_plain_scalar_resolution(text, value):
    assert resolve_plain(text) == value


def test_merge_keys_keep_the_position_where_each_value_was_written():
    text = (
        "x-base: &base\n"
        "  restart: always\n"
        "  user: app\n"
        "x-more: &more\n"
        "  user: root\n"
        "  init: true\n"
        "web:\n"
        "  <<: [*base, *more]\n"
        "  user: web\n"
    )
    web = load_yaml(text).root.get("web")
    assert list(web.value) == ["user", "restart", "init"]
    assert web.get("user").value == "web" and web.get("user").span.line == 9  # own key wins
    assert web.get("restart").span.line == 2  # merged value points at the anchor's text
    assert web.get("init").span.line == 6


def test_earlier_merge_source_wins_over_later_one():
    text = "a: &a {k: 1}\nb: &b {k: 2}\nc:\n  <<: [*a, *b]\n"
    assert load_yaml(text).root.get("c").get("k").value == 1


def test_aliases_share_the_anchored_node():
    root = load_yaml("a: &x {k: v}\nb: *x\n").root
    assert root.get("a") is root.get("b")


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ("a: 1\na: 2\n", "duplicate key 'a' (first defined at line 1)", (2, 1)),
        ("a: b: c\n", "mapping values are not allowed", (1, 5)),
        ("a:\n  - b\n c: d\n", "did not find expected key", (3, 2)),
        ("a: 1\n---\nb: 2\n", "more than one YAML document", (3, 1)),
        ("a: *nope\n", "undefined alias", (1, 4)),
        ("a: &a [1, *a]\n", "refers to the mapping or list that contains it", (1, 4)),
        ("? [a]\n: 1\n", "a mapping key must be a plain value", (1, 3)),
        ("<<: 5\n", "merge key (<<) needs a mapping", (1, 5)),
    ],
)
def test_problems_are_located_issues(text, message, where):
    issues = load_yaml(text).issues
    assert len(issues) == 1
    assert message in issues[0].message
    assert (issues[0].span.line, issues[0].span.column) == where


def test_bytes_that_are_not_utf8_are_replaced_and_reported():
    loaded = load_yaml(b"a: ok\nb: \xff\n")
    assert loaded.decode_replaced
    assert [(i.message, i.span.line, i.span.column) for i in loaded.issues] == [("the file is not valid UTF-8", 2, 4)]
    assert loaded.root.get("b").value == "\ufffd"


def test_control_characters_are_a_located_issue():
    loaded = load_yaml("a: 1\nb: \x00\n")
    assert loaded.root is None
    assert [(i.span.line, i.span.column) for i in loaded.issues] == [(2, 4)]
    assert "#x0000" in loaded.issues[0].message


def test_byte_order_mark_is_dropped():
    loaded = load_yaml("\ufeffa: 1\n".encode())
    assert loaded.issues == [] and loaded.root.get("a").span.column == 4


def test_alias_bomb_stops_quickly_with_an_issue():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    loaded = load_yaml("\n".join(lines) + "\n")  # refused before expanding: no hang, no memory blow-up
    assert loaded.root is None
    assert "alias bomb" in loaded.issues[0].message


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("a: &x 1\nb: [*x, *x, {c: *x}]\n<<: {d: *x}\n", 13),  # a shared scalar counts at each use
        ("a: &m {k: [1, 2]}\nb: [*m, *m]\nc: {<<: *m, e: 3}\n", 28),  # a merged mapping counts, its key not
        ("- &s x\n- [*s, *s]\n", 5),
    ],
)
def test_expanded_size_counts_every_use_of_an_alias(text, size):
    assert load_yaml(text, expansion_limit=size).root is not None
    loaded = load_yaml(text, expansion_limit=size - 1)
    assert loaded.root is None
    assert [(i.message, i.span.line) for i in loaded.issues] == [
        (f"aliases expand to more than {size - 1:,} nodes (an alias bomb?); the file was not read further", 1)
    ]


def test_a_shared_scalar_is_one_node():
    root = load_yaml("a: &x 1\nb: [*x, {c: *x}]\n").root
    items = root.get("b").value
    assert items[0] is root.get("a") is items[1].get("c")


def test_deep_nesting_is_refused_without_recursion_error():
    for text in ("[" * 5000 + "]" * 5000, "- " * 5000 + "x", "a:\n" + "".join(" " * i + "a:\n" for i in range(1, 3000))):
        loaded = load_yaml(text)
        assert loaded.root is None or loaded.issues == []
    nested = "[" * 900 + "]" * 900  # under libyaml's limit: converted without recursion
    assert load_yaml(nested).issues == []


def test_large_file_loads_and_models():

    text = "services:\n" + "".join(f"  s{i}:\n    image: app:{i}\n" for i in range(50_000))  # 100,001 lines
    compose = load_compose_file("compose.yaml", text)  # speed: scripts/benchmark.py, not a timed test
    assert len(compose.services) == 50_000 and compose.issues == []


def test_roundtrip_loader_keeps_comments():
    data, yaml = load_roundtrip("services:  # all of them\n  web:\n    image: nginx\n")
    data["services"]["web"]["image"] = "nginx:1.27"
    assert dump_roundtrip(data, yaml) == "services:  # all of them\n  web:\n    image: nginx:1.27\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#,?<\n \t\\$%@`\x00é")), max_size=200))
def test_loader_never_raises_on_random_yaml_like_text(text):
    loaded = load_yaml(text)
    for issue in loaded.issues:
        assert 0 <= issue.span.start <= len(loaded.text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_loader_never_raises_on_random_bytes(data):
    loaded = load_yaml(data)
    assert loaded.root is not None or loaded.issues or loaded.text.strip() in ("", "\ufeff") or loaded.text.lstrip().startswith("#")


def test_text_over_the_size_limit_is_refused_with_an_issue(monkeypatch):
    import dlint.parsers.yaml_loader as loader

    monkeypatch.setattr(loader, "MAX_CHARACTERS", 100)
    loaded = load_yaml("a: " + "x" * 200 + "\n")
    assert loaded.root is None
    assert [(i.message, i.span.line) for i in loaded.issues] == [("the file is too large to lint (204 characters; the limit is 100)", 1)]


def test_documents_of_one_compose_file_merge_in_order():
    text = (
        "services:\n  web:\n    image: nginx:1.27\n    environment: {A: '1'}\n"
        "---\n# an empty document is skipped\n"
        "---\nservices:\n  web:\n    environment: {B: '2'}\n  db:\n    image: postgres:17\n"
    )
    compose = load_compose_file("compose.yaml", text)
    assert compose.issues == []
    assert list(compose.services) == ["web", "db"]
    web = compose.services["web"]
    assert web.image.value == "nginx:1.27"
    assert sorted(web.environment) == ["A", "B"]
    assert compose.services["db"].name_span.line == 11


def test_each_document_is_checked_against_the_schema():
    compose = load_compose_file("compose.yaml", "services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    image: [nginx]\n")
    assert [(issue.kind, issue.span.line) for issue in compose.issues] == [("schema", 7)]


def test_a_document_that_is_not_a_mapping_is_a_located_syntax_issue():
    compose = load_compose_file("compose.yaml", "services: {}\n---\n- a\n")
    assert [(issue.kind, issue.span.line, issue.span.column) for issue in compose.issues] == [("syntax", 3, 1)]


def test_pyyaml_compiles_the_patterns_of_its_modules_when_first_used() -> None:
    """dlint.parsers.pyyaml imports PyYAML with ``re.compile`` deferred (its patterns are
    compiled on first use) and gives ``re.compile`` back; PyYAML's own loaders still
    resolve and check as they would with patterns compiled at once."""
    import subprocess
    import sys

    script = (
        "import re\n"
        "compile_now = re.compile\n"
        "from dlint.parsers.pyyaml import yaml\n"
        "from dlint.regex import LazyPattern\n"
        "assert re.compile is compile_now\n"
        "assert isinstance(yaml.reader.Reader.NON_PRINTABLE, LazyPattern)\n"
        "text = 'a: yes\\nb: 0x1F\\nc: 1.5e3\\nd: 2001-12-14\\ne: ~\\n'\n"
        "print(yaml.load(text, Loader=yaml.Loader), yaml.safe_load(text))\n"
        "try:\n"
        "    yaml.load('a: \\x07', Loader=yaml.Loader)\n"
        "except yaml.reader.ReaderError as error:\n"
        "    print(error.character)\n"
    )
    lazy = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    eager = subprocess.run(
        [sys.executable, "-c", script.replace("from dlint.parsers.pyyaml import yaml", "import yaml").replace("assert isinstance", "pass  #")],
        capture_output=True, text=True, check=True,
    ).stdout
    assert lazy == eager
    assert "'a': True" in lazy and "'b': 31" in lazy and "datetime.date(2001, 12, 14)" in lazy
