"""The Compose path of the lint API: sources → projects → rule hooks → findings.

Files are grouped into projects as Compose groups them
(:mod:`dlint.parsers.compose.projects`). Each reported file as written gets the file and
service hooks (``ctx.surroundings["compose_project"]`` is the merged project it
belongs to); each merged project gets the project hooks, and rules of kind
``project`` also get the Dockerfiles the services build from. Findings in files
that are not being linted (an ``extends`` base elsewhere, say) are left out;
findings of rules of kind ``project`` may also be in those Dockerfiles (the
engine keeps them when the Dockerfile is linted too).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from dlint.engine.context import ComposeFileContext, ComposeProjectContext, ProjectContext, ServiceBuild
from dlint.engine.rule import Rule
from dlint.engine.runner import internal_error_finding, internal_error_message
from dlint.models.base import construct
from dlint.models.compose import ComposeProject
from dlint.models.finding import Finding, Violation
from dlint.models.span import Span
from dlint.parsers.compose.project import build_paths, load_compose_project, read_variables
from dlint.parsers.compose.projects import ExplicitProject, FileServices, PlannedProject, ProjectPlanner, services_in
from dlint.parsers.gc_pause import gc_paused
from dlint.reading import read_regular


#: Compose files of one folder looked at as other layers of an overlay
_MAX_FOLDER_NAMES = 200


def _display(path: Path) -> str:
    """How a file reached through include/extends is shown: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


class Projects:
    """The Compose projects of one run, as :mod:`dlint.parsers.compose.projects`
    forms them, each loaded once (texts of the sources as given, other files from disk)."""

    def __init__(
        self,
        sources: Sequence[Any],
        *,
        project_files: Sequence[str | os.PathLike] = (),
        compose_projects: Sequence[Sequence[str | os.PathLike]] = (),
        env_file: str | os.PathLike | None = None,
        extra_schema: dict | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.env_file = env_file
        self.extra_schema = extra_schema
        self.environ = dict(environ or {})
        self.preloaded: dict[Path, tuple[str, str]] = {}  # resolved path → (shown, text)
        self.shown: dict[Path, str] = {}  # absolute path → shown path, for sources
        self.alone: list[Any] = []  # sources not on disk (stdin)
        on_disk: list[Path] = []
        for source in sources:
            real = getattr(source, "real_path", None)
            if real is None:
                self.alone.append(source)
                continue
            real = os.fspath(real)
            self.preloaded[Path(os.path.realpath(real))] = (source.path, source.text)
            absolute = Path(os.path.abspath(real))
            self.shown[absolute] = source.path
            on_disk.append(absolute)
        #: sources that are not files on disk (unsaved buffers): the only ones a path not on disk may name
        self.not_on_disk = {path for path in self.preloaded if not path.is_file()}
        explicit = [ExplicitProject([Path(path) for path in project_files], "--compose-file/compose-files")] if project_files else []
        explicit += [ExplicitProject([Path(path) for path in files], "compose-projects") for files in compose_projects if files]
        self._loaded: dict[tuple[Path, ...], ComposeProject] = {}
        self._folders: dict[Path, list[Path]] = {}
        self._dotenv: dict[Path, dict[str, str]] = {}
        self._includes: dict[Path, list[Path]] = {}
        self._cwd = Path(os.path.abspath(os.curdir))
        planner = ProjectPlanner(  # not kept: it holds bound methods of this object (a reference cycle)
            exists=self._exists,
            services_of=self._services_of,
            base_services=lambda files: set(self.load(files).services),
            folder_variables=self._folder_variables,
            explicit=explicit,
            folder_files=self._folder_files,
            includes_of=self._includes_of,
        )
        self.plans = planner.plan(on_disk)
        self.errors = planner.errors

    def _folder_files(self, folder: Path) -> list[Path]:
        """The Compose files of ``folder`` (by name, the first 200), read once."""
        if folder not in self._folders:
            from dlint.engine.discovery import file_kind

            try:
                names = sorted(os.listdir(folder))
            except OSError:
                names = []
            self._folders[folder] = [folder / name for name in names if file_kind(name) == "compose"][:_MAX_FOLDER_NAMES]
        return self._folders[folder]

    def _exists(self, path: Path) -> bool:
        """Whether ``path`` is a file on disk or a source that is not (the folders' other
        Compose names are probed: most are not there, and resolving them is slow)."""
        return path.is_file() or (bool(self.not_on_disk) and path.resolve() in self.not_on_disk)

    def _text(self, path: Path) -> str | bytes | None:
        preloaded = self.preloaded.get(path.resolve())
        if preloaded is not None:
            return preloaded[1]
        try:
            return read_regular(path)
        except OSError:
            return None

    def _services_of(self, path: Path) -> FileServices | None:
        from dlint.parsers.yaml_loader import load_yaml

        text = self._text(path)
        return None if text is None else services_in(load_yaml(text, str(path)).root)

    def _includes_of(self, path: Path) -> list[Path]:
        """The files the ``include`` entries of the Compose file ``path`` name (absolute,
        relative ones from its folder), read once; a path a variable decides is left out.
        Only a file whose text holds ``include`` is parsed for them."""
        found = self._includes.get(path)
        if found is None:
            text = self._text(path)
            found = self._includes[path] = [] if text is None or ("include" if isinstance(text, str) else b"include") not in text else _include_paths(path, text)
        return found

    def _folder_variables(self, folder: Path) -> Mapping[str, str]:
        """The variables that may set COMPOSE_FILE for ``folder``: its ``.env`` (or the
        env file), and the process environment when dlint runs in that folder."""
        variables = dict(self._variables(folder))
        if folder == self._cwd:
            variables.update({key: value for key, value in self.environ.items() if key in ("COMPOSE_FILE", "COMPOSE_PATH_SEPARATOR")})
        return variables

    def _variables(self, folder: Path) -> dict[str, str]:
        """The interpolation variables of ``folder`` (its ``.env``, or the env file), read
        once: planning and loading both need them."""
        variables = self._dotenv.get(folder)
        if variables is None:
            variables = self._dotenv[folder] = read_variables(folder, self.env_file)
        return variables

    def load(self, files: Sequence[Path], *, fragment: bool = False) -> ComposeProject:
        key = tuple(files)
        project = self._loaded.get(key)
        if project is None:
            project = self._loaded[key] = load_compose_project(
                list(files), variables=self._variables(Path(files[0]).parent) if files else None, env_file=self.env_file,
                extra_schema=self.extra_schema, display=_display, preloaded=self.preloaded,
            )
        if fragment:
            project.fragment = True
        return project

    def load_all(self) -> list[ComposeProject]:
        """The planned projects, in order, loaded with the cyclic garbage collector paused
        throughout (models hold no cycles): its passes after each file would walk the
        models of the files before it again and again."""
        with gc_paused():
            return [self.load(plan.files) for plan in self.plans]

    def reported(self, plan: PlannedProject) -> set[str]:
        """The shown paths of the files whose findings ``plan`` reports."""
        return {self.shown[path] for path in plan.reported if path in self.shown}

    def stdin_project(self, source: Any) -> ComposeProject:
        return load_compose_project(
            [Path(source.path)], env_file=self.env_file, extra_schema=self.extra_schema, display=_display,
            preloaded={Path(source.path).resolve(): (source.path, source.text)},
        )


def _include_paths(path: Path, text: str | bytes) -> list[Path]:
    """The files the top-level ``include`` of a Compose text names: short entries and each
    ``path`` of long ones, relative to the file's folder; none whose path holds a variable."""
    from dlint.parsers.yaml_loader import load_yaml

    root = load_yaml(text, str(path)).root
    include = root.get("include") if root is not None and root.kind == "map" else None
    if include is None or include.kind != "seq":
        return []
    found = []
    for entry in include.value:
        named = entry.get("path") if entry.kind == "map" else entry
        for scalar in (named.value if named is not None and named.kind == "seq" else [named]):
            value = scalar.value if scalar is not None and scalar.kind == "scalar" else None
            if isinstance(value, str) and value and "$" not in value:
                found.append(Path(os.path.normpath(path.parent / os.path.expanduser(value))))
    return found


def _finding(rule: Rule, path: str, violation: Violation) -> Finding:
    return construct(Finding, {
        "code": rule.code,
        "name": rule.name,
        "severity": violation.severity or rule.severity,
        "message": violation.message,
        "path": violation.path or path,
        "span": violation.span,
        "fix": violation.fix,
    })


class _Hooks:
    """The rules of a run by the hooks they override (looked up once, not per file)."""

    __slots__ = ("per_file", "per_project", "across")

    def __init__(self, rules: Sequence[Rule]) -> None:
        compose = [(rule, rule.hooks()) for rule in rules if rule.kind == "compose"]
        #: (rule, whether it checks files, whether it checks services), in the rules' order
        self.per_file = [
            (rule, "check_compose_file" in hooks, "check_compose_service" in hooks)
            for rule, hooks in compose
            if "check_compose_file" in hooks or "check_compose_service" in hooks
        ]
        self.per_project = [rule for rule, hooks in compose if "check_compose_project" in hooks]
        self.across = [rule for rule in rules if rule.kind == "project"]


def _builds(project: ComposeProject) -> tuple[dict[str, Any], dict[str, ServiceBuild]]:
    """The parsed Dockerfiles the project's services build from (by absolute path),
    and what each service's ``build`` finds on disk (by service name)."""
    parsed: dict[str, Any] = {}
    builds: dict[str, ServiceBuild] = {}
    for name, paths in build_paths(project).items():
        model = None
        if paths.inline is not None:
            from dlint.parsers.dockerfile import parse_dockerfile  # (only when there is one to parse)

            model = parse_dockerfile(paths.inline, f"{name} (dockerfile_inline)")
        elif paths.dockerfile is not None and paths.dockerfile_exists:
            key = str(paths.dockerfile)
            if key not in parsed:
                from dlint.parsers.dockerfile import parse_dockerfile_bytes

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


def referenced_builds(
    sources: Sequence[Any],
    project_files: Sequence[str | os.PathLike] = (),
    env_file: str | os.PathLike | None = None,
    compose_projects: Sequence[Sequence[str | os.PathLike]] = (),
    environ: Mapping[str, str] | None = None,
    targets: dict[Path, set[str | None]] | None = None,
    users: dict[Path, set[str | None]] | None = None,
    projects: Projects | None = None,
) -> dict[Path, tuple[Path, bool]]:
    """The Dockerfiles that the projects of the Compose ``sources`` build from
    (absolute, in order, each once), each with the build context it is sent with
    (the first service's when several build it) and whether a project that reports
    a source found by walking a folder (not named) builds it. With ``targets``, also
    the ``build.target`` stage names each Dockerfile is built with (lower-cased;
    None for a target whose value is not known). With ``users``, also the ``user:`` of
    each service that builds it (stripped, lower-cased; "" for a value that is not
    known; None for a service without ``user:``). ``projects``: the run's projects, when
    the caller has formed them (they are then loaded once for this and for linting)."""
    found: dict[Path, tuple[Path, bool]] = {}
    if projects is None:
        projects = Projects(sources, project_files=project_files, compose_projects=compose_projects, env_file=env_file, environ=environ)
    walked = {source.path for source in sources if not getattr(source, "named", False)}
    for plan, project in zip(projects.plans, projects.load_all(), strict=True):
        by_walk = bool(projects.reported(plan) & walked)
        for name, paths in build_paths(project).items():
            if paths.dockerfile is not None and paths.dockerfile_exists and paths.context is not None:
                context, before = found.get(paths.dockerfile, (paths.context, False))
                found[paths.dockerfile] = (context, before or by_walk)
                target = project.services[name].build.target
                if targets is not None and target is not None:
                    text = str(target.effective).strip().lower() if target.resolved and target.effective is not None else None
                    targets.setdefault(paths.dockerfile, set()).add(text)
                if users is not None:
                    users.setdefault(paths.dockerfile, set()).add(_user(project.services[name].user))
    return found


def _user(user: Any) -> str | None:
    if user is None:
        return None
    return str(user.effective).strip().lower() if user.resolved and user.effective is not None else ""


def lint_compose(
    sources: Sequence[Any],
    rules: Sequence[Rule],
    *,
    env_file: str | os.PathLike | None = None,
    extra_schema: dict | None = None,
    project_files: Sequence[str | os.PathLike] = (),
    compose_projects: Sequence[Sequence[str | os.PathLike]] = (),
    environ: Mapping[str, str] | None = None,
    surroundings: Mapping[str, Any] | None = None,
    errors: list[str] | None = None,
    not_linted: set[str] | None = None,
    on_file: Callable[[Any], None] | None = None,
    projects: Projects | None = None,
    rules_for_text: Callable[[str], Sequence[Rule]] | None = None,
) -> list[Finding]:
    """Raw findings of ``rules`` (kinds ``compose`` and ``project``) on Compose ``sources``.

    ``sources`` have ``path`` (as displayed), ``text`` and ``real_path`` (None
    for stdin); ``env_file`` is the ``--env-file`` option; ``extra_schema`` the
    parsed ``compose-schema`` file; ``project_files`` the files that make one
    project, in order (``compose-files``/``-f``), ``compose_projects`` more such
    lists; ``environ`` the process environment (only ``COMPOSE_FILE`` and
    ``COMPOSE_PATH_SEPARATOR`` are read, for the working folder). The other
    projects are formed as Compose forms them (:mod:`dlint.parsers.compose.projects`);
    each reports only the findings located in its reported files, and a finding
    reached twice (two projects, a YAML anchor used by several services) once.

    With ``errors``, a failure costs only its own part: a project that cannot be
    loaded is reported there (its files are not linted, the other projects are),
    and a rule that raises is reported there and as a located finding
    (:func:`~dlint.engine.runner.internal_error_finding`); without it the
    exception propagates. ``not_linted`` receives the paths of the projects that
    could not be loaded. ``on_file`` is called with each reported Compose file as it is
    loaded (the engine gives its scripts to ShellCheck). ``projects``: the projects of
    ``sources`` formed (and perhaps loaded) already, with these settings.
    ``rules_for_text``, given, replaces ``rules``: the rules for a project, from the
    texts of every file it read (the engine's, which leaves out the rules whose text
    markers none of them holds).
    """
    findings: list[Finding] = []
    extra = dict(surroundings or {})
    if projects is None:
        projects = Projects(
            sources, project_files=project_files, compose_projects=compose_projects,
            env_file=env_file, extra_schema=extra_schema, environ=environ,
        )
    if errors is not None:
        errors.extend(projects.errors)
    work: list[tuple[Callable[[], ComposeProject], set[str], bool]] = [
        (lambda plan=plan: projects.load(plan.files, fragment=plan.fragment), projects.reported(plan), not plan.overlay) for plan in projects.plans
    ]
    work += [(lambda source=source: projects.stdin_project(source), {source.path}, True) for source in projects.alone]
    every = _Hooks(rules) if rules_for_text is None else None
    by_rules: dict[tuple[str, ...], _Hooks] = {}  # projects needing the same rules share their hooks
    for load, reported, in_dockerfiles in work:
        try:
            project = load()
        except Exception as error:
            if errors is None:
                raise
            paths = ", ".join(sorted(reported))
            errors.append(f"{paths}: internal error while loading the Compose project (not linted): {error!r}")
            if not_linted is not None:
                not_linted.update(reported)
            continue
        if on_file is not None:
            for compose in project.files:
                if compose.path in reported:
                    on_file(compose)
        hooks = every
        if hooks is None:
            chosen = rules_for_text("\n".join(compose.source for compose in project.files))
            key = tuple(rule.code for rule in chosen)
            hooks = by_rules.get(key)
            if hooks is None:
                hooks = by_rules[key] = _Hooks(chosen)
        findings.extend(_lint_project(project, reported, hooks, extra, errors, in_dockerfiles))
    return once_per_place(findings)


def once_per_place(findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` without repeats: one finding per rule and place (the first), as
    when a YAML anchor's value is used by several services or two projects share a file."""
    kept: list[Finding] = []
    seen: set[tuple] = set()
    for finding in findings:
        span = finding.span
        key = (finding.code, finding.path, (span.start, span.end) if span is not None else None)
        if key in seen:
            continue
        seen.add(key)
        kept.append(finding)
    return kept


def _lint_project(
    project: ComposeProject, wanted: set[str], hooks: _Hooks, extra: dict[str, Any], errors: list[str] | None, in_dockerfiles: bool = True
) -> list[Finding]:
    """Raw findings of the rules of ``hooks`` on one loaded project that reports the files ``wanted``
    (shown paths), and with ``in_dockerfiles`` those located in the Dockerfiles it builds."""
    findings: list[Finding] = []
    failed: set[str] = set()

    def collect(
        rule: Rule, path: str, hook: Callable[..., Iterable[Violation]], args: tuple, span: Span | None = None, keep: set[str] | None = None
    ) -> None:
        if rule.code in failed:
            return
        try:
            violations = list(hook(*args))  # most hooks find nothing
            found = [_finding(rule, path, violation) for violation in violations] if violations else violations
        except Exception as error:
            if errors is None:
                raise
            failed.add(rule.code)
            errors.append(internal_error_message(rule, path, error))
            findings.append(internal_error_finding(rule, path, span, error))
            return
        if found:
            findings.extend(found if keep is None else [finding for finding in found if finding.path in keep])

    def collect_services(rule: Rule, path: str, ctx: ComposeFileContext, services: Iterable[Any]) -> None:
        """:func:`collect` of the service hook of ``rule`` on each of ``services`` in turn
        (one call and one ``try`` for them all: most rules judge every service)."""
        if rule.code in failed:
            return
        check = rule.check_compose_service
        service = None
        try:
            for service in services:
                violations = list(check(ctx, service))
                if violations:
                    findings.extend([_finding(rule, path, violation) for violation in violations])
        except Exception as error:
            if errors is None:
                raise
            failed.add(rule.code)
            errors.append(internal_error_message(rule, path, error))
            findings.append(internal_error_finding(rule, path, service.name_span, error))

    for compose in project.files:
        if compose.path not in wanted:
            continue
        ctx = ComposeFileContext(compose.path, compose.source, compose, {**extra, "compose_project": project})
        for rule, checks_file, checks_services in hooks.per_file:
            if checks_file:
                collect(rule, compose.path, rule.check_compose_file, (ctx,))
            if checks_services:
                collect_services(rule, compose.path, ctx, compose.services.values())
    main_path = project.files[0].path if project.files else min(wanted)
    project_ctx = ComposeProjectContext(project, dict(extra))
    for rule in hooks.per_project:
        collect(rule, main_path, rule.check_compose_project, (project_ctx,), keep=wanted)
    if hooks.across:
        parsed, builds = _builds(project)
        whole = ProjectContext(project, parsed, dict(extra), builds)
        # a rule across files may point into a Dockerfile the project builds
        # (shown as its path relative to the working folder; the engine matches it to the source)
        reachable = wanted | {model.path for model in parsed.values()} if in_dockerfiles else wanted
        for rule in hooks.across:
            collect(rule, main_path, rule.check_project, (whole,), keep=reachable)
    return findings
