"""Which Compose files form one project, the way ``docker compose`` decides.

In a folder, Compose reads the first of :data:`MAIN_NAMES` plus the first of
:data:`OVERRIDE_NAMES` (the folder's *base project*), unless ``COMPOSE_FILE``
names the files. Every other Compose file there is a project of its own, or an
*overlay*: a file whose services add to services the base project defines
(without an ``image``, ``build`` or ``extends`` of their own for them), or whose
new services need services only the base defines (an extra ``-f`` layer), read as
``docker compose -f <base files> -f <overlay>`` would read it; an overlay that also
needs services its base does not define, but another Compose file of the folder does,
is one layer of a longer stack and is read as a fragment (rules that need the whole
project stay silent). A file that the base project of its folder or of a folder
above it (up to the repository's root) ``include``s is part of that project, as
Compose reads it, and is reported by it, not read alone: laradock's
``<service>/compose.yml`` files use networks and services the root file
declares. Projects named in
the settings (``compose-files``/``--compose-file``, ``compose-projects``) come
first and report every file they list.

Each project reports the findings of its ``reported`` files only: an overlay
reports what is in the overlay, never what is in the base it is read with, so
a file's findings come from one place.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from dlint.models.base import Model, field

#: the base file names, in the order Compose prefers them (compose-go's DefaultFileNames)
MAIN_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
#: the override file names, likewise (DefaultOverrideFileNames); any of them goes with any base
OVERRIDE_NAMES = ("compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml")
#: a service key that makes a service a definition of its own, not an addition to the base's
_DEFINING_KEYS = ("image", "build", "extends")
#: folders above a Compose file whose base project may include it (the walk also ends at
#: the repository's root, the folder holding ``.git``)
_MAX_INCLUDING_LEVELS = 32
#: files one project's ``include`` entries reach, through included files too
_MAX_INCLUDED = 10_000


class PlannedProject(Model):
    """The files of one project (absolute, in ``-f`` order), the ones it reports, and why."""

    files: list[Path]
    reported: list[Path]
    why: str
    overlay: bool = False  # read with the base it adds to; reports nothing located elsewhere
    #: a file of its own with no base file in its folder: other files may complete it
    fragment: bool = False


class ExplicitProject(Model):
    """A project named in the settings: its files (absolute, in order) and where it was named."""

    files: list[Path]
    origin: str


def first_present(folder: Path, names: Sequence[str], exists: Callable[[Path], bool]) -> Path | None:
    """The first file of ``names`` in ``folder`` that exists."""
    for name in names:
        candidate = folder / name
        if exists(candidate):
            return candidate
    return None


def compose_file_variable(folder: Path, variables: Mapping[str, str]) -> list[Path] | None:
    """The files ``COMPOSE_FILE`` names among ``variables`` (split at
    ``COMPOSE_PATH_SEPARATOR``, default the system's path separator), relative to
    ``folder``; None when it is not set (or empty)."""
    value = variables.get("COMPOSE_FILE")
    if not value:
        return None
    separator = variables.get("COMPOSE_PATH_SEPARATOR") or os.pathsep
    parts = [part for part in value.split(separator) if part]
    return [_absolute(folder / os.path.expanduser(part)) for part in parts] or None


def _absolute(path: Path) -> Path:
    absolute = path.absolute()
    text = str(absolute)
    normal = os.path.normpath(text)
    return absolute if normal == text else Path(normal)  # most are normal already: no second parse


class ProjectPlanner(Model):
    """Forms the projects of a run.

    ``exists`` tells whether a Compose file is there to read (on disk, or an
    unsaved buffer); ``services_of`` gives the services a file defines, each
    with whether it sets one of image/build/extends (None: not a Compose file
    with services); ``base_services`` the service names of a loaded project;
    ``folder_variables`` the variables of a folder that may set ``COMPOSE_FILE``.
    """

    exists: Callable[[Path], bool]
    services_of: Callable[[Path], "FileServices | None"]
    base_services: Callable[[list[Path]], set[str]]
    folder_variables: Callable[[Path], Mapping[str, str]]
    explicit: Sequence[ExplicitProject] = ()
    #: the Compose files of a folder (other ``-f`` layers an overlay may be stacked with)
    folder_files: Callable[[Path], Sequence[Path]] = lambda folder: ()
    #: the files a Compose file's ``include`` entries name (absolute; those whose path a
    #: variable decides left out)
    includes_of: Callable[[Path], Sequence[Path]] = lambda path: ()
    errors: list[str] = field(default_factory=list)

    def plan(self, sources: Sequence[Path]) -> list[PlannedProject]:
        """The projects that report the Compose files ``sources`` (absolute paths)."""
        wanted = [_absolute(path) for path in sources]
        wanted_set = set(wanted)
        plans: list[PlannedProject] = []
        claimed: set[Path] = set()
        for project in self.explicit:
            files = self._existing(project.files, project.origin)
            reported = [path for path in files if path in wanted_set]
            claimed.update(files)
            if reported:
                plans.append(PlannedProject(files, reported, f"named in {project.origin}"))
        explicit_folders = {project.files[0].parent for project in self.explicit if project.files}
        bases: dict[Path, tuple[list[Path], str] | None] = {}
        closures: dict[tuple[Path, ...], set[Path]] = {}  # a base project's files → the files they include
        ancestors: dict[Path, tuple[Path, ...]] = {}  # a folder → it and the folders above it
        by_files: dict[tuple[Path, ...], PlannedProject] = {}
        for path in wanted:
            if path in claimed:
                continue
            folder = path.parent
            if folder not in bases:
                bases[folder] = self._base(folder, folder in explicit_folders)
            plan = self._including_project(path, bases, explicit_folders, closures, ancestors) or self._project_of(path, bases[folder])
            key = tuple(plan.files)
            if key in by_files:
                if path not in by_files[key].reported:
                    by_files[key].reported.append(path)
                continue
            by_files[key] = plan
            plans.append(plan)
        return plans

    def _including_project(
        self,
        path: Path,
        bases: dict[Path, tuple[list[Path], str] | None],
        explicit_folders: set[Path],
        closures: dict[tuple[Path, ...], set[Path]],
        ancestors: dict[Path, tuple[Path, ...]],
    ) -> PlannedProject | None:
        """The base project of the highest folder, from ``path``'s own up to the
        repository's root, whose files include ``path`` (directly or through included
        files), reporting ``path``; None when none does."""
        found = None
        for folder in self._up_to_repository_root(path.parent, ancestors):
            if folder not in bases:
                bases[folder] = self._base(folder, folder in explicit_folders)
            files = (bases[folder] or ((), ""))[0]
            if files and path not in files:
                key = tuple(files)
                if key not in closures:
                    closures[key] = self._included(files)
                if path in closures[key]:
                    names = ", ".join(file.name for file in files)
                    found = PlannedProject(list(files), [path], f"included by the project of {names} in {folder}")
        return found

    @staticmethod
    def _up_to_repository_root(folder: Path, ancestors: dict[Path, tuple[Path, ...]]) -> tuple[Path, ...]:
        """``folder`` and the folders above it, up to the one holding ``.git`` or the
        filesystem's root (at most :data:`_MAX_INCLUDING_LEVELS`); each folder's chain is
        worked out once (kept in ``ancestors``)."""
        walked: list[Path] = []
        tail: tuple[Path, ...] = ()
        current = folder
        while len(walked) < _MAX_INCLUDING_LEVELS:
            known = ancestors.get(current)
            if known is not None:
                tail = known
                break
            walked.append(current)
            parent = current.parent
            if parent == current or os.path.exists(os.path.join(current, ".git")):
                break
            current = parent
        for index, each in enumerate(walked):
            ancestors[each] = (*walked[index:], *tail)[:_MAX_INCLUDING_LEVELS]
        return ancestors[folder]

    def _included(self, files: Sequence[Path]) -> set[Path]:
        """The files that ``files`` include, through included files too (at most
        :data:`_MAX_INCLUDED`)."""
        reached: set[Path] = set()
        pending = list(files)
        while pending and len(reached) < _MAX_INCLUDED:
            for target in self.includes_of(pending.pop()):
                if target not in reached:
                    reached.add(target)
                    pending.append(target)
        return reached

    def _existing(self, files: Sequence[Path], origin: str) -> list[Path]:
        found = []
        for path in files:
            path = _absolute(path)
            if self.exists(path):
                found.append(path)
            else:
                self.errors.append(f"{path}: named in {origin}, but it does not exist or is not a file")
        return found

    def _base(self, folder: Path, named_elsewhere: bool) -> tuple[list[Path], str] | None:
        """The files Compose reads in ``folder`` by default, and why; None when it reads none."""
        if not named_elsewhere:
            listed = compose_file_variable(folder, self.folder_variables(folder))
            if listed is not None:
                return self._existing(listed, f"COMPOSE_FILE for {folder}"), "COMPOSE_FILE names these files (the folder's .env or the environment)"
        main = first_present(folder, MAIN_NAMES, self.exists)
        if main is None:
            return None
        override = first_present(folder, OVERRIDE_NAMES, self.exists)
        if override is None:
            return [main], f"{main.name} is the folder's Compose file"
        return [main, override], f"{main.name} is the folder's Compose file, {override.name} its override"

    def _project_of(self, path: Path, base: tuple[list[Path], str] | None) -> PlannedProject:
        if base is not None and base[0] and path in base[0]:
            files, why = base
            return PlannedProject(list(files), [path], why)
        if base is None and path.name in OVERRIDE_NAMES:
            return PlannedProject([path], [path], "an override file without a base file in its folder, read alone")
        if base is not None and base[0]:
            files = base[0]
            how = self._overlay_of(path, files)
            if how is not None:
                names = ", ".join(file.name for file in files)
                why = f"an overlay of {names}: {how}"
                layered = self._needs_other_layers(path, files)
                if layered:
                    why += f"; it needs {', '.join(sorted(layered))}, which neither defines (another -f layer may: read as a fragment)"
                return PlannedProject([*files, path], [path], why, overlay=True, fragment=bool(layered))
        if base is None:
            why = "a Compose file of its own; its folder has no base file, so other files may complete it (read as a fragment)"
            return PlannedProject([path], [path], why, fragment=True)
        return PlannedProject([path], [path], "a Compose file of its own (not the folder's base file, nor an overlay of it)")

    def _overlay_of(self, path: Path, base_files: list[Path]) -> str | None:
        """How ``path`` adds to the base project, or None when it does not: it shares a service with it and
        defines none of the shared ones anew, or its new services need services only
        the base defines (``depends_on``, ``links``, ``volumes_from``, ``network_mode:
        service:…``), as an extra ``-f`` layer does."""
        services = self.services_of(path)
        if services is None or not services.defined:
            return None
        known = self.base_services(base_files)
        shared = [name for name in services.defined if name in known]
        if shared:
            return None if any(services.defined[name] for name in shared) else "its services add to theirs"
        missing = services.referenced - services.defined.keys()
        return "its services need theirs" if missing and missing <= known else None

    def _needs_other_layers(self, path: Path, base_files: list[Path]) -> set[str]:
        """The services the overlay ``path`` refers to that neither it nor its base defines
        but another Compose file of its folder does: it is one layer of a longer ``-f``
        stack (``-f compose.yaml -f observability.yaml -f agent.yaml``) that is not known.
        A name no file defines is a mistake, not a layer (DC054 reports it)."""
        services = self.services_of(path)
        if services is None:
            return set()
        missing = services.referenced - services.defined.keys() - self.base_services(base_files)
        if not missing:
            return set()
        elsewhere: set[str] = set()
        for other in self.folder_files(path.parent):
            if other == path or other in base_files:
                continue
            found = self.services_of(other)
            if found is not None:
                elsewhere.update(found.defined.keys() & missing)
        return elsewhere


class FileServices(Model):
    """The services one Compose file defines (each with whether it sets image, build
    or extends) and the service names its services refer to."""

    defined: dict[str, bool]
    referenced: set[str]


def services_in(root: Any) -> FileServices | None:
    """The services of a Compose document (a YAML node); None when it has no
    ``services`` mapping."""
    if root is None or root.kind != "map":
        return None
    services = root.get("services")
    if services is None or services.kind != "map":
        return None
    found = FileServices({}, set())
    for key, value in services.pairs():
        if not isinstance(key.value, str):
            continue
        is_map = value.kind == "map"
        found.defined[key.value] = is_map and any(value.get(name) is not None for name in _DEFINING_KEYS)
        if is_map:
            found.referenced.update(_references(value))
    return found


def _references(service: Any) -> set[str]:
    """Service names a service definition (a YAML mapping node) refers to."""
    names: set[str] = set()
    for key in ("depends_on", "links", "volumes_from"):
        node = service.get(key)
        if node is None:
            continue
        if node.kind == "map":
            names.update(str(item.value) for item, _ in node.pairs())
        elif node.kind == "seq":
            names.update(str(item.value).split(":")[0] for item in node.value if item.kind == "scalar")
    mode = service.get("network_mode")
    if mode is not None and mode.kind == "scalar" and str(mode.value).startswith("service:"):
        names.add(str(mode.value)[len("service:"):])
    return names
