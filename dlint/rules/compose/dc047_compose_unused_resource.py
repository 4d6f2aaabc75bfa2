"""DC047: a top-level volume, network, secret or config no service uses."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.long_running import partial_project
from dlint.models.finding import Severity, Violation
from dlint.views.compose.resources import SECTIONS, resource_uses


class ComposeUnusedResource(Rule):
    """Top-level volume, network, secret or config is never used.

    ## Why is this bad?
    A declaration no service refers to does nothing (Compose creates only
    what services use, or creates an empty volume nobody mounts): it is
    usually left over from a service that was removed or renamed, or the
    sign of a typo where the service's reference uses another name. Either
    way readers are misled about what the project needs.

    Uses count across the merged project (override files, `include`d files,
    `build.secrets`, `build.network`); a declared `default` network counts as
    used when some service stays on the default network; `external`
    declarations are reported as well when nothing uses them. When a variable
    without a known value names a resource in some service, that kind of
    resource is not judged, and an override file linted on its own is not
    judged.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
    volumes:
      cache-data:
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
        volumes:
          - cache-data:/var/cache/nginx
    volumes:
      cache-data:
    ```

    ## References
    - [Compose: volumes (top-level)](https://docs.docker.com/reference/compose-file/volumes/)
    - [Compose: networks (top-level)](https://docs.docker.com/reference/compose-file/networks/)
    - [Compose: secrets (top-level)](https://docs.docker.com/reference/compose-file/secrets/)
    - [Compose: configs (top-level)](https://docs.docker.com/reference/compose-file/configs/)
    """

    code = "DC047"
    name = "compose-unused-resource"
    severity = Severity.INFO
    category = "maintainability"
    kind = "compose"
    markers = frozenset(SECTIONS)

    def check_compose_project(self, ctx):
        project = ctx.project
        if partial_project(project) or not project.services:
            return
        uses = resource_uses(project)
        used = {(use.section, use.name) for use in uses.found}
        for section, what in SECTIONS.items():
            if section in uses.unknown:
                continue
            for name, resource in getattr(project, section).items():
                if (section, name) in used:
                    continue
                if section == "networks" and name == "default" and uses.on_default_network:
                    continue
                yield Violation(
                    resource.name_span,
                    f"{what} {name} is declared but no service uses it",
                    path=resource.path,
                )
