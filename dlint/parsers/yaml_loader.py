"""YAML loading with positions: the one module of dlint that imports a YAML library.

The lint path uses PyYAML's libyaml binding (``CSafeLoader``): ``compose`` gives
every node with its marks quickly, and libyaml itself refuses nesting deeper
than 1,000 levels. The nodes are converted, without recursion, into
:class:`YNode` trees whose scalars are resolved with YAML 1.2 core rules (as
Compose's Go loader reads them: ``yes`` and ``on`` stay strings). Merge keys
(``<<``) are resolved, aliases are shared, and their expanded size is
counted so that an alias bomb stops with an issue instead of eating memory.

Fixes that must keep comments use :func:`load_roundtrip` (ruamel.yaml,
imported only when called).
"""

from __future__ import annotations

import operator
from typing import Any

from dlint.models.base import Model, OnFirstUse, construct, field
from dlint.models.span import LineIndex, Span, new_span
from dlint.regex import regex

PLAIN = "!plain"  # tag given to plain scalars that still need YAML 1.2 resolution
MERGE_TAG = "tag:yaml.org,2002:merge"
#: an alias-expanded tree may hold this many nodes, or four times the distinct ones
MIN_EXPANSION_LIMIT = 100_000
#: longer texts are refused with an issue (memory stays bounded: ~150 bytes per character at worst)
MAX_CHARACTERS = 4_000_000

#: the plain scalars that are null or a boolean, with their value
_WORDS = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
}
#: the first characters of the plain scalars that may be numbers
_NUMBER_START = frozenset("0123456789-+.")
_INT = regex(r"[-+]?[0-9]+\Z")
_OCT = regex(r"0o[0-7]+\Z")
_HEX = regex(r"0x[0-9a-fA-F]+\Z")
_FLOAT = regex(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}


#: decimal integers with more digits stay strings (Python's int() refuses them; no
#: Compose field takes such a number)
MAX_INT_DIGITS = 4_300


def resolve_plain(text: str) -> Any:
    """The value of a plain scalar under the YAML 1.2 core schema."""
    value = _WORDS.get(text, text)
    if value is not text:
        return value
    if text[0] in _NUMBER_START:
        if _INT.match(text):
            return int(text) if len(text.lstrip("+-")) <= MAX_INT_DIGITS else text
        if _OCT.match(text):
            return int(text[2:], 8)
        if _HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text):
            return float(text)
        if text in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[text]
    return text


def _as_float(value: int | float) -> float:
    """``value`` as a float, infinite when it is an integer too large for one."""
    try:
        return float(value)
    except OverflowError:
        return float("inf") if value > 0 else float("-inf")


def _explicit(tag: str, text: str) -> Any:
    """The value of a scalar with an explicit ``!!`` tag (strings when it does not fit)."""
    if tag.endswith(":str"):
        return text
    value = resolve_plain(text)
    if tag.endswith(":int") and isinstance(value, int) and not isinstance(value, bool):
        return value
    if tag.endswith(":float") and isinstance(value, (int, float)) and not isinstance(value, bool):
        return _as_float(value)
    if tag.endswith(":bool") and isinstance(value, bool):
        return value
    if tag.endswith(":null") and value is None:
        return None
    return text


class YNode:
    """A YAML node with its place in the text.

    ``kind`` is ``"map"``, ``"seq"`` or ``"scalar"``. ``value`` is, for a map, a
    dict of key value → ``(key node, value node)`` in source order (merge keys
    already applied); for a sequence, a list of nodes; for a scalar, the
    resolved Python value (str, int, float, bool or None). ``text`` is a
    scalar's text as YAML read it (quotes removed), ``tag`` an explicit
    non-standard tag such as ``!reset`` (else None). Marks are 0-based.
    """

    __slots__ = ("kind", "value", "text", "tag", "style", "start", "end", "line", "column", "end_line", "end_column", "file", "_span")

    def __init__(self, kind, value, text, tag, style, start_mark, end_mark, file=""):
        self.kind = kind
        self.value = value
        self.text = text
        self.tag = tag
        self.style = style
        self.start = start_mark.index
        self.end = end_mark.index
        self.line = start_mark.line
        self.column = start_mark.column
        self.end_line = end_mark.line
        self.end_column = end_mark.column
        self.file = file  # the path of the file it was written in
        self._span = None

    @property
    def span(self) -> Span:
        span = self._span
        if span is None:
            span = self._span = new_span(
                Span, (self.start, self.end, self.line + 1, self.column + 1, self.end_line + 1, self.end_column + 1)
            )
        return span

    def get(self, key: str) -> YNode | None:
        """The value node of ``key`` in a map (None when absent or not a map)."""
        if self.kind != "map":
            return None
        pair = self.value.get(key)
        return pair[1] if pair is not None else None

    def pairs(self):
        """``(key node, value node)`` of a map in source order."""
        return self.value.values() if self.kind == "map" else ()

    def to_python(self) -> Any:
        """Plain Python data (dicts, lists, scalars) of this node, without recursion."""
        return to_python(self)

    def __repr__(self) -> str:
        return f"YNode({self.kind}, {self.line + 1}:{self.column + 1})"




def make_span(start: int, end: int, line: int, column: int, end_line: int, end_column: int) -> Span:
    """A Span from known 1-based positions, without the constructor's overhead."""
    return new_span(Span, (start, end, line, column, end_line, end_column))


def to_python(node: YNode | None) -> Any:
    """Plain data of a node tree (maps become dicts with the keys' values)."""
    if node is None:
        return None
    if node.kind == "scalar":
        return node.value
    result: Any = {} if node.kind == "map" else []
    stack = [(node, result)]
    while stack:
        current, target = stack.pop()
        if current.kind == "map":
            for key, (_, child) in current.value.items():
                target[key] = _container(child, stack)
        else:
            for child in current.value:
                target.append(_container(child, stack))
    return result


def _container(node: YNode, stack: list) -> Any:
    if node.kind == "scalar":
        return node.value
    made: Any = {} if node.kind == "map" else []
    stack.append((node, made))
    return made


class YamlIssue(Model):
    """A problem met while loading YAML, located in the text."""

    message: str
    span: Span


class LoadedYaml(Model):
    """The result of :func:`load_yaml`: the root node (None when unusable) and issues."""

    text: str
    root: YNode | None
    issues: list[YamlIssue] = field(default_factory=list)
    #: made on first use (only an issue needs it, and most files have none)
    lines: LineIndex = OnFirstUse("lines", lambda loaded: LineIndex(loaded.text))
    decode_replaced: bool = False
    #: with ``all_documents``: every non-empty document in order (``root`` is the first)
    documents: list[YNode] = field(default_factory=list)


def decode_source(data: bytes) -> tuple[str, int | None]:
    """Text of a file's bytes (UTF-8, BOM dropped) and the offset of the first byte
    that is not UTF-8 (None when all are); bad bytes become U+FFFD."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:  # decoded again with replacement characters
        prefix = data[: error.start].decode("utf-8", errors="replace")
        return data.decode("utf-8", errors="replace"), len(prefix)


def _loader_class():
    from yaml import CSafeLoader
    from yaml.nodes import ScalarNode, SequenceNode

    scalar_tag, sequence_tag, mapping_tag = CSafeLoader.DEFAULT_SCALAR_TAG, CSafeLoader.DEFAULT_SEQUENCE_TAG, CSafeLoader.DEFAULT_MAPPING_TAG

    class PositionLoader(CSafeLoader):
        """libyaml loader that leaves plain scalars for YAML 1.2 resolution. It has no
        path resolvers: every other node gets its kind's default tag, and the resolver
        calls libyaml makes around each node have nothing to track."""

        def resolve(self, kind, value, implicit):
            if kind is ScalarNode:
                return PLAIN if implicit[0] else scalar_tag
            return sequence_tag if kind is SequenceNode else mapping_tag

        #: libyaml's composer calls these before and after each node, and there is nothing
        #: to do: built-in functions that accept the arguments (``(node, index)``, then
        #: none), their results dropped, cost less than Python methods doing nothing
        descend_resolver = staticmethod(operator.is_)
        ascend_resolver = staticmethod(tuple)

    return PositionLoader


_LOADER = None


def load_yaml(
    text: str | bytes, path: str = "", *, expansion_limit: int | None = None, all_documents: bool = False
) -> LoadedYaml:
    """Load one YAML document with positions; problems become located issues.

    Bytes are decoded as UTF-8 (an issue marks the first bad byte). Syntax
    errors, duplicate keys, unknown aliases and alias bombs are issues, never
    exceptions. A second document is an issue too, unless ``all_documents``:
    then every non-empty document is read into ``documents`` (Compose merges
    them in order).
    """
    global _LOADER
    bad_offset = None
    if isinstance(text, bytes):
        text, bad_offset = decode_source(text)
    elif text.startswith("\ufeff"):
        text = text[1:]
    result = construct(LoadedYaml, {"text": text, "root": None, "decode_replaced": bad_offset is not None})
    if bad_offset is not None:
        result.issues.append(YamlIssue("the file is not valid UTF-8", result.lines.span(bad_offset, bad_offset + 1)))
    if len(text) > MAX_CHARACTERS:
        result.issues.append(
            YamlIssue(f"the file is too large to lint ({len(text):,} characters; the limit is {MAX_CHARACTERS:,})", result.lines.span(0, 0))
        )
        return result
    from dlint.parsers.pyyaml import yaml

    if _LOADER is None:
        _LOADER = _loader_class()
    loader = _LOADER(text)
    try:
        nodes = _all_documents(loader) if all_documents else [_first_document(loader, result)]
    except yaml.MarkedYAMLError as error:
        result.issues.append(_issue_from_error(error, result.lines))
        return result
    except yaml.reader.ReaderError as error:
        offset = min(max(error.position, 0), result.lines.length)
        problem = f"unacceptable character #x{error.character:04x}" if isinstance(error.character, int) else error.reason
        result.issues.append(YamlIssue(f"YAML error: {problem}", result.lines.span(offset, min(offset + 1, result.lines.length))))
        return result
    except (yaml.YAMLError, ValueError, TypeError) as error:
        result.issues.append(YamlIssue(f"YAML error: {error}", result.lines.span(0, min(1, len(text)))))
        return result
    finally:
        loader.dispose()
    for node in nodes:
        if node is not None:
            converted = _convert(node, result, expansion_limit, path)
            if converted is not None:
                result.documents.append(converted)
    result.root = result.documents[0] if result.documents else None
    return result


def _all_documents(loader) -> list:
    """Every document of the stream, in order (the size limit bounds their number)."""
    nodes = []
    while loader.check_node():
        nodes.append(loader.get_node())
    return nodes


def _first_document(loader, result: LoadedYaml):
    node = loader.get_node() if loader.check_node() else None
    if loader.check_node():
        extra = loader.get_node()
        mark = extra.start_mark
        result.issues.append(
            YamlIssue(
                "the file holds more than one YAML document; only the first is used",
                result.lines.span(mark.index, extra.end_mark.index if extra.end_mark.index > mark.index else mark.index),
            )
        )
    return node


def _issue_from_error(error, lines: LineIndex) -> YamlIssue:
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or str(error)).strip()
    if error.context and error.context_mark is not None:
        context_line = error.context_mark.line + 1
        problem = f"{problem} ({error.context} started at line {context_line})"
    offset = min(mark.index, lines.length) if mark is not None else 0
    return YamlIssue(f"YAML syntax error: {problem}", lines.span(offset, min(offset + 1, lines.length)))


def _convert(root, result: LoadedYaml, expansion_limit: int | None, path: str) -> YNode | None:
    """Convert PyYAML nodes into YNodes without recursion (children first), sharing
    aliases; an alias inside its own anchor, or aliases expanding too far, stop it.
    Scalars are converted with the mapping or list that holds them."""
    from yaml.nodes import MappingNode, ScalarNode

    done: dict[int, YNode] = {}  # id of a PyYAML node → its YNode
    sizes: dict[int, int] = {}  # id of a PyYAML mapping or list → its expanded size (a scalar's is 1)
    open_nodes: set[int] = set()
    issues = result.issues
    stack = []
    if type(root) is ScalarNode:
        done[id(root)] = _scalar(root, path)
    else:
        stack.append(root)
    while stack:
        node = stack[-1]
        key = id(node)
        if key in done:
            stack.pop()
            continue
        is_map = type(node) is MappingNode
        if key not in open_nodes:  # first visit: its mappings and lists are converted before it
            open_nodes.add(key)
            pending = False
            for child in [item for pair in node.value for item in pair] if is_map else node.value:
                if type(child) is ScalarNode:
                    continue
                child_key = id(child)
                if child_key in done:
                    continue
                if child_key in open_nodes:
                    issues.append(YamlIssue("an alias refers to the mapping or list that contains it", _mark_span(child, result.lines)))
                    return None
                stack.append(child)
                pending = True
            if pending:
                continue
        stack.pop()
        open_nodes.discard(key)
        if is_map:
            done[key], sizes[key] = _mapping(node, done, sizes, issues, path)
        else:
            items = []
            size = 1
            for child in node.value:
                child_key = id(child)
                item = done.get(child_key)
                if item is None:  # a scalar met for the first time
                    item = done[child_key] = _scalar(child, path)
                    size += 1
                else:
                    size += sizes.get(child_key, 1)
                items.append(item)
            done[key] = YNode("seq", items, None, _custom_tag(node.tag), None, node.start_mark, node.end_mark, path)
            sizes[key] = size
    made = done[id(root)]
    size = sizes.get(id(root), 1)
    limit = expansion_limit or max(MIN_EXPANSION_LIMIT, 4 * len(done))
    if size > limit:
        issues.append(
            YamlIssue(
                f"aliases expand to more than {limit:,} nodes (an alias bomb?); the file was not read further",
                result.lines.span(root.start_mark.index, root.start_mark.index),
            )
        )
        return None
    return made


def _mark_span(node, lines: LineIndex) -> Span:
    start = min(node.start_mark.index, lines.length)
    return lines.span(start, start)


def _custom_tag(tag: str) -> str | None:
    if tag.startswith("tag:yaml.org,2002:") or tag == PLAIN:
        return None
    return tag


def _scalar(node, path: str) -> YNode:
    tag = node.tag
    text = node.value
    if tag == PLAIN:
        value = resolve_plain(text)
        tag = None
    elif tag.startswith("tag:yaml.org,2002:"):
        value = text if tag.endswith(":str") else _explicit(tag, text)
        tag = None
    else:
        value = text  # custom tags such as !reset keep the text
    return YNode("scalar", value, text, tag, node.style, node.start_mark, node.end_mark, path)


def _mapping(node, done, sizes, issues, path):
    """A map YNode and its expanded size: keys in order, duplicates reported, merge keys applied
    (its scalars are converted here; its other children are in ``done``)."""
    entries: dict[Any, tuple[YNode, YNode]] = {}
    merged: dict[Any, tuple[YNode, YNode]] = {}
    size = 1
    for key_node, value_node in node.value:
        k = done.get(id(key_node))
        if k is None:
            k = done[id(key_node)] = _scalar(key_node, path)
        value_key = id(value_node)
        v = done.get(value_key)
        if v is None:
            v = done[value_key] = _scalar(value_node, path)
            value_size = 1
        else:
            value_size = sizes.get(value_key, 1)
        if k.kind != "scalar":
            issues.append(YamlIssue("a mapping key must be a plain value, not a list or mapping", k.span))
            continue
        tag = key_node.tag
        if tag == MERGE_TAG or (tag == PLAIN and k.text == "<<" and key_node.style in ("", None)):
            for source in _merge_sources(v, issues):
                for mkey, pair in source.value.items():
                    merged.setdefault(mkey, pair)
            size += value_size
            continue
        key = k.value
        if isinstance(key, float) and key != key:  # NaN keys cannot be compared
            key = k.text
        previous = entries.get(key)
        if previous is not None:
            issues.append(
                YamlIssue(f"duplicate key {k.text!r} (first defined at line {previous[0].line + 1})", k.span)
            )
        entries[key] = (k, v)
        size += 1 + value_size
    if merged:
        for mkey, pair in merged.items():
            if mkey not in entries:
                entries[mkey] = pair
    return YNode("map", entries, None, _custom_tag(node.tag), None, node.start_mark, node.end_mark, path), size


def _merge_sources(value: YNode, issues: list[YamlIssue]) -> list[YNode]:
    """The mappings a ``<<`` key merges, earlier ones taking precedence."""
    if value.kind == "map":
        return [value]
    if value.kind == "seq" and all(item.kind == "map" for item in value.value):
        return list(value.value)
    issues.append(YamlIssue("a merge key (<<) needs a mapping or a list of mappings", value.span))
    return []


def load_roundtrip(text: str):
    """Round-trip load (ruamel.yaml) that keeps comments and layout, for fixes.

    Returns ``(data, yaml)``: the ``CommentedMap`` and the ``YAML`` instance to
    ``dump`` it back with. Raises ``ruamel.yaml.YAMLError`` on invalid YAML.
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    return yaml.load(text), yaml


def dump_roundtrip(data, yaml) -> str:
    """Text of data loaded with :func:`load_roundtrip`."""
    import io

    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()
