"""DC020: service keys not in the conventional order (style)."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.base import Model, field
from dlint.models.finding import Severity, Violation
from dlint.views.compose.nodes import out_of_order, written_pairs
from dlint.views.compose.values import once

#: what the service is, what it waits for, its data, its environment, its network,
#: how it runs, its metadata, its security context
DEFAULT_ORDER = (
    "image", "build", "container_name",
    "depends_on",
    "volumes", "volumes_from", "configs", "secrets",
    "environment", "env_file",
    "ports", "networks", "network_mode", "extra_hosts",
    "command", "entrypoint", "working_dir", "restart", "healthcheck",
    "logging", "labels",
    "user", "isolation",
)


class ComposeServiceKeysOrder(Rule):
    """Service keys are not in the conventional order.

    ## Why is this bad?
    This is a style rule, off by default. When every service lists its keys
    in the same order, a reader finds `image` or `ports` at the same place in
    each one. The default order goes from what the service is to how it runs:
    `image`, `build`, `container_name`; `depends_on`; `volumes`,
    `volumes_from`, `configs`, `secrets`; `environment`, `env_file`; `ports`,
    `networks`, `network_mode`, `extra_hosts`; `command`, `entrypoint`,
    `working_dir`, `restart`, `healthcheck`; `logging`, `labels`; `user`,
    `isolation`. Keys not in the list may come in any order after the listed
    ones. Only keys written in the service count: keys a merge key
    (`<<: *defaults`) brings in are not placed anywhere. Every key written
    after one it should precede is reported.

    ## Example
    ```yaml
    services:
      web:
        ports: ["127.0.0.1:8080:80"]
        image: nginx:1.27
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports: ["127.0.0.1:8080:80"]
    ```

    ## Options
    - `order` (list of strings): the service keys in the wanted order; keys
      not listed come after them in any order. Default: the order above.

    ## References
    - [Compose: services](https://docs.docker.com/reference/compose-file/services/)
    """

    code = "DC020"
    name = "compose-service-keys-order"
    severity = Severity.STYLE
    category = "style"
    kind = "compose"
    default_enabled = False
    aliases = ("service-keys-order",)

    class Options(Model):
        order: list[str] = field(default_factory=lambda: list(DEFAULT_ORDER))

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(service))

    def _check(self, service):
        order = {key: index for index, key in enumerate(self.options.order)}
        unlisted = len(order)
        pairs = written_pairs(service.node)
        for (key, _), (previous, _) in out_of_order(pairs, lambda pair: order.get(str(pair[0].value), unlisted)):
            yield Violation(key.span, f"key {key.value} of service {service.name} should come before {previous.value}")
