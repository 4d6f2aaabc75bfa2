"""DX006: depends_on waits for service_healthy on a service with no healthcheck."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_images import DISABLED, IN_FORCE, chain_healthcheck_state, library_service_image
from dlint.models.finding import Severity, Violation
from dlint.views.compose.builds import candidate_chains
from dlint.views.compose.values import text_of


class HealthyDependencyWithoutHealthcheck(Rule):
    """`condition: service_healthy` on a service that has no healthcheck.

    ## Why is this bad?
    Compose waits for the dependency to report healthy; a service without a
    healthcheck never does, so `docker compose up` fails ("dependency has no
    healthcheck").

    Reported only when dlint sees the whole answer. The healthcheck in force
    is the Compose `healthcheck` (a `test` whose value a variable decides is
    a healthcheck all the same), else the last `HEALTHCHECK` of the stage the
    service builds and the stages it builds on, else the base image's own.
    `healthcheck: {disable: true}`, `test: ["NONE"]` and `HEALTHCHECK NONE`
    disable it (`test: NONE`, the string form, runs a shell command `NONE`,
    which never succeeds). The only images known to define none are `scratch` and the
    Docker Official Images (`postgres`, `redis`, `python`…: their maintainers
    leave `HEALTHCHECK` to users). Any other image (`ghcr.io/mailcow/unbound`,
    `bitnami/redis`, a base `FROM` such an image, a Dockerfile dlint cannot
    read) may have one of its own, and the service is not reported unless
    Compose disables its healthcheck. When `build.target` names no stage
    (DX003) or a variable decides it, the service is reported only when no
    stage of the Dockerfile would have a healthcheck.

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
    - [Why the Official Images define no HEALTHCHECK](https://github.com/docker-library/cassandra/pull/76#issuecomment-246054271)
    """

    code = "DX006"
    name = "healthy-dependency-without-healthcheck"
    severity = Severity.ERROR
    category = "correctness"
    extra_categories = ("operability",)
    kind = "project"
    markers = frozenset({'service_healthy'})

    def check_project(self, ctx):
        services = ctx.project.services
        for name, service in services.items():
            for dependency in service.depends_on.values():
                if dependency.condition != "service_healthy" or dependency.service not in services:
                    continue
                why = _never_healthy(ctx, dependency.service)
                if why is not None:
                    yield Violation(dependency.name_span, f"service {name} waits for {dependency.service} to be healthy, but {why}", path=dependency.path)


def _never_healthy(ctx, name: str) -> str | None:
    """Why service ``name`` never reports healthy, or None when it may (a healthcheck is
    in force, or dlint cannot see whether the image has one)."""
    service = ctx.project.services[name]
    healthcheck = service.healthcheck
    if healthcheck is not None:
        if healthcheck.disable:
            return "its healthcheck is disabled"
        test = healthcheck.test
        if test is not None and test.items:
            first = test.items[0]
            if not first.resolved:
                return None  # a variable decides the test: a healthcheck all the same
            if text_of(first).upper() == "NONE":
                # the string form is a shell command: ``NONE`` is run, and fails
                return "its healthcheck is disabled" if test.form == "list" else "its healthcheck runs the command NONE, which never succeeds"
            return None
    found = ctx.builds.get(name)
    if found is None:
        image = library_service_image(service)
        return f"it has no healthcheck (the official image {image} defines none)" if image is not None else None
    if found.model is None:
        return None  # a Dockerfile dlint cannot read
    states = {chain_healthcheck_state(chain) for chain in candidate_chains(found.model, service)}
    if not states or None in states or IN_FORCE in states:
        return None
    if states == {DISABLED}:
        return f"its healthcheck is disabled (HEALTHCHECK NONE in {found.model.path})"
    return f"it has no healthcheck ({found.model.path} has no HEALTHCHECK and its base image defines none)"

