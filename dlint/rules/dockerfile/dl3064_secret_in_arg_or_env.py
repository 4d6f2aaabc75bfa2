"""DL3064: ARG or ENV with a name that suggests a secret."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.secret_names import is_secret_name, looks_like_path
from dlint.models.finding import Severity, Violation


class SecretInArgOrEnv(Rule):
    """ARG or ENV holds what looks like a secret.

    ## Why is this bad?
    ENV values are stored in the image for anyone who pulls it, and ARG values
    end up in the image history and build cache. A password, token or key passed
    this way leaks. Use a build secret (`RUN --mount=type=secret`) at build time
    and inject runtime secrets when the container starts.

    Names are matched by their words (`DB_PASSWORD`, `npmToken`, `AWS_SECRET_ACCESS_KEY`);
    names that point to where a secret is (`PASSWORD_FILE`, `TOKEN_URL`,
    `SECRETS_CONFIG`, names ending `_PATH`, `_DIR`) are not reported, nor is a
    value that is a file path (`ENV API_TOKEN=/run/secrets/api_token`): the
    path is kept, not the secret.

    This rule keeps hadolint's behaviour: it judges the name only, with or
    without a value, and reports at the name. DF012 complements it: it
    reports names this rule does not know (`DB_PWD`, `BASIC_AUTH`,
    `SMTP_PASS`) when a literal value is written, and never a name this rule
    reports, so one problem gives one finding. A token or a URL password
    written in the value is also reported by DF013, which is about the value.

    ## Example
    ```dockerfile
    FROM node:22-slim
    ARG NPM_TOKEN
    RUN npm ci
    ```

    ## Use instead
    ```dockerfile
    FROM node:22-slim
    RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
    ```

    ## References
    - [Build secrets](https://docs.docker.com/build/building/secrets/)
    """

    code = "DL3064"
    name = "secret-in-arg-or-env"
    severity = Severity.WARNING
    category = "security"
    aliases = ("SecretsUsedInArgOrEnv",)
    cis = ("4.10",)
    security_severity = 7.0
    kind = "dockerfile"
    instructions = frozenset({"ARG", "ENV"})

    def check_instruction(self, ctx, instruction):
        for pair in getattr(instruction, "pairs", ()):
            name = pair.key.value
            if pair.value is not None and looks_like_path(pair.value.value):
                continue
            if is_secret_name(name):
                yield Violation(
                    pair.key.span,
                    f"{instruction.keyword} `{name}` looks like a secret; its value would be kept in the image"
                    " or its history — use a build secret instead",
                )
