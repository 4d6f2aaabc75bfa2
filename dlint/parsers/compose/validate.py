"""A small JSON-schema validator over positioned YAML nodes.

It understands the draft-07 subset the Compose schema uses (type, properties,
patternProperties, additionalProperties, required, enum, const, items,
oneOf/anyOf/allOf, ``$ref`` into the same document, minimum/maximum, pattern,
uniqueItems; ``format`` is ignored) and reports every problem it finds, each
at the key or value that causes it. Strings holding ``${…}`` or ``$VAR`` are
accepted wherever a number, boolean or null or a constrained string is wanted,
because Compose validates after interpolation.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dlint.models.span import Span
from dlint.parsers.yaml_loader import YNode

MAX_DEPTH = 200  # schema-guided descent deeper than this stops (recursive user schemas)
_KIND_TYPES = {"map": "object", "seq": "array"}
_TYPE_WORDS = {
    "object": "a mapping", "array": "a list", "string": "a string", "number": "a number",
    "integer": "an integer", "boolean": "a boolean", "null": "null",
}


@dataclass
class SchemaError:
    """One place where the document does not match the schema."""

    message: str
    span: Span


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _node_types(node: YNode) -> tuple[str, ...]:
    """The JSON types a node satisfies."""
    if node.kind != "scalar":
        return (_KIND_TYPES[node.kind],)
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
    if types[0] == "integer":
        return "a number"
    return _TYPE_WORDS[types[0]]


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


class Validator:
    """Validates nodes against one schema document (``$ref`` resolved inside it)."""

    def __init__(self, schema: dict) -> None:
        self.schema = schema
        self._refs: dict[str, Any] = {}

    def validate(self, node: YNode) -> list[SchemaError]:
        errors: list[SchemaError] = []
        self._check(node, self.schema, (), None, errors, 0)
        return errors

    def _resolve(self, schema: dict) -> dict:
        while isinstance(schema, dict) and "$ref" in schema:
            ref = schema["$ref"]
            target = self._refs.get(ref)
            if target is None:
                target = self.schema
                if ref.startswith("#"):
                    for part in ref[1:].strip("/").split("/"):
                        if part:
                            target = target.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, dict) else {}
                else:
                    target = {}
                self._refs[ref] = target
            schema = target
        return schema

    def _accepts_type(self, node: YNode, schema: dict) -> bool:
        wanted = schema.get("type")
        if wanted is None:
            return True
        wanted = (wanted,) if isinstance(wanted, str) else wanted
        types = _node_types(node)
        if any(kind in wanted for kind in types):
            return True
        return _interpolated(node) and any(kind in ("number", "integer", "boolean", "null") for kind in wanted)

    def _check(self, node, schema, path, key_span, errors, depth) -> None:
        if schema is True or not schema or depth > MAX_DEPTH:
            return
        if schema is False:
            errors.append(SchemaError(f"{_dotted(path)} is not allowed", key_span or node.span))
            return
        schema = self._resolve(schema)
        if not schema:
            return
        if not self._accepts_type(node, schema):
            wanted = schema["type"]
            wanted = (wanted,) if isinstance(wanted, str) else wanted
            words = " or ".join(_TYPE_WORDS.get(kind, kind) for kind in wanted)
            errors.append(SchemaError(f"{_dotted(path)} must be {words}, not {_describe(node)}", node.span))
            return
        for combinator in ("oneOf", "anyOf"):
            if combinator in schema:
                self._check_alternatives(node, schema[combinator], path, key_span, errors, depth)
        for sub in schema.get("allOf", ()):
            self._check(node, sub, path, key_span, errors, depth + 1)
        kind = node.kind
        if kind == "map":
            self._check_map(node, schema, path, key_span, errors, depth)
        elif kind == "seq":
            self._check_seq(node, schema, path, errors, depth)
        else:
            self._check_scalar(node, schema, path, errors)

    def _check_alternatives(self, node, branches, path, key_span, errors, depth) -> None:
        attempts = []
        for branch in branches:
            found: list[SchemaError] = []
            self._check(node, branch, path, key_span, found, depth + 1)
            if not found:
                return
            attempts.append((self._resolve(branch), found))
        fitting = [found for branch, found in attempts if self._accepts_type(node, branch)]
        if len(fitting) == 1:
            errors.extend(fitting[0])
            return
        if len(fitting) > 1:
            errors.extend(min(fitting, key=len))
            return
        words = []
        for branch, _ in attempts:
            wanted = branch.get("type", ())
            for kind in (wanted,) if isinstance(wanted, str) else wanted:
                word = _TYPE_WORDS.get(kind, kind)
                if word not in words:
                    words.append(word)
        wanted_text = " or ".join(words) if words else "a different value"
        errors.append(SchemaError(f"{_dotted(path)} must be {wanted_text}, not {_describe(node)}", node.span))

    def _check_map(self, node, schema, path, key_span, errors, depth) -> None:
        properties = schema.get("properties", {})
        patterns = schema.get("patternProperties", {})
        additional = schema.get("additionalProperties", True)
        for key_node, value_node in node.value.values():
            name = _key_text(key_node)
            child_path = (*path, name)
            sub = properties.get(name)
            matched = sub is not None
            if matched:
                self._check(value_node, sub, child_path, key_node.span, errors, depth + 1)
            for pattern, pattern_schema in patterns.items():
                if _regex(pattern).search(name):
                    matched = True
                    self._check(value_node, pattern_schema, child_path, key_node.span, errors, depth + 1)
            if matched:
                continue
            if additional is False:
                errors.append(SchemaError(self._unknown_key(name, path, properties, patterns), key_node.span))
            elif isinstance(additional, dict):
                self._check(value_node, additional, child_path, key_node.span, errors, depth + 1)
        for required in schema.get("required", ()):
            if required not in node.value:
                at = key_span or node.span
                errors.append(SchemaError(f"{_dotted(path)} is missing the required key '{required}'", at))

    @staticmethod
    def _unknown_key(name: str, path: tuple[str, ...], properties: dict, patterns: dict) -> str:
        message = f"unknown key '{name}' {_where(path)}"
        close = difflib.get_close_matches(name, list(properties), n=1, cutoff=0.6)
        if close:
            message += f" (did you mean '{close[0]}'?)"
        elif patterns and not properties:
            allowed = ", ".join(f"/{pattern}/" for pattern in patterns)
            message = f"key '{name}' {_where(path)} does not match {allowed}"
        return message

    def _check_seq(self, node, schema, path, errors, depth) -> None:
        items = schema.get("items")
        if isinstance(items, dict):
            for index, item in enumerate(node.value):
                self._check(item, items, (*path, f"[{index}]"), None, errors, depth + 1)
        elif isinstance(items, list):
            for index, (item, item_schema) in enumerate(zip(node.value, items)):
                self._check(item, item_schema, (*path, f"[{index}]"), None, errors, depth + 1)
        if schema.get("uniqueItems"):
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
        minimum = schema.get("minItems")
        if minimum is not None and len(node.value) < minimum:
            errors.append(SchemaError(f"{_dotted(path)} needs at least {minimum} item(s)", node.span))

    def _check_scalar(self, node, schema, path, errors) -> None:
        if _interpolated(node):
            return
        value = node.value
        enum = schema.get("enum")
        if enum is not None and value not in enum:
            choices = ", ".join(str(choice) for choice in enum)
            errors.append(SchemaError(f"{_dotted(path)} is {node.text!r}; expected one of: {choices}", node.span))
        if "const" in schema and value != schema["const"]:
            errors.append(SchemaError(f"{_dotted(path)} must be {schema['const']!r}", node.span))
        if isinstance(value, str):
            pattern = schema.get("pattern")
            if pattern is not None and not _regex(pattern).search(value):
                errors.append(SchemaError(f"{_dotted(path)} {value!r} does not match the expected format /{pattern}/", node.span))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                errors.append(SchemaError(f"{_dotted(path)} must be at least {schema['minimum']}", node.span))
            if "maximum" in schema and value > schema["maximum"]:
                errors.append(SchemaError(f"{_dotted(path)} must be at most {schema['maximum']}", node.span))


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
