"""DC081: a service lacks a key that the ``required-compose-keys`` policy requires."""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

from dlint.engine.rule import Rule
from dlint.knowledge.long_running import partial_project
from dlint.models.base import Model, field
from dlint.models.finding import Severity, Violation


def _set(node: Any, dotted: str) -> bool:
    """Whether the mapping ``node`` sets the (dotted) key to something other than null."""
    for part in dotted.split("."):
        if node is None or node.kind != "map":
            return False
        found = next((value for key, (_, value) in node.value.items() if str(key) == part), None)
        if found is None or found.tag == "!reset":
            return False
        node = found
    return not (node.kind == "scalar" and node.value is None)


class ComposeRequiredKey(Rule):
    """Service lacks a key that the `required-compose-keys` policy requires.

    ## Why is this bad?
    Operations teams often ask every service to say how it restarts, how much
    memory it may take, how it logs. `required-compose-keys` writes that rule
    down once: a list of keys every service must set, or a table of
    service-name globs to such lists. A key may be dotted
    (`deploy.resources.limits.memory`) and may give alternatives separated by
    `|`, any of which satisfies it (`mem_limit|deploy.resources.limits.memory`).
    A key set to null, or reset with `!reset`, is not set; a value with a
    variable counts as set.

    The rule is on by default but does nothing until the setting is given. It
    judges each service of the merged project, so a key that an override file
    or the service it `extends` sets counts, and reports at the service's name
    in the file that defines it, naming the missing keys and the config file
    that requires them. A project dlint does not see whole is not judged: an
    override file linted without its base file, a fragment (no base file in
    the folder), a service with neither `image` nor `build` (another file
    completes it).

    ## Example
    ```toml
    [tool.dlint]
    required-compose-keys = ["restart", "mem_limit|deploy.resources.limits.memory"]
    ```
    ```yaml
    services:
      api:
        image: acme/api:1.4
        restart: unless-stopped
    ```

    ## Use instead
    ```toml
    [tool.dlint]
    required-compose-keys = ["restart", "mem_limit|deploy.resources.limits.memory"]
    ```
    ```yaml
    services:
      api:
        image: acme/api:1.4
        restart: unless-stopped
        deploy:
          resources:
            limits:
              memory: 512M
    ```

    ## Options
    - `required-compose-keys` (top-level setting; default empty): a list of keys
      every service must set, or a table of service-name glob to a list
      (`{ "*" = ["restart"], "db*" = ["volumes"] }`; every glob that matches a
      service applies).

    ## References
    - [Compose: services](https://docs.docker.com/reference/compose-file/services/)
    """

    code = "DC081"
    name = "compose-required-key"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "compose"

    class Options(Model):
        required_compose_keys: list[str] | dict[str, list[str]] = field(default_factory=list)
        policy_origins: dict[str, str] = field(default_factory=dict)

    configured_by = frozenset({"required_compose_keys"})

    def check_compose_project(self, ctx):
        required = self.options.required_compose_keys
        if not required or partial_project(ctx.project):
            return
        table = required if isinstance(required, dict) else {"*": required}
        origin = self.options.policy_origins.get("required-compose-keys", "the rule options")
        for service in ctx.project.services.values():
            if service.node is None:
                continue
            wanted = [key for glob, keys in table.items() if fnmatchcase(service.name, glob) for key in keys]
            missing = [key for key in dict.fromkeys(wanted) if not any(_set(service.node, choice.strip()) for choice in key.split("|") if choice.strip())]
            if missing:
                shown = ", ".join(key.replace("|", " or ") for key in missing)
                yield Violation(
                    service.name_span,
                    f"service {service.name} does not set {shown}, which required-compose-keys requires ({origin})",
                    path=service.path,
                )
