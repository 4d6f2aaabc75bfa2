"""DF060: a FROM image that the configured base-image policy does not allow."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.image_policy import ImagePolicyOptions, verdict
from dlint.models.finding import Severity, Violation


class BaseImagePolicy(Rule):
    """Base image is not allowed by the configured base-image policy.

    ## Why is this bad?
    Many teams build only on images they vet: a hardened in-house base, the
    official images of one registry, no end-of-life releases. Written in a wiki,
    such a rule is forgotten in the next Dockerfile; written in the config, it
    is checked on every `FROM`. Set `allowed-base-images` (globs one of which
    every base image must match) and/or `denied-base-images` (globs no base
    image may match; a denied image is reported even when an allowed glob
    matches it too). The message names the glob and the config file that set it.

    The rule is on by default but does nothing until one of the two settings
    is given, so configuring a policy is what turns it on (`ignore = ["DF060"]`
    still turns it off). The same settings apply to Compose `image:` (DC080).

    The image is judged after `ARG` substitution (`FROM ${BASE}` with
    `ARG BASE=python:3.12` is `python:3.12`); a reference that holds a variable
    without a known value, `scratch` and earlier stages (`FROM build`) are not
    judged. A glob is matched, whatever the case, against the reference as
    written and fully qualified, with and without its tag and digest: `python`
    matches every `python` image, `python:3.12*` its 3.12 tags,
    `docker.io/library/*` every Docker Official Image, `ghcr.io/acme/*` every
    image under `ghcr.io/acme` (`*` matches `/` and `:` too).

    ## Example
    ```toml
    [tool.dlint]
    allowed-base-images = ["registry.acme.example/base/*"]
    denied-base-images = ["*:latest"]
    ```
    ```dockerfile
    FROM node:22-alpine AS build
    RUN npm ci && npm run build
    FROM registry.acme.example/base/nginx:latest
    COPY --from=build /app/dist /usr/share/nginx/html
    ```

    ## Use instead
    ```toml
    [tool.dlint]
    allowed-base-images = ["registry.acme.example/base/*"]
    denied-base-images = ["*:latest"]
    ```
    ```dockerfile
    FROM registry.acme.example/base/node:22-alpine AS build
    RUN npm ci && npm run build
    FROM registry.acme.example/base/nginx:1.27
    COPY --from=build /app/dist /usr/share/nginx/html
    ```

    ## Options
    - `allowed-base-images` (list of globs, top-level setting; default empty:
      any image is allowed): every base image must match one of them.
    - `denied-base-images` (list of globs, top-level setting; default empty):
      no base image may match one of them.

    ## References
    - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    - [Docker Official Images](https://docs.docker.com/docker-hub/image-library/trusted-content/)
    """

    code = "DF060"
    name = "base-image-policy"
    severity = Severity.WARNING
    category = "security"
    security_severity = 5.0
    cis = ("4.2",)  # use trusted base images
    kind = "dockerfile"
    instructions = frozenset({"FROM"})
    Options = ImagePolicyOptions
    configured_by = frozenset({"allowed_base_images", "denied_base_images"})

    def check_instruction(self, ctx, instruction):
        options = self.options
        if not options.allowed_base_images and not options.denied_base_images:
            return
        image = instruction.image
        if not image.resolved or not image.value or image.is_scratch or image.stage is not None:
            return
        reason = verdict(image.value, options)
        if reason is not None:
            yield Violation(image.span, f"base image {image.value} {reason}")
