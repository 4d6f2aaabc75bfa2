"""DC018: a ``container_name`` Docker rejects."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.compose.values import in_force, once, text_of

#: what the Docker engine accepts as a container name (a leading slash is allowed)
VALID_NAME = regex(r"/?[a-zA-Z0-9][a-zA-Z0-9_.-]+\Z")
#: the Compose schema's pattern, which is not anchored: DC002 reports names without any such run
_SCHEMA_PATTERN = regex(r"[a-zA-Z0-9][a-zA-Z0-9_.-]+")


class ComposeInvalidContainerName(Rule):
    """`container_name` has characters Docker does not accept.

    ## Why is this bad?
    The Docker engine only accepts container names that start with a letter or
    digit, continue with letters, digits, `_`, `.` or `-`, and are at least two
    characters long. Any other name (spaces, `/` inside, `:`, `@`, accented
    letters, a leading `-` or `.`) makes `docker compose up` fail when the
    container is created, long after the file was written. Names built from
    variables are judged with the values dlint knows (`.env`); an unknown
    value is not judged.

    ## Example
    ```yaml
    services:
      api:
        image: acme/api:1.4
        container_name: "acme api"
    ```

    ## Use instead
    ```yaml
    services:
      api:
        image: acme/api:1.4
        container_name: acme-api
    ```

    ## References
    - [Compose: container_name](https://docs.docker.com/reference/compose-file/services/#container_name)
    - [docker run: container names](https://docs.docker.com/reference/cli/docker/container/run/#name)
    """

    code = "DC018"
    name = "compose-invalid-container-name"
    severity = Severity.ERROR
    category = "correctness"
    kind = "compose"
    markers = frozenset({'container_name'})
    aliases = ("service-container-name-regex",)

    def check_compose_service(self, ctx, service):
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        scalar = in_force(ctx, service, "container_name")
        if text_of(scalar) in (None, ""):
            return
        name = str(scalar.effective)
        if VALID_NAME.match(name):
            return
        if not scalar.variables and not _SCHEMA_PATTERN.search(name):
            return  # the schema check (DC002) reports it already
        yield Violation(
            scalar.span,
            f"container name {name!r} of service {service.name} is not valid: use letters, digits, _ . or - "
            "(at least two characters, starting with a letter or digit)",
        )
