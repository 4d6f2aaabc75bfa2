"""DC041: a long-running service without a restart policy."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.hint_scope import OperabilityOptions, in_scope
from dlint.knowledge.long_running import long_running_services
from dlint.models.finding import Severity, Violation


class ComposeNoRestartPolicy(Rule):
    """Long-running service has no restart policy.

    ## Why is this bad?
    Without `restart:` (or `deploy.restart_policy`), a container that crashes
    or is stopped by a reboot of the host or of the Docker daemon stays down
    until someone runs `docker compose up` again. For a server, say what should
    happen: usually `restart: unless-stopped` (or `always`); `restart: "no"`
    written out is an explicit choice and passes.

    Only services that look long-running are reported. A service is taken for
    a one-shot job or a tool — and skipped — when another service waits for
    it with `service_completed_successfully`, when it only runs under
    `profiles`, or when its command or name is a typical one-off task
    (migrations, seeding, tests, backups, init scripts). The whole project is
    judged after merging override files; an override file linted on its own
    is not judged.

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
      web:
        image: nginx:1.27
        ports: ["8080:80"]
        healthcheck:
          test: ["CMD", "curl", "-fs", "http://localhost/"]
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports: ["8080:80"]
        healthcheck:
          test: ["CMD", "curl", "-fs", "http://localhost/"]
        restart: unless-stopped
      migrate:
        image: acme/api:1.4
        command: ["python", "-m", "app.migrate"]
    ```

    ## Options
    - `all-projects` (boolean): judge every project; false judges only
      projects where some service sets restart, healthcheck, deploy, a
      memory limit or logging. Default: true.
    - `non-production-words` (list of strings): words of file and folder
      names that mark development, test, CI and example files; set by the
      top-level `non-production-words` setting. Default: the list above.

    ## References
    - [Compose: restart](https://docs.docker.com/reference/compose-file/services/#restart)
    - [Compose Deploy: restart_policy](https://docs.docker.com/reference/compose-file/deploy/#restart_policy)
    - [Start containers automatically](https://docs.docker.com/engine/containers/start-containers-automatically/)
    """

    code = "DC041"
    name = "compose-no-restart-policy"
    severity = Severity.INFO
    category = "best-practice"
    extra_categories = ("operability",)
    kind = "compose"

    Options = OperabilityOptions

    def check_compose_project(self, ctx):
        for service in long_running_services(ctx.project, all_projects=self.options.all_projects):
            if not in_scope(ctx.project, service, self.options.non_production_words):
                continue
            if service.restart is not None:
                continue
            if service.deploy is not None and service.deploy.restart_policy is not None:
                continue
            yield Violation(
                service.name_span,
                f"service {service.name} has no restart policy: when it crashes or the host reboots it stays down; set restart: unless-stopped",
                path=service.path,
            )
