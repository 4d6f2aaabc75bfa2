"""Loading one Compose file: YAML with positions, schema check, interpolation check, models."""

from __future__ import annotations

import re
from collections.abc import Mapping

from dlint.models.compose import ComposeFile, ComposeIssue
from dlint.parsers.compose.build_model import ModelBuilder, scalar_issues
from dlint.parsers.compose.validate import SchemaError, validate_compose, validate_with_schema
from dlint.parsers.gc_pause import gc_paused
from dlint.parsers.yaml_loader import load_yaml

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
    loaded = load_yaml(text, path)
    compose = ComposeFile.make(path=path, source=loaded.text)
    issues = compose.issues
    for problem in loaded.issues:
        issues.append(ComposeIssue.make(kind="syntax", message=problem.message, span=problem.span, path=path))
    root = loaded.root
    if root is None:
        # empty, or only comments: Compose skips such a document (a file kept as an extra
        # ``-f`` layer), it is no syntax error
        return compose
    if root.kind != "map":
        issues.append(
            ComposeIssue.make(kind="syntax", message="a Compose file must be a mapping of keys (services:, volumes: …) at the top level", span=root.span, path=path)
        )
        return compose
    for error in validate_compose(root):
        issues.append(ComposeIssue.make(kind="schema", message=error.message, span=error.span, path=path))
    if extra_schema is not None:
        try:
            custom = validate_with_schema(root, extra_schema)
        except (TypeError, AttributeError, ValueError, KeyError, re.error) as error:  # a malformed user schema
            custom = [SchemaError(f"the schema cannot be used: {type(error).__name__}: {error}", loaded.lines.span(0, 0))]
        for error in custom:
            issues.append(ComposeIssue.make(kind="schema", message=f"(custom schema) {error.message}", span=error.span, path=path))
    issues.extend(scalar_issues(root, env))
    try:
        ModelBuilder(env).file(compose, root)
    except Exception as error:  # a shape the builders did not foresee: report it, never a traceback
        message = f"dlint could not model this file ({type(error).__name__}: {error}); please report it"
        issues.append(ComposeIssue.make(kind="syntax", message=message, span=loaded.lines.span(0, 0), path=path))
        compose.services = {}
    return compose
