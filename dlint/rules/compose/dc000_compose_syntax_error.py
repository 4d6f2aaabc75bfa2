"""DC000: the Compose file is not YAML that Compose can read."""

from dlint.engine.rule import Rule
from dlint.models.finding import Severity
from dlint.views.compose.issues import issue_violations


class ComposeSyntaxError(Rule):
    """Compose file syntax error.

    ## Why is this bad?
    Compose refuses a file it cannot read as YAML mappings: a syntax error, a
    key written twice, an alias to an anchor that does not exist, or a
    document that is a list or a plain value all stop `docker compose` before
    anything runs. dlint also stops reading files that are not UTF-8 or whose
    aliases expand into an enormous document (an "alias bomb"). Other Compose
    rules cannot judge the parts that could not be read. Several documents
    separated by `---` are no error: Compose (v2.21 and later) merges them in
    order, each over the ones before it, and dlint does too. An empty file, or
    one with only comments, is not an error either: Compose skips an empty
    document, and such a file is often kept as an extra `-f` layer.

    Syntax errors are always reported: they cannot be deselected or suppressed
    with a comment.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
        image: nginx:1.26
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
    ```

    ## References
    - [YAML 1.2 specification](https://yaml.org/spec/1.2.2/)
    - [Compose file reference](https://docs.docker.com/reference/compose-file/)
    """

    code = "DC000"
    name = "compose-syntax-error"
    severity = Severity.ERROR
    category = "syntax"
    kind = "compose"
    mandatory = True

    def check_compose_file(self, ctx):
        return issue_violations(ctx, "syntax")
