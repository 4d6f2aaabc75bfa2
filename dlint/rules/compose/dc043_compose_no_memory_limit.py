"""DC043: a long-running service without a memory limit."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.hint_scope import OperabilityOptions, in_scope
from dlint.knowledge.long_running import long_running_services
from dlint.models.finding import Severity, Violation


class ComposeNoMemoryLimit(Rule):
    """Long-running service has no memory limit.

    ## Why is this bad?
    A container without a limit may use all the memory of the host: a leak
    or a burst of load in one service makes the kernel's out-of-memory killer
    pick processes anywhere — another service, the Docker daemon itself. A
    limit (`deploy.resources.limits.memory`, or the older `mem_limit`) keeps
    the damage inside the service that misbehaves, which is then restarted by
    its restart policy.

    Only services that look long-running are reported (one-shot jobs, tools
    under `profiles` and services others wait on to complete are skipped),
    after merging override files: a limit set in `compose.override.yaml` or
    in a `deploy` block reused through an anchor counts.

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
        deploy:
          resources:
            limits:
              memory: 512M
    ```

    ## Options
    - `all-projects` (boolean): judge every project; false judges only
      projects where some service sets restart, healthcheck, deploy, a
      memory limit or logging. Default: true.
    - `non-production-words` (list of strings): words of file and folder
      names that mark development, test, CI and example files; set by the
      top-level `non-production-words` setting. Default: the list above.

    ## References
    - [Compose Deploy: resources](https://docs.docker.com/reference/compose-file/deploy/#resources)
    - [Compose: mem_limit](https://docs.docker.com/reference/compose-file/services/#mem_limit)
    - [Runtime options with memory](https://docs.docker.com/engine/containers/resource_constraints/)
    """

    code = "DC043"
    name = "compose-no-memory-limit"
    severity = Severity.INFO
    category = "best-practice"
    extra_categories = ("operability",)
    cis = ("5.11",)
    kind = "compose"

    Options = OperabilityOptions

    def check_compose_project(self, ctx):
        for service in long_running_services(ctx.project, all_projects=self.options.all_projects):
            if not in_scope(ctx.project, service, self.options.non_production_words):
                continue
            if service.mem_limit is not None:
                continue
            limits = service.deploy.limits if service.deploy is not None else None
            if limits is not None and limits.memory is not None:
                continue
            yield Violation(
                service.name_span,
                f"service {service.name} has no memory limit: it can take all the host's memory; set deploy.resources.limits.memory",
                path=service.path,
            )
