"""DC001: a service image without an explicit tag or with a floating one."""

from dataclasses import field

from dlint.engine.rule import Rule
from dlint.models.base import Model
from dlint.models.finding import Severity, Violation


FLOATING_TAGS = ("latest", "stable", "edge", "nightly", "dev", "beta", "alpha", "canary", "lts", "current", "rolling")


def image_tag(reference: str) -> tuple[str | None, str | None]:
    """``(tag, digest)`` of an image reference (None when absent)."""
    name, _, digest = reference.partition("@")
    slash = name.rfind("/")
    colon = name.rfind(":")
    tag = name[colon + 1 :] if colon > slash else None
    return tag, digest or None


class ComposeImageTag(Rule):
    """Service image has no explicit tag, or a floating one such as `latest`.

    ## Why is this bad?
    Without a tag Compose pulls `latest`, and `latest`-style tags (`stable`,
    `edge`, `nightly`…) move: the same file starts a different image from one
    day to the next, so a working setup can break, or change behaviour,
    without any change in the repository. A version tag (or a digest) makes
    what runs reproducible and reviewable. Images written with a variable are
    judged by the value from `.env`/`--env-file`; when that value is unknown
    the service is not reported.

    ## Example
    ```yaml
    services:
      cache:
        image: redis
    ```

    ## Use instead
    ```yaml
    services:
      cache:
        image: redis:7.4
    ```

    ## Options
    - `floating-tags` (list of strings): tags treated like `latest`. Default:
      latest, stable, edge, nightly, dev, beta, alpha, canary, lts, current, rolling.

    ## References
    - [Compose: image](https://docs.docker.com/reference/compose-file/services/#image)
    """

    code = "DC001"
    name = "compose-image-tag"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "compose"
    aliases = ("service-image-require-explicit-tag",)

    class Options(Model):
        floating_tags: list[str] = field(default_factory=lambda: list(FLOATING_TAGS))

    def check_compose_service(self, ctx, service):
        image = service.image
        if image is None or not image.resolved or not isinstance(image.effective, str) or not image.effective:
            return
        tag, digest = image_tag(image.effective.strip())
        if digest is not None:
            return
        if tag is None:
            yield Violation(image.span, f"image {image.effective} of service {service.name} has no tag, so Compose pulls latest; pin a version")
        elif tag.lower() in {floating.lower() for floating in self.options.floating_tags}:
            yield Violation(image.span, f"image {image.effective} of service {service.name} uses the floating tag {tag}; pin a version")
