"""A small JSON-schema validator over positioned YAML nodes.

It understands the draft-07 subset the Compose schema uses (type, properties,
patternProperties, additionalProperties, required, enum, const, items,
oneOf/anyOf/allOf, ``$ref`` into the same document, minimum/maximum, pattern,
uniqueItems, minItems; ``format`` is ignored) and reports every problem it
finds, each at the key or value that causes it. ``oneOf`` is read like
``anyOf`` (one fitting branch is enough). Strings holding ``${…}`` or
``$VAR`` are accepted wherever a number, boolean or null or a constrained
string is wanted, because Compose validates after interpolation.

Schemas are compiled once into :class:`_Schema` objects, which keeps the
per-file cost low.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from dlint.models.span import Span
from dlint.parsers.yaml_loader import YNode

MAX_DEPTH = 200  # schema-guided descent deeper than this stops (recursive user schemas)
_KIND_TYPES = {"map": ("object",), "seq": ("array",)}
_TYPE_WORDS = {
    "object": "a mapping", "array": "a list", "string": "a string", "number": "a number",
    "integer": "an integer", "boolean": "a boolean", "null": "null",
}
_INTERPOLATED_TYPES = frozenset({"number", "integer", "boolean", "null"})
_MISSING = object()


@dataclass
class SchemaError:
    """One place where the document does not match the schema."""

    message: str
    span: Span


def _node_types(node: YNode) -> tuple[str, ...]:
    """The JSON types a node satisfies."""
    if node.kind != "scalar":
        return _KIND_TYPES[node.kind]
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


def _matcher(pattern: str):
    """A fast test for a patternProperties regex (plain prefixes skip the regex engine)."""
    if pattern.startswith("^") and re.fullmatch(r"\^[A-Za-z0-9_-]+", pattern):
        prefix = pattern[1:]
        return lambda name: name.startswith(prefix)
    if pattern in (".+", "^.+$"):
        return lambda name: bool(name)
    compiled = re.compile(pattern)
    return lambda name: compiled.search(name) is not None


class _Schema:
    """One schema object, compiled: keywords as attributes, subschemas compiled."""

    __slots__ = (
        "accept_all", "reject_all", "types", "type_words", "interpolation_fits", "alternatives", "all_of",
        "properties", "patterns", "additional", "required", "items", "item_list", "unique", "min_items",
        "enum", "const", "pattern", "minimum", "maximum", "has_scalar_checks",
    )


class Validator:
    """Validates nodes against one schema document (``$ref`` resolved inside it)."""

    def __init__(self, schema: dict) -> None:
        self.schema = schema
        self._compiled: dict[int, tuple[Any, _Schema]] = {}
        self.root = self._compile(schema)

    # -- compiling ----------------------------------------------------------------------

    def _lookup(self, ref: str) -> Any:
        if not ref.startswith("#"):
            return {}
        target: Any = self.schema
        for part in ref[1:].strip("/").split("/"):
            if part:
                target = target.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, dict) else {}
        return target

    def _compile(self, schema: Any, seen_refs: tuple[str, ...] = ()) -> _Schema:
        while isinstance(schema, dict) and "$ref" in schema and schema["$ref"] not in seen_refs:
            seen_refs = (*seen_refs, schema["$ref"])
            schema = self._lookup(schema["$ref"])
        cached = self._compiled.get(id(schema))
        if cached is not None:
            return cached[1]
        compiled = _Schema()
        self._compiled[id(schema)] = (schema, compiled)  # before children: recursive schemas terminate
        compiled.reject_all = schema is False
        compiled.accept_all = schema is True or not schema or not isinstance(schema, dict) or "$ref" in schema
        if compiled.accept_all or compiled.reject_all:
            return compiled
        get = schema.get
        wanted = get("type")
        compiled.types = None if wanted is None else frozenset((wanted,) if isinstance(wanted, str) else wanted)
        ordered = () if wanted is None else ((wanted,) if isinstance(wanted, str) else tuple(wanted))
        compiled.type_words = " or ".join(_TYPE_WORDS.get(kind, kind) for kind in ordered)
        compiled.interpolation_fits = bool(compiled.types and compiled.types & _INTERPOLATED_TYPES)
        compiled.alternatives = [
            [self._compile(branch) for branch in get(keyword)] for keyword in ("oneOf", "anyOf") if keyword in schema
        ]
        compiled.all_of = [self._compile(sub) for sub in get("allOf", ())]
        compiled.properties = {name: self._compile(sub) for name, sub in get("properties", {}).items()}
        compiled.patterns = [(_matcher(pattern), pattern, self._compile(sub)) for pattern, sub in get("patternProperties", {}).items()]
        additional = get("additionalProperties", True)
        compiled.additional = additional if isinstance(additional, bool) else self._compile(additional)
        compiled.required = tuple(get("required", ()))
        items = get("items")
        compiled.items = self._compile(items) if isinstance(items, (dict, bool)) else None
        compiled.item_list = [self._compile(sub) for sub in items] if isinstance(items, list) else None
        compiled.unique = bool(get("uniqueItems"))
        compiled.min_items = get("minItems")
        compiled.enum = get("enum")
        compiled.const = get("const", _MISSING)
        compiled.pattern = re.compile(get("pattern")) if "pattern" in schema else None
        compiled.minimum = get("minimum")
        compiled.maximum = get("maximum")
        compiled.has_scalar_checks = (
            compiled.enum is not None or compiled.const is not _MISSING or compiled.pattern is not None
            or compiled.minimum is not None or compiled.maximum is not None
        )
        return compiled

    # -- checking -----------------------------------------------------------------------

    def validate(self, node: YNode) -> list[SchemaError]:
        errors: list[SchemaError] = []
        self._check(node, self.root, (), None, errors, 0)
        return errors

    @staticmethod
    def _accepts_type(node: YNode, schema: _Schema) -> bool:
        types = schema.types
        if types is None:
            return True
        for kind in _node_types(node):
            if kind in types:
                return True
        return schema.interpolation_fits and _interpolated(node)

    def _check(self, node: YNode, schema: _Schema, path, key_span, errors, depth) -> None:
        if schema.accept_all or depth > MAX_DEPTH:
            return
        if schema.reject_all:
            errors.append(SchemaError(f"{_dotted(path)} is not allowed", key_span or node.span))
            return
        if not self._accepts_type(node, schema):
            errors.append(SchemaError(f"{_dotted(path)} must be {schema.type_words}, not {_describe(node)}", node.span))
            return
        for branches in schema.alternatives:
            self._check_alternatives(node, branches, path, key_span, errors, depth)
        for sub in schema.all_of:
            self._check(node, sub, path, key_span, errors, depth + 1)
        kind = node.kind
        if kind == "map":
            self._check_map(node, schema, path, key_span, errors, depth)
        elif kind == "seq":
            self._check_seq(node, schema, path, errors, depth)
        elif schema.has_scalar_checks:
            self._check_scalar(node, schema, path, errors)

    def _check_alternatives(self, node, branches, path, key_span, errors, depth) -> None:
        attempts = []
        for branch in branches:
            found: list[SchemaError] = []
            self._check(node, branch, path, key_span, found, depth + 1)
            if not found:
                return
            attempts.append((branch, found))
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
        for key_node, value_node in node.value.values():
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
            if matched:
                continue
            if additional is False:
                errors.append(SchemaError(self._unknown_key(name, path, schema), key_node.span))
            elif additional is not True:
                self._check(value_node, additional, (*path, name), key_node.span, errors, depth + 1)
        for required in schema.required:
            if required not in node.value:
                errors.append(SchemaError(f"{_dotted(path)} is missing the required key '{required}'", key_span or node.span))

    @staticmethod
    def _unknown_key(name: str, path: tuple[str, ...], schema: _Schema) -> str:
        message = f"unknown key '{name}' {_where(path)}"
        close = difflib.get_close_matches(name, list(schema.properties), n=1, cutoff=0.6)
        if close:
            message += f" (did you mean '{close[0]}'?)"
        elif schema.patterns and not schema.properties:
            allowed = ", ".join(f"/{pattern}/" for _, pattern, _ in schema.patterns)
            message = f"key '{name}' {_where(path)} does not match {allowed}"
        return message

    def _check_seq(self, node, schema: _Schema, path, errors, depth) -> None:
        items = schema.items
        if items is not None and not items.accept_all:
            for index, item in enumerate(node.value):
                self._check(item, items, (*path, f"[{index}]"), None, errors, depth + 1)
        elif schema.item_list is not None:
            for index, (item, item_schema) in enumerate(zip(node.value, schema.item_list)):
                self._check(item, item_schema, (*path, f"[{index}]"), None, errors, depth + 1)
        if schema.unique:
            seen: dict[Any, YNode] = {}
            for item in node.value:
                if item.kind != "scalar":
                    continue
                marker = (type(item.value) is bool, item.value)
                if marker in seen:
                    errors.append(
                        SchemaError(f"{_dotted(path)} lists {item.text!r} more than once (first at line {seen[marker].line + 1})", item.span)
                    )
                else:
                    seen[marker] = item
        if schema.min_items is not None and len(node.value) < schema.min_items:
            errors.append(SchemaError(f"{_dotted(path)} needs at least {schema.min_items} item(s)", node.span))

    @staticmethod
    def _check_scalar(node, schema: _Schema, path, errors) -> None:
        if _interpolated(node):
            return
        value = node.value
        if schema.enum is not None and value not in schema.enum:
            choices = ", ".join(str(choice) for choice in schema.enum)
            errors.append(SchemaError(f"{_dotted(path)} is {node.text!r}; expected one of: {choices}", node.span))
        if schema.const is not _MISSING and value != schema.const:
            errors.append(SchemaError(f"{_dotted(path)} must be {schema.const!r}", node.span))
        if isinstance(value, str):
            if schema.pattern is not None and not schema.pattern.search(value):
                errors.append(
                    SchemaError(f"{_dotted(path)} {value!r} does not match the expected format /{schema.pattern.pattern}/", node.span)
                )
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            if schema.minimum is not None and value < schema.minimum:
                errors.append(SchemaError(f"{_dotted(path)} must be at least {schema.minimum}", node.span))
            if schema.maximum is not None and value > schema.maximum:
                errors.append(SchemaError(f"{_dotted(path)} must be at most {schema.maximum}", node.span))


_COMPOSE: Validator | None = None


def validate_compose(root: YNode) -> list[SchemaError]:
    """Every difference between a Compose document and the Compose Specification schema."""
    global _COMPOSE
    if _COMPOSE is None:
        from dlint.parsers.compose.schema_data import SCHEMA

        _COMPOSE = Validator(SCHEMA)
    return _COMPOSE.validate(root)


def validate_with_schema(root: YNode, schema: dict) -> list[SchemaError]:
    """Validate against a user-supplied schema (already parsed from JSON)."""
    return Validator(schema).validate(root)
