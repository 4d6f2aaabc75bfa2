"""DC054: depends_on, links, volumes_from, network_mode, ipc or pid names a service that is not defined."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.long_running import partial_project
from dlint.models.finding import Severity, Violation
from dlint.models.span import LineIndex
from dlint.views.compose.values import text_of


class ComposeUndefinedService(Rule):
    """`depends_on`, `links`, `volumes_from`, `network_mode`, `ipc` or `pid` names an undefined service.

    ## Why is this bad?
    Compose resolves these references when it loads the project: a name
    that is not a service of the merged project (often a typo, or a service
    renamed or moved to another file) makes `docker compose up` refuse the
    whole project. `volumes_from: [container:name]` and
    `network_mode: container:name` (and the same for `ipc` and `pid`) point
    at containers, not services, and
    are not judged; a `depends_on` entry with `required: false` is allowed to
    be missing.

    Names are read after interpolation, like Compose: a list item
    `${DB_HOST:-postgresql}` names `postgresql` (or the value `.env` gives),
    and one decided by a variable without a known value is not judged. Keys
    are not interpolated, so a `depends_on` key written `${DB_HOST}:` names
    no service.

    The check runs on the merged project, so services defined in an override
    file or an included file count; an override file linted on its own is
    not judged. (`extends` is checked by DC004.)

    ## Example
    ```yaml
    services:
      api:
        image: acme/api:1.4
        depends_on: [databse]
      database:
        image: postgres:17
    ```

    ## Use instead
    ```yaml
    services:
      api:
        image: acme/api:1.4
        depends_on: [database]
      database:
        image: postgres:17
    ```

    ## References
    - [Compose: depends_on](https://docs.docker.com/reference/compose-file/services/#depends_on)
    - [Compose: volumes_from](https://docs.docker.com/reference/compose-file/services/#volumes_from)
    - [Compose: network_mode](https://docs.docker.com/reference/compose-file/services/#network_mode)
    - [Compose: links](https://docs.docker.com/reference/compose-file/services/#links)
    """

    code = "DC054"
    name = "compose-undefined-service"
    severity = Severity.ERROR
    category = "correctness"
    kind = "compose"

    def check_compose_project(self, ctx):
        project = ctx.project
        if partial_project(project):
            return
        services = project.services
        sources = {compose.path: compose.source for compose in project.files}
        indexes: dict[str, LineIndex] = {}
        seen = set()

        def narrow(scalar, name):
            """The span of ``name`` at the start of the scalar's text (after a quote)."""
            source = sources.get(scalar.path, "")
            start = scalar.span.start
            if source[start : start + 1] in ("'", '"'):
                start += 1
            if source[start : start + len(name)] != name:
                return scalar.span
            index = indexes.setdefault(scalar.path, LineIndex(source))
            return index.span(start, start + len(name))

        def report(span, path, service, key, name, hint=""):
            if (path, span.start) in seen:
                return None
            seen.add((path, span.start))
            return Violation(span, f"{key} of service {service} names {name}, which is not a service of the project{hint}", path=path)

        for service in services.values():
            for dependency in service.depends_on.values():
                if dependency.resolved and dependency.service not in services and dependency.required:
                    hint = " (Compose does not interpolate keys)" if not dependency.short and "$" in dependency.service else ""
                    found = report(dependency.name_span, dependency.path, service.name, "depends_on", dependency.service, hint)
                    if found:
                        yield found
            for key, scalars, separator in (("links", service.links, ":"), ("volumes_from", service.volumes_from, ":")):
                for scalar in scalars:
                    text = text_of(scalar)
                    if not text or text.startswith("container:"):
                        continue
                    name = text.split(separator, 1)[0]
                    if name and name not in services:
                        found = report(narrow(scalar, name), scalar.path, service.name, key, name)
                        if found:
                            yield found
            for key in ("network_mode", "ipc", "pid"):
                scalar = getattr(service, key)
                mode = text_of(scalar)
                if mode and mode.startswith("service:"):
                    name = mode[len("service:"):]
                    if name and name not in services:
                        found = report(scalar.span, scalar.path, service.name, key, name)
                        if found:
                            yield found
