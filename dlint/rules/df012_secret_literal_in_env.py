"""DF012: ENV or ARG gives a secret-like name a literal value (names DL3064 does not know)."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._credentials import literal_secret, secret_name
from dlint.rules._secret_names import is_secret_name


class SecretLiteralInEnv(Rule):
    """ENV or ARG writes out a value for a name like `DB_PWD` or `BASIC_AUTH`.

    ## Why is this bad?
    ENV values are stored in the image and ARG values in its history: anyone
    who can pull the image can read them. Pass secrets at build time with
    `RUN --mount=type=secret` and at run time through the environment or a
    secrets file.

    DL3064 (hadolint's rule) reports names containing password, secret,
    token, api key, private or access key, credential. This rule adds the
    names it does not know — whole words such as `pwd`, `pass`, `pw`, `auth`,
    `creds` — when a literal value is written, so each problem is reported
    once. Names ending in `_FILE`, `_PATH`, `_DIR`, `_URL`, and names with
    `public`, `version`, `enabled`, `mode` or `type` in them, are settings,
    not secrets.

    ## Example
    ```dockerfile
    FROM postgres:17
    ENV DB_PWD=hunter2
    ```

    ## Use instead
    ```dockerfile
    FROM postgres:17
    ENV DB_PWD_FILE=/run/secrets/db_pwd
    ```

    ## References
    - [Build secrets](https://docs.docker.com/build/building/secrets/)
    - [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
    """

    code = "DF012"
    name = "secret-literal-in-env"
    severity = Severity.WARNING
    category = "security"
    security_severity = 7.0
    kind = "dockerfile"
    instructions = frozenset({"ENV", "ARG"})

    def check_instruction(self, ctx, instruction):
        for pair in getattr(instruction, "pairs", ()):
            name = pair.key.value
            if pair.value is None or is_secret_name(name) or not secret_name(name):
                continue  # no value, DL3064's, or not a secret name
            if literal_secret(pair.value.raw):
                yield Violation(pair.value.span, f"{instruction.keyword} {name} writes out what looks like a secret; it stays in the image — use a build secret")
