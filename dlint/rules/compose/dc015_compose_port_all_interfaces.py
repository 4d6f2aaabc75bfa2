"""DC015: a port published on every host interface."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_images import data_store, store_serves
from dlint.knowledge.hint_scope import HintScopeOptions, in_scope
from dlint.knowledge.long_running import one_shot_reason
from dlint.knowledge.public_ports import meant_public
from dlint.models.finding import Severity, Violation
from dlint.views.compose.ports import binding, describe_range
from dlint.views.compose.values import once


class ComposePortAllInterfaces(Rule):
    """Port published on every host interface (no host IP).

    ## Why is this bad?
    A `ports` item without a host IP, or with `0.0.0.0`/`::`, listens on every
    network interface of the host, and Docker's port publishing goes around
    host firewalls such as ufw: the service is reachable by anyone who can
    reach the machine, not only from the machine itself. When the port is
    only meant for local use (a development setup, an admin UI, a debugger),
    bind it to loopback (`127.0.0.1:8080:80`). A host IP taken from a
    variable (`${BIND_IP}:8080:80`) counts as chosen. Ports that other
    services reach over the Compose network need no `ports:` entry at all.

    Ports that exist to be public are not reported: host ports 80 and 443 of
    a reverse proxy (an image or service name with the word `traefik`,
    `nginx`, `caddy`, `haproxy`, `envoy` or `proxy`), mail ports (SMTP 25,
    submissions 465, submission 587, POP3 110 and 995, IMAP 143 and 993,
    ManageSieve 4190) and VPN ports (IKE 500/udp, IPsec NAT traversal
    4500/udp, WireGuard 51820/udp, OpenVPN 1194). For another port meant to
    be public, writing `0.0.0.0:` is not enough: disable the rule for that
    line. One-shot jobs are not judged, and a database image's own port is
    left to DC035, which reports it as a warning.

    Not given in files that look like a development, test, CI or example
    setup: a word of the file's name, or of a folder it sits in below the
    working folder, is one of the `non-production-words` setting (default
    `test`, `tests`, `testing`, `e2e`, `ci`, `dev`, `develop`,
    `development`, `devcontainer`, `example`, `examples`, `demo`, `demos`,
    `sample`, `samples`, `fixtures`: `docker-compose.dev.yml`,
    `compose.test.yaml`, `examples/x/compose.yaml`, `.ci/compose.yaml`), nor
    for a project whose first file looks like one. Set
    `non-production-words = []` in the config to judge every file.

    This is a hint (severity info): many setups publish a web port on purpose.
    Databases and caches published this way are reported by DC035 as a
    warning.

    ## Example
    ```yaml
    services:
      admin:
        image: acme/admin:2.1
        ports: ["8080:80"]
    ```

    ## Use instead
    ```yaml
    services:
      admin:
        image: acme/admin:2.1
        ports: ["127.0.0.1:8080:80"]
    ```

    ## Options
    - `non-production-words` (list of strings): words of file and folder
      names that mark development, test, CI and example files; set by the
      top-level `non-production-words` setting. Default: the list above.

    ## References
    - [Compose: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    - [Docker and ufw](https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw)
    """

    code = "DC015"
    name = "compose-port-all-interfaces"
    severity = Severity.INFO
    category = "security"
    cis = ("5.14",)
    security_severity = 3.0
    kind = "compose"
    markers = frozenset({'ports'})
    aliases = ("no-unbound-port-interfaces", "CL-0005")

    Options = HintScopeOptions

    def check_compose_service(self, ctx, service):
        if not service.ports:
            return ()
        project = ctx.surroundings.get("compose_project")
        merged = project.services.get(service.name, service) if project is not None else service
        if project is not None and (one_shot_reason(project, merged) is not None or not in_scope(project, service, self.options.non_production_words)):
            return ()
        return once(ctx, self, self._check(merged, service))

    def _check(self, merged, service):
        store = data_store(merged)
        for port in service.ports:
            if port.path and port.path != service.path:
                continue
            bound = binding(port)
            if not bound.all_interfaces or meant_public(merged, bound):
                continue
            if store is not None and store_serves([store], bound):
                continue  # a database's own port: DC035 reports it, as a warning
            where = f" {_numbers(bound)}" if bound.published is not None or bound.target is not None else ""
            yield Violation(
                port.span,
                f"port{where} of service {service.name} is published on every host interface; "
                "bind it to an address (127.0.0.1 for local use) unless it is meant to be public",
            )


def _numbers(bound) -> str:
    if bound.published is not None:
        return describe_range(bound.published)
    return describe_range(bound.target)
