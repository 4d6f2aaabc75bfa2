"""DC021: ``ports`` items not sorted (style)."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.nodes import out_of_order, sequence_items, sort_items_edits, used_value
from dlint.views.compose.ports import parse_range, short_binding
from dlint.views.compose.values import once


def port_order(item) -> tuple | None:
    """Sort key of a ``ports`` item as written: host port (or the container port when none
    is published), then container port, then protocol; None when a variable decides a number."""
    if item.kind == "scalar":
        if item.value is None:
            return None
        bound = short_binding(str(item.value).strip())
        if not bound.published_known or bound.target is None:
            return None
        published, target, protocol = bound.published, bound.target, bound.protocol
    elif item.kind == "map":
        def text(key):
            node = item.get(key)
            return None if node is None or node.kind != "scalar" or node.value is None else str(node.value)

        published_text, target_text = text("published"), text("target")
        if (published_text and "$" in published_text) or target_text is None or "$" in target_text:
            return None
        published, target = parse_range(published_text), parse_range(target_text)
        if target is None or (published_text and published is None):
            return None
        protocol = (text("protocol") or "tcp").lower()
    else:
        return None
    first = published if published is not None else target
    return first, target, protocol


class ComposePortsOrder(Rule):
    """`ports` items are not sorted.

    ## Why is this bad?
    This is a style rule, off by default. A sorted `ports` list shows at a
    glance which host ports a service takes and makes a repeated port easy
    to spot. Items are ordered by host port (the container port when none
    is published), then container port, then protocol, by number rather
    than as text; short and long forms are compared alike. Items whose ports
    come from a variable are not compared, and a list a merge key brings in
    is judged once, where it is written.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports:
          - "8443:443"
          - "8080:80"
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports:
          - "8080:80"
          - "8443:443"
    ```

    ## Fix safety
    When every item is a one-line string or number and no comment sits
    among them, the fix sorts the items in place; it is safe, as the order
    of `ports` has no effect. Lists with long-form items, variables or
    comments have no fix.

    ## References
    - [Compose: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    """

    code = "DC021"
    name = "compose-ports-order"
    severity = Severity.STYLE
    category = "style"
    kind = "compose"
    default_enabled = False
    aliases = ("service-ports-alphabetical-order",)
    fix_available = True

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        node = used_value(service, "ports")
        if node is None:
            return
        items = sequence_items(node)
        edits = sort_items_edits(ctx.source, items, port_order)
        fix = ctx.fix("sort the ports", edits) if edits else None
        for item, previous in out_of_order(items, port_order):
            yield Violation(
                item.span,
                f"port {_describe(ctx, item)} of service {service.name} should come before {_describe(ctx, previous)}",
                fix,
            )


def _describe(ctx, item) -> str:
    if item.kind == "scalar":
        return ctx.source[item.start : item.end].strip()
    published, target = item.get("published"), item.get("target")
    parts = [str(node.value) for node in (published, target) if node is not None and node.kind == "scalar"]
    return ":".join(parts) or "item"
