"""The Compose path of the lint API: sources → projects → rule hooks → findings.

Files are grouped into projects by folder (main file, then its override, then
other files in the order given). Each file as written gets the file and
service hooks (``ctx.surroundings["compose_project"]`` is the merged project it
belongs to); each merged project gets the project hooks, and rules of kind
``project`` also get the Dockerfiles the services build from. Findings in files
that are not being linted (an ``extends`` base elsewhere, say) are left out;
findings of rules of kind ``project`` may also be in those Dockerfiles (the
engine keeps them when the Dockerfile is linted too).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from dlint.engine.context import ComposeFileContext, ComposeProjectContext, ProjectContext, ServiceBuild
from dlint.engine.rule import Rule
from dlint.engine.runner import internal_error_finding, internal_error_message
from dlint.models.compose import ComposeProject
from dlint.models.finding import Finding, Violation
from dlint.parsers.compose.project import MAIN_NAMES, OVERRIDE_NAMES, build_paths, load_compose_project
from dlint.reading import read_regular


def _display(path: Path) -> str:
    """How a file reached through include/extends is shown: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _order(name: str) -> int:
    lowered = name.lower()
    if lowered in MAIN_NAMES:
        return 0
    if lowered in OVERRIDE_NAMES:
        return 1
    return 2


def group_sources(sources: Sequence[Any], project_files: Sequence[str | os.PathLike] = ()) -> list[list[Any]]:
    """Sources grouped into projects: files of one folder together, main file first.

    Sources named in ``project_files`` (the ``-f a -f b`` order) form one project in that order.
    """
    listed = {Path(path).resolve(): index for index, path in enumerate(project_files)}
    explicit: list[tuple[int, Any]] = []
    groups: dict[Path, list[Any]] = {}
    alone: list[list[Any]] = []
    for source in sources:
        real = getattr(source, "real_path", None)
        if real is None:
            alone.append([source])
        elif Path(real).resolve() in listed:
            explicit.append((listed[Path(real).resolve()], source))
        else:
            groups.setdefault(Path(real).resolve().parent, []).append(source)
    ordered = [sorted(group, key=lambda source: _order(Path(source.real_path).name)) for group in groups.values()]
    if explicit:
        ordered.insert(0, [source for _, source in sorted(explicit, key=lambda pair: pair[0])])
    return ordered + alone


def _findings(rule: Rule, path: str, violations: Iterable[Violation]) -> Iterable[Finding]:
    for violation in violations:
        yield Finding.model_construct(
            code=rule.code,
            name=rule.name,
            severity=rule.severity,
            message=violation.message,
            path=violation.path or path,
            span=violation.span,
            fix=violation.fix,
        )


def load_group(
    group: Sequence[Any],
    *,
    env_file: str | os.PathLike | None = None,
    extra_schema: dict | None = None,
) -> ComposeProject:
    """The merged project of one group of sources (texts as given, other files from disk)."""
    preloaded: dict[Path, tuple[str, str]] = {}
    paths: list[Path] = []
    for source in group:
        real = Path(source.real_path) if getattr(source, "real_path", None) is not None else Path(source.path)
        preloaded[real.resolve()] = (source.path, source.text)
        paths.append(real)
    return load_compose_project(paths, env_file=env_file, extra_schema=extra_schema, display=_display, preloaded=preloaded)


def _builds(project: ComposeProject) -> tuple[dict[str, Any], dict[str, ServiceBuild]]:
    """The parsed Dockerfiles the project's services build from (by absolute path),
    and what each service's ``build`` finds on disk (by service name)."""
    from dlint.parsers.dockerfile import parse_dockerfile, parse_dockerfile_bytes

    parsed: dict[str, Any] = {}
    builds: dict[str, ServiceBuild] = {}
    for name, paths in build_paths(project).items():
        model = None
        if paths.inline is not None:
            model = parse_dockerfile(paths.inline, f"{name} (dockerfile_inline)")
        elif paths.dockerfile is not None and paths.dockerfile_exists:
            key = str(paths.dockerfile)
            if key not in parsed:
                try:
                    parsed[key] = parse_dockerfile_bytes(read_regular(paths.dockerfile), _display(paths.dockerfile))
                except (OSError, ValueError):
                    pass
            model = parsed.get(key)
        builds[name] = ServiceBuild(
            service=name,
            context=str(paths.context) if paths.context is not None else None,
            context_exists=paths.context_exists,
            dockerfile=str(paths.dockerfile) if paths.dockerfile is not None else None,
            dockerfile_exists=paths.dockerfile_exists,
            model=model,
        )
    return parsed, builds


def referenced_builds(sources: Sequence[Any], project_files: Sequence[str | os.PathLike] = (), env_file: str | os.PathLike | None = None) -> dict[Path, Path]:
    """The Dockerfiles that the Compose ``sources`` build from (absolute, in order, each
    once), each with the build context it is sent with (the first service's when
    several services build it)."""
    found: dict[Path, Path] = {}
    for group in group_sources(sources, project_files):
        if all(getattr(source, "real_path", None) is None for source in group):
            continue
        project = load_group(group, env_file=env_file)
        for paths in build_paths(project).values():
            if paths.dockerfile is not None and paths.dockerfile_exists and paths.context is not None:
                found.setdefault(paths.dockerfile, paths.context)
    return found


def referenced_dockerfiles(sources: Sequence[Any], project_files: Sequence[str | os.PathLike] = (), env_file: str | os.PathLike | None = None) -> list[Path]:
    """Dockerfiles that the Compose ``sources`` build from, in order, each once."""
    return list(referenced_builds(sources, project_files, env_file))


def lint_compose(
    sources: Sequence[Any],
    rules: Sequence[Rule],
    *,
    env_file: str | os.PathLike | None = None,
    extra_schema: dict | None = None,
    project_files: Sequence[str | os.PathLike] = (),
    surroundings: Mapping[str, Any] | None = None,
    errors: list[str] | None = None,
    not_linted: set[str] | None = None,
) -> list[Finding]:
    """Raw findings of ``rules`` (kinds ``compose`` and ``project``) on Compose ``sources``.

    ``sources`` have ``path`` (as displayed), ``text`` and ``real_path`` (None
    for stdin); ``env_file`` is the ``--env-file`` option; ``extra_schema`` the
    parsed ``compose-schema`` file; ``project_files`` the files that make one
    project, in order (``compose-files``/``-f``); other files are grouped by folder.

    With ``errors``, a failure costs only its own part: a project that cannot be
    loaded is reported there (its files are not linted, the other projects are),
    and a rule that raises is reported there and as a located finding
    (:func:`~dlint.engine.runner.internal_error_finding`); without it the
    exception propagates. ``not_linted`` receives the paths of the projects that
    could not be loaded.
    """
    findings: list[Finding] = []
    extra = dict(surroundings or {})
    for group in group_sources(sources, project_files):
        try:
            project = load_group(group, env_file=env_file, extra_schema=extra_schema)
        except Exception as error:
            if errors is None:
                raise
            paths = ", ".join(source.path for source in group)
            errors.append(f"{paths}: internal error while loading the Compose project (not linted): {error!r}")
            if not_linted is not None:
                not_linted.update(source.path for source in group)
            continue
        findings.extend(_lint_project(project, group, rules, extra, errors))
    return findings


def _lint_project(project: ComposeProject, group: Sequence[Any], rules: Sequence[Rule], extra: dict[str, Any], errors: list[str] | None) -> list[Finding]:
    """Raw findings of ``rules`` on one loaded project whose sources are ``group``."""
    findings: list[Finding] = []
    failed: set[str] = set()

    def collect(rule: Rule, path: str, call, span=None, keep=None) -> None:  # noqa: ANN001 - a zero-argument callable
        if rule.code in failed:
            return
        try:
            found = list(_findings(rule, path, call()))
        except Exception as error:
            if errors is None:
                raise
            failed.add(rule.code)
            errors.append(internal_error_message(rule, path, error))
            findings.append(internal_error_finding(rule, path, span, error))
            return
        findings.extend(found if keep is None else [finding for finding in found if finding.path in keep])

    file_rules = [rule for rule in rules if rule.kind == "compose"]
    across = [rule for rule in rules if rule.kind == "project"]
    wanted = {source.path for source in group}
    for compose in project.files:
        if compose.path not in wanted:
            continue
        ctx = ComposeFileContext(compose.path, compose.source, compose, {**extra, "compose_project": project})
        for rule in file_rules:
            hooks = rule.hooks()
            if "check_compose_file" in hooks:
                collect(rule, compose.path, lambda: rule.check_compose_file(ctx))
            if "check_compose_service" in hooks:
                for service in compose.services.values():
                    collect(rule, compose.path, lambda: rule.check_compose_service(ctx, service), service.name_span)
    main_path = project.files[0].path if project.files else group[0].path
    project_ctx = ComposeProjectContext(project, dict(extra))
    for rule in file_rules:
        if "check_compose_project" in rule.hooks():
            collect(rule, main_path, lambda: rule.check_compose_project(project_ctx), keep=wanted)
    if across:
        parsed, builds = _builds(project)
        whole = ProjectContext(project, parsed, dict(extra), builds)
        # a rule across files may point into a Dockerfile the project builds
        # (shown as its path relative to the working folder; the engine matches it to the source)
        reachable = wanted | {model.path for model in parsed.values()}
        for rule in across:
            collect(rule, main_path, lambda: rule.check_project(whole), keep=reachable)
    return findings
