"""DF000: the Dockerfile cannot be read as Docker reads it."""

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation


class DockerfileSyntaxError(Rule):
    """Dockerfile syntax error.

    ## Why is this bad?
    Docker refuses to build a Dockerfile it cannot parse, or builds something
    other than what the text seems to say (an unterminated heredoc swallows the
    rest of the file, an unknown flag stops the build). Other rules still run
    on the parts that could be read, but their findings may be incomplete.

    Syntax errors are always reported: they cannot be deselected or suppressed
    with a comment.

    ## Example
    ```dockerfile
    FROM alpine:3.20
    RUNN apk add --no-cache curl
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    RUN apk add --no-cache curl
    ```

    ## References
    - [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
    """

    code = "DF000"
    name = "syntax-error"
    severity = Severity.ERROR
    category = "syntax"
    kind = "dockerfile"
    mandatory = True

    def check_dockerfile(self, ctx):
        for issue in ctx.dockerfile.syntax_issues:
            yield Violation(issue.span, issue.message)
