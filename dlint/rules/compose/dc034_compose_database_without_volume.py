"""DC034: a database or cache keeps its data inside the container."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_images import service_stores
from dlint.knowledge.long_running import command_words as service_command_words
from dlint.knowledge.long_running import one_shot_job
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import text_of
from dlint.views.dockerfile.image_chain import command_words, last_in_chain


def _covers(mount: str, directory: str) -> bool:
    mount = mount.rstrip("/") or "/"
    return directory == mount or directory.startswith(mount + "/")


def _persistence_off(service, chain) -> bool:
    """A redis-like server told not to save anything (``--save ""`` without append-only
    mode): a cache on purpose, with nothing to keep. The Compose ``command`` (a
    ``sh -c`` script read too) decides, else the CMD of the Dockerfile the service
    builds (``chain``)."""
    command = service.command
    if command is None or command.form == "null":
        if chain is None or service.entrypoint is not None:
            return False
        return _saves_nothing(command_words(last_in_chain(chain, "CMD")))
    return _saves_nothing(service_command_words(service) or [])


def _saves_nothing(items: list[str]) -> bool:
    """``--save ""`` (redis, valkey, keydb: no snapshots) and no ``--appendonly yes``."""
    saves_nothing = any(item == "--save" and index + 1 < len(items) and items[index + 1] in ("", '""', "''") for index, item in enumerate(items))
    return saves_nothing and not any(item == "--appendonly" and following.lower() == "yes" for item, following in zip(items, items[1:]))


def _data_env(chain, name: str) -> str | None:
    """The value the Dockerfile's ENV gives ``name`` in the image ``chain`` builds
    (None when it sets none; ``"$"`` when a variable decides it)."""
    for stage in chain:
        for instruction in reversed(stage.instructions):
            if instruction.keyword != "ENV" or instruction.onbuild:
                continue
            for pair in reversed(instruction.pairs):
                if pair.key.value == name and pair.value is not None:
                    return "$" if "$" in pair.value.value else pair.value.value
    return None


class ComposeDatabaseWithoutVolume(Rule):
    """Database or cache service without a volume on its data directory.

    ## Why is this bad?
    Without a volume, a database keeps its files in the container's writable
    layer: `docker compose down`, a re-created container or an image upgrade
    throws the data away. Mount a named volume (or a bind mount) on the
    image's data directory, e.g. `/var/lib/postgresql/data` for postgres or
    `/data` for redis. (tmpfs mounts do not count: they are memory.) A
    redis-like cache started with `--save ""` (and without append-only mode)
    keeps nothing on purpose and is not reported, nor is memcached (memory
    only). Nor is a one-off job run on a database image (a `mongo-init`
    seeder): a service another one waits for with
    `service_completed_successfully`, or whose own `command`/`entrypoint`
    runs another program than the server (`mongosh`, `psql`, a script;
    options alone, `--save 60 1`, still start the server).

    A service is a database when its image is a well-known database or cache
    image, or when it builds from a Dockerfile whose built stage starts from
    one (`FROM postgres:16`; reported at `build`) and still runs its server
    (no `ENTRYPOINT` of its own, a `CMD` that names the server or passes it
    options: a setup job on the image keeps no data); an `ENV PGDATA` there
    moves the data directory, and a `CMD` with `--save ""` keeps nothing.
    When dlint cannot read the Dockerfile, the `image` the build is tagged
    with decides. A variable that decides where a volume mounts or where the
    data directory is leaves the answer unknown: not reported. When
    `build.target` names no stage or a variable decides it, the service is
    reported only when every stage would be. The project as Compose merges
    it is judged (a volume from an override file counts).

    ## Example
    ```yaml
    services:
      db:
        image: postgres:17
    ```

    ## Use instead
    ```yaml
    services:
      db:
        image: postgres:17
        volumes:
          - db-data:/var/lib/postgresql/data
    volumes:
      db-data:
    ```

    ## References
    - [Compose: volumes](https://docs.docker.com/reference/compose-file/volumes/)
    - [Persisting container data](https://docs.docker.com/get-started/workshop/05_persisting_data/)
    """

    code = "DC034"
    name = "compose-database-without-volume"
    severity = Severity.WARNING
    category = "correctness"
    kind = "compose"

    def check_compose_project(self, ctx):
        reported: set[tuple[str, int, int]] = set()
        for name, service in ctx.project.services.items():
            found = self._check(ctx, name, service)
            if found is None:
                continue
            span, path, message = found
            if (path, span.start, span.end) not in reported:  # an image under an anchor: once
                reported.add((path, span.start, span.end))
                yield Violation(span, message, path=path)

    @staticmethod
    def _check(ctx, name, service):
        found = service_stores(ctx, name, service)
        if found is None:
            return None
        candidates, built = found
        if service.volumes_from or one_shot_job(ctx.project, service):
            return None
        mounted = []
        for volume in service.volumes:
            if volume.type == "tmpfs":
                continue
            if not volume.resolved or volume.target is None:
                return None  # a variable decides where it mounts: do not guess
            mounted.append(volume.target)
        wanted = None
        # whichever stage the build targets, its data directory has no volume
        for store, chain in candidates:
            if not store.data_dirs or _persistence_off(service, chain):
                return None
            directories = set(store.data_dirs)
            moved = service.environment.get(store.data_env) if store.data_env else None
            if moved is not None:
                if text_of(moved.value) is None:
                    return None  # a variable moves it
                if text_of(moved.value):
                    directories = {text_of(moved.value)}
            elif store.data_env and chain is not None:
                value = _data_env(chain, store.data_env)
                if value == "$":
                    return None
                if value:
                    directories = {value}
            if any(_covers(target, directory) for target in mounted for directory in directories):
                return None
            if wanted is None:
                wanted = (store, next(iter(directories)) if len(directories) == 1 else store.data_dirs[0])
        store, directory = wanted
        if built:
            entry = service.entry("build")
            span, path = (entry.key_span, entry.path) if entry is not None else (service.build.span, service.build.path)
        else:
            span, path = service.image.span, service.image.path
        return span, path, f"{store.family} service {name} has no volume on {directory}: its data is lost with the container"
