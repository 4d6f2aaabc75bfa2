"""DC030: a secret is written out in environment or build.args."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._compose_values import once, text_of
from dlint.rules._credentials import literal_secret, secret_name, url_passwords

#: ``${NAME:-default}`` or ``${NAME-default}`` alone, with a default that is written out
_DEFAULT = re.compile(r"^\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*):?-(?P<default>[^${}]*)\}$")


class ComposeHardcodedSecret(Rule):
    """A password, token or key is written out in `environment` or `build.args`.

    ## Why is this bad?
    A Compose file is committed, shared and printed by `docker compose config`;
    a secret written in it is readable by everyone who sees the repository and
    stays in its history. Build args end up in the image's history too.
    Reference a variable (`${DB_PASSWORD}`) filled from an `.env` file kept out
    of version control, or use Compose `secrets:` (files mounted under
    `/run/secrets`). Passwords inside connection URLs
    (`postgres://app:secret@db/app`) count too, in any variable, and so does a
    secret written as the default of a variable (`${DB_PASSWORD:-s3cr3t}`):
    it is what runs whenever the variable is not set. Values taken from
    variables, empty values, and `*_FILE` variables pointing at
    `/run/secrets/…` are fine. A value written under an anchor and reused by
    several services is reported once, where it is written.

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
        return once(ctx, self, self._check(ctx, service))

    def _check(self, ctx, service):
        groups = [("environment", service.environment)]
        if service.build is not None:
            groups.append(("build.args", service.build.args))
        for where, variables in groups:
            for variable in variables.values():
                scalar = variable.value
                if scalar is None:
                    continue
                what = f"{where} {variable.name} of service {service.name}"
                if url_passwords(scalar.text):  # literal passwords only, ``${PASSWORD}`` is fine
                    yield Violation(scalar.span, f"{what} has a password in its URL: reference a variable or use secrets:")
                elif not secret_name(variable.name):
                    continue
                elif not scalar.variables:
                    if literal_secret(text_of(scalar) or ""):
                        yield Violation(scalar.span, f"{what} holds a secret written in the file: reference a variable or use secrets:")
                else:
                    default = _DEFAULT.match(scalar.text.strip())
                    if default is not None and literal_secret(default["default"]):
                        yield Violation(scalar.span, f"{what} falls back to a secret written in the file: require the variable (${{{default['name']}:?}}) instead of a default")
