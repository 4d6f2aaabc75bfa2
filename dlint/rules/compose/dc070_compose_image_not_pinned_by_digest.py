"""DC070 (hardening): a service's `image:` is not pinned by digest."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.compose_runtime import hardening_services
from dlint.knowledge.digest_policy import DigestPolicy, exempt
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import text_of


class ComposeImageNotPinnedByDigest(Rule):
    """Service's `image:` names a tag, not a digest (`@sha256:…`).

    ## Why is this bad?
    A tag can be moved: the same file pulls a different image tomorrow, or
    a tampered one if the registry or the publisher's account is
    compromised. A digest names exactly one image, so what was reviewed is
    what runs. Keep the tag beside it for readers
    (`nginx:1.27@sha256:…`); a bot (Renovate, Dependabot) keeps digests up
    to date.

    This rule covers the Compose `image:` key only, of services that do
    not `build` (their `image:` names the image built), and not when a
    variable is part of the name. The Dockerfile `FROM` side is DF041,
    which reads the same options: give both the same `exempt-images`
    list. No CIS Docker Benchmark item of section 5 covers it.

    Part of the off-by-default **hardening** group (`extend-select =
    ["hardening"]`): pinning is a policy (updates then come only through
    the bot). No fix: the digest has to be looked up in the registry.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    ```

    ## Options
    - `exempt-images` (list of glob patterns): image names that need no
      digest, such as images the same pipeline builds (`ghcr.io/acme/*`);
      matched as DF041 matches them.

    ## References
    - [Compose: image](https://docs.docker.com/reference/compose-file/services/#image)
    - [Pull an image by digest](https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier)
    """

    code = "DC070"
    name = "compose-image-not-pinned-by-digest"
    severity = Severity.INFO
    category = "hardening"
    security_severity = 3.0
    cis = ()
    kind = "compose"
    aliases = ("CL-0019",)  # compose-lint's id
    default_enabled = False
    Options = DigestPolicy  # the same options as DF041 (FROM)

    def check_compose_project(self, ctx):
        for service in hardening_services(ctx.project):
            if service.build is not None or service.image is None or service.image.variables:
                continue
            image = text_of(service.image)
            if not image or "@" in image or exempt(image, self.options.exempt_images):
                continue
            yield Violation(service.image.span, f"image {image} of service {service.name} is not pinned by digest: the tag can move; add @sha256:…", path=service.image.path)
