"""DC030: a secret is written out in environment or build.args."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.credentials import credentials_in, literal_secret, may_hold_credentials, secret_name, setting_value, url_passwords
from dlint.knowledge.secret_names import words_of
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.compose.values import once, text_of
from dlint.views.text import split_shell_words

#: ``${NAME:-default}`` or ``${NAME-default}`` alone, with a default that is written out
_DEFAULT = regex(r"^\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*):?-(?P<default>[^${}]*)\}$")


#: last words of names that configure how secrets work rather than hold one
#: (``PASSWORD_MIN_LENGTH``, ``TOKEN_TTL``, ``JWT_SECRET_ALGORITHM``)
_SETTING_WORDS = frozenset({
    "length", "len", "min", "max", "ttl", "timeout", "expiry", "expire", "expires", "expiration", "lifetime",
    "age", "rounds", "iterations", "count", "size", "policy", "interval", "retries", "attempts", "algorithm",
    "algo", "header", "cookie", "name", "prefix", "field", "param", "days", "hours", "minutes", "seconds", "secs", "ms",
    "port", "host", "hostname", "server", "address", "addr", "region", "issuer", "audience", "realm", "scope", "scopes",
    "user", "username",
})  # fmt: skip


def _setting(name: str) -> bool:
    words = words_of(name)
    return bool(words) and words[-1] in _SETTING_WORDS


#: options whose value is a password or token
_SECRET_OPTIONS = frozenset({"--requirepass", "--masterauth", "--password", "--passwd", "--pass", "--token", "--api-key", "--secret"})
#: programs whose ``-p<text>`` is a password (the MySQL clients)
_MYSQL_CLIENTS = frozenset({"mysql", "mysqladmin", "mysqldump", "mariadb", "mariadb-admin", "mariadb-dump", "mysqlcheck", "mysqlimport", "mysqlshow"})


def _words(text: str) -> list[str]:
    try:
        return split_shell_words(text)
    except ValueError:
        return text.split()


def _command_secrets(command) -> list[tuple[object, str]]:
    """``(item, what)`` of each command item that holds a written-out secret."""
    found = []
    items = command.items
    # each item with the words it holds: a string form (or a shell -c script) is split
    words_of_items = [(item, _words(item.text) if command.form == "string" or " " in item.text else [item.text]) for item in items]
    flat = [(item, word) for item, words in words_of_items for word in words]
    mysql = any(word.rsplit("/", 1)[-1] in _MYSQL_CLIENTS for _, word in flat)
    scan = may_hold_credentials(" ".join(word for _, word in flat))  # else no word holds one
    for index, (item, word) in enumerate(flat):
        name, equals, value = word.partition("=")
        if name in _SECRET_OPTIONS:
            if not equals:
                value = flat[index + 1][1] if index + 1 < len(flat) else ""
            if not value.startswith("-") and literal_secret(value):
                found.append((item, f"passes {name} a secret written in the file"))
                continue
        elif mysql and word.startswith("-p") and len(word) > 2 and not word.startswith("--") and literal_secret(word[2:]):
            found.append((item, "passes -p a password written in the file"))
            continue
        if not scan:
            continue
        tokens = credentials_in(word)
        if url_passwords(word):
            found.append((item, "has a password in a URL"))
        elif tokens:
            found.append((item, f"holds {tokens[0][2]}"))
    unique, seen = [], set()
    for item, why in found:
        if id(item) not in seen:
            seen.add(id(item))
            unique.append((item, why))
    return unique


class ComposeHardcodedSecret(Rule):
    """A password, token or key is written out in `environment`, `build.args` or a command.

    ## Why is this bad?
    A Compose file is committed, shared and printed by `docker compose config`;
    a secret written in it is readable by everyone who sees the repository and
    stays in its history. Build args end up in the image's history too.
    Reference a variable (`${DB_PASSWORD}`) filled from an `.env` file kept out
    of version control, or use Compose `secrets:` (files mounted under
    `/run/secrets`). Passwords inside connection URLs
    (`postgres://app:secret@db/app`) count too, in any variable, and so does a
    secret written as the default of a variable (`${DB_PASSWORD:-s3cr3t}`):
    it is what runs whenever the variable is not set; `changeme` is such a
    secret. A token with a recognisable shape (`ghp_…`, `github_pat_…`,
    `AKIA…`, `xoxb-…`, `sk_live_…`, a `-----BEGIN … PRIVATE KEY-----` block)
    is reported under any name. Names that say secret include `APP_KEY`,
    `*_ENCRYPTION_KEY`, `SIGNING_KEY` and `MASTER_KEY`. A `$$` is a literal
    `$` after interpolation, so `pa$$word` is a written password.

    Not reported: values taken from variables, empty values, `*_FILE`
    variables and other file paths (`/run/secrets/…`, `./certs/key.pem`),
    numbers under names that end in a setting (`SECRET_PORT=3000`),
    booleans, placeholders to fill in (`<YOUR_API_KEY>`, `your-token-here`,
    `xxxx`, `...`) and "not set" sentinels as defaults
    (`${API_KEY:-invalid}`). `command`, `entrypoint` and `healthcheck.test`
    are read too: a written-out value after `--requirepass`, `--masterauth`,
    `--password` (or `-p<password>` of the MySQL clients) or a password in a
    URL is as visible as an environment variable, and also shows in the
    process list. A value written under an anchor and reused by several
    services is reported once, where it is written.

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
    aliases = ("CL-0020", "CL-0021")
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
                written = scalar.text
                tokens = credentials_in(written)
                if url_passwords(written):  # literal passwords only, ``${PASSWORD}`` is fine
                    yield Violation(scalar.span, f"{what} has a password in its URL: reference a variable or use secrets:")
                elif tokens:  # a token's shape says what it is, whatever the name
                    yield Violation(scalar.span, f"{what} holds {tokens[0][2]} written in the file: reference a variable or use secrets:")
                elif not secret_name(variable.name) or _setting(variable.name):
                    continue
                elif not scalar.variables:
                    text = text_of(scalar) or ""
                    if literal_secret(text, literal_dollar=True) and not setting_value(variable.name, text):
                        yield Violation(scalar.span, f"{what} holds a secret written in the file: reference a variable or use secrets:")
                else:
                    default = _DEFAULT.match(written.strip())
                    if default is not None and literal_secret(default["default"]) and not setting_value(variable.name, default["default"]):
                        yield Violation(scalar.span, f"{what} falls back to a secret written in the file: require the variable (${{{default['name']}:?}}) instead of a default")
        commands = [("command", service.command), ("entrypoint", service.entrypoint)]
        if service.healthcheck is not None:
            commands.append(("healthcheck test", service.healthcheck.test))
        for where, command in commands:
            if command is None:
                continue
            for item, why in _command_secrets(command):
                yield Violation(item.span, f"{where} of service {service.name} {why}: pass it in a variable or a secret file")
