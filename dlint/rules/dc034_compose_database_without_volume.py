"""DC034: a database or cache keeps its data inside the container."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._compose_images import data_store
from dlint.rules._compose_values import once, text_of


def _covers(mount: str, directory: str) -> bool:
    mount = mount.rstrip("/") or "/"
    return directory == mount or directory.startswith(mount + "/")


class ComposeDatabaseWithoutVolume(Rule):
    """Database or cache service without a volume on its data directory.

    ## Why is this bad?
    Without a volume, a database keeps its files in the container's writable
    layer: `docker compose down`, a re-created container or an image upgrade
    throws the data away. Mount a named volume (or a bind mount) on the
    image's data directory, e.g. `/var/lib/postgresql/data` for postgres or
    `/data` for redis. (tmpfs mounts do not count: they are memory.)

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

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        store = data_store(service)
        if store is None or not store.data_dirs:
            return
        project = ctx.surroundings.get("compose_project")
        merged = project.services.get(service.name) if project is not None else None
        effective = merged if merged is not None else service
        if service.image is None or (merged is not None and merged.image is not None and merged.image.span != service.image.span):
            return  # another file decides the image: judged there
        directories = set(store.data_dirs)
        moved = effective.environment.get(store.data_env) if store.data_env else None
        if moved is not None and text_of(moved.value):
            directories = {text_of(moved.value)}
        for volume in effective.volumes:
            if volume.type == "tmpfs":
                continue
            if not volume.resolved or volume.target is None:
                return  # a variable decides where it mounts: do not guess
            if any(_covers(volume.target, directory) for directory in directories):
                return
        if effective.volumes_from:
            return
        wanted = next(iter(directories)) if len(directories) == 1 else store.data_dirs[0]
        yield Violation(service.image.span, f"{store.family} service {service.name} has no volume on {wanted}: its data is lost with the container")
