"""DC080: a service image that the configured base-image policy does not allow."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.image_policy import ImagePolicyOptions, verdict
from dlint.models.finding import Severity, Violation


class ComposeImagePolicy(Rule):
    """Service image is not allowed by the configured base-image policy.

    ## Why is this bad?
    The `allowed-base-images` and `denied-base-images` settings that DF060
    applies to `FROM` apply here to the images Compose pulls, so one list says
    which images a project may run, built or pulled. A denied image is reported
    even when an allowed glob matches it too; the message names the glob and
    the config file that set it.

    The rule is on by default but does nothing until one of the two settings
    is given. An image written with a variable is judged by its value from
    `.env`/`--env-file`, and not judged when that value is unknown. A service
    with `build` is not judged here: its `image:` names the image it builds,
    whose `FROM` lines DF060 checks. Globs match as DF060 describes (`python`
    every `python` image, `ghcr.io/acme/*` every image under `ghcr.io/acme`).

    ## Example
    ```toml
    [tool.dlint]
    denied-base-images = ["bitnami/*"]
    ```
    ```yaml
    services:
      cache:
        image: bitnami/redis:7.4
    ```

    ## Use instead
    ```toml
    [tool.dlint]
    denied-base-images = ["bitnami/*"]
    ```
    ```yaml
    services:
      cache:
        image: redis:7.4
    ```

    ## Options
    - `allowed-base-images` (list of globs, top-level setting; default empty:
      any image is allowed): every service image must match one of them.
    - `denied-base-images` (list of globs, top-level setting; default empty):
      no service image may match one of them.

    ## References
    - [Compose: image](https://docs.docker.com/reference/compose-file/services/#image)
    """

    code = "DC080"
    name = "compose-image-policy"
    severity = Severity.WARNING
    category = "security"
    security_severity = 5.0
    cis = ("4.2",)  # use trusted base images
    kind = "compose"
    Options = ImagePolicyOptions
    configured_by = frozenset({"allowed_base_images", "denied_base_images"})

    def check_compose_service(self, ctx, service):
        options = self.options
        if not options.allowed_base_images and not options.denied_base_images:
            return
        image = service.image
        if image is None or not image.resolved or not isinstance(image.effective, str) or not image.effective.strip():
            return
        project = ctx.surroundings.get("compose_project")
        merged = (project.services.get(service.name) if project is not None else None) or service
        if merged.build is not None or service.build is not None:
            return
        reference = image.effective.strip()
        reason = verdict(reference, options)
        if reason is not None:
            yield Violation(image.span, f"image {reference} of service {service.name} {reason}")
