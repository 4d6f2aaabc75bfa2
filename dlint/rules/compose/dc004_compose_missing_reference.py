"""DC004: a file or service named by include, extends, env_file or a secret or config cannot be found."""

from dlint.engine.rule import Rule
from dlint.models.finding import Severity
from dlint.views.compose.issues import issue_violations


class ComposeMissingReference(Rule):
    """Referenced file or service not found.

    ## Why is this bad?
    `include`, `extends` and `env_file` name other files (and `extends` a
    service in them), and a top-level secret or config may be read from a
    `file`. When the file does not exist, the service is not defined there, or
    the references loop back on themselves, `docker compose` stops with an
    error. An `env_file` entry that may be absent must say `required: false`.

    A missing `env_file` or secret/config file that the repository's
    `.gitignore` ignores is not reported: it is a file each machine creates
    (`.env` copied from `.env.example`, generated secrets).

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
        extends:
          service: base
    ```

    ## Use instead
    ```yaml
    services:
      base:
        image: nginx:1.27
        restart: always
      web:
        extends:
          service: base
    ```

    ## References
    - [Compose: extends](https://docs.docker.com/reference/compose-file/extension/)
    - [Compose: include](https://docs.docker.com/reference/compose-file/include/)
    - [Compose: env_file](https://docs.docker.com/reference/compose-file/services/#env_file)
    - [Compose: secrets](https://docs.docker.com/reference/compose-file/secrets/)
    """

    code = "DC004"
    name = "compose-missing-reference"
    severity = Severity.ERROR
    category = "correctness"
    kind = "compose"

    def check_compose_file(self, ctx):
        return issue_violations(ctx, "reference")
