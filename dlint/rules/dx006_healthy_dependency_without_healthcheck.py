"""DX006: depends_on waits for service_healthy on a service with no healthcheck."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._base_images import last_in_chain
from dlint.rules._builds import target_chain


class HealthyDependencyWithoutHealthcheck(Rule):
    """`condition: service_healthy` on a service that has no healthcheck.

    ## Why is this bad?
    Compose waits for the dependency to report healthy; a service without a
    healthcheck never does, so `docker compose up` fails ("dependency has no
    healthcheck"). A healthcheck counts when the Compose file defines one or
    the Dockerfile the service builds from has a `HEALTHCHECK` (in the built
    stage or a stage it builds on); `healthcheck: {disable: true}` and
    `HEALTHCHECK NONE` cancel it. For an image that is pulled, dlint cannot see
    the image's own healthcheck: define one in Compose to be explicit.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:17
      api:
        image: acme/api:1.4
        depends_on:
          db:
            condition: service_healthy
    ```

    ## Use instead
    ```yaml
    services:
      db:
        image: postgres:17
        healthcheck:
          test: ["CMD-SHELL", "pg_isready -U postgres"]
          interval: 5s
          timeout: 3s
          retries: 10
      api:
        image: acme/api:1.4
        depends_on:
          db:
            condition: service_healthy
    ```

    ## References
    - [Compose: depends_on](https://docs.docker.com/reference/compose-file/services/#depends_on)
    - [Compose: healthcheck](https://docs.docker.com/reference/compose-file/services/#healthcheck)
    """

    code = "DX006"
    name = "healthy-dependency-without-healthcheck"
    severity = Severity.ERROR
    category = "correctness"
    kind = "project"

    def check_project(self, ctx):
        services = ctx.project.services
        for name, service in services.items():
            for dependency in service.depends_on.values():
                if dependency.condition != "service_healthy" or dependency.service not in services:
                    continue
                state = self._healthcheck(ctx, dependency.service)
                if state is not True:
                    why = "its healthcheck is disabled" if state is False else "it has no healthcheck"
                    yield Violation(dependency.name_span, f"service {name} waits for {dependency.service} to be healthy, but {why}", path=dependency.path)

    @staticmethod
    def _healthcheck(ctx, name: str) -> bool | None:
        """True: a healthcheck is in force; False: disabled; None: none known."""
        service = ctx.project.services[name]
        if service.healthcheck is not None:
            if service.healthcheck.disable:
                return False
            if service.healthcheck.test is not None:
                return not _none_test(service.healthcheck.test)
        found = ctx.builds.get(name)
        if found is None or found.model is None:
            return None
        instruction = last_in_chain(target_chain(found.model, service), "HEALTHCHECK")
        if instruction is None:
            return None
        return not instruction.none


def _none_test(test) -> bool:
    """``test: ["NONE"]`` disables the image's healthcheck."""
    return bool(test.items) and str(test.items[0].effective).upper() == "NONE"
