"""DC046: a service uses a named volume, network, secret or config that is not declared."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.long_running import partial_project
from dlint.models.finding import Severity, Violation
from dlint.views.compose.resources import SECTIONS, resource_uses


class ComposeUndefinedResource(Rule):
    """Service uses a named volume, network, secret or config that is not declared.

    ## Why is this bad?
    A named volume (`data:/var/lib/data`), a network, a secret or a config a
    service refers to must be declared under the top-level key of the same
    name (`volumes:`, `networks:`, `secrets:`, `configs:`) — declared
    `external: true` when another project or the operator creates it.
    Otherwise `docker compose up` refuses the whole project ("refers to
    undefined volume"). Often it is a typo, or a relative bind mount written
    without `./` (`data:/data` is a named volume, `./data:/data` a folder).

    The `default` network is implicit and never reported. The check runs on
    the merged project, so a declaration in an override file or an included
    file counts; an override file linted on its own is not judged. Names are
    read after interpolation, like Compose (`networks: [ "${NETWORK}" ]` with
    `NETWORK` in `.env` is judged by its value); names decided by a variable
    without a known value are not judged. Keys are not interpolated, so a
    service's `networks:` key written `${NETWORK}:` is that name as written.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:17
        volumes:
          - db-data:/var/lib/postgresql/data
        networks: [backend]
    ```

    ## Use instead
    ```yaml
    services:
      db:
        image: postgres:17
        volumes:
          - db-data:/var/lib/postgresql/data
        networks: [backend]
    volumes:
      db-data:
    networks:
      backend:
    ```

    ## References
    - [Compose: volumes (top-level)](https://docs.docker.com/reference/compose-file/volumes/)
    - [Compose: networks (top-level)](https://docs.docker.com/reference/compose-file/networks/)
    - [Compose: secrets (top-level)](https://docs.docker.com/reference/compose-file/secrets/)
    - [Compose: configs (top-level)](https://docs.docker.com/reference/compose-file/configs/)
    """

    code = "DC046"
    name = "compose-undefined-resource"
    severity = Severity.ERROR
    category = "correctness"
    kind = "compose"
    markers = frozenset(SECTIONS)

    def check_compose_project(self, ctx):
        project = ctx.project
        if partial_project(project):
            return
        seen = set()
        for use in resource_uses(project).found:
            if use.mode or (use.section == "networks" and use.name == "default"):
                continue
            if use.name in getattr(project, use.section):
                continue
            key = (use.path, use.span.start)
            if key in seen:
                continue  # written once under an anchor, used by several services
            seen.add(key)
            what = SECTIONS[use.section]
            yield Violation(
                use.span,
                f"service {use.service} uses {what} {use.name}, which is not declared under top-level {use.section}: Compose refuses the project"
                + (" (Compose does not interpolate keys)" if "${" in use.name else ""),
                path=use.path,
            )
