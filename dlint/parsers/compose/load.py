"""Loading one Compose file: YAML with positions, schema check, interpolation check, models."""

from __future__ import annotations

import re
from collections.abc import Mapping

from dlint.models.compose import ComposeFile, ComposeIssue
from dlint.parsers.compose.build_model import ModelBuilder
from dlint.parsers.compose.merge import merge_nodes
from dlint.parsers.compose.validate import SchemaError, validate_compose, validate_with_schema
from dlint.parsers.gc_pause import gc_paused
from dlint.parsers.yaml_loader import LoadedYaml, load_yaml

_NO_VARIABLES: Mapping[str, str] = {}


def load_compose_file(
    path: str,
    text: str | bytes,
    env: Mapping[str, str] = _NO_VARIABLES,
    *,
    extra_schema: dict | None = None,
) -> ComposeFile:
    """One Compose file as written, with every problem as a located issue.

    ``env`` holds the variables known for interpolation; ``extra_schema`` is an
    optional user-supplied JSON schema checked in addition to the Compose one.
    """
    with gc_paused():
        return _load(path, text, env, extra_schema)


def _load(path: str, text: str | bytes, env: Mapping[str, str], extra_schema: dict | None) -> ComposeFile:
    loaded = load_yaml(text, path, all_documents=True)
    compose = ComposeFile.make(path=path, source=loaded.text)
    issues = compose.issues
    for problem in loaded.issues:
        issues.append(ComposeIssue.make(kind="syntax", message=problem.message, span=problem.span, path=path))
    # Empty documents (nothing, or only comments) are skipped as Compose skips them: a file
    # kept as an extra ``-f`` layer is no syntax error. Several documents merge in order, each
    # over the ones before it as an override file would (Compose does so since v2.21).
    documents = [node for node in loaded.documents if not (node.kind == "scalar" and node.value is None)]
    builder = ModelBuilder(env)
    for document in documents:
        if document.kind != "map":
            message = "a Compose file must be a mapping of keys (services:, volumes: …) at the top level"
            issues.append(ComposeIssue.make(kind="syntax", message=message, span=document.span, path=path))
            return compose
        _validate(compose, document, builder, extra_schema, loaded)
    if not documents:
        return compose
    root = documents[0]
    for document in documents[1:]:
        root = merge_nodes(root, document)
    try:
        builder.file(compose, root)
    except Exception as error:  # a shape the builders did not foresee: report it, never a traceback
        message = f"dlint could not model this file ({type(error).__name__}: {error}); please report it"
        issues.append(ComposeIssue.make(kind="syntax", message=message, span=loaded.lines.span(0, 0), path=path))
        compose.services = {}
    return compose


def _validate(compose: ComposeFile, root, builder: ModelBuilder, extra_schema: dict | None, loaded: LoadedYaml) -> None:
    """Schema, custom-schema and scalar issues of one document."""
    path = compose.path
    issues = compose.issues
    for error in validate_compose(root):
        issues.append(ComposeIssue.make(kind="schema", message=error.message, span=error.span, path=path))
    if extra_schema is not None:
        try:
            custom = validate_with_schema(root, extra_schema)
        except (TypeError, AttributeError, ValueError, KeyError, re.error) as error:  # a malformed user schema
            custom = [SchemaError(f"the schema cannot be used: {type(error).__name__}: {error}", loaded.lines.span(0, 0))]
        for error in custom:
            issues.append(ComposeIssue.make(kind="schema", message=f"(custom schema) {error.message}", span=error.span, path=path))
    if _may_interpolate(compose.source):
        issues.extend(builder.scalar_issues(root))


#: how a double-quoted YAML scalar writes a ``$`` without one in the text
_DOLLAR_ESCAPES = ("\\x24", "\\u0024", "\\U00000024")


def _may_interpolate(text: str) -> bool:
    """Whether a scalar of ``text`` may hold a ``$`` (most Compose files have none, and
    then no value needs its interpolation checked)."""
    return "$" in text or ("\\" in text and any(escape in text for escape in _DOLLAR_ESCAPES))
