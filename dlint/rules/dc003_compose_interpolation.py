"""DC003: a malformed ${VARIABLE} expression in a Compose file."""

from dlint.engine.rule import Rule
from dlint.models.finding import Severity
from dlint.rules._compose_issues import issue_violations


class ComposeInterpolation(Rule):
    """Malformed variable interpolation.

    ## Why is this bad?
    Compose replaces `$NAME`, `${NAME}` and `${NAME:-default}` style
    expressions in values before it uses them, and refuses the whole file when
    one of them is malformed: a `$` followed by something that is not a name
    (`$1`, a lone `$` at the end), an unclosed `${`, an empty `${}` or an
    unknown operator. A literal dollar sign must be written `$$`. The rule
    also reports `${NAME:?message}` when the variable is known (from `.env`
    or `--env-file`) to be empty or unset there.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
        command: echo $1
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
        command: echo $$1
    ```

    ## References
    - [Compose interpolation](https://docs.docker.com/reference/compose-file/interpolation/)
    """

    code = "DC003"
    name = "compose-interpolation"
    severity = Severity.ERROR
    category = "correctness"
    kind = "compose"

    def check_compose_file(self, ctx):
        return issue_violations(ctx, "interpolation")
