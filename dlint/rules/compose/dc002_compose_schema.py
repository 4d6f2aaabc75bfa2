"""DC002: the Compose file does not follow the Compose Specification."""

from dlint.engine.rule import Rule
from dlint.models.finding import Severity
from dlint.views.compose.issues import issue_violations


class ComposeSchema(Rule):
    """Compose file does not match the Compose Specification.

    ## Why is this bad?
    Compose validates every file against the Compose Specification's schema
    and refuses unknown keys (often a typo, with a suggestion of the key that
    was probably meant), values of the wrong type (a list where a string is
    needed) and values outside the allowed set (a `depends_on` condition that
    does not exist). Every such problem is reported at the key or value that
    causes it, not just the first one. Values written with `${VARIABLE}` are
    accepted wherever the value they stand for could be valid.

    The bundled schema is the Compose Specification schema of the compose-go
    repository (commit e70e961, JSON Schema draft 2020-12), which knows the
    `pre_start`, `post_start` and `pre_stop` hooks, `models`, `provider`
    services and `build.no_cache_filter`.

    With the `compose-schema` setting, files are also checked against a schema
    of your own (reported with "(custom schema)"), written in JSON Schema draft
    2020-12 or draft-07 (as its `$schema` says).

    ## Example
    ```yaml
    services:
      web:
        imgae: nginx:1.27
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
    ```

    ## References
    - [Compose file reference](https://docs.docker.com/reference/compose-file/)
    - [Compose Specification JSON schema](https://github.com/compose-spec/compose-go/blob/main/schema/compose-spec.json)
    """

    code = "DC002"
    name = "compose-schema"
    severity = Severity.ERROR
    category = "correctness"
    kind = "compose"

    def check_compose_file(self, ctx):
        return issue_violations(ctx, "schema")
