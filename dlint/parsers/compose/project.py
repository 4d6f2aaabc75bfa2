"""The Compose project: which files make it, and their merged model.

A project is a main file (``compose.yaml``, ``compose.yml``,
``docker-compose.yaml`` or ``docker-compose.yml``) plus its override file
when present, or the files given explicitly (the ``-f a -f b`` order).
``include`` and ``extends`` are followed; missing files, missing services,
cycles and required ``env_file`` paths that do not exist become located
``reference`` issues on the file that names them. All filesystem access of
the Compose front end happens here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from dlint.models.compose import ComposeFile, ComposeIssue, ComposeProject, Scalar, Service
from dlint.parsers.compose.build_model import ModelBuilder
from dlint.parsers.compose.dotenv import parse_dotenv
from dlint.parsers.compose.load import load_compose_file
from dlint.parsers.compose.local_files import ignored_by_git
from dlint.parsers.compose.merge import merge_service
from dlint.parsers.compose.projects import MAIN_NAMES, OVERRIDE_NAMES
from dlint.reading import read_regular, read_regular_text


def discover_compose_files(directory: str | os.PathLike) -> list[Path]:
    """The main Compose file of ``directory`` and its override, as Compose picks them."""
    folder = Path(directory)
    found: list[Path] = []
    for names in (MAIN_NAMES, OVERRIDE_NAMES):
        for name in names:
            candidate = folder / name
            if candidate.is_file():
                found.append(candidate)
                break
    return found


def read_variables(directory: str | os.PathLike, env_file: str | os.PathLike | None = None) -> dict[str, str]:
    """Interpolation variables: ``env_file`` when given (like ``--env-file``), else
    ``.env`` in ``directory``. The process environment is never read."""
    # texts, not Paths: most folders have no .env, and making a Path costs more than trying to read it
    path = env_file if env_file is not None else os.path.join(directory, ".env")
    try:
        text = read_regular_text(path)
    except OSError:
        return {}
    return parse_dotenv(text)[0]


class ProjectLoader:
    """Loads the files of one project, following ``include`` and ``extends``."""

    def __init__(
        self,
        variables: Mapping[str, str],
        *,
        extra_schema: dict | None = None,
        display: Callable[[Path], str] | None = None,
        preloaded: Mapping[Path, tuple[str, str]] | None = None,
    ) -> None:
        self.variables = variables
        self.preloaded = preloaded or {}  # resolved path → (displayed path, text) already read
        self.extra_schema = extra_schema
        self.display = display or (lambda path: str(path))
        self.files: dict[Path, ComposeFile | None] = {}  # None: could not be read
        self.order: list[ComposeFile] = []
        self.builder = ModelBuilder(variables)  # re-types deep-merged keys when merging services
        self.locations: dict[int, Path] = {}  # id of a loaded file → its resolved path
        #: id of an included file → the ``project_directory`` its include gave, which its
        #: relative paths are resolved from (a file's own folder otherwise)
        self.folders: dict[int, Path] = {}

    def file(self, path: Path) -> ComposeFile | None:
        key = path.resolve()
        if key in self.files:
            return self.files[key]
        if key in self.preloaded:
            shown, text = self.preloaded[key]
            return self._add(key, load_compose_file(shown, text, self.variables, extra_schema=self.extra_schema))
        try:
            data = read_regular(key)
        except OSError:
            self.files[key] = None
            return None
        return self._add(key, load_compose_file(self.display(path), data, self.variables, extra_schema=self.extra_schema))

    def _add(self, key: Path, compose: ComposeFile) -> ComposeFile:
        self.locations[id(compose)] = key
        self.files[key] = compose
        self.order.append(compose)
        return compose

    # -- include ------------------------------------------------------------------------

    def with_includes(self, compose: ComposeFile, stack: tuple[Path, ...] = ()) -> list[ComposeFile]:
        """``compose`` preceded by the files it includes (depth first, cycles reported)."""
        location = self.locations[id(compose)]
        result: list[ComposeFile] = []
        for include in compose.include:
            for scalar in include.paths:
                target = _under(location.parent, scalar)
                if target is None:
                    continue
                if target.resolve() in (*stack, location):
                    _issue(compose, scalar, f"include cycle: {scalar.text} includes this file again")
                    continue
                included = self.file(target)
                if included is None:
                    _issue(compose, scalar, f"included file {scalar.text} does not exist or cannot be read")
                    continue
                folder = _under(self.folder_of(compose), include.project_directory) if include.project_directory is not None else None
                if folder is not None and id(included) not in self.folders:
                    self.folders[id(included)] = Path(os.path.normpath(folder))
                result.extend(self.with_includes(included, (*stack, location)))
        result.append(compose)
        return result

    def folder_of(self, compose: ComposeFile) -> Path:
        """The folder the relative paths of ``compose`` are resolved from."""
        return self.folders.get(id(compose)) or self.locations[id(compose)].parent

    # -- extends ------------------------------------------------------------------------

    def resolve_service(self, compose: ComposeFile, name: str, chain: tuple[tuple[Path, str], ...] = ()) -> Service | None:
        """The service ``name`` of ``compose`` with its ``extends`` applied."""
        service = compose.services.get(name)
        if service is None:
            return None
        extends = service.extends
        if extends is None:
            return service
        location = self.locations[id(compose)]
        here = (location, name)
        base_file = compose
        if extends.file is not None:
            target = _under(location.parent, extends.file)
            if target is None:
                return service
            base_file = self.file(target)
            if base_file is None:
                _issue(compose, extends.file, f"extended file {extends.file.text} does not exist or cannot be read")
                return service
        base_name = str(extends.service.effective if extends.service.resolved else extends.service.value)
        key = (self.locations[id(base_file)], base_name)
        if key in chain or key == here:
            _issue(compose, extends.service, f"extends cycle: service {name} extends itself through {base_name}")
            return service
        if base_name not in base_file.services:
            where = f" in {extends.file.text}" if extends.file is not None else ""
            _issue(compose, extends.service, f"extended service {base_name} is not defined{where}")
            return service
        base = self.resolve_service(base_file, base_name, (*chain, here))
        merged = merge_service(base, service, self.builder)
        merged.name, merged.name_span, merged.path, merged.span = service.name, service.name_span, service.path, service.span
        return merged

    # -- env_file, secret and config files -----------------------------------------------

    def check_files(self, compose: ComposeFile) -> None:
        """Required ``env_file`` entries and the ``file`` of top-level secrets and configs must exist."""
        folder = self.folder_of(compose)
        for service in compose.services.values():
            for env_file in service.env_file:
                if not env_file.required:
                    continue
                target = _under(folder, env_file.file)
                if target is not None and not target.is_file() and not ignored_by_git(target):
                    _issue(compose, env_file.file, f"env_file {env_file.file.text} does not exist (mark it required: false if it is optional)")
        for kind, resources in (("secret", compose.secrets), ("config", compose.configs)):
            for resource in resources.values():
                if resource.external or resource.file is None:
                    continue
                target = _under(folder, resource.file)
                if target is not None and not target.exists() and not ignored_by_git(target):
                    _issue(compose, resource.file, f"the file {resource.file.text} of {kind} {resource.name} does not exist")


def _under(folder: Path, scalar: Scalar) -> Path | None:
    """A path named by ``scalar``, relative to ``folder`` (None when its value is not known)."""
    if not scalar.resolved or scalar.effective in (None, ""):
        return None
    text = os.path.expanduser(str(scalar.effective))
    return (folder / text) if not os.path.isabs(text) else Path(text)


def _issue(compose: ComposeFile, scalar: Scalar, message: str) -> None:
    compose.issues.append(ComposeIssue.make(kind="reference", message=message, span=scalar.span, path=compose.path))


def load_compose_project(
    paths: list[str | os.PathLike],
    *,
    env_file: str | os.PathLike | None = None,
    variables: Mapping[str, str] | None = None,
    extra_schema: dict | None = None,
    display: Callable[[Path], str] | None = None,
    preloaded: Mapping[Path, tuple[str, str]] | None = None,
) -> ComposeProject:
    """Load and merge a project from its files in order (the first is the main file).

    ``variables`` replaces the ``.env``/``env_file`` lookup when given.
    ``display`` turns a file path into the path shown in findings;
    ``preloaded`` maps resolved paths to ``(displayed path, text)`` already read.
    """
    files = [Path(path) for path in paths]
    directory = files[0].parent if files else Path(".")
    known = dict(variables) if variables is not None else read_variables(directory, env_file)
    loader = ProjectLoader(known, extra_schema=extra_schema, display=display, preloaded=preloaded)
    project = ComposeProject.make(directory=str(directory), variables=known)
    layers: list[ComposeFile] = []
    for index, path in enumerate(files):
        compose = loader.file(path)
        if compose is None:
            continue
        compose.is_override = index > 0
        layers.extend(loader.with_includes(compose))
    for compose in layers:
        for name in compose.services:
            service = loader.resolve_service(compose, name)
            current = project.services.get(name)
            project.services[name] = service if current is None else merge_service(current, service, loader.builder)
        for section in ("networks", "volumes", "secrets", "configs", "models"):
            merged = getattr(project, section)
            for name, resource in getattr(compose, section).items():
                merged[name] = resource
        if compose.name is not None:
            project.name = str(compose.name.effective if compose.name.resolved else compose.name.value)
    for compose in loader.order:
        loader.check_files(compose)
    project.files = list(loader.order)
    project.locations = {compose.path: str(loader.locations[id(compose)]) for compose in loader.order}
    project.folders = {compose.path: str(loader.folders[id(compose)]) for compose in loader.order if id(compose) in loader.folders}
    return project


#: build contexts that are not folders on this machine
_REMOTE_CONTEXT = ("http://", "https://", "git://", "git@", "ssh://", "github.com/")


class BuildPaths:
    """Where one service's ``build`` points on disk, and what exists there."""

    __slots__ = ("context", "context_exists", "dockerfile", "dockerfile_exists", "inline")

    def __init__(self, context: Path | None, dockerfile: Path | None, inline: str | None) -> None:
        self.context = context
        self.context_exists = context is not None and context.is_dir()
        self.dockerfile = dockerfile
        self.dockerfile_exists = dockerfile is not None and dockerfile.is_file()
        self.inline = inline


def build_paths(project: ComposeProject) -> dict[str, BuildPaths]:
    """The build context and Dockerfile of each service that builds, by service name
    (paths None when a variable with no known value, or a remote context, decides them).
    Worked out once per project (kept as ``_build_paths``): the engine, the project's
    rules and the views that parse its Dockerfiles all ask."""
    found = project.__dict__.get("_build_paths")
    if found is None:
        found = project.__dict__["_build_paths"] = _build_paths(project)
    return found


def _build_paths(project: ComposeProject) -> dict[str, BuildPaths]:
    found: dict[str, BuildPaths] = {}
    # the services of a project often build from the same folder: each path is resolved,
    # and each pair of resolved paths looked for on disk, once
    resolved: dict[Path, Path] = {}
    known: dict[tuple[Path | None, Path | None], BuildPaths] = {}
    for name, service in project.services.items():
        build = service.build
        if build is None:
            continue
        location = project.locations.get(build.path)
        if build.path in project.folders:
            folder = Path(project.folders[build.path])
        else:
            folder = Path(location).parent if location else None
        context_text = str(build.context.effective) if build.context is not None and build.context.resolved else None
        if build.context is None:
            context = folder
        elif context_text is None or context_text.startswith(_REMOTE_CONTEXT) or folder is None:
            context = None
        else:
            context = _under(folder, build.context)
        inline = build.dockerfile_inline
        if inline is not None:
            found[name] = BuildPaths(context, None, str(inline.effective) if inline.resolved else None)
            continue
        dockerfile = None
        if context is not None:
            dockerfile = context / "Dockerfile" if build.dockerfile is None else _under(context, build.dockerfile)
        key = (_resolved(context, resolved), _resolved(dockerfile, resolved))
        paths = known.get(key)
        if paths is None:
            paths = known[key] = BuildPaths(*key, None)
        found[name] = paths
    return found


def _resolved(path: Path | None, resolved: dict[Path, Path]) -> Path | None:
    """``path.resolve()``, looked up in ``resolved`` first (and kept there)."""
    if not path:
        return None
    found = resolved.get(path)
    if found is None:
        found = resolved[path] = path.resolve()
    return found


def build_dockerfiles(project: ComposeProject) -> dict[str, Path]:
    """Absolute path of the Dockerfile each service builds from (services whose
    ``build`` context and ``dockerfile`` are known and exist), by service name."""
    return {
        name: paths.dockerfile
        for name, paths in build_paths(project).items()
        if paths.dockerfile is not None and paths.dockerfile_exists
    }
