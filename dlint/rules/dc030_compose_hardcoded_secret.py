"""DC030: a secret is written out in environment or build.args."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._compose_values import text_of
from dlint.rules._credentials import literal_secret, secret_name, url_passwords


class ComposeHardcodedSecret(Rule):
    """A password, token or key is written out in `environment` or `build.args`.

    ## Why is this bad?
    A Compose file is committed, shared and printed by `docker compose config`;
    a secret written in it is readable by everyone who sees the repository and
    stays in its history. Build args end up in the image's history too.
    Reference a variable (`${DB_PASSWORD}`) filled from an `.env` file kept out
    of version control, or use Compose `secrets:` (files mounted under
    `/run/secrets`). Passwords inside connection URLs
    (`postgres://app:secret@db/app`) count too.

    ## Example
    ```yaml
    services:
      db:
        image: postgres:17
        environment:
          POSTGRES_PASSWORD: s3cr3t
    ```

    ## Use instead
    ```yaml
    services:
      db:
        image: postgres:17
        environment:
          POSTGRES_PASSWORD_FILE: /run/secrets/db_password
        secrets: [db_password]
    secrets:
      db_password:
        file: ./secrets/db_password.txt
    ```

    ## References
    - [Compose: secrets](https://docs.docker.com/compose/how-tos/use-secrets/)
    - [Compose: interpolation](https://docs.docker.com/reference/compose-file/interpolation/)
    """

    code = "DC030"
    name = "compose-hardcoded-secret"
    severity = Severity.ERROR
    category = "security"
    security_severity = 8.0
    kind = "compose"

    def check_compose_service(self, ctx, service):
        groups = [("environment", service.environment)]
        if service.build is not None:
            groups.append(("build.args", service.build.args))
        for where, variables in groups:
            for variable in variables.values():
                scalar = variable.value
                if scalar is None or scalar.variables:
                    passwords = []
                else:
                    raw = text_of(scalar) or ""
                    passwords = url_passwords(raw)
                    if secret_name(variable.name) and literal_secret(raw) and not passwords:
                        yield Violation(scalar.span, f"{where} {variable.name} of service {service.name} holds a secret written in the file: reference a variable or use secrets:")
                        continue
                if passwords:
                    yield Violation(scalar.span, f"{where} {variable.name} of service {service.name} has a password in its URL: reference a variable or use secrets:")
