"""DC023: top-level keys not in the conventional order (style)."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.base import Model, field
from dlint.models.finding import Severity, Violation
from dlint.views.compose.nodes import out_of_order, written_pairs

DEFAULT_ORDER = ("x-*", "version", "name", "include", "services", "networks", "volumes", "secrets", "configs", "models")


class ComposeTopLevelOrder(Rule):
    """Top-level keys are not in the conventional order.

    ## Why is this bad?
    This is a style rule, off by default. Files that put their top-level
    keys in one order read alike: extension fields with the anchors used
    below first, then the project's identity, then services and the
    resources they use. The default order is `x-*` extension keys (among
    themselves alphabetical), `version`, `name`, `include`, `services`,
    `networks`, `volumes`, `secrets`, `configs`, `models`; keys not in the
    list may come anywhere after the listed ones. Every key written after one
    it should precede is reported.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
    name: shop
    ```

    ## Use instead
    ```yaml
    name: shop
    services:
      web:
        image: nginx:1.27
    ```

    ## Options
    - `order` (list of strings): the top-level keys in the wanted order;
      `x-*` stands for every extension key (kept alphabetical among
      themselves). Default: x-*, version, name, include, services, networks,
      volumes, secrets, configs, models.

    ## References
    - [Compose file reference](https://docs.docker.com/reference/compose-file/)
    """

    code = "DC023"
    name = "compose-top-level-order"
    severity = Severity.STYLE
    category = "style"
    kind = "compose"
    default_enabled = False
    aliases = ("top-level-properties-order",)

    class Options(Model):
        order: list[str] = field(default_factory=lambda: list(DEFAULT_ORDER))

    def check_compose_file(self, ctx):
        root = ctx.compose.node
        order = {key: index for index, key in enumerate(self.options.order)}
        unlisted = len(order)

        def rank(pair):
            key = str(pair[0].value)
            if key.startswith("x-"):
                return order.get("x-*", order.get(key, unlisted)), key
            return order.get(key, unlisted), ""

        for (key, _), (previous, _) in out_of_order(written_pairs(root), rank):
            yield Violation(key.span, f"top-level key {key.value} should come before {previous.value}")
