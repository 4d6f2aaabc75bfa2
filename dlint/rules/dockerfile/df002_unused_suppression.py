"""DF002: a suppression comment that suppresses nothing."""

from dlint.engine.rule import Rule
from dlint.models.finding import Severity


class UnusedSuppression(Rule):
    """Suppression comment suppresses nothing.

    ## Why is this bad?
    A `# dlint: ignore=CODE` comment that no longer silences a finding is
    noise, and it will silently hide the next real problem of that kind on that
    line. Remove it once the code is fixed.

    Only codes of rules that ran are judged (a comment for a rule you did not
    select cannot be told apart from a needed one). The findings come from the
    engine, which alone knows which comments silenced something (in Dockerfiles
    and Compose files); `--no-suppress`
    turns them off.

    Off by default: comments carried over from hadolint often name rules dlint
    treats differently, and a migration should not start with a wall of
    findings about comments. Turn it on with `extend-select = ["DF002"]`, as
    in the example below.

    ## Example
    ```toml
    [tool.dlint]
    extend-select = ["DF002"]
    ```

    ```dockerfile
    # dlint: ignore=DL3006
    FROM alpine:3.20
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    ```
    """

    code = "DF002"
    name = "unused-suppression"
    severity = Severity.INFO
    category = "maintainability"
    kind = "dockerfile"
    default_enabled = False

    def check_dockerfile(self, ctx):
        # reported by the engine after suppression (dlint.engine.lint.Linter._about_directives)
        return ()
