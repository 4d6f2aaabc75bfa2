"""DC061: a service's output is thrown away (`logging.driver: none`)."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import once, text_of


class ComposeLoggingDisabled(Rule):
    """Service logs with the `none` driver: its output is discarded.

    ## Why is this bad?
    With `logging.driver: none` nothing the service prints is kept:
    `docker logs` shows nothing, and after an incident there is no record of
    what the service did, what failed or who connected. To keep noise down,
    cap the log instead (`json-file` or `local` with `max-size` and
    `max-file`), or lower the application's log level.

    Reported as information: a throw-away helper may have nothing worth
    keeping. No CIS Docker Benchmark item of section 5 covers it (the
    daemon's logging is in section 2).

    ## Example
    ```yaml
    services:
      api:
        image: acme/api:1.4
        logging:
          driver: none
    ```

    ## Use instead
    ```yaml
    services:
      api:
        image: acme/api:1.4
        logging:
          driver: local
          options:
            max-size: 10m
            max-file: "3"
    ```

    ## References
    - [Compose: logging](https://docs.docker.com/reference/compose-file/services/#logging)
    - [Logging drivers](https://docs.docker.com/engine/logging/configure/)
    """

    code = "DC061"
    name = "compose-logging-disabled"
    severity = Severity.INFO
    category = "security"
    security_severity = 3.0
    cis = ()
    kind = "compose"
    markers = frozenset({'logging'})
    aliases = ("CL-0014",)  # compose-lint's id

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(service))

    def _check(self, service):
        driver = service.logging.driver if service.logging is not None else None
        if (text_of(driver) or "").lower() == "none":
            yield Violation(driver.span, f"service {service.name} logs with the none driver: its output is discarded; cap the log size instead", path=driver.path)
