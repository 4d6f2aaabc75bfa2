"""DC003: a malformed ${VARIABLE} expression in a Compose file."""

from dlint.engine.rule import Rule
from dlint.models.finding import Severity
from dlint.views.compose.issues import issue_violations


class ComposeInterpolation(Rule):
    """Malformed variable interpolation.

    ## Why is this bad?
    Compose v2 replaces `$NAME`, `${NAME}` and the forms with an operator
    (`${NAME:-default}`, `${NAME-default}`, `${NAME:+alternative}`,
    `${NAME+alternative}`, `${NAME:?message}`, `${NAME?message}`) in every
    value before it uses the file, and refuses the whole file when a `${` does
    not start one of them: an empty `${}`, a name that does not start with a
    letter or `_` (`${1}`), a blank or another character after the name
    (`${NAME }`, shell forms such as `${NAME:=x}` or `${NAME#prefix}`), or a
    `${` that is never closed (an argument must be closed by a `}` on its own
    line).

    A `$` that is not followed by `{`, `$` or a name is kept as it is, so
    `$(date)`, `$1` or a regular expression ending in `$` are fine; `$$` is a
    literal `$` (needed for `$$HOME`, which Compose would otherwise replace
    with the variable `HOME`). An argument is only read when Compose uses it,
    so a mistake in a default is reported when the default applies with the
    variables dlint knows (`.env`, `--env-file`); an unknown variable counts
    as unset there, as it does for values. A required variable without a value
    (`${NAME:?message}`) is not reported: the shell may set it.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:${NGINX_TAG:=1.27}
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:${NGINX_TAG:-1.27}
    ```

    ## References
    - [Compose interpolation](https://docs.docker.com/reference/compose-file/interpolation/)
    - [compose-go's template package](https://github.com/compose-spec/compose-go/tree/main/template)
    """

    code = "DC003"
    name = "compose-interpolation"
    severity = Severity.ERROR
    category = "correctness"
    kind = "compose"

    def check_compose_file(self, ctx):
        return issue_violations(ctx, "interpolation")
