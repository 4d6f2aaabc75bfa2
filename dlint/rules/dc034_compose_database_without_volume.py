"""DC034: a database or cache keeps its data inside the container."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._compose_images import data_store
from dlint.rules._compose_values import in_force, once, text_of


def _covers(mount: str, directory: str) -> bool:
    mount = mount.rstrip("/") or "/"
    return directory == mount or directory.startswith(mount + "/")


def _persistence_off(service) -> bool:
    """A redis-like server told not to save anything (``--save ""`` without append-only
    mode): a cache on purpose, with nothing to keep."""
    command = service.command
    if command is None:
        return False
    items = [item.text for item in command.items]
    if command.form == "string":
        text = " ".join(items)
        return re.search(r"--save\s+(?:\"\"|'')(?:\s|$)", text) is not None and "--appendonly yes" not in text
    saves_nothing = any(item == "--save" and index + 1 < len(items) and items[index + 1] in ("", '""', "''") for index, item in enumerate(items))
    return saves_nothing and not any(item == "--appendonly" and following == "yes" for item, following in zip(items, items[1:]))


class ComposeDatabaseWithoutVolume(Rule):
    """Database or cache service without a volume on its data directory.

    ## Why is this bad?
    Without a volume, a database keeps its files in the container's writable
    layer: `docker compose down`, a re-created container or an image upgrade
    throws the data away. Mount a named volume (or a bind mount) on the
    image's data directory, e.g. `/var/lib/postgresql/data` for postgres or
    `/data` for redis. (tmpfs mounts do not count: they are memory.) A
    redis-like cache started with `--save ""` (and without append-only mode)
    keeps nothing on purpose and is not reported.

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
        if in_force(ctx, service, "image") is None:
            return  # another file decides the image: judged there
        if _persistence_off(effective):
            return
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
