"""DC033: waiting for a long-running service to exit."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_images import image_name, is_server
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import text_of


def _why_long_running(service) -> str | None:
    """Why the service runs until stopped, or None when nothing says so."""
    restart = (text_of(service.restart) or "").lower()
    if restart in ("always", "unless-stopped"):
        return f"it has restart: {restart}"
    policy = service.deploy.restart_policy if service.deploy is not None else None
    if policy is not None and (text_of(policy.condition) or "").lower() == "any":
        return "its restart policy restarts it whenever it stops"
    if service.ports:
        return "it publishes ports"
    if service.command is None and service.entrypoint is None and is_server(service):
        return f"its image {image_name(service)} is a server that runs until stopped"
    return None


class ComposeWaitForServerExit(Rule):
    """`condition: service_completed_successfully` on a service that never exits.

    ## Why is this bad?
    `service_completed_successfully` makes Compose wait until the dependency's
    container has exited with status 0 — right for one-shot jobs such as a
    migration or a seed script. A database, cache or web server keeps running,
    so the dependent service never starts (and a service that restarts itself
    is started again instead of completing). The dependency is judged
    long-running when it has `restart: always` or `unless-stopped` (or a
    `deploy.restart_policy` with condition `any`), publishes ports, or runs a
    well-known server image (postgres, redis, nginx…) with its default command;
    a service that overrides `command` or `entrypoint` of such an image (a
    `pg_dump` job, say) is not judged by its image. Wait for
    `service_healthy` (with a healthcheck) or `service_started` instead.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:17
        volumes: [db:/var/lib/postgresql/data]
      api:
        image: acme/api:1.4
        depends_on:
          db:
            condition: service_completed_successfully
    volumes:
      db:
    ```

    ## Use instead
    ```yaml
    services:
      db:
        image: postgres:17
        volumes: [db:/var/lib/postgresql/data]
        healthcheck:
          test: ["CMD-SHELL", "pg_isready -U postgres"]
      migrate:
        image: acme/api:1.4
        command: ["python", "-m", "app.migrate"]
        depends_on:
          db:
            condition: service_healthy
      api:
        image: acme/api:1.4
        depends_on:
          db:
            condition: service_healthy
          migrate:
            condition: service_completed_successfully
    volumes:
      db:
    ```

    ## References
    - [Compose: depends_on](https://docs.docker.com/reference/compose-file/services/#depends_on)
    - [Control startup order](https://docs.docker.com/compose/how-tos/startup-order/)
    """

    code = "DC033"
    name = "compose-wait-for-server-exit"
    severity = Severity.WARNING
    category = "correctness"
    kind = "compose"
    markers = frozenset({'service_completed_successfully'})

    def check_compose_project(self, ctx):
        services = ctx.project.services
        for name, service in services.items():
            for dependency in service.depends_on.values():
                if dependency.condition != "service_completed_successfully" or dependency.service not in services:
                    continue
                why = _why_long_running(services[dependency.service])
                if why is not None:
                    yield Violation(
                        dependency.name_span,
                        f"service {name} waits for {dependency.service} to exit, but {why}: wait for service_healthy or service_started",
                        path=dependency.path,
                    )
