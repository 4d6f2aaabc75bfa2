"""DF001: a suppression comment names a rule that does not exist."""

from dlint.engine.rule import Rule
from dlint.engine.suppression import Directive, compose_directives, dockerfile_directives
from dlint.models.finding import Severity, Violation


def _violations(directives: list[Directive]):
    for directive in directives:
        for item in directive.items:
            if item.code is None:
                yield Violation(
                    item.span,
                    f"{item.text!r} is not a rule code or name: this suppression comment is ignored",
                )
            elif not item.known and not item.code.startswith("SC"):
                yield Violation(item.span, f"dlint has no rule {item.code}: nothing to suppress")


class UnknownSuppressionCode(Rule):
    """Suppression comment names an unknown rule.

    ## Why is this bad?
    A `# dlint: ignore=` (or `# hadolint ignore=`) comment that names a rule
    dlint does not know either holds a typo or refers to a rule that no longer
    exists. When an item is neither a code nor a rule name, dlint does not apply
    the comment at all (as hadolint does), so a typo never silently hides other
    findings. Codes of rules dlint does not have are harmless but dead.
    ShellCheck codes (`SC2086`) are accepted.

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
        yield from _violations(dockerfile_directives(ctx.dockerfile))

    def check_compose_file(self, ctx):
        yield from _violations(compose_directives(ctx.source))
