"""DF013: a credential is written in the Dockerfile."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.credentials import credentials_in
from dlint.models.finding import Severity, Violation


class CredentialInDockerfile(Rule):
    """A credential is written in the Dockerfile (a token, key or URL password).

    ## Why is this bad?
    The Dockerfile is committed and shared, and what `RUN`, `ENV` or `LABEL`
    contain ends up in the image and its history. A real token found here has
    leaked: revoke it, then pass credentials as build secrets
    (`RUN --mount=type=secret`). Recognised shapes: AWS access key ids,
    GitHub, GitLab, Slack, npm and Stripe tokens, Google API keys, private key
    blocks, and passwords written out in URLs (`https://user:pass@host`).
    The whole file is searched — `RUN`, `ENV`, `ARG`, `LABEL`, heredoc bodies
    and comments — and the finding points at the secret itself.

    Not reported: variable references (`https://ci:${TOKEN}@host`),
    placeholders (`<password>`, `***`, `ghp_xxxx…`), AWS's documented example
    key, anonymous FTP logins, and public key blocks. This rule is about
    values; DF012 and DL3064 are about secret-like names, and DF012 leaves a
    value with a token or URL password in it to this rule.

    ## Example
    ```dockerfile
    FROM alpine:3.20
    RUN wget -q https://deploy:Tr0ub4dor@repo.example.com/pkg.tar.gz
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    RUN --mount=type=secret,id=netrc,target=/root/.netrc wget -q https://repo.example.com/pkg.tar.gz
    ```

    ## References
    - [Build secrets](https://docs.docker.com/build/building/secrets/)
    """

    code = "DF013"
    name = "credential-in-dockerfile"
    severity = Severity.ERROR
    category = "security"
    cis = ("4.10",)
    security_severity = 9.0
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        for start, end, what in credentials_in(ctx.source):
            yield Violation(ctx.span(start, end), f"this is {what}, written in the Dockerfile: revoke it and pass it as a build secret")
