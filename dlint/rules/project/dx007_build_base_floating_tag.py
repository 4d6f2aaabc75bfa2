"""DX007: a Dockerfile that a Compose service builds starts FROM a floating tag."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.knowledge.base_images import FLOATING_TAGS
from dlint.models.base import Model, field
from dlint.models.finding import Severity, Violation

#: tags DL3007 (``latest``) already reports in every Dockerfile
_REPORTED_ELSEWHERE = frozenset({"latest"})


def _variables(text: str) -> set[str]:
    return {match.group(1) or match.group(2) for match in re.finditer(r"\$\{([A-Za-z_][A-Za-z0-9_]*)|\$([A-Za-z_][A-Za-z0-9_]*)", text)}


class BuildBaseFloatingTag(Rule):
    """A Dockerfile the project builds starts from a floating tag such as `lts` or `stable`.

    ## Why is this bad?
    The Compose side of a project is held to one tag policy (DC001: no
    `latest`, `stable`, `edge`, `nightly`… for `image:`); an image that is
    built instead of pulled escapes it when its Dockerfile says
    `FROM node:lts`. A floating tag moves: the same commit builds on a
    different base from one week to the next. This rule applies the same
    `floating-tags` list to the `FROM` lines of every Dockerfile a service
    builds, and points at the `FROM` in the Dockerfile.

    `latest` and missing tags are left to DL3007 and DL3006, which report them
    in any Dockerfile; a digest pins the image whatever the tag; a tag that
    comes from an `ARG` is not judged when a service building the Dockerfile
    passes that argument in `build.args` (the build then uses another value).

    ## Example
    ```dockerfile Dockerfile
    FROM node:lts-slim AS build
    RUN npm ci
    FROM nginx:stable-alpine
    COPY --from=build /app/dist /usr/share/nginx/html
    ```
    ```yaml
    services:
      web:
        build: .
        image: acme/web:1.4.2
    ```

    ## Use instead
    ```dockerfile Dockerfile
    FROM node:22.11-slim AS build
    RUN npm ci
    FROM nginx:1.27-alpine
    COPY --from=build /app/dist /usr/share/nginx/html
    ```
    ```yaml
    services:
      web:
        build: .
        image: acme/web:1.4.2
    ```

    ## Options
    - `floating-tags` (list of strings): tags treated as floating. Default:
      the same list as DC001 (latest, stable, edge, nightly, dev, beta, alpha,
      canary, lts, current, rolling). Set both rules' option to the same
      list to keep one policy. A tag counts when it is one of these or starts
      with one followed by `-` (`lts-slim`, `stable-alpine`).

    ## References
    - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    - [Compose Build Specification](https://docs.docker.com/reference/compose-file/build/)
    """

    code = "DX007"
    name = "build-base-floating-tag"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "project"
    markers = frozenset({'build'})

    class Options(Model):
        floating_tags: list[str] = field(default_factory=lambda: list(FLOATING_TAGS))

    def check_project(self, ctx):
        floating = {tag.lower() for tag in self.options.floating_tags} - _REPORTED_ELSEWHERE
        if not floating:
            return
        passed: dict[str, set[str]] = {}  # Dockerfile path → build args its services pass
        models = {}
        for name, found in ctx.builds.items():
            if found.model is None or found.dockerfile is None:  # dockerfile_inline: nothing to point at
                continue
            models[found.dockerfile] = found.model
            args = ctx.project.services[name].build.args or {}
            passed.setdefault(found.dockerfile, set()).update(args)
        for key, dockerfile in models.items():
            for stage in dockerfile.stages:
                image = stage.image
                if not image.resolved or image.stage is not None or image.is_scratch or image.digest or not image.tag:
                    continue
                tag = image.tag.lower()
                word = tag.split("-", 1)[0]
                if tag not in floating and word not in floating:
                    continue
                if "$" in image.raw and _variables(image.raw) & passed[key]:
                    continue
                span = image.span
                if image.raw == image.value and image.raw.endswith(f":{image.tag}"):
                    span = dockerfile.lines.span(span.end - len(image.tag), span.end)
                yield Violation(
                    span,
                    f"{image.value} uses the floating tag {image.tag}: the base changes whenever the tag moves; pin a version",
                    path=dockerfile.path,
                )
