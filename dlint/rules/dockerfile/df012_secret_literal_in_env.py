"""DF012: ENV or ARG gives a secret-like name a literal value (names DL3064 does not know)."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.credentials import credentials_in, literal_secret, secret_name
from dlint.knowledge.secret_names import is_secret_name
from dlint.models.finding import Severity, Violation


class SecretLiteralInEnv(Rule):
    """ENV or ARG writes out a value for a name like `DB_PWD` or `BASIC_AUTH`.

    ## Why is this bad?
    ENV values are stored in the image and ARG values in its history: anyone
    who can pull the image can read them. Pass secrets at build time with
    `RUN --mount=type=secret` and at run time through the environment or a
    secrets file.

    How this rule and DL3064 share the work: DL3064 keeps hadolint's
    behaviour and reports, at the name, every ARG or ENV whose name contains
    password, passwd, passphrase, secret, token, api key, access or private
    key, credential — with or without a value. This rule reports only the
    names DL3064 does not know: a whole word `pwd`, `pw`, `pass`, `passcode`,
    `auth`, `creds` or `credentials` at the end of the name (`DB_PWD`,
    `BASIC_AUTH`, `SMTP_PASS`, `DB_CREDS`), and only when a literal value is
    written, at the value. So each problem is reported once.

    Not reported: values that are only variable references (`${DB_PWD}`),
    empty values, flags and authentication schemes (`true`, `0`, `basic`),
    file paths, and URLs (a password inside a URL is DF013's). Names ending
    in `_FILE`, `_PATH`, `_DIR`, `_URL` say where a secret is; names with
    `public`, `version`, `enabled`, `mode`, `type`, `skip`, `require` in them
    are settings; `PWD` is the shell's working directory.

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

    At build time, mount the secret for the one step that needs it:
    `RUN --mount=type=secret,id=db_pwd,env=DB_PWD ./setup.sh`.

    ## References
    - [Build secrets](https://docs.docker.com/build/building/secrets/)
    - [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
    """

    code = "DF012"
    name = "secret-literal-in-env"
    severity = Severity.WARNING
    category = "security"
    aliases = ("SecretsUsedInArgOrEnv",)
    cis = ("4.10",)
    security_severity = 7.0
    kind = "dockerfile"
    instructions = frozenset({"ENV", "ARG"})

    def check_instruction(self, ctx, instruction):
        for pair in getattr(instruction, "pairs", ()):
            name = pair.key.value
            if pair.value is None or is_secret_name(name) or not secret_name(name):
                continue  # no value, DL3064's, or not a secret name
            raw = pair.value.raw
            if "://" in raw or credentials_in(raw):
                continue  # a URL or a recognisable token: DF013 reports the secret itself
            if literal_secret(raw):
                kept = "image history" if instruction.keyword == "ARG" else "image"
                yield Violation(
                    pair.value.span,
                    f"{instruction.keyword} `{name}` is given a literal secret, which stays in the {kept}:"
                    " pass it with `RUN --mount=type=secret` instead",
                )
