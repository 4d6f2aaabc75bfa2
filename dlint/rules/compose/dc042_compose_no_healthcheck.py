"""DC042: a long-running service whose image is known to have no healthcheck."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_images import (
    NO_HEALTHCHECK_IMAGES,
    NONE,
    chain_healthcheck_state,
    defines_no_healthcheck,
    image_name,
    interactive_image,
    reference_name,
    split_reference,
)
from dlint.knowledge.hint_scope import OperabilityOptions, in_scope
from dlint.knowledge.long_running import long_running_services
from dlint.models.finding import Severity, Violation
from dlint.views.compose.builds import candidate_chains, compose_builds
from dlint.views.compose.values import text_of
from dlint.views.dockerfile.image_chain import base_image, last_in_chain


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
    passes too), or when the image has one. So a service is reported only
    when dlint knows its image has none: a pulled Docker Official Image
    (`postgres`, `redis`, `nginx`…: their maintainers leave `HEALTHCHECK` to
    users) or an Elastic image (`docker.elastic.co/elasticsearch/…`, Kibana,
    Logstash); for a service that builds, a Dockerfile with no `HEALTHCHECK`
    in the stage it builds or the stages that stage is built on, starting
    from such an image (`HEALTHCHECK NONE` is an explicit choice). Any other
    image (`ghcr.io/paperless-ngx/paperless-ngx`, `bitnami/redis`, a
    Dockerfile dlint cannot read) may have its own and is not reported. When
    `build.target` names no stage or a variable decides it, every stage must
    have none. One-shot jobs and tools are skipped, and so are services others
    wait on with `service_healthy` (DX006 reports those), and containers that
    run nothing of their own but the image's shell or interpreter prompt
    (`python`, `node`, `php` cli, `alpine` … with no command in Compose or the
    Dockerfile), which ends at once.

    Not given in files that look like a development, test, CI or example
    setup: a word of the file's name, or of a folder it sits in below the
    working folder, is one of the `non-production-words` setting (default
    `test`, `tests`, `testing`, `e2e`, `ci`, `dev`, `develop`,
    `development`, `devcontainer`, `example`, `examples`, `demo`, `demos`,
    `sample`, `samples`, `fixtures`: `docker-compose.dev.yml`,
    `compose.test.yaml`, `examples/x/compose.yaml`, `.ci/compose.yaml`), nor
    for a project whose first file looks like one. Set
    `non-production-words = []` in the config to judge every file.

    Set `all-projects = false` to judge only projects that are set up to be
    operated (some service sets a restart policy, a healthcheck, `deploy`, a
    memory limit or `logging`), taking the others for samples or
    development setups.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:17
        restart: unless-stopped
    ```

    ## Use instead
    ```yaml
    services:
      db:
        image: postgres:17
        restart: unless-stopped
        healthcheck:
          test: ["CMD-SHELL", "pg_isready -U postgres"]
          interval: 30s
          timeout: 5s
          retries: 3
          start_period: 20s
    ```

    ## Options
    - `all-projects` (boolean): judge every project; false judges only
      projects where some service sets restart, healthcheck, deploy, a
      memory limit or logging. Default: true.
    - `non-production-words` (list of strings): words of file and folder
      names that mark development, test, CI and example files; set by the
      top-level `non-production-words` setting. Default: the list above.

    ## References
    - [Compose: healthcheck](https://docs.docker.com/reference/compose-file/services/#healthcheck)
    - [Dockerfile: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    """

    code = "DC042"
    name = "compose-no-healthcheck"
    severity = Severity.INFO
    category = "best-practice"
    extra_categories = ("operability",)
    cis = ("5.27",)
    kind = "compose"

    Options = OperabilityOptions

    def check_compose_project(self, ctx):
        awaited = {
            dependency.service
            for service in ctx.project.services.values()
            for dependency in service.depends_on.values()
            if dependency.condition == "service_healthy"
        }
        for service in long_running_services(ctx.project, all_projects=self.options.all_projects):
            if not in_scope(ctx.project, service, self.options.non_production_words):
                continue
            if service.healthcheck is not None or service.name in awaited:
                continue
            why = _without_healthcheck(ctx, service)
            if why is None:
                continue
            yield Violation(
                service.name_span,
                f"service {service.name} has no healthcheck ({why}): Docker cannot tell when it stops answering; add one",
                path=service.path,
            )


def _without_healthcheck(ctx, service) -> str | None:
    """Why the image the service runs has no healthcheck of its own, or None when it may have
    one (an image dlint knows nothing about, a Dockerfile it cannot read)."""
    own = service.command if service.command is not None else service.entrypoint
    if service.build is None:
        text = text_of(service.image) or (service.image.text.strip() if service.image is not None else "")
        if not text:
            return None
        name = image_name(service)
        if not defines_no_healthcheck(name, *split_reference(text)) or (own is None and interactive_image(name, _tag(text))):
            return None
        return f"the image {name} defines none"
    dockerfile = compose_builds(ctx).get(service.name)
    if dockerfile is None:
        return None
    chains = candidate_chains(dockerfile, service)
    if not chains or not all(chain_healthcheck_state(chain) == NONE or _elastic_base(chain) for chain in chains):
        return None
    if own is None and any(_runs_prompt(chain) for chain in chains):
        return None
    return f"{dockerfile.path} has no HEALTHCHECK and its base image defines none"


def _tag(text: str) -> str | None:
    last = text.split("@", 1)[0].rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else None


def _runs_prompt(chain) -> bool:
    """The image runs its base image's default command (no CMD or ENTRYPOINT in the chain),
    a shell or an interpreter's prompt (:func:`interactive_image`): a container with no
    command of its own that ends at once, not a server."""
    if last_in_chain(chain, "CMD") is not None or last_in_chain(chain, "ENTRYPOINT") is not None:
        return False
    image = base_image(chain)
    return image is not None and image.resolved and interactive_image(reference_name(image.value), image.tag)


def _elastic_base(chain) -> bool:
    """No HEALTHCHECK in the chain and its base image is one of NO_HEALTHCHECK_IMAGES."""
    image = base_image(chain)
    if image is None or image.stage is not None or last_in_chain(chain, "HEALTHCHECK") is not None:
        return False
    return reference_name(image.value if image.resolved else image.raw) in NO_HEALTHCHECK_IMAGES
