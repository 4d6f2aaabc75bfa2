"""DC014: a short-form volume written in quotes (style)."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.nodes import can_be_plain, is_flow, sequence_items, used_value
from dlint.views.compose.values import once


class ComposeQuotedVolume(Rule):
    """Short-form volume written in quotes.

    ## Why is this bad?
    This is a style rule, off by default: it keeps a file that writes its
    volumes as plain YAML (`- ./data:/data`) consistent. Quotes around a
    short-form volume change nothing for Compose, they only add noise, and
    mixed quoting makes a list harder to scan. Only items that read back as
    the same text without quotes are reported (a value starting with `*` or
    holding `: ` or ` #` needs its quotes). A list a service brings in through
    a merge key (`<<: *defaults`) is judged once, where it is written.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:17
        volumes:
          - "db:/var/lib/postgresql/data"
    volumes:
      db:
    ```

    ## Use instead
    ```yaml
    services:
      db:
        image: postgres:17
        volumes:
          - db:/var/lib/postgresql/data
    volumes:
      db:
    ```

    ## Fix safety
    The fix removes the quotes. It is safe: it is only offered when the text
    reads back as the same string without them.

    ## References
    - [Compose: volumes short syntax](https://docs.docker.com/reference/compose-file/services/#short-syntax-5)
    """

    code = "DC014"
    name = "compose-quoted-volume"
    severity = Severity.STYLE
    category = "style"
    kind = "compose"
    default_enabled = False
    aliases = ("no-quotes-in-volumes",)
    fix_available = True

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        node = used_value(service, "volumes")
        if node is None:
            return
        in_flow = is_flow(node, ctx.source)
        for item in sequence_items(node):
            if item.kind != "scalar" or item.style not in ('"', "'") or item.tag is not None:
                continue
            text = item.text if item.text is not None else ""
            if item.line != item.end_line or not can_be_plain(text, in_flow):
                continue
            yield Violation(
                item.span,
                f"volume {text} of service {service.name} needs no quotes",
                ctx.replace(item.span, text, "remove the quotes"),
            )
