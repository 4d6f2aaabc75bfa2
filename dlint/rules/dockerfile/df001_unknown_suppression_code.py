"""DF001: a suppression comment names a rule that does not exist."""

from dlint.engine.rule import Rule
from dlint.models.finding import Severity


class UnknownSuppressionCode(Rule):
    """Suppression comment names an unknown rule.

    ## Why is this bad?
    A `# dlint: ignore=` (or `# hadolint ignore=`) comment that names a rule
    dlint does not know either holds a typo or refers to a rule that no longer
    exists. When an item is neither a code nor a rule name, dlint does not apply
    the comment at all (as hadolint does), so a typo never silently hides other
    findings. Codes of rules dlint does not have are harmless but dead.
    ShellCheck codes (`SC2086`) are accepted.

    Checked in Dockerfiles and Compose files. The findings come from the
    engine, which reads the comments; `--no-suppress` turns them off along with
    the comments.

    ## Example
    ```dockerfile
    FROM alpine:3.20
    # dlint: ignore=DL3018,untaged-base-image
    RUN apk add curl
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    # dlint: ignore=DL3018
    RUN apk add curl
    ```
    """

    code = "DF001"
    name = "unknown-suppression-code"
    severity = Severity.WARNING
    category = "correctness"
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        # reported by the engine while it reads suppression comments
        # (dlint.engine.lint.Linter._about_directives), for every kind of file
        return ()
