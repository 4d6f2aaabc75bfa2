"""DC011: a service with both ``build`` and ``image`` and no ``pull_policy``."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.base import Model
from dlint.models.finding import Severity, Violation


class ComposeBuildAndImage(Rule):
    """Service sets both `build` and `image` without a `pull_policy`.

    ## Why is this bad?
    With both keys, `image` names the image Compose builds, but it is also a
    reference Compose may pull: without `pull_policy`, `docker compose up`
    first tries to pull that name from a registry and only builds when the
    pull fails. A name such as `myapp` resolves to `docker.io/library/myapp`,
    so a stranger's image of the same name can run instead of your code, and a
    stale image in the registry silently wins over local changes. Setting
    `pull_policy: build` (always build) or `never`/`missing` states which
    source wins; otherwise keep only one of the two keys. The service is
    judged as the files merge: an `image` in `compose.yaml` and a `build` in
    `compose.override.yaml` count together.

    ## Example
    ```yaml
    services:
      web:
        build: .
        image: acme/web:1.4
    ```

    ## Use instead
    ```yaml
    services:
      web:
        build: .
        image: acme/web:1.4
        pull_policy: build
    ```

    ## Options
    - `allow-with-pull-policy` (boolean): accept both keys when the service sets
      `pull_policy`. Default: true. With false, every service that sets both is
      reported.

    ## References
    - [Compose Build Specification: using build and image](https://docs.docker.com/reference/compose-file/build/#using-build-and-image)
    - [Compose: pull_policy](https://docs.docker.com/reference/compose-file/services/#pull_policy)
    """

    code = "DC011"
    name = "compose-build-and-image"
    severity = Severity.WARNING
    category = "correctness"
    kind = "compose"
    markers = frozenset({'build'})
    aliases = ("no-build-and-image",)

    class Options(Model):
        allow_with_pull_policy: bool = True

    def check_compose_project(self, ctx):
        seen = set()
        for service in ctx.project.services.values():
            if service.build is None or service.image is None:
                continue
            if self.options.allow_with_pull_policy and service.pull_policy is not None:
                continue
            entry = service.entry("image")
            span = entry.key_span if entry is not None else service.image.span
            path = entry.path if entry is not None else service.image.path
            if (path, span.start) in seen:
                continue
            seen.add((path, span.start))
            yield Violation(
                span,
                f"service {service.name} sets both build and image: without pull_policy Compose first tries to pull "
                f"{service.image.text} and builds only when that fails; set pull_policy (build, missing, never) or drop one of the keys",
                path=path,
            )
