"""DC050: an unquoted port mapping that YAML 1.1 reads as a base-60 number."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.compose.nodes import is_plain, sequence_items
from dlint.views.compose.values import once

#: YAML 1.1's sexagesimal integer: digits, then ``:`` groups of 0–59
_BASE_60 = regex(r"[-+]?[1-9][0-9_]{0,30}(?::[0-5]?[0-9])+\Z")


def base_60_value(text: str) -> int | None:
    """The number YAML 1.1 makes of ``text``, or None when it is not a base-60 integer."""
    if not _BASE_60.match(text):
        return None
    sign = -1 if text.startswith("-") else 1
    value = 0
    for part in text.lstrip("+-").replace("_", "").split(":"):
        value = value * 60 + int(part)
    return sign * value


class ComposePortBase60(Rule):
    """Unquoted port mapping that YAML 1.1 reads as a base-60 number.

    ## Why is this bad?
    YAML 1.1 reads a plain scalar made of numbers separated by colons, whose
    later parts are all below 60, as a sexagesimal (base-60) integer: `22:22`
    is the number 1342 and `53:53` is 3233. Compose v2 reads YAML 1.2 and
    gets the string, but the older Python `docker-compose`, and many YAML
    tools that process Compose files (PyYAML scripts, Ansible, some CI
    linters and templating tools), get a number and publish the wrong port or
    fail. Quoting the mapping makes it a string for every reader.

    The rule looks at `ports` and `expose` items written without quotes, and
    only reports the ones a YAML 1.1 reader changes; DC017 (a style rule, off
    by default) asks for quotes on every item.

    ## Example
    ```yaml
    services:
      sftp:
        image: atmoz/sftp:alpine
        ports:
          - 2222:22
    ```

    ## Use instead
    ```yaml
    services:
      sftp:
        image: atmoz/sftp:alpine
        ports:
          - "2222:22"
    ```

    ## Fix safety
    The fix wraps the value in double quotes. It is safe: Compose already
    reads it as that string.

    ## References
    - [Compose: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    - [YAML 1.1: integer type (base 60)](https://yaml.org/type/int.html)
    """

    code = "DC050"
    name = "compose-port-base-60"
    severity = Severity.WARNING
    category = "correctness"
    kind = "compose"
    markers = frozenset({'ports', 'expose'})
    fix_available = True

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        for key in ("ports", "expose"):
            entry = service.entry(key)
            if entry is None:
                continue
            for item in sequence_items(entry.node):
                if item.kind != "scalar" or not is_plain(item) or item.file != ctx.path:
                    continue
                text = ctx.source[item.start : item.end]
                number = base_60_value(text)
                if number is None:
                    continue
                fix = ctx.replace(item.span, f'"{text}"', f'quote "{text}"')
                yield Violation(
                    item.span,
                    f"unquoted {key} item {text} of service {service.name} is the number {number} to YAML 1.1 readers; quote it",
                    fix,
                )
