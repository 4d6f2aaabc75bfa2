"""DF041: a FROM image without a digest, under the opt-in digest policy."""

from dlint.engine.rule import Rule
from dlint.knowledge.digest_policy import DigestPolicy, exempt
from dlint.models.finding import Severity, Violation


class BaseImageNotPinnedByDigest(Rule):
    """Base image is not pinned by digest (opt-in policy).

    ## Why is this bad?
    A tag, even a version tag such as `python:3.12.7-slim`, is a pointer the
    publisher moves: rebuilt images for security fixes, or a compromised
    account, put different content under the same name. A digest
    (`@sha256:…`) names one exact image, so every build starts from the same
    bytes and a changed base shows up as a change in the repository
    (Renovate and Dependabot update digests for you).

    This is a policy, off by default: pinned digests must be kept up to date
    by a bot or by hand, or images miss their base's security fixes — whether
    that trade is worth it is a team's decision. Turn it on with
    `extend-select = ["DF041"]`, or with the whole `hardening` group
    (`extend-select = ["hardening"]`, which holds the Compose side too). Stage names, `scratch` and references whose
    value is unknown (`FROM ${BASE}` without a default) are not reported; a
    reference with a tag and a digest (`node:22@sha256:…`) passes. Whether a
    digest is current needs a registry and is not checked.

    The Compose side of the same policy (a service's `image:`, DC070) reads
    the same options model: give both rules the same `exempt-images` list.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim@sha256:2f6b8e4d1a7c9e3b5d0f2a4c6e8b1d3f5a7c9e0b2d4f6a8c1e3b5d7f9a0c2e4b
    ```

    ## Options
    - `exempt-images` (list of glob patterns): image names that need no
      digest, such as images the same pipeline builds (`ghcr.io/acme/*`).
      Matched against the name without tag (official images also as
      `library/python` and `docker.io/library/python`) and against the whole
      reference. Default: none.

    ## References
    - [Docker docs: pin base image versions](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
    - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    """

    code = "DF041"
    name = "base-image-not-pinned-by-digest"
    severity = Severity.INFO
    category = "hardening"
    security_severity = 3.0
    kind = "dockerfile"
    default_enabled = False
    instructions = frozenset({"FROM"})
    Options = DigestPolicy

    def check_instruction(self, ctx, instruction):
        image = instruction.image
        if not image.resolved or not image.value or image.stage is not None or image.is_scratch or image.digest:
            return
        if ctx.dockerfile.stage_named(image.value) is not None:
            return
        if exempt(image.value, self.options.exempt_images):
            return
        yield Violation(image.span, f"{image.value} is not pinned by digest: add `@sha256:…` so every build starts from the same image")
