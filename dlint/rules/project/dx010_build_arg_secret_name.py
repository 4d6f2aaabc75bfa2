"""DX010: a Compose build arg whose name says secret, for a Dockerfile dlint cannot see."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.secret_names import is_secret_name, looks_like_path
from dlint.models.finding import Severity, Violation


class BuildArgSecretName(Rule):
    """A service passes a build arg whose name says secret (`NPM_TOKEN`, `DB_PASSWORD`).

    ## Why is this bad?
    A build arg is not a secret: its value is recorded in the image's
    history and metadata (`docker history`, `docker image inspect`, the
    provenance attestation) whenever a RUN uses it, and it is in the build
    cache key. A token passed with `build.args`, even from a variable
    (`NPM_TOKEN: ${NPM_TOKEN}`), ends up readable by anyone who can pull the
    image. Pass it as a build secret: Compose's `build.secrets`, read in the
    Dockerfile with `RUN --mount=type=secret,id=npm_token`.

    Each problem is reported once, where dlint sees it: when the service's
    Dockerfile is a file dlint reads, DL3064 reports its `ARG` of that name
    (and DX004 a key no `ARG` declares), so this rule reports only the
    services whose Dockerfile it cannot read: `dockerfile_inline`, a remote
    (Git or URL) context, or a context or Dockerfile that a variable
    without a value decides. A value written out in the file is DC030's; a
    value that is a path (`/run/secrets/token`) and names ending in `_FILE`,
    `_PATH`, `_URL`… are not secrets. Names are judged as in DL3064.

    ## Example
    ```yaml
    services:
      web:
        build:
          context: https://github.com/acme/web.git#main
          args:
            NPM_TOKEN: ${NPM_TOKEN}
    ```

    ## Use instead
    ```yaml
    services:
      web:
        build:
          context: https://github.com/acme/web.git#main
          secrets: [npm_token]
    secrets:
      npm_token:
        environment: NPM_TOKEN
    ```

    ## References
    - [Compose Build Specification: secrets](https://docs.docker.com/reference/compose-file/build/#secrets)
    - [Docker docs: build secrets](https://docs.docker.com/build/building/secrets/)
    - CIS Docker Benchmark 4.10: do not store secrets in Dockerfiles
    """

    code = "DX010"
    name = "build-arg-secret-name"
    severity = Severity.WARNING
    category = "security"
    security_severity = 6.0
    cis = ("4.10",)
    kind = "project"
    markers = frozenset({'args'})

    def check_project(self, ctx):
        for name, service in ctx.project.services.items():
            build = service.build
            if build is None or not build.args:
                continue
            found = ctx.builds.get(name)
            if found is not None and found.dockerfile is not None:
                continue  # a Dockerfile file: DL3064 (or DX004) reports there
            for key, variable in build.args.items():
                if not is_secret_name(key):
                    continue
                scalar = variable.value
                if scalar is not None and not scalar.variables:
                    continue  # written out: DC030's, or a placeholder
                if scalar is not None and scalar.resolved and looks_like_path(str(scalar.effective)):
                    continue
                yield Violation(
                    variable.name_span,
                    f"build arg {key} of service {name} looks like a secret: its value is kept in the image history; "
                    "pass it with build.secrets",
                    path=variable.path,
                )
