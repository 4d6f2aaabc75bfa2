"""DF017: the final image is a full variant where a slim one exists."""

from __future__ import annotations

from pathlib import PurePath

from dlint.engine.rule import Rule
from dlint.knowledge.base_images import node_only_builds, slimmer_reference
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.dockerfile.image_chain import base_image, final_chain

#: words of a file or stage name that mark a development environment
#: (``Dockerfile.dev``, ``dev.Dockerfile``, a final stage ``dev-envs`` of Docker
#: Dev Environments, ``development``)
_DEV_WORDS = frozenset({"dev", "devel", "develop", "development", "devcontainer", "devenv"})
_NAME_WORDS = regex(r"[^a-z0-9]+")


def _dev_words(name: str) -> bool:
    return any(word in _DEV_WORDS for word in _NAME_WORDS.split(name.lower()))


def dev_environment(path: str, final_stage_name: str | None) -> bool:
    """A Dockerfile for a development container: under ``.devcontainer/``, a
    file named for development (``Dockerfile.dev``, ``dev.Dockerfile``) or a
    final stage named so (``development``, ``dev-envs``)."""
    pure = PurePath(path.replace("\\", "/"))
    if ".devcontainer" in pure.parts[:-1]:
        return True
    return _dev_words(pure.name) or (final_stage_name is not None and _dev_words(final_stage_name))


class FullRuntimeImage(Rule):
    """The final image uses a full image variant where a slim one exists.

    ## Why is this bad?
    The default tags of `python`, `node`, `ruby`, `perl` and `debian` (and the
    old `openjdk` JRE tags) include compilers, headers and hundreds of packages
    an application does not run with; the `-slim` variants (and `-alpine` for
    `node`) hold the same runtime in a fraction of the size, with fewer
    packages to patch. Use the full variant in a build stage when you compile
    native extensions, and the slim one for the final image.

    Only the final image is judged. Images without a slim twin (`ubuntu`,
    `eclipse-temurin`) are not reported, nor toolchain images (`golang`, JDKs)
    and `node` images that only build, which DF016 reports. Development
    containers want the full variant and are not reported either: a file
    under `.devcontainer/`, named for development (`Dockerfile.dev`,
    `dev.Dockerfile`) or whose final stage is (`development`, `dev-envs`).

    ## Example
    ```dockerfile
    FROM python:3.12
    COPY . /app
    CMD ["python", "/app/main.py"]
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    COPY . /app
    CMD ["python", "/app/main.py"]
    ```

    ## References
    - [Docker Official Images: image variants](https://hub.docker.com/_/python#image-variants)
    """

    code = "DF017"
    name = "full-runtime-image"
    severity = Severity.INFO
    category = "performance"
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        chain = final_chain(ctx.dockerfile)
        image = base_image(chain)
        if image is None or not image.resolved or node_only_builds(chain):
            return  # unknown, or DF016's finding
        if dev_environment(ctx.path, chain[0].name):
            return
        slimmer = slimmer_reference(image)
        if slimmer is not None:
            yield Violation(chain[-1].from_instruction.image.span, f"{image.raw} is the full variant: the final image can use {slimmer}")
