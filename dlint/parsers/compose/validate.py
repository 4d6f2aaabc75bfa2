"""A small JSON-schema validator over positioned YAML nodes.

Two dialects, chosen by the schema's ``$schema``: draft 2020-12 (also 2019-09,
and the default when ``$schema`` is absent) and draft-07 (also -06 and -04).
Keywords applied:

* every dialect: ``type``, ``enum``, ``const``, ``properties``,
  ``patternProperties``, ``additionalProperties``, ``required``,
  ``minProperties``, ``maxProperties``, ``propertyNames``, ``items`` (a schema,
  or the list form with ``additionalItems``), ``contains``, ``minItems``,
  ``maxItems``, ``uniqueItems``, ``minLength``, ``maxLength``, ``pattern``,
  ``minimum``, ``maximum``, ``exclusiveMinimum``, ``exclusiveMaximum`` (a
  number, or draft-04's boolean), ``multipleOf``, ``allOf``, ``anyOf``,
  ``oneOf`` (exactly one branch must fit), ``not``, ``if``/``then``/``else``
  and ``$ref`` into the same document (JSON pointers such as
  ``#/$defs/service`` or ``#/definitions/service``, ``#name`` anchors);
* 2020-12 and 2019-09 only: ``prefixItems``, ``dependentRequired``,
  ``dependentSchemas``, ``minContains``, ``maxContains``,
  ``unevaluatedProperties``, ``unevaluatedItems``, ``$anchor``,
  ``$dynamicRef``/``$dynamicAnchor`` and ``$recursiveRef`` (resolved inside
  the document, which is its whole dynamic scope), and keywords beside a
  ``$ref`` (draft-07 ignores them);
* draft-07 and older only: ``dependencies``.

``format`` and annotations (``title``, ``description``, ``default`` …) do not
affect validity. A ``$ref`` to another document cannot be followed and
accepts anything; a ``$ref`` to a place the document does not have makes the
schema unusable (``ValueError``).

Every problem found is reported, each at the key or value that causes it.
Strings holding ``${…}`` or ``$VAR`` are accepted wherever a number, boolean
or null or a constrained string is wanted, because Compose validates after
interpolation; for the same reason a value holding one is never reported for
fitting a ``not`` schema or more than one ``oneOf`` branch.

Schemas are compiled once into :class:`_Schema` objects, which keeps the
per-file cost low.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote

from dlint.models.base import Model
from dlint.models.span import Span
from dlint.parsers.yaml_loader import YNode

MAX_DEPTH = 200  # schema-guided descent deeper than this stops (recursive user schemas)
_LEGACY_DIALECTS = ("draft-03", "draft-04", "draft-06", "draft-07")
_KIND_TYPES = {"map": ("object",), "seq": ("array",)}
#: the JSON types of the scalar values whose type alone tells them
_SCALAR_TYPES = {str: ("string",), bool: ("boolean",), int: ("integer", "number"), type(None): ("null",)}
_TYPE_WORDS = {
    "object": "a mapping", "array": "a list", "string": "a string", "number": "a number",
    "integer": "an integer", "boolean": "a boolean", "null": "null",
}
_INTERPOLATED_TYPES = frozenset({"number", "integer", "boolean", "null"})
#: The JSON types one value can satisfy together (an integer is a number too).
_VALUE_TYPES = (("object",), ("array",), ("string",), ("boolean",), ("null",), ("integer", "number"), ("number",))
_MISSING = object()
_ALL = True  # "every key / item was evaluated" (unevaluatedProperties, unevaluatedItems)

#: Keywords read by the validator in each dialect.
KEYWORDS_EVERY_DIALECT = frozenset({
    "type", "enum", "const", "properties", "patternProperties", "additionalProperties", "required",
    "minProperties", "maxProperties", "propertyNames", "items", "additionalItems", "contains", "minItems",
    "maxItems", "uniqueItems", "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "multipleOf", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref",
})
KEYWORDS_2020_12 = KEYWORDS_EVERY_DIALECT | {
    "prefixItems", "dependentRequired", "dependentSchemas", "minContains", "maxContains", "unevaluatedProperties",
    "unevaluatedItems", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor",
}
KEYWORDS_DRAFT_07 = KEYWORDS_EVERY_DIALECT | {"dependencies"}
#: The keywords of three parts of :meth:`Validator._fill` (a schema without any leaves that part out).
_OBJECT_KEYWORDS = frozenset({
    "properties", "patternProperties", "additionalProperties", "required", "minProperties", "maxProperties",
    "propertyNames", "dependentRequired", "dependentSchemas", "unevaluatedProperties", "dependencies",
})
_ARRAY_KEYWORDS = frozenset({
    "items", "additionalItems", "prefixItems", "contains", "minContains", "maxContains", "uniqueItems", "minItems",
    "maxItems", "unevaluatedItems",
})
_SCALAR_KEYWORDS = frozenset({
    "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
})
#: Keywords that never change a verdict: identifiers, containers of definitions, annotations.
KEYWORDS_WITHOUT_EFFECT = frozenset({
    "$schema", "$id", "id", "$defs", "definitions", "$comment", "$vocabulary", "title", "description", "default",
    "examples", "deprecated", "readOnly", "writeOnly", "format", "contentMediaType", "contentEncoding",
    "contentSchema",
})


class SchemaError(Model):
    """One place where the document does not match the schema."""

    message: str
    span: Span


def _node_types(node: YNode) -> tuple[str, ...]:
    """The JSON types a node satisfies."""
    types = _KIND_TYPES.get(node.kind) or _SCALAR_TYPES.get(type(node.value))
    if types is not None:  # (most nodes)
        return types
    value = node.value
    if value is None:
        return ("null",)
    if value is True or value is False:
        return ("boolean",)
    if isinstance(value, int):
        return ("integer", "number")
    if isinstance(value, float):
        return ("integer", "number") if value.is_integer() else ("number",)
    return ("string",)


def _interpolated(node: YNode) -> bool:
    return node.kind == "scalar" and isinstance(node.value, str) and "$" in node.value.replace("$$", "")


def _holds_interpolation(node: YNode) -> bool:
    """Whether any scalar value in the node's tree is interpolated."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.kind == "scalar":
            if _interpolated(current):
                return True
        elif current.kind == "map":
            stack.extend(value for _, value in current.value.values())
        else:
            stack.extend(current.value)
    return False


def _describe(node: YNode) -> str:
    types = _node_types(node)
    return "a number" if types[0] == "integer" else _TYPE_WORDS[types[0]]


def _where(path: tuple[str, ...]) -> str:
    if not path:
        return "at the top level"
    if len(path) == 2 and path[0] == "services":
        return f"in service '{path[1]}'"
    return "in " + _dotted(path)


def _dotted(path: tuple[str, ...]) -> str:
    text = ""
    for part in path:
        text += part if part.startswith("[") or not text else "." + part
    return text or "the document"


def _key_text(key: YNode) -> str:
    return key.text if key.text is not None else str(key.value)


def _show(value: Any) -> str:
    """A schema value in a message: strings as they are, the rest as JSON."""
    return value if isinstance(value, str) else json.dumps(value)


def _canon(value: Any) -> Any:
    """A hashable form of JSON data in which equal values (by JSON's rules) are equal."""
    if value is True or value is False:
        return ("boolean", value)
    if isinstance(value, (int, float)):
        return ("number", value)  # 1 == 1.0, as in JSON
    if isinstance(value, dict):
        return ("object", frozenset((str(key), _canon(sub)) for key, sub in value.items()))
    if isinstance(value, list):
        return ("array", tuple(_canon(sub) for sub in value))
    return ("scalar", value)


def _canon_node(node: YNode) -> Any:
    if node.kind == "scalar":
        return _canon(node.value)
    if node.kind == "map":
        return ("object", frozenset((_key_text(key), _canon_node(value)) for key, value in node.value.values()))
    return ("array", tuple(_canon_node(item) for item in node.value))


def _name_node(key: YNode, name: str) -> YNode:
    """The key of a mapping as a string node (a property name is always a string)."""
    if key.value == name and isinstance(key.value, str):
        return key
    node = object.__new__(YNode)
    for slot in YNode.__slots__:
        setattr(node, slot, getattr(key, slot))
    node.value = node.text = name
    return node


def _matcher(pattern: str):
    """A fast test for a patternProperties regex (plain prefixes skip the regex engine)."""
    if pattern.startswith("^") and re.fullmatch(r"\^[A-Za-z0-9_-]+", pattern):
        prefix = pattern[1:]
        return lambda name: name.startswith(prefix)
    if pattern in (".+", "^.+$"):
        return lambda name: bool(name)
    compiled = re.compile(pattern)
    return lambda name: compiled.search(name) is not None


def _number(schema: dict, keyword: str) -> int | float | None:
    value = schema.get(keyword)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"'{keyword}' must be a number, not {value!r}")
    return value


def _names(schema: dict, keyword: str) -> tuple[str, ...]:
    value = schema.get(keyword, ())
    if not isinstance(value, (list, tuple)) or not all(isinstance(name, str) for name in value):
        raise ValueError(f"'{keyword}' must be a list of names, not {value!r}")
    return tuple(value)


def _one_of_is_disjoint(branches: list[_Schema]) -> bool:
    """Whether no value can have a type that two branches allow (then one fitting branch is all)."""
    for branch in branches:
        if branch.types is None or branch.accept_all:
            return False
    for value_types in _VALUE_TYPES:
        if sum(1 for branch in branches if not branch.types.isdisjoint(value_types)) > 1:
            return False
    return True


class _Schema:
    """One schema object, compiled: keywords as attributes, subschemas compiled."""

    __slots__ = (
        "accept_all", "reject_all", "types", "type_words", "interpolation_fits",
        # in-place applicators
        "in_place", "ref", "alternatives", "all_of", "not_schema", "not_words", "if_schema", "then_schema", "else_schema",
        # objects
        "map_checks", "map_extras", "properties", "patterns", "additional", "names_all_evaluated", "required", "min_properties",
        "max_properties", "property_names", "dependent_required", "dependent_schemas", "unevaluated_properties",
        # arrays
        "seq_checks", "prefix", "rest", "contains", "min_contains", "max_contains", "unique", "min_items", "max_items",
        "unevaluated_items",
        # any value
        "enum", "enum_set", "const", "const_canon",
        # scalars
        "scalar_checks", "pattern", "min_length", "max_length", "minimum", "maximum", "exclusive_minimum",
        "exclusive_maximum", "multiple_of",
    )

    def __init__(self) -> None:
        self.accept_all = self.reject_all = False
        self.types = None
        self.type_words = ""
        self.interpolation_fits = self.in_place = self.map_checks = self.map_extras = self.seq_checks = False
        self.scalar_checks = False
        self.ref = self.not_schema = self.if_schema = self.then_schema = self.else_schema = None
        self.not_words = None
        self.alternatives = []
        self.all_of = []
        self.properties = {}
        self.patterns = []
        self.additional = None  # None: any key is fine; False: none; else a schema
        self.names_all_evaluated = False
        self.required = ()
        self.min_properties = self.max_properties = self.property_names = None
        self.dependent_required = {}
        self.dependent_schemas = {}
        self.unevaluated_properties = None
        self.prefix = self.rest = self.contains = self.unevaluated_items = None
        self.min_contains = self.max_contains = self.min_items = self.max_items = None
        self.unique = False
        self.enum = self.enum_set = None
        self.const = _MISSING
        self.const_canon = None
        self.pattern = self.min_length = self.max_length = self.minimum = self.maximum = None
        self.exclusive_minimum = self.exclusive_maximum = self.multiple_of = None

    def in_place_schemas(self, node: YNode):
        """The subschemas applied to the same value (``node`` picks dependentSchemas)."""
        if self.ref is not None:
            yield self.ref
        yield from self.all_of
        for branches, _, _ in self.alternatives:
            yield from branches
        for name, sub in self.dependent_schemas.items():
            if node.kind == "map" and name in node.value:
                yield sub


_ACCEPT_ALL = _Schema()
_ACCEPT_ALL.accept_all = True
_REJECT_ALL = _Schema()
_REJECT_ALL.reject_all = True


def _in_place_edges(schema: _Schema) -> list[tuple[_Schema, Any, Any]]:
    """``(subschema, container, key)`` of every subschema applied to the same value."""
    edges: list[tuple[_Schema, Any, Any]] = []
    if not schema.in_place:  # (most schemas)
        return edges
    for key in ("ref", "not_schema", "if_schema", "then_schema", "else_schema"):
        sub = getattr(schema, key)
        if sub is not None:
            edges.append((sub, schema, key))
    edges.extend((sub, schema.all_of, index) for index, sub in enumerate(schema.all_of))
    for branches, _, _ in schema.alternatives:
        edges.extend((sub, branches, index) for index, sub in enumerate(branches))
    edges.extend((sub, schema.dependent_schemas, name) for name, sub in schema.dependent_schemas.items())
    return edges


class Validator:
    """Validates nodes against one schema document (``$ref`` resolved inside it)."""

    def __init__(self, schema: dict) -> None:
        self.schema = schema
        dialect = schema.get("$schema") if isinstance(schema, dict) else None
        self.legacy = isinstance(dialect, str) and any(name in dialect for name in _LEGACY_DIALECTS)
        root_id = schema.get("$id", schema.get("id")) if isinstance(schema, dict) else None
        self.root_id = root_id.split("#")[0] if isinstance(root_id, str) else ""
        self._anchors: dict[str, Any] | None = None
        self._compiled: dict[int, tuple[Any, _Schema]] = {}
        self.root = self._compile(schema)
        self._break_in_place_cycles()

    # -- compiling ----------------------------------------------------------------------

    def _lookup(self, ref: Any) -> Any:
        """The schema a ``$ref`` names; True (anything fits) for another document."""
        if not isinstance(ref, str):
            raise ValueError(f"$ref must be a string, not {ref!r}")
        base, _, fragment = ref.partition("#")
        if base and base != self.root_id:
            return True
        fragment = unquote(fragment)
        if fragment and not fragment.startswith("/"):
            target = self._anchor_index().get(fragment, _MISSING)
            if target is _MISSING:
                raise ValueError(f"$ref {ref!r}: the schema has no anchor {fragment!r}")
            return target
        target: Any = self.schema
        for part in fragment.split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(target, dict) and part in target:
                target = target[part]
            elif isinstance(target, list) and part.isdigit() and int(part) < len(target):
                target = target[int(part)]
            else:
                raise ValueError(f"$ref {ref!r} points to nothing in the schema")
        return target

    def _anchor_index(self) -> dict[str, Any]:
        """``$anchor``/``$dynamicAnchor`` names (and draft-07's ``"$id": "#name"``) → their schemas."""
        if self._anchors is None:
            self._anchors = {}
            stack = [self.schema]
            while stack:
                current = stack.pop()
                if isinstance(current, list):
                    stack.extend(current)
                    continue
                if not isinstance(current, dict):
                    continue
                for keyword in ("$anchor", "$dynamicAnchor"):
                    if isinstance(current.get(keyword), str):
                        self._anchors.setdefault(current[keyword], current)
                identifier = current.get("$id")
                if isinstance(identifier, str) and identifier.startswith("#"):
                    self._anchors.setdefault(identifier[1:], current)
                for keyword, value in current.items():
                    if keyword not in ("enum", "const", "default", "examples"):
                        stack.append(value)
        return self._anchors

    def _reference(self, schema: dict) -> str | None:
        """The reference of a schema object: ``$ref``, or in 2019-09/2020-12 ``$dynamicRef``/``$recursiveRef``."""
        if "$ref" in schema:
            return schema["$ref"]
        if not self.legacy:
            for keyword in ("$dynamicRef", "$recursiveRef"):
                if keyword in schema:
                    return schema[keyword]
        return None

    def _ref_alone(self, schema: dict) -> bool:
        """Whether only the reference matters (draft-07, or nothing but annotations beside it)."""
        if self.legacy:
            return True
        return all(keyword in KEYWORDS_WITHOUT_EFFECT or keyword in ("$ref", "$dynamicRef", "$recursiveRef", "$anchor",
                   "$dynamicAnchor", "$recursiveAnchor") for keyword in schema)

    def _compile(self, schema: Any, seen_refs: tuple[int, ...] = ()) -> _Schema:
        while isinstance(schema, dict) and self._ref_alone(schema):
            ref = self._reference(schema)
            if ref is None:
                break
            if id(schema) in seen_refs:  # a $ref that leads back to itself constrains nothing
                return _ACCEPT_ALL
            seen_refs = (*seen_refs, id(schema))
            schema = self._lookup(ref)
        cached = self._compiled.get(id(schema))
        if cached is not None:
            return cached[1]
        compiled = _Schema()
        self._compiled[id(schema)] = (schema, compiled)  # before children: recursive schemas terminate
        if schema is False:
            compiled.reject_all = True
            return compiled
        if schema is True or not isinstance(schema, dict) or not schema:
            compiled.accept_all = True
            return compiled
        self._fill(compiled, schema)
        return compiled

    def _fill(self, compiled: _Schema, schema: dict) -> None:
        get = schema.get
        modern = not self.legacy
        wanted = get("type")
        if wanted is not None:
            ordered = (wanted,) if isinstance(wanted, str) else tuple(wanted)
            compiled.types = frozenset(ordered)
            compiled.type_words = " or ".join(_TYPE_WORDS.get(kind, kind) for kind in ordered)
            compiled.interpolation_fits = bool(compiled.types & _INTERPOLATED_TYPES)

        # in-place applicators
        ref = self._reference(schema)
        if ref is not None:
            compiled.ref = self._compile(self._lookup(ref))
        compiled.alternatives = []
        for keyword in ("oneOf", "anyOf"):
            if keyword in schema:
                branches = [self._compile(branch) for branch in get(keyword)]
                exclusive = keyword == "oneOf"
                compiled.alternatives.append((branches, exclusive, exclusive and _one_of_is_disjoint(branches)))
        compiled.all_of = [self._compile(sub) for sub in get("allOf", ())]
        if "not" in schema:
            compiled.not_schema = self._compile(get("not"))
            compiled.not_words = self._not_words(get("not"))
        if "if" in schema:
            compiled.if_schema = self._compile(get("if"))
            compiled.then_schema = self._compile(get("then")) if "then" in schema else None
            compiled.else_schema = self._compile(get("else")) if "else" in schema else None
        compiled.in_place = bool(
            compiled.ref or compiled.alternatives or compiled.all_of or compiled.not_schema or compiled.if_schema
        )

        # objects
        if not _OBJECT_KEYWORDS.isdisjoint(schema):  # without any, the defaults of _Schema stand
            compiled.properties = {name: self._compile(sub) for name, sub in get("properties", {}).items()}
            compiled.patterns = [
                (_matcher(pattern), pattern, self._compile(sub)) for pattern, sub in get("patternProperties", {}).items()
            ]
            additional = get("additionalProperties", True)
            if additional is False:
                compiled.additional = False
            elif additional is not True:
                sub = self._compile(additional)
                compiled.additional = False if sub.reject_all else None if sub.accept_all else sub
            compiled.names_all_evaluated = "additionalProperties" in schema
            compiled.required = _names(schema, "required")
            compiled.min_properties = _number(schema, "minProperties")
            compiled.max_properties = _number(schema, "maxProperties")
            if "propertyNames" in schema:
                compiled.property_names = self._compile(get("propertyNames"))
            dependent_required: dict[str, tuple[str, ...]] = {}
            dependent_schemas: dict[str, _Schema] = {}
            if modern:
                for name in get("dependentRequired", {}):
                    dependent_required[name] = _names(get("dependentRequired"), name)
                for name, sub in get("dependentSchemas", {}).items():
                    dependent_schemas[name] = self._compile(sub)
                if "unevaluatedProperties" in schema:
                    compiled.unevaluated_properties = self._compile(get("unevaluatedProperties"))
            else:
                for name, sub in get("dependencies", {}).items():
                    if isinstance(sub, list):
                        dependent_required[name] = _names(get("dependencies"), name)
                    else:
                        dependent_schemas[name] = self._compile(sub)
            compiled.dependent_required = dependent_required
            compiled.dependent_schemas = dependent_schemas
            compiled.in_place = compiled.in_place or bool(dependent_schemas)

        # arrays
        if not _ARRAY_KEYWORDS.isdisjoint(schema):  # likewise
            items = get("items")
            if isinstance(items, list):
                compiled.prefix = [self._compile(sub) for sub in items]
                compiled.rest = self._compile(get("additionalItems")) if "additionalItems" in schema else None
            else:
                if modern and "prefixItems" in schema:
                    compiled.prefix = [self._compile(sub) for sub in get("prefixItems")]
                compiled.rest = self._compile(items) if items is not None else None
            if "contains" in schema:
                compiled.contains = self._compile(get("contains"))
                compiled.min_contains = _number(schema, "minContains") if modern and "minContains" in schema else 1
                compiled.max_contains = _number(schema, "maxContains") if modern else None
            compiled.unique = bool(get("uniqueItems"))
            compiled.min_items = _number(schema, "minItems")
            compiled.max_items = _number(schema, "maxItems")
            if modern and "unevaluatedItems" in schema:
                compiled.unevaluated_items = self._compile(get("unevaluatedItems"))

        # any value
        if "enum" in schema:
            compiled.enum = list(get("enum"))
            compiled.enum_set = frozenset(_canon(choice) for choice in compiled.enum)
        if "const" in schema:
            compiled.const = get("const")
            compiled.const_canon = _canon(compiled.const)
        equality = compiled.enum is not None or compiled.const is not _MISSING

        # scalars
        if not _SCALAR_KEYWORDS.isdisjoint(schema):  # likewise
            compiled.pattern = re.compile(get("pattern")) if "pattern" in schema else None
            compiled.min_length = _number(schema, "minLength")
            compiled.max_length = _number(schema, "maxLength")
            compiled.minimum = _number(schema, "minimum")
            compiled.maximum = _number(schema, "maximum")
            for keyword, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
                value = get(keyword)
                if value is True or value is False:  # draft-04: a flag on minimum/maximum
                    if value:
                        setattr(compiled, "exclusive_" + bound, getattr(compiled, bound))
                        setattr(compiled, bound, None)
                elif value is not None:
                    setattr(compiled, "exclusive_" + bound, _number(schema, keyword))
            compiled.multiple_of = _number(schema, "multipleOf")
            if compiled.multiple_of is not None and compiled.multiple_of <= 0:
                raise ValueError(f"'multipleOf' must be greater than 0, not {compiled.multiple_of!r}")

        compiled.map_extras = bool(
            compiled.min_properties is not None or compiled.max_properties is not None
            or compiled.property_names is not None or compiled.dependent_required
            or compiled.unevaluated_properties is not None or equality
        )
        compiled.map_checks = bool(
            compiled.properties or compiled.patterns or compiled.additional is not None or compiled.required
            or compiled.map_extras
        )
        compiled.seq_checks = bool(
            compiled.prefix is not None or compiled.rest is not None or compiled.contains is not None or compiled.unique
            or compiled.min_items is not None or compiled.max_items is not None
            or compiled.unevaluated_items is not None or equality
        )
        compiled.scalar_checks = equality or any(
            value is not None for value in (
                compiled.pattern, compiled.min_length, compiled.max_length, compiled.minimum, compiled.maximum,
                compiled.exclusive_minimum, compiled.exclusive_maximum, compiled.multiple_of,
            )
        )

    def _break_in_place_cycles(self) -> None:
        """Cut every cycle of subschemas applied to the same value (``{"$ref": "#", "type": …}``
        applies the root to the root again, for ever): the edge that closes it constrains nothing."""
        state: dict[int, int] = {}  # 1: on the current path, 2: finished
        for _, start in list(self._compiled.values()):
            if id(start) in state:
                continue
            state[id(start)] = 1
            stack = [(start, iter(_in_place_edges(start)))]
            while stack:
                owner, edges = stack[-1]
                edge = next(edges, None)
                if edge is None:
                    state[id(owner)] = 2
                    stack.pop()
                    continue
                target, container, key = edge
                mark = state.get(id(target))
                if mark == 1:
                    cut = _REJECT_ALL if key == "not_schema" else _ACCEPT_ALL
                    if isinstance(container, _Schema):
                        setattr(container, key, cut)
                    else:
                        container[key] = cut
                elif mark is None:
                    state[id(target)] = 1
                    stack.append((target, iter(_in_place_edges(target))))
        for _, compiled in self._compiled.values():
            if compiled.alternatives:
                compiled.alternatives = [
                    (branches, exclusive, exclusive and _one_of_is_disjoint(branches))
                    for branches, exclusive, _ in compiled.alternatives
                ]

    def _not_words(self, schema: Any) -> str | None:
        """What ``not`` forbids, in words, for the simple cases (a type, a set of values)."""
        while isinstance(schema, dict) and self._ref_alone(schema) and self._reference(schema) is not None:
            schema = self._lookup(self._reference(schema))
        if not isinstance(schema, dict):
            return None
        keywords = {keyword for keyword in schema if keyword not in KEYWORDS_WITHOUT_EFFECT}
        if keywords == {"type"}:
            wanted = schema["type"]
            return " or ".join(_TYPE_WORDS.get(kind, kind) for kind in ((wanted,) if isinstance(wanted, str) else wanted))
        if keywords == {"const"}:
            return repr(schema["const"]) if isinstance(schema["const"], str) else _show(schema["const"])
        if keywords == {"enum"}:
            return "one of: " + ", ".join(_show(choice) for choice in schema["enum"])
        if keywords == {"required"}:
            return "a mapping with the key(s) " + ", ".join(f"'{name}'" for name in schema["required"])
        return None

    # -- checking -----------------------------------------------------------------------

    def validate(self, node: YNode) -> list[SchemaError]:
        errors: list[SchemaError] = []
        self._check(node, self.root, (), None, errors, 0)
        return errors

    @staticmethod
    def _accepts_type(node: YNode, schema: _Schema) -> bool:
        types = schema.types
        if types is None or not types.isdisjoint(_node_types(node)):
            return True
        return schema.interpolation_fits and _interpolated(node)

    def _valid(self, node: YNode, schema: _Schema, path, key_span, depth) -> bool:
        found: list[SchemaError] = []
        self._check(node, schema, path, key_span, found, depth)
        return not found

    def _check(self, node: YNode, schema: _Schema, path, key_span, errors, depth) -> None:
        if schema.accept_all or depth > MAX_DEPTH:
            return
        if schema.reject_all:
            errors.append(SchemaError(f"{_dotted(path)} is not allowed", key_span or node.span))
            return
        types = schema.types
        if (
            types is not None
            and types.isdisjoint(_KIND_TYPES.get(node.kind) or _SCALAR_TYPES.get(type(node.value)) or _node_types(node))
            and not (schema.interpolation_fits and _interpolated(node))
        ):
            errors.append(SchemaError(f"{_dotted(path)} must be {schema.type_words}, not {_describe(node)}", node.span))
            return  # (the test of _accepts_type, written out: it runs for every value)
        if schema.in_place:
            self._check_in_place(node, schema, path, key_span, errors, depth + 1)
        kind = node.kind
        if kind == "map":
            if schema.map_checks:
                self._check_map(node, schema, path, key_span, errors, depth)
        elif kind == "seq":
            if schema.seq_checks:
                self._check_seq(node, schema, path, errors, depth)
        elif schema.scalar_checks:
            self._check_scalar(node, schema, path, errors)

    def _check_in_place(self, node, schema: _Schema, path, key_span, errors, depth) -> None:
        if schema.ref is not None:
            self._check(node, schema.ref, path, key_span, errors, depth)
        for branches, exclusive, disjoint in schema.alternatives:
            self._check_alternatives(node, branches, exclusive, disjoint, path, key_span, errors, depth)
        for sub in schema.all_of:
            self._check(node, sub, path, key_span, errors, depth)
        if schema.not_schema is not None and self._valid(node, schema.not_schema, path, key_span, depth):
            if not _holds_interpolation(node):
                words = schema.not_words
                message = f"{_dotted(path)} must not be {words}" if words else f"{_dotted(path)} fits a schema it must not fit ('not')"
                errors.append(SchemaError(message, node.span))
        if schema.if_schema is not None:
            branch = schema.then_schema if self._valid(node, schema.if_schema, path, key_span, depth) else schema.else_schema
            if branch is not None:
                self._check(node, branch, path, key_span, errors, depth)
        if schema.dependent_schemas and node.kind == "map":
            for name, sub in schema.dependent_schemas.items():
                pair = node.value.get(name)
                if pair is not None:  # located at the key that brings the subschema in
                    self._check(node, sub, path, pair[0].span, errors, depth)

    def _check_alternatives(self, node, branches, exclusive, disjoint, path, key_span, errors, depth) -> None:
        attempts = []
        fits: list[int] = []
        for index, branch in enumerate(branches):
            if branch.types is not None and not branch.accept_all and depth <= MAX_DEPTH and not self._accepts_type(node, branch):
                # it fails on the type alone: its errors would never be shown (only those of
                # branches that take the type are), so they are not made
                attempts.append((branch, None))
                continue
            found: list[SchemaError] = []
            self._check(node, branch, path, key_span, found, depth)
            if found:
                attempts.append((branch, found))
            elif not exclusive or disjoint:
                return
            else:
                fits.append(index)
        if fits:
            if len(fits) > 1 and not _holds_interpolation(node):
                numbers = ", ".join(f"#{index + 1}" for index in fits)
                errors.append(
                    SchemaError(f"{_dotted(path)} fits {len(fits)} of the oneOf alternatives ({numbers}); it must fit exactly one", node.span)
                )
            return
        fitting = [found for branch, found in attempts if self._accepts_type(node, branch)]
        if fitting:
            errors.extend(min(fitting, key=len))
            return
        words: list[str] = []
        for branch, _ in attempts:
            for word in branch.type_words.split(" or ") if branch.type_words else ():
                if word not in words:
                    words.append(word)
        wanted_text = " or ".join(words) if words else "a different value"
        errors.append(SchemaError(f"{_dotted(path)} must be {wanted_text}, not {_describe(node)}", node.span))

    def _check_map(self, node, schema: _Schema, path, key_span, errors, depth) -> None:
        properties = schema.properties
        patterns = schema.patterns
        additional = schema.additional
        pairs = node.value
        for key_node, value_node in pairs.values():
            name = key_node.text
            if name is None:
                name = _key_text(key_node)
            sub = properties.get(name)
            matched = sub is not None
            if matched and not sub.accept_all:
                self._check(value_node, sub, (*path, name), key_node.span, errors, depth + 1)
            for test, _, pattern_schema in patterns:
                if test(name):
                    matched = True
                    if not pattern_schema.accept_all:
                        self._check(value_node, pattern_schema, (*path, name), key_node.span, errors, depth + 1)
            if matched or additional is None:
                continue
            if additional is False:
                errors.append(SchemaError(self._unknown_key(name, path, schema.properties, schema.patterns), key_node.span))
            else:
                self._check(value_node, additional, (*path, name), key_node.span, errors, depth + 1)
        for required in schema.required:
            if required not in pairs:
                errors.append(SchemaError(f"{_dotted(path)} is missing the required key '{required}'", key_span or node.span))
        if schema.map_extras:
            self._check_map_extras(node, schema, path, key_span, errors, depth)

    def _check_map_extras(self, node, schema: _Schema, path, key_span, errors, depth) -> None:
        pairs = node.value
        if schema.min_properties is not None and len(pairs) < schema.min_properties:
            errors.append(SchemaError(f"{_dotted(path)} needs at least {schema.min_properties} key(s)", key_span or node.span))
        if schema.max_properties is not None and len(pairs) > schema.max_properties:
            surplus = list(pairs.values())[int(schema.max_properties)][0]
            errors.append(
                SchemaError(f"{_dotted(path)} has {len(pairs)} keys, more than the {schema.max_properties} allowed", surplus.span)
            )
        if schema.property_names is not None:
            self._check_names(node, schema.property_names, path, errors, depth)
        for name, needed in schema.dependent_required.items():
            if name in pairs:
                for other in needed:
                    if other not in pairs:
                        errors.append(
                            SchemaError(f"{_dotted(path)} has '{name}', which needs the key '{other}' as well", pairs[name][0].span)
                        )
        if schema.unevaluated_properties is not None:
            self._check_unevaluated_properties(node, schema, path, errors, depth)
        if schema.enum is not None or schema.const is not _MISSING:
            self._check_equality(node, schema, path, errors)

    def _check_names(self, node, names_schema: _Schema, path, errors, depth) -> None:
        for key_node, _ in node.value.values():
            name = _key_text(key_node)
            found: list[SchemaError] = []
            self._check(_name_node(key_node, name), names_schema, ("the name",), None, found, depth + 1)
            if found:
                errors.append(SchemaError(f"key '{name}' {_where(path)} is not allowed: {found[0].message}", key_node.span))

    def _check_unevaluated_properties(self, node, schema: _Schema, path, errors, depth) -> None:
        unevaluated = schema.unevaluated_properties
        if unevaluated.accept_all:
            return
        evaluated = self._evaluated_names(node, schema, depth, own=False)
        if evaluated is _ALL:
            return
        for key_node, value_node in node.value.values():
            name = _key_text(key_node)
            if name in evaluated:
                continue
            if unevaluated.reject_all:
                known = self._known_names(schema, node)
                errors.append(SchemaError(self._unknown_key(name, path, known, ()), key_node.span))
            else:
                self._check(value_node, unevaluated, (*path, name), key_node.span, errors, depth + 1)

    def _evaluated_names(self, node, schema: _Schema, depth, own=True):
        """The keys of a mapping that ``schema`` evaluates (annotations of a fitting schema), or _ALL."""
        if schema.accept_all or schema.reject_all:
            return set()
        if depth > MAX_DEPTH or schema.names_all_evaluated or (own and schema.unevaluated_properties is not None):
            return _ALL
        names = set()
        for key_node, _ in node.value.values():
            name = _key_text(key_node)
            if name in schema.properties or any(test(name) for test, _, _ in schema.patterns):
                names.add(name)
        subs = list(schema.in_place_schemas(node))
        if schema.if_schema is not None:
            if self._valid(node, schema.if_schema, (), None, depth + 1):
                subs.append(schema.if_schema)
                if schema.then_schema is not None:
                    subs.append(schema.then_schema)
            elif schema.else_schema is not None:
                subs.append(schema.else_schema)
        for sub in subs:
            if self._valid(node, sub, (), None, depth + 1):
                more = self._evaluated_names(node, sub, depth + 1)
                if more is _ALL:
                    return _ALL
                names |= more
        return names

    def _known_names(self, schema: _Schema, node) -> list[str]:
        """Property names declared by a schema and the schemas applied beside it (for did-you-mean)."""
        names: list[str] = []
        seen: set[int] = set()
        stack = [schema]
        while stack:
            current = stack.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            names.extend(name for name in current.properties if name not in names)
            stack.extend(current.in_place_schemas(node))
            stack.extend(sub for sub in (current.if_schema, current.then_schema, current.else_schema) if sub is not None)
        return names

    @staticmethod
    def _unknown_key(name: str, path: tuple[str, ...], known, patterns) -> str:
        message = f"unknown key '{name}' {_where(path)}"
        if name in known:  # unevaluatedProperties: declared by a subschema that does not fit
            return message + " (only a subschema that the value does not fit allows it)"
        import difflib  # only here: a key that is not known (≈ 2 ms to import)

        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
        if close:
            message += f" (did you mean '{close[0]}'?)"
        elif patterns and not known:
            allowed = ", ".join(f"/{pattern}/" for _, pattern, _ in patterns)
            message = f"key '{name}' {_where(path)} does not match {allowed}"
        return message

    def _check_seq(self, node, schema: _Schema, path, errors, depth) -> None:
        values = node.value
        start = 0
        if schema.prefix is not None:
            for index, (item, item_schema) in enumerate(zip(values, schema.prefix)):
                if not item_schema.accept_all:
                    self._check(item, item_schema, (*path, f"[{index}]"), None, errors, depth + 1)
            start = len(schema.prefix)
        rest = schema.rest
        if rest is not None and not rest.accept_all:
            for index in range(start, len(values)):
                self._check(values[index], rest, (*path, f"[{index}]"), None, errors, depth + 1)
        if schema.contains is not None:
            self._check_contains(node, schema, path, errors, depth)
        if schema.unique:
            self._check_unique(node, path, errors)
        if schema.min_items is not None and len(values) < schema.min_items:
            errors.append(SchemaError(f"{_dotted(path)} needs at least {schema.min_items} item(s)", node.span))
        if schema.max_items is not None and len(values) > schema.max_items:
            errors.append(
                SchemaError(f"{_dotted(path)} has {len(values)} items, more than the {schema.max_items} allowed", values[int(schema.max_items)].span)
            )
        if schema.unevaluated_items is not None and not schema.unevaluated_items.accept_all:
            evaluated = self._evaluated_items(node, schema, depth, own=False)
            if evaluated is not _ALL:
                for index, item in enumerate(values):
                    if index not in evaluated:
                        self._check(item, schema.unevaluated_items, (*path, f"[{index}]"), None, errors, depth + 1)
        if schema.enum is not None or schema.const is not _MISSING:
            self._check_equality(node, schema, path, errors)

    def _matching(self, node, contains: _Schema, path, depth) -> list[int]:
        return [
            index for index, item in enumerate(node.value)
            if self._valid(item, contains, (*path, f"[{index}]"), None, depth + 1)
        ]

    def _check_contains(self, node, schema: _Schema, path, errors, depth) -> None:
        matching = self._matching(node, schema.contains, path, depth)
        if schema.min_contains is not None and len(matching) < schema.min_contains:
            errors.append(SchemaError(
                f"{_dotted(path)} has {len(matching)} item(s) that fit 'contains', fewer than the {schema.min_contains} needed", node.span
            ))
        if schema.max_contains is not None and len(matching) > schema.max_contains:
            surplus = node.value[matching[int(schema.max_contains)]]
            errors.append(SchemaError(
                f"{_dotted(path)} has {len(matching)} items that fit 'contains', more than the {schema.max_contains} allowed", surplus.span
            ))

    def _evaluated_items(self, node, schema: _Schema, depth, own=True):
        """The indices of a list's items that ``schema`` evaluates, or _ALL."""
        if schema.accept_all or schema.reject_all:
            return set()
        if depth > MAX_DEPTH or schema.rest is not None or (own and schema.unevaluated_items is not None):
            return _ALL
        indices = set(range(min(len(schema.prefix), len(node.value)))) if schema.prefix is not None else set()
        if schema.contains is not None:
            indices.update(self._matching(node, schema.contains, (), depth))
        subs = list(schema.in_place_schemas(node))
        if schema.if_schema is not None:
            if self._valid(node, schema.if_schema, (), None, depth + 1):
                subs.append(schema.if_schema)
                if schema.then_schema is not None:
                    subs.append(schema.then_schema)
            elif schema.else_schema is not None:
                subs.append(schema.else_schema)
        for sub in subs:
            if self._valid(node, sub, (), None, depth + 1):
                more = self._evaluated_items(node, sub, depth + 1)
                if more is _ALL:
                    return _ALL
                indices |= more
        return indices

    @staticmethod
    def _check_unique(node, path, errors) -> None:
        seen: dict[Any, YNode] = {}
        for item in node.value:
            # scalars: JSON equality (1 == 1.0, true != 1) without building a canonical form
            marker = (type(item.value) is bool, item.value) if item.kind == "scalar" else _canon_node(item)
            first = seen.get(marker)
            if first is None:
                seen[marker] = item
            elif item.kind == "scalar":
                errors.append(
                    SchemaError(f"{_dotted(path)} lists {item.text!r} more than once (first at line {first.line + 1})", item.span)
                )
            else:
                errors.append(
                    SchemaError(f"{_dotted(path)} lists the same {_describe(item)[2:]} more than once (first at line {first.line + 1})", item.span)
                )

    @staticmethod
    def _check_equality(node, schema: _Schema, path, errors) -> None:
        """enum and const (for lists and mappings, and for scalars without interpolation)."""
        if schema.enum is not None and _canon_node(node) not in schema.enum_set:
            choices = ", ".join(_show(choice) for choice in schema.enum)
            shown = repr(node.text) if node.kind == "scalar" else _describe(node)
            errors.append(SchemaError(f"{_dotted(path)} is {shown}; expected one of: {choices}", node.span))
        if schema.const is not _MISSING and _canon_node(node) != schema.const_canon:
            errors.append(SchemaError(f"{_dotted(path)} must be {schema.const!r}" if isinstance(schema.const, str) else
                                      f"{_dotted(path)} must be {_show(schema.const)}", node.span))

    def _check_scalar(self, node, schema: _Schema, path, errors) -> None:
        if _interpolated(node):
            return
        if schema.enum is not None or schema.const is not _MISSING:
            self._check_equality(node, schema, path, errors)
        value = node.value
        if isinstance(value, str):
            if schema.pattern is not None and not schema.pattern.search(value):
                errors.append(
                    SchemaError(f"{_dotted(path)} {value!r} does not match the expected format /{schema.pattern.pattern}/", node.span)
                )
            if schema.min_length is not None and len(value) < schema.min_length:
                errors.append(SchemaError(f"{_dotted(path)} must be at least {schema.min_length} character(s) long", node.span))
            if schema.max_length is not None and len(value) > schema.max_length:
                errors.append(SchemaError(f"{_dotted(path)} must be at most {schema.max_length} character(s) long", node.span))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            self._check_number(node, value, schema, path, errors)

    @staticmethod
    def _check_number(node, value, schema: _Schema, path, errors) -> None:
        where = _dotted(path)
        if schema.minimum is not None and value < schema.minimum:
            errors.append(SchemaError(f"{where} must be at least {schema.minimum}", node.span))
        if schema.maximum is not None and value > schema.maximum:
            errors.append(SchemaError(f"{where} must be at most {schema.maximum}", node.span))
        if schema.exclusive_minimum is not None and value <= schema.exclusive_minimum:
            errors.append(SchemaError(f"{where} must be greater than {schema.exclusive_minimum}", node.span))
        if schema.exclusive_maximum is not None and value >= schema.exclusive_maximum:
            errors.append(SchemaError(f"{where} must be less than {schema.exclusive_maximum}", node.span))
        divisor = schema.multiple_of
        if divisor is not None:
            if isinstance(divisor, float) or isinstance(value, float):
                try:
                    quotient = value / divisor
                    fits = quotient == int(quotient)
                except OverflowError:
                    fits = False
            else:
                fits = value % divisor == 0
            if not fits:
                errors.append(SchemaError(f"{where} must be a multiple of {divisor}", node.span))


_COMPOSE: Validator | None = None
_CUSTOM: tuple[dict, Validator] | None = None


def validate_compose(root: YNode) -> list[SchemaError]:
    """Every difference between a Compose document and the Compose Specification schema."""
    global _COMPOSE
    if _COMPOSE is None:
        from dlint.parsers.compose.schema_data import SCHEMA

        _COMPOSE = Validator(SCHEMA)
    return _COMPOSE.validate(root)


def validate_with_schema(root: YNode, schema: dict) -> list[SchemaError]:
    """Validate against a user-supplied schema (already parsed from JSON; compiled once per schema object)."""
    global _CUSTOM
    if _CUSTOM is None or _CUSTOM[0] is not schema:
        _CUSTOM = (schema, Validator(schema))
    return _CUSTOM[1].validate(root)
