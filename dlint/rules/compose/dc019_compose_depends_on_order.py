"""DC019: ``depends_on`` entries not in alphabetical order (style)."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.nodes import name_order, out_of_order, sort_items_edits, used_value, written_pairs
from dlint.views.compose.values import once


class ComposeDependsOnOrder(Rule):
    """`depends_on` entries are not in alphabetical order.

    ## Why is this bad?
    This is a style rule, off by default. The order of `depends_on` does not
    decide the start order (Compose orders by the dependency graph), so an
    alphabetical list reads as what it is, a set, and shows at a glance
    whether a service is listed. Both the list and the mapping form are
    judged (case is ignored); a `depends_on` brought in through a merge key
    is judged once, where it is written.

    ## Example
    ```yaml
    services:
      api:
        image: acme/api:1.4
        depends_on: [redis, db]
      db:
        image: postgres:17
      redis:
        image: redis:7.4
    ```

    ## Use instead
    ```yaml
    services:
      api:
        image: acme/api:1.4
        depends_on: [db, redis]
      db:
        image: postgres:17
      redis:
        image: redis:7.4
    ```

    ## Fix safety
    The list form is sorted in place when every item is a one-line name and
    no comment sits among them; the fix is safe, as the order has no effect.
    The mapping form (with conditions) has no fix: moving whole entries
    could separate comments from what they describe.

    ## References
    - [Compose: depends_on](https://docs.docker.com/reference/compose-file/services/#depends_on)
    """

    code = "DC019"
    name = "compose-depends-on-order"
    severity = Severity.STYLE
    category = "style"
    kind = "compose"
    default_enabled = False
    aliases = ("service-dependencies-alphabetical-order",)
    fix_available = True

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        node = used_value(service, "depends_on")
        if node is None:
            return
        fix = None
        if node.kind == "seq":
            items = list(node.value)

            def key(item):
                return name_order(str(item.value)) if item.kind == "scalar" and item.value is not None else None

            edits = sort_items_edits(ctx.source, items, key)
            if edits:
                fix = ctx.fix("sort depends_on", edits)
            found = out_of_order(items, key)
        else:
            found = ((pair[0], previous[0]) for pair, previous in out_of_order(written_pairs(node), lambda pair: name_order(str(pair[0].value))))
        for item, previous in found:
            yield Violation(
                item.span,
                f"dependency {item.value} of service {service.name} should come before {previous.value} (alphabetical order)",
                fix,
            )
