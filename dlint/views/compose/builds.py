"""What a Compose service builds: the Dockerfile stage it targets and that stage's chain."""

from __future__ import annotations

import os
from typing import Any

from dlint.models.dockerfile import Dockerfile, Stage
from dlint.views.compose.values import text_of
from dlint.views.dockerfile.image_chain import stage_chain


def target_stage(dockerfile: Dockerfile, service: Any) -> Stage | None:
    """The stage ``build.target`` names (the last stage without a target); None when
    the target is unknown or names no stage."""
    build = service.build
    if build is not None and build.target is not None:
        name = text_of(build.target)
        if name is None:
            return None
        wanted = name.lower()
        return next((stage for stage in dockerfile.stages if stage.name == wanted), None)
    return dockerfile.final_stage


def target_chain(dockerfile: Dockerfile, service: Any) -> list[Stage]:
    """The built stage and the stages it builds on (empty when unknown)."""
    stage = target_stage(dockerfile, service)
    return stage_chain(dockerfile, stage) if stage is not None else []


def candidate_stages(dockerfile: Dockerfile, service: Any) -> list[Stage]:
    """The stages the build may target: the one ``build.target`` names (the last one
    without a target), or every stage when the target is unknown (a variable without
    a known value) or names no stage (DX003 reports that). A rule that judges the
    build reports only what holds for every one of them: the same answer whatever
    stage the target turns out to be."""
    stage = target_stage(dockerfile, service)
    return [stage] if stage is not None else list(dockerfile.stages)


def candidate_chains(dockerfile: Dockerfile, service: Any) -> list[list[Stage]]:
    """:func:`stage_chain` of each of the :func:`candidate_stages`."""
    return [stage_chain(dockerfile, stage) for stage in candidate_stages(dockerfile, service)]


def shown(path: str) -> str:
    """An absolute path as findings show it: relative to the working folder (as the
    engine shows files), absolute when it is on another drive."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


#: the key under which :func:`compose_builds` keeps what it parsed, in the context's surroundings
_BUILDS_KEY = "compose_builds"


def compose_builds(ctx: Any) -> dict[str, Dockerfile | None]:
    """For rules of kind ``compose``, which get no ``ctx.builds``: the parsed Dockerfile
    (or ``dockerfile_inline``) each service of ``ctx.project`` builds from, by service
    name; None when dlint cannot read it (a variable decides the path, the file is
    missing or not a Dockerfile). Services that do not build are left out. Parsed once
    per project: the result is kept in ``ctx.surroundings``, which the project hooks of
    every Compose rule share (a :class:`~dlint.engine.context.ComposeProjectContext`)."""
    cached = ctx.surroundings.get(_BUILDS_KEY)
    if cached is not None:
        return cached
    from dlint.parsers.compose.project import build_paths
    from dlint.reading import read_regular

    parsed: dict[str, Dockerfile | None] = {}
    found: dict[str, Dockerfile | None] = {}
    for name, paths in build_paths(ctx.project).items():
        if paths.inline is not None:
            from dlint.parsers.dockerfile import parse_dockerfile  # (only when there is one to parse)

            found[name] = parse_dockerfile(paths.inline, f"{name} (dockerfile_inline)")
            continue
        if paths.dockerfile is None or not paths.dockerfile_exists:
            found[name] = None
            continue
        key = str(paths.dockerfile)
        if key not in parsed:
            from dlint.parsers.dockerfile import parse_dockerfile_bytes

            try:
                parsed[key] = parse_dockerfile_bytes(read_regular(paths.dockerfile), shown(key))
            except (OSError, ValueError):
                parsed[key] = None
        found[name] = parsed[key]
    ctx.surroundings[_BUILDS_KEY] = found
    return found
