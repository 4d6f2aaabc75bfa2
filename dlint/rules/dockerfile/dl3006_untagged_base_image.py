"""DL3006: FROM an image without a tag."""

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation


class UntaggedBaseImage(Rule):
    """Base image has no tag.

    ## Why is this bad?
    Without a tag Docker pulls `latest`, whatever that is on the day of the
    build: two builds of the same Dockerfile can start from different images,
    and a new major version of the base can break the build without any change
    in your repository. Name a version tag (or pin a digest).

    The reference is checked after `ARG` substitution: `FROM ${BASE}` with
    `ARG BASE=python:3.12` is tagged. References whose value is unknown at lint
    time, `scratch`, and names of earlier stages are not reported.

    ## Example
    ```dockerfile
    FROM debian
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12-slim
    ```

    ## References
    - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    - [Image tags](https://docs.docker.com/reference/cli/docker/image/tag/)
    """

    code = "DL3006"
    name = "untagged-base-image"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"FROM"})

    def check_instruction(self, ctx, instruction):
        image = instruction.image
        if not image.resolved or not image.value or image.is_scratch or image.stage is not None:
            return
        if image.tag or image.digest:
            return
        shown = image.value if image.value == image.raw else f"{image.value} (from {image.raw})"
        yield Violation(image.span, f"base image {shown} has no tag: name a version tag so builds are repeatable")
