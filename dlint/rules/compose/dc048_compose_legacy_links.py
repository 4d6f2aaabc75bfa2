"""DC048: the legacy links and external_links keys."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import once


class ComposeLegacyLinks(Rule):
    """`links` or `external_links` is a legacy way to connect containers.

    ## Why is this bad?
    Links come from the time before user-defined networks. Today every
    service of a project is reachable from the others by its service name
    on the project's default network, so `links: [db]` adds nothing but an
    extra alias and a hidden start order. `external_links` only works for
    containers on a network the service shares anyway, and Docker documents
    the link feature as legacy that may be removed. Put the services on a
    shared network (declared `external` for containers of another project),
    use `networks.<name>.aliases` for other names, and `depends_on` for start
    order.

    ## Example
    ```yaml
    services:
      api:
        image: acme/api:1.4
        links:
          - db:database
      db:
        image: postgres:17
    ```

    ## Use instead
    ```yaml
    services:
      api:
        image: acme/api:1.4
        depends_on: [db]
      db:
        image: postgres:17
        networks:
          default:
            aliases: [database]
    ```

    ## References
    - [Compose: links](https://docs.docker.com/reference/compose-file/services/#links)
    - [Compose: external_links](https://docs.docker.com/reference/compose-file/services/#external_links)
    - [Legacy container links](https://docs.docker.com/engine/network/links/)
    - [Networking in Compose](https://docs.docker.com/compose/how-tos/networking/)
    """

    code = "DC048"
    name = "compose-legacy-links"
    severity = Severity.WARNING
    category = "maintainability"
    kind = "compose"
    markers = frozenset({'links'})

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(service))

    @staticmethod
    def _check(service):
        for key, advice in (
            ("links", "services reach each other by name on a shared network; use depends_on for start order"),
            ("external_links", "put the service on the other container's network (declared external) instead"),
        ):
            entry = service.entry(key)
            if entry is not None:
                yield Violation(entry.key_span, f"{key} of service {service.name} is a legacy feature: {advice}", path=entry.path if entry.path != service.path else None)
