"""DC017: a ``ports``/``expose`` item written without quotes (style)."""

from __future__ import annotations

from typing import Literal

from dlint.engine.rule import Rule
from dlint.models.base import Model
from dlint.models.finding import Severity, Violation
from dlint.views.compose.nodes import sequence_items, used_value
from dlint.views.compose.values import once

_QUOTES = {"double": '"', "single": "'"}


class ComposeUnquotedPort(Rule):
    """`ports` or `expose` item written without quotes.

    ## Why is this bad?
    This is a style rule, off by default. A YAML 1.1 reader turns an unquoted
    `HOST:CONTAINER` pair of small numbers into one base-60 number (`22:22`
    reads as 1342), and unquoted items mix numbers and strings in one list.
    Compose itself reads YAML 1.2 and gets them right, but other tools that
    process the file may not; quoting every `ports` and `expose` item keeps
    them strings everywhere. With the `quote-type` option the rule also asks
    for one kind of quote. Long-form items (`target:`/`published:`) are not
    judged, and a list brought in through a merge key is judged once, where
    it is written.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports:
          - 8080:80
        expose:
          - 9000
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
        ports:
          - "8080:80"
        expose:
          - "9000"
    ```

    ## Options
    - `quote-type` (`any`, `double` or `single`): the quotes required. With
      `any` (the default) either kind is accepted and the fix adds double
      quotes; with `double` or `single`, items in the other kind of quote are
      reported as well. (dclint's `quoteType` defaults to single.)

    ## Fix safety
    The fix puts the item's text in quotes (or swaps the kind of quote). It
    is safe: the item reads as the same string, and Compose reads a quoted
    port as it reads a number.

    ## References
    - [Compose: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    - [Compose: expose](https://docs.docker.com/reference/compose-file/services/#expose)
    - [YAML 1.1 sexagesimal integers](https://yaml.org/type/int.html)
    """

    code = "DC017"
    name = "compose-unquoted-port"
    severity = Severity.STYLE
    category = "style"
    kind = "compose"
    default_enabled = False
    aliases = ("require-quotes-in-ports",)
    fix_available = True

    class Options(Model):
        quote_type: Literal["any", "double", "single"] = "any"

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        wanted = self.options.quote_type
        quote = _QUOTES.get(wanted, '"')
        for key in ("ports", "expose"):
            node = used_value(service, key)
            if node is None:
                continue
            for item in sequence_items(node):
                if item.kind != "scalar" or item.tag is not None or item.line != item.end_line:
                    continue
                text = ctx.source[item.start : item.end]
                if item.style in (None, ""):
                    if "'" in text or '"' in text or "\\" in text:
                        continue
                    yield Violation(
                        item.span,
                        f"{key} item {text} of service {service.name} is not quoted; write {quote}{text}{quote}",
                        ctx.replace(item.span, f"{quote}{text}{quote}", "quote the item"),
                    )
                elif wanted != "any" and item.style in _QUOTES.values() and item.style != quote:
                    inner = item.text or ""
                    fix = None
                    if "'" not in inner and '"' not in inner and "\\" not in inner and text == f"{item.style}{inner}{item.style}":
                        fix = ctx.replace(item.span, f"{quote}{inner}{quote}", f"use {wanted} quotes")
                    yield Violation(item.span, f"{key} item {text} of service {service.name} should use {wanted} quotes", fix)
