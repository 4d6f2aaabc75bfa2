"""DL3007: FROM an image with the ``latest`` tag."""

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation


class LatestTag(Rule):
    """Base image uses the `latest` tag.

    ## Why is this bad?
    `latest` is just the tag an image publisher moved last; it is not a
    version. A build that says `:latest` silently changes whenever the image is
    republished, which makes builds unrepeatable and hides the base image
    version from readers. Name the version you tested with.

    A `latest` tag together with a digest (`image:latest@sha256:…`) is not
    reported: the digest pins the image. The reference is checked after `ARG`
    substitution.

    ## Example
    ```dockerfile
    FROM node:latest
    ```

    ## Use instead
    ```dockerfile
    FROM node:22-alpine
    ```

    ## References
    - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    """

    code = "DL3007"
    name = "latest-tag"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"FROM"})

    def check_instruction(self, ctx, instruction):
        image = instruction.image
        if not image.resolved or image.stage is not None or image.digest or image.tag != "latest":
            return
        span = image.span
        if image.raw == image.value and image.raw.endswith(":latest"):  # point at the tag itself
            span = ctx.span(span.end - len("latest"), span.end)
        yield Violation(span, f"{image.value} uses the latest tag: name the version you build on")
