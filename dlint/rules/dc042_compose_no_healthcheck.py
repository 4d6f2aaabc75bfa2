"""DC042: a long-running service from a pulled image without a healthcheck."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._long_running import AllProjectsOptions, long_running_services


class ComposeNoHealthcheck(Rule):
    """Long-running service has no healthcheck.

    ## Why is this bad?
    Without a healthcheck Docker only knows whether the main process runs,
    not whether it answers: a server stuck in a deadlock, or still starting,
    shows as "Up". With one, `docker compose ps` shows `unhealthy`, other
    services can wait with `condition: service_healthy`, and orchestrators
    can replace the container.

    A healthcheck counts when the Compose file defines one, after merging
    override files and anchors (`disable: true` is an explicit choice and
    passes too). Services with `build:` are not reported: their Dockerfile
    may define a `HEALTHCHECK` (DF015 looks there). For a pulled image dlint
    cannot see a `HEALTHCHECK` the image may carry, so define it in Compose
    to be explicit. One-shot jobs and tools are skipped, and so are services
    others wait on with `service_healthy` (DX006 reports those).

    Set `all-projects = false` to judge only projects that are set up to be
    operated (some service sets a restart policy, a healthcheck, `deploy`, a
    memory limit or `logging`), taking the others for samples or
    development setups.

    ## Example
    ```yaml
    services:
      api:
        image: acme/api:1.4
        restart: unless-stopped
    ```

    ## Use instead
    ```yaml
    services:
      api:
        image: acme/api:1.4
        restart: unless-stopped
        healthcheck:
          test: ["CMD", "curl", "-fsS", "http://localhost:8000/health"]
          interval: 30s
          timeout: 5s
          retries: 3
          start_period: 20s
    ```

    ## Options
    - `all-projects` (boolean): judge every project; false judges only
      projects where some service sets restart, healthcheck, deploy, a
      memory limit or logging. Default: true.

    ## References
    - [Compose: healthcheck](https://docs.docker.com/reference/compose-file/services/#healthcheck)
    - [Dockerfile: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    """

    code = "DC042"
    name = "compose-no-healthcheck"
    severity = Severity.INFO
    category = "best-practice"
    kind = "compose"

    Options = AllProjectsOptions

    def check_compose_project(self, ctx):
        awaited = {
            dependency.service
            for service in ctx.project.services.values()
            for dependency in service.depends_on.values()
            if dependency.condition == "service_healthy"
        }
        for service in long_running_services(ctx.project, all_projects=self.options.all_projects):
            if service.healthcheck is not None or service.name in awaited:
                continue
            if service.build is not None:
                continue  # its Dockerfile may define one
            yield Violation(
                service.name_span,
                f"service {service.name} has no healthcheck: Docker cannot tell when it stops answering; add one",
                path=service.path,
            )
