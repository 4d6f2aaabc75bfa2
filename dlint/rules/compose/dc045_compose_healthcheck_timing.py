"""DC045: healthcheck timings that do not do what they seem to."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.knowledge.compose_images import image_name
from dlint.knowledge.long_running import partial_project
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.compose.values import text_of

#: Docker's defaults when a field is not set
DEFAULT_INTERVAL = 30.0
DEFAULT_RETRIES = 3
#: below this many seconds of failed checks a slow-starting image needs start_period
SLOW_START_WINDOW = 60.0
#: images (names as :func:`image_name` gives them) that commonly take a minute or more to start
SLOW_STARTING = frozenset(
    {
        "elasticsearch", "elastic/elasticsearch", "elasticsearch/elasticsearch", "bitnami/elasticsearch",
        "opensearchproject/opensearch", "bitnami/opensearch",
        "cassandra", "bitnami/cassandra",
        "neo4j", "bitnami/neo4j",
        "mssql/server", "gvenzl/oracle-xe", "gvenzl/oracle-free", "container-registry.oracle.com/database/free",
        "keycloak/keycloak", "jboss/keycloak", "bitnami/keycloak",
        "sonarqube", "sonatype/nexus3", "jenkins/jenkins",
        "confluentinc/cp-kafka", "confluentinc/cp-server", "bitnami/kafka", "apache/kafka",
        "confluentinc/cp-schema-registry", "confluentinc/cp-kafka-connect",
        "wurstmeister/kafka", "solr", "bitnami/solr", "gitlab/gitlab-ce", "gitlab/gitlab-ee",
    }
)
_PART = regex(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str | None) -> float | None:
    """Seconds of a Compose duration (``1m30s``, ``500ms``, ``10s``, ``1h``); None when not one."""
    if text is None:
        return None
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return None  # a bare number has no unit: not judged
    position = 0
    total = 0.0
    for match in _PART.finditer(text):
        if match.start() != position:
            return None
        total += float(match.group(1)) * _UNITS[match.group(2)]
        position = match.end()
    return total if position == len(text) and position else None


def _describe(seconds: float) -> str:
    if seconds >= 1 and seconds == int(seconds):
        return f"{int(seconds)}s"
    return f"{seconds:g}s"


class ComposeHealthcheckTiming(Rule):
    """Healthcheck timing that cannot work as written.

    ## Why is this bad?
    Some healthcheck settings look meaningful but do not do what they say:

    - `timeout` longer than `interval`: a check that hangs is only cut off
      after the interval has passed, so the checks run late, one behind the
      other, and a hung service is declared unhealthy much later than the
      interval and retries promise. (Equal values are Docker's own default,
      30s each, and pass.)
    - `retries: 0`: Docker treats 0 as "use the default", 3 retries — not
      "unhealthy at the first failure".
    - `start_interval` without `start_period`: the start interval only
      applies during the start period, which is 0 by default, so it never
      applies.
    - an image known to start slowly (Elasticsearch, Kafka, Keycloak,
      SQL Server, Cassandra…) with no `start_period` while `interval` ×
      `retries` is under a minute: the container is marked unhealthy before
      it has finished starting, and services waiting for `service_healthy`
      give up.

    Durations are read the way Compose reads them (`1m30s`, `500ms`);
    defaults (30s interval, 3 retries) apply to fields left out; values set
    by an unknown variable are not judged.

    ## Example
    ```yaml
    services:
      search:
        image: elasticsearch:8.15.0
        healthcheck:
          test: ["CMD-SHELL", "curl -fs http://localhost:9200/_cluster/health"]
          interval: 5s
          timeout: 10s
          retries: 0
    ```

    ## Use instead
    ```yaml
    services:
      search:
        image: elasticsearch:8.15.0
        healthcheck:
          test: ["CMD-SHELL", "curl -fs http://localhost:9200/_cluster/health"]
          interval: 10s
          timeout: 5s
          retries: 5
          start_period: 90s
    ```

    ## References
    - [Compose: healthcheck](https://docs.docker.com/reference/compose-file/services/#healthcheck)
    - [Dockerfile: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    """

    code = "DC045"
    name = "compose-healthcheck-timing"
    severity = Severity.WARNING
    category = "correctness"
    extra_categories = ("operability",)
    kind = "compose"
    markers = frozenset({'healthcheck'})

    def check_compose_project(self, ctx):
        seen = set()  # a healthcheck shared through an anchor is reported once per place
        partial = partial_project(ctx.project)
        for service in ctx.project.services.values():
            for violation in self._check(service, partial):
                key = (violation.path, violation.span.start)
                if key not in seen:
                    seen.add(key)
                    yield violation

    def _check(self, service, partial):
        check = service.healthcheck
        if check is None or check.disable:
            return
        if check.test is not None and check.test.items:
            first = text_of(check.test.items[0])
            if first is None or first.upper() == "NONE":
                return  # disabled, or a variable without a known value may disable it
        interval = parse_duration(text_of(check.interval)) if check.interval is not None else DEFAULT_INTERVAL
        if interval == 0:
            interval = DEFAULT_INTERVAL  # 0 means the default
        timeout = parse_duration(text_of(check.timeout)) if check.timeout is not None else None
        if timeout is not None and interval is not None and timeout > 0 and timeout > interval:
            yield Violation(
                check.timeout.span,
                f"healthcheck timeout {_describe(timeout)} of service {service.name} is longer than its interval {_describe(interval)}: a hung check delays the next ones",
                path=check.timeout.path,
            )
        retries = None
        if check.retries is not None:
            text = text_of(check.retries)
            if text is not None and re.fullmatch(r"-?[0-9]{1,18}", text):
                retries = int(text)
                if retries <= 0:
                    yield Violation(
                        check.retries.span,
                        f"healthcheck retries: {retries} of service {service.name} means Docker's default, 3 retries, not one try; write the number wanted",
                        path=check.retries.path,
                    )
                    retries = DEFAULT_RETRIES
        elif check.retries is None:
            retries = DEFAULT_RETRIES
        if check.start_interval is not None and check.start_period is None and not partial:
            yield Violation(
                check.start_interval.span,
                f"healthcheck start_interval of service {service.name} has no effect without start_period",
                path=check.start_interval.path,
            )
        name = image_name(service)
        if (
            check.start_period is None
            and not partial
            and name in SLOW_STARTING
            and interval is not None
            and retries is not None
            and interval * retries < SLOW_START_WINDOW
        ):
            anchor = check.interval if check.interval is not None else check.retries
            span, path = (anchor.span, anchor.path) if anchor is not None else (check.span, check.path)
            yield Violation(
                span,
                f"{name} service {service.name} may take over a minute to start, but its healthcheck gives up after {_describe(interval * retries)} without start_period; add start_period",
                path=path,
            )
