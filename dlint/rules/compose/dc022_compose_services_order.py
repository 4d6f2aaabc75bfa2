"""DC022: services not in alphabetical order (style)."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.nodes import name_order, out_of_order, written_pairs


class ComposeServicesOrder(Rule):
    """Services are not in alphabetical order.

    ## Why is this bad?
    This is a style rule, off by default. In a file with many services,
    alphabetical order lets readers find a service without searching and
    makes the place of a new service obvious, which keeps diffs small. Each
    file is judged as written (case is ignored). Every service that comes
    after one it should precede is reported, at its name.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
      api:
        image: acme/api:1.4
    ```

    ## Use instead
    ```yaml
    services:
      api:
        image: acme/api:1.4
      web:
        image: nginx:1.27
    ```

    ## References
    - [Compose: services](https://docs.docker.com/reference/compose-file/services/)
    """

    code = "DC022"
    name = "compose-services-order"
    severity = Severity.STYLE
    category = "style"
    kind = "compose"
    default_enabled = False
    aliases = ("services-alphabetical-order",)

    def check_compose_file(self, ctx):
        root = ctx.compose.node
        services = root.get("services") if root is not None else None
        pairs = written_pairs(services)
        for (key, _), (previous, _) in out_of_order(pairs, lambda pair: name_order(str(pair[0].value))):
            yield Violation(key.span, f"service {key.value} should come before {previous.value} (alphabetical order)")
