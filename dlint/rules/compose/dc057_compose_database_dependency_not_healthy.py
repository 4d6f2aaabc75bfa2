"""DC057: a service depends on a database or cache only being started, not ready."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_images import image_name, reference_name, service_stores
from dlint.knowledge.long_running import command_words, completed_dependencies, one_shot_job, one_shot_reason, partial_project
from dlint.models.finding import Severity, Violation
from dlint.views.compose.builds import candidate_chains, compose_builds
from dlint.views.compose.values import text_of
from dlint.views.dockerfile.image_chain import base_image

#: images of clients that connect when asked or retry until the server answers (web
#: database consoles, Kibana and Logstash, which wait for Elasticsearch, Grafana): starting
#: before the database does them no harm
PATIENT_CLIENTS = frozenset({
    "adminer", "phpmyadmin", "phpmyadmin/phpmyadmin", "dpage/pgadmin4", "kibana", "kibana/kibana",
    "logstash", "logstash/logstash", "grafana/grafana", "grafana/grafana-oss", "grafana/grafana-enterprise",
})  # fmt: skip
#: programs a service's command runs to wait for a server itself before starting
WAITERS = frozenset({"wait-for-it", "wait-for-it.sh", "wait-for", "wait-for.sh", "dockerize", "pg_isready", "mysqladmin", "wait4x"})


def _restarts(service) -> bool:
    """Docker starts the service again when it exits with an error."""
    restart = (text_of(service.restart) or "").lower()
    if restart in ("always", "unless-stopped") or restart.startswith("on-failure"):
        return True
    policy = service.deploy.restart_policy if service.deploy is not None else None
    return policy is not None and (text_of(policy.condition) or "any").lower() in ("any", "on-failure")


def _patient(ctx, service) -> bool:
    """The service runs one of :data:`PATIENT_CLIENTS` (its image, or the base of the
    Dockerfile it builds)."""
    names = {image_name(service)}
    dockerfile = compose_builds(ctx).get(service.name) if service.build is not None else None
    if dockerfile is not None:
        for chain in candidate_chains(dockerfile, service):
            image = base_image(chain)
            if image is not None and image.stage is None:
                names.add(reference_name(image.value if image.resolved else image.raw))
    return bool(names & PATIENT_CLIENTS)


def _waits_itself(service) -> bool:
    words = command_words(service) or []
    return any(word.rsplit("/", 1)[-1] in WAITERS for word in words)


class ComposeDatabaseDependencyNotHealthy(Rule):
    """Service waits for a database or cache to start, not to accept connections.

    ## Why is this bad?
    `depends_on` in its list form, or with `condition: service_started`,
    only orders the start: Compose starts the application as soon as the
    database's container runs, while the server inside still initialises
    (creates its data directory, replays its log, runs init scripts). An
    application that connects at start-up fails with "connection refused" and
    exits, on the first `docker compose up` and after each host reboot. Give
    the database a healthcheck (`pg_isready`, `mysqladmin ping`,
    `redis-cli ping`) and wait with `condition: service_healthy`.

    A database or cache is a service whose image is a well-known one
    (postgres, mysql, mariadb, mongo, redis, elasticsearch, rabbitmq … the
    DC034 list) or that builds `FROM` one and still runs its server. Not
    reported: when the dependent service is a one-shot job or tool, restarts
    when it fails (`restart: always`, `unless-stopped`, `on-failure`, or a
    `deploy.restart_policy` that does: it comes back once the database is
    ready), waits itself (`wait-for-it`, `dockerize`, `pg_isready` in its
    command), or is a client that connects when asked or retries (Adminer,
    phpMyAdmin, pgAdmin, Kibana, Logstash, Grafana); when the dependency is a job run on a database image (a
    seeder), an optional dependency (`required: false`), a service dlint does
    not know, or the project is a fragment or an override file alone.

    This is a warning: the failure is real but depends on timing, so it shows
    on a slow or fresh machine rather than on the developer's.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:17
        volumes: [db-data:/var/lib/postgresql/data]
      api:
        image: acme/api:1.4
        depends_on: [db]
    volumes:
      db-data:
    ```

    ## Use instead
    ```yaml
    services:
      db:
        image: postgres:17
        volumes: [db-data:/var/lib/postgresql/data]
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
    volumes:
      db-data:
    ```

    ## References
    - [Compose: depends_on](https://docs.docker.com/reference/compose-file/services/#depends_on)
    - [Control startup order](https://docs.docker.com/compose/how-tos/startup-order/)
    """

    code = "DC057"
    name = "compose-database-dependency-not-healthy"
    severity = Severity.WARNING
    category = "correctness"
    extra_categories = ("operability",)
    kind = "compose"
    markers = frozenset({'depends_on'})

    def check_compose_project(self, ctx):
        project = ctx.project
        if partial_project(project):
            return
        services = project.services
        completed = completed_dependencies(project)  # once per project, not once per service
        for name, service in services.items():
            if one_shot_reason(project, service, completed) is not None or _restarts(service) or _waits_itself(service) or _patient(ctx, service):
                continue
            for dependency in service.depends_on.values():
                if dependency.condition != "service_started" or not dependency.required or not dependency.resolved:
                    continue
                target = services.get(dependency.service)
                if target is None or one_shot_job(project, target, completed):
                    continue
                found = service_stores(ctx, dependency.service, target)
                if found is None:
                    continue
                family = found[0][0][0].family
                add = "" if target.healthcheck is not None else f"give {dependency.service} a healthcheck and "
                yield Violation(
                    dependency.name_span,
                    f"service {name} starts when {family} service {dependency.service} has started, not when it accepts connections: "
                    f"{add}wait with condition: service_healthy",
                    path=dependency.path,
                )
