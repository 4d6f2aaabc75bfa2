"""DC001: a service image without an explicit tag or with a floating one."""

from dataclasses import field

from dlint.engine.rule import Rule
from dlint.models.base import Model
from dlint.models.finding import Severity, Violation
from dlint.rules._compose_images import split_reference
from dlint.rules._compose_values import text_of


FLOATING_TAGS = ("latest", "stable", "edge", "nightly", "dev", "beta", "alpha", "canary", "lts", "current", "rolling")


#: ``pull_policy`` values under which Compose never pulls the image, it builds it
#: (Compose Specification, services.pull_policy)
_BUILD_POLICIES = frozenset({"never", "build"})


def image_tag(reference: str) -> tuple[str | None, str | None]:
    """``(tag, digest)`` of an image reference (None when absent)."""
    name, _, digest = reference.partition("@")
    slash = name.rfind("/")
    colon = name.rfind(":")
    tag = name[colon + 1 :] if colon > slash else None
    return tag, digest or None


def _built_here(ctx, service, reference: str, tag: str | None, floating: set[str]) -> bool:
    """The service builds the image it names: ``build`` with a ``pull_policy`` that never
    pulls, or (pulled only when missing) a name with no registry host and no tag or a
    floating one: Compose builds it when no registry serves it, the tag only names the build."""
    project = ctx.surroundings.get("compose_project")
    merged = (project.services.get(service.name) if project is not None else None) or service
    if merged.build is None:
        return False
    policy = (text_of(merged.pull_policy) or "missing").lower()
    if policy in _BUILD_POLICIES:
        return True
    if policy not in ("missing", "if_not_present"):
        return False  # ``always``, ``daily``…: a registry is expected to serve it
    registry, _ = split_reference(reference)
    return registry is None and (tag is None or tag.lower() in floating)


class ComposeImageTag(Rule):
    """Service image has no explicit tag, or a floating one such as `latest`.

    ## Why is this bad?
    Without a tag Compose pulls `latest`, and `latest`-style tags (`stable`,
    `edge`, `nightly`…) move: the same file starts a different image from one
    day to the next, so a working setup can break, or change behaviour,
    without any change in the repository. A version tag (or a digest) makes
    what runs reproducible and reviewable. Images written with a variable are
    judged by the value from `.env`/`--env-file`; when that value is unknown
    the service is not reported. An image the project builds itself is not
    reported: a service with `build` and a `pull_policy` of `never` or
    `build`, or with `build` and an image name without a registry host and
    without a version tag (`image: myapp-dev`), which only names the local
    build: Compose builds it when no registry serves it. An image with a
    registry host (`ghcr.io/acme/api`), or with `pull_policy: always`, is
    pulled from a registry and is still reported.

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
        reference = image.effective.strip()
        tag, digest = image_tag(reference)
        floating = {name.lower() for name in self.options.floating_tags}
        if digest is not None or _built_here(ctx, service, reference, tag, floating):
            return
        if tag is None:
            yield Violation(image.span, f"image {image.effective} of service {service.name} has no tag, so Compose pulls latest; pin a version")
        elif tag.lower() in floating:
            yield Violation(image.span, f"image {image.effective} of service {service.name} uses the floating tag {tag}; pin a version")
