"""``dlint debug compose``: the merged model of a Compose project as JSON, with positions."""

from __future__ import annotations

import json
import os
from pathlib import Path


class DumpError(Exception):
    """A project that cannot be printed as JSON; the message says why."""


def dump_compose(paths: list[str | os.PathLike], env_file: str | os.PathLike | None = None) -> str:
    """JSON of the project made of ``paths`` (in ``-f`` order): the merged services
    and resources, each value with its span and file (``keys`` lists every key of a
    service as merged, typed or not), then every file read with its loading issues.
    ``env_file`` replaces ``.env`` for interpolation; files that cannot be read are
    listed under ``errors``."""
    from dlint.parsers.compose.project import load_compose_project

    files = [Path(path) for path in paths]
    project = load_compose_project(files, env_file=env_file, display=_display)
    try:
        return _dump(project, files)
    except (RecursionError, ValueError) as error:  # pydantic and json refuse very deep values
        raise DumpError(f"{', '.join(map(str, files))}: the model is nested too deeply to print as JSON ({error})") from None


def dump_projects(folder: str | os.PathLike, env_file: str | os.PathLike | None = None, environ=None) -> str:  # noqa: ANN001 - a mapping
    """JSON of the projects dlint forms for the Compose files under ``folder`` (as
    ``dlint check FOLDER`` finds them): each project's files in ``-f`` order, the files
    it reports findings for, and why these files form it."""
    from dlint.engine.discovery import discover
    from dlint.engine.sources import LintError, read_source
    from dlint.parsers.compose_lint import Projects

    sources = []
    for item in discover([Path(folder)]).files:
        if item.kind != "compose":
            continue
        try:
            sources.append(read_source(item.path, item.kind, str(item.path)))
        except LintError:
            continue
    projects = Projects(sources, env_file=env_file, environ=environ)
    data = {
        "projects": [
            {
                "files": [_display(path) for path in plan.files],
                "reports": sorted(projects.reported(plan)),
                "why": plan.why,
            }
            for plan in projects.plans
        ],
        "errors": projects.errors,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _dump(project, files: list[Path]) -> str:  # noqa: ANN001 - a ComposeProject
    data = project.model_dump(mode="json", exclude={"files"})
    data["errors"] = [f"{path}: cannot read the file" for path in files if not path.is_file()]
    for name, service in project.services.items():
        data["services"][name]["keys"] = {
            key: {"path": entry.path, "line": entry.key_span.line, "column": entry.key_span.column, "value": entry.data}
            for key, entry in service.entries.items()
        }
    data["files"] = [
        {
            "path": compose.path,
            "override": compose.is_override,
            "services": list(compose.services),
            "issues": [issue.model_dump(mode="json") for issue in compose.issues],
        }
        for compose in project.files
    ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
