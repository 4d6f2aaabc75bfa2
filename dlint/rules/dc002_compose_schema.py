"""DC002: the Compose file does not follow the Compose Specification."""

from dlint.engine.rule import Rule
from dlint.models.finding import Severity
from dlint.rules._compose_issues import issue_violations


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

    With the `compose-schema` setting, files are also checked against a schema
    of your own (reported with "(custom schema)").

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
    - [Compose Specification JSON schema](https://github.com/compose-spec/compose-spec/blob/main/schema/compose-spec.json)
    """

    code = "DC002"
    name = "compose-schema"
    severity = Severity.ERROR
    category = "correctness"
    kind = "compose"

    def check_compose_file(self, ctx):
        return issue_violations(ctx, "schema")
