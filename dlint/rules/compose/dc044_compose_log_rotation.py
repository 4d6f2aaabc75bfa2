"""DC044: json-file logging without rotation."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.long_running import long_running_services
from dlint.models.base import Model
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import text_of


class ComposeLogRotation(Rule):
    """Logs kept by the `json-file` driver without rotation.

    ## Why is this bad?
    Docker's default logging driver, `json-file`, keeps everything a container
    prints in one file that grows until the disk is full, unless the
    `max-size` option is set (with `max-file` to keep a few rotated files).
    A chatty long-running service can fill the host's disk in days. The
    `local` driver rotates by default and other drivers ship logs away, so
    only `json-file` is reported.

    A service is reported when its `logging` block picks `json-file`, or
    sets options without a driver (the daemon's default driver, json-file
    unless configured otherwise), and has no `max-size`. The Docker daemon
    adds its own `log-opts` (from `daemon.json`) when the service uses the
    daemon's default driver, so rotation may be configured on the host;
    dlint cannot see that, and a file that configures logging should say
    how logs are kept. A service with no `logging` key at all is not
    reported by default, for the same reason: hosts often set rotation for
    every container. Turn on `missing-logging` to report those too. One-shot
    jobs and tools are skipped.

    ## Example
    ```yaml
    services:
      api:
        image: acme/api:1.4
        logging:
          driver: json-file
    ```

    ## Use instead
    ```yaml
    services:
      api:
        image: acme/api:1.4
        logging:
          driver: json-file
          options:
            max-size: 10m
            max-file: "3"
    ```

    ## Options
    - `missing-logging` (boolean): also report long-running services without
      a `logging` key (they use the daemon's default). Default: false.

    ## References
    - [Compose: logging](https://docs.docker.com/reference/compose-file/services/#logging)
    - [JSON File logging driver](https://docs.docker.com/engine/logging/drivers/json-file/)
    - [Local file logging driver](https://docs.docker.com/engine/logging/drivers/local/)
    """

    code = "DC044"
    name = "compose-log-rotation"
    severity = Severity.INFO
    category = "best-practice"
    extra_categories = ("operability",)
    kind = "compose"

    class Options(Model):
        missing_logging: bool = False

    def check_compose_project(self, ctx):
        seen = set()  # a logging block shared through an anchor is reported once
        for service in long_running_services(ctx.project, all_projects=True):
            logging = service.logging
            if logging is None:
                if self.options.missing_logging:
                    yield Violation(
                        service.name_span,
                        f"service {service.name} logs with the daemon's default driver (json-file unless configured): set logging options max-size and max-file",
                        path=service.path,
                    )
                continue
            if logging.driver is not None:
                driver = text_of(logging.driver)
                if driver is None or driver.lower() != "json-file":
                    continue  # another driver, or a variable decides
                where, path = logging.driver.span, logging.driver.path
            else:
                entry = service.entry("logging")
                if entry is None:
                    continue
                where, path = entry.key_span, entry.path
            if "max-size" in logging.options or (path, where.start) in seen:
                continue
            seen.add((path, where.start))
            yield Violation(
                where,
                f"service {service.name} logs to json-file without max-size: unless the Docker daemon sets one, the log file grows until the disk is full; set max-size (and max-file)",
                path=path,
            )
