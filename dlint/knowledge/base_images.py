"""What base images are: toolchain images and their runtime-only variants, slim variants,
images that run as a non-root user, dev container images, floating tags (DF010,
DF015–DF017, DF019, DC001, DX007).

The facts come from the images' own documentation: the Docker Official Images' pages on
Docker Hub (``python``, ``node``, ``golang``, ``eclipse-temurin``: which tags hold a
compiler, which are ``-slim``/``-alpine``/``-jre``), Microsoft's .NET image docs (SDK vs
runtime, chiseled and distroless tags), distroless and Chainguard docs (``nonroot`` users),
the images' own Dockerfiles (Jupyter, Bitnami, Jenkins: a non-root ``USER``).

Image names are judged as written (after ARG substitution): an image whose reference is not
fully known (``FROM ${BASE}`` without a default) is never classified, so the rules that use
these facts stay silent about it. The chain of stages an image is built on is read by
:mod:`dlint.views.dockerfile.image_chain`."""

from __future__ import annotations

from dlint.models.dockerfile import ImageRef, Stage
from dlint.regex import regex
from dlint.views.dockerfile.image_chain import base_image, chain_instructions, runs_programs

_DOCKER_HUB = frozenset({None, "docker.io", "index.docker.io", "registry-1.docker.io"})


def busybox_shell(repository: str | None, tag: str | None) -> bool:
    """Whether an image's ``/bin/sh`` is BusyBox's ash: Alpine and BusyBox images and
    the variants built on them (``python:3.12-alpine``, ``node:22-alpine3.20``)."""
    name = (repository or "").lower().rsplit("/", 1)[-1]
    return name in ("alpine", "busybox") or name.endswith("-alpine") or "alpine" in (tag or "").lower()


def official_name(image: ImageRef) -> str | None:
    """``python`` for ``python:3.12``, ``docker.io/library/python``; the path for
    other Docker Hub images (``bitnami/redis``); None for other registries or
    a reference that is not known."""
    if not image.resolved or not image.repository or image.registry not in _DOCKER_HUB:
        return None
    repository = image.repository.lower()
    return repository.removeprefix("library/")


# -- toolchain images -----------------------------------------------------------------------

#: Docker Hub images that are compilers or build tools → what to run the result on
TOOLCHAINS = {
    "golang": "a `scratch`, `gcr.io/distroless/static` or `alpine` stage",
    "rust": "a `debian:<version>-slim` or distroless stage",
    "maven": "an `eclipse-temurin:<version>-jre` stage",
    "gradle": "an `eclipse-temurin:<version>-jre` stage",
    "gcc": "a `debian:<version>-slim` stage",
    "buildpack-deps": "a `debian:<version>-slim` stage",
}

_JDK_TAG = regex(r"(^|[-.])jdk([-.]|$)")
_JRE_TAG = regex(r"(^|[-.])jre([-.]|$)")
_DOTNET_SDK = regex(r"^dotnet/(core/)?sdk$")
#: Java images whose plain version tags (``21``, ``21-alpine``) are JDKs
_JDK_UNLESS_JRE = frozenset({
    "openjdk", "eclipse-temurin", "amazoncorretto", "sapmachine", "azul/zulu-openjdk", "azul/zulu-openjdk-alpine",
    "azul/zulu-openjdk-debian", "bellsoft/liberica-openjdk-alpine", "bellsoft/liberica-openjdk-debian",
})  # fmt: skip
#: programs that show the toolchain itself is what the image runs (a development image)
TOOLCHAIN_PROGRAMS = frozenset(
    {
        "go", "air", "cargo", "rustc", "mvn", "mvnw", "gradle", "gradlew", "gcc", "g++", "cc", "make",
        "cmake", "javac", "jshell", "dotnet-watch",
    }
)  # fmt: skip


def toolchain_advice(image: ImageRef) -> str | None:
    """For a compiler/SDK image, what the built program could run on instead; None otherwise."""
    name = official_name(image)
    tag = (image.tag or "").lower()
    if name in TOOLCHAINS:
        return TOOLCHAINS[name]
    if name in _JDK_UNLESS_JRE and image.tag is not None:
        # these images' plain version tags are JDKs; a JRE says so in its tag
        if _JDK_TAG.search(tag) or (not _JRE_TAG.search(tag) and _version_like(tag)):
            return "an `eclipse-temurin:<version>-jre` stage"
    if name == "ibm-semeru-runtimes" and _JDK_TAG.search(tag):
        return "an `ibm-semeru-runtimes:open-<version>-jre` stage"
    if image.registry == "mcr.microsoft.com" and (image.repository or "").lower() == "openjdk/jdk":
        return "an `eclipse-temurin:<version>-jre` stage"
    if image.registry == "mcr.microsoft.com" and image.resolved and _DOTNET_SDK.match((image.repository or "").lower()):
        return "an `mcr.microsoft.com/dotnet/aspnet` or `dotnet/runtime` stage"
    return None


def _version_like(tag: str) -> bool:
    return tag[:1].isdigit() or tag == "latest"


# -- images that do not run as root ---------------------------------------------------------


#: namespaces whose images set a non-root USER, on any registry (path prefix → source)
_NON_ROOT_NAMESPACES = {
    # jupyter/docker-stacks (Docker Hub and quay.io): every image ends with USER ${NB_UID} (jovyan, 1000)
    "jupyter/": "https://jupyter-docker-stacks.readthedocs.io/en/latest/using/common.html#user-related-configurations",
    # Bitnami containers run as 1001 ("non-root container images")
    "bitnami/": "https://docs.bitnami.com/kubernetes/faq/configuration/use-non-root/",
}
#: images of those namespaces that run as root all the same
_ROOT_IN_NON_ROOT_NAMESPACES = frozenset({"bitnami/minideb"})  # a plain Debian base image
#: single images that end with a non-root USER (their Dockerfiles: github.com/jenkinsci/docker,
#: github.com/jenkinsci/docker-agent); jenkins/ssh-agent runs sshd as root and is not one
_NON_ROOT_IMAGES = frozenset({"jenkins/jenkins", "jenkins/agent", "jenkins/inbound-agent"})


def dev_container_image(image: ImageRef) -> bool:
    """Microsoft's dev container images (``mcr.microsoft.com/devcontainers/*``, formerly
    ``mcr.microsoft.com/vscode/devcontainers/*``): their ``devcontainer.metadata`` label
    sets ``remoteUser`` to a non-root user (``vscode``, ``node``…), so a dev container
    built on them works as that user (https://github.com/devcontainers/images)."""
    repository = (image.repository or "").lower()
    return (image.registry or "").lower() == "mcr.microsoft.com" and repository.startswith(
        ("devcontainers/", "vscode/devcontainers/")
    )


def runs_as_non_root(image: ImageRef) -> bool:
    """Images known to set a non-root USER themselves; node images do not (they only
    ship a ``node`` user and run as root).

    - distroless ``:nonroot`` and ``:debug-nonroot`` tags (user 65532,
      https://github.com/GoogleContainerTools/distroless#debug-images)
    - .NET 8+ ``chiseled`` and ``distroless`` tags on mcr.microsoft.com (user ``app``,
      https://learn.microsoft.com/dotnet/core/docker/container-images#distroless-images)
    - Chainguard (``cgr.dev``) images but their ``-dev`` tags, which run as root
      (https://edu.chainguard.dev/chainguard/chainguard-images/overview/)
    - Jupyter docker-stacks (``jupyter/*``, ``quay.io/jupyter/*``) and Bitnami images
      (:data:`_NON_ROOT_NAMESPACES`), Jenkins' controller and agent images (``USER jenkins``)
    - ``*-unprivileged`` variants (``nginxinc/nginx-unprivileged``)
    """
    repository = (image.repository or "").lower()
    tag = (image.tag or "").lower()
    registry = (image.registry or "").lower()
    if "nonroot" in tag or "chiseled" in tag:
        return True
    if registry == "mcr.microsoft.com" and repository.startswith("dotnet/") and "distroless" in tag:
        return True
    if registry == "cgr.dev" or registry.endswith(".cgr.dev"):
        return not (tag == "dev" or tag.endswith("-dev"))
    if repository in _NON_ROOT_IMAGES:
        return True
    if repository not in _ROOT_IN_NON_ROOT_NAMESPACES and repository.startswith(tuple(_NON_ROOT_NAMESPACES)):
        return True
    return repository.endswith("-unprivileged")


def unknown_image(image: ImageRef) -> bool:
    """The reference depends on a variable without a known value."""
    return not image.resolved


# -- full and slim variants -------------------------------------------------------------

#: official images with a smaller variant for running an application
SLIM_VARIANTS = frozenset({"python", "node", "ruby", "perl", "debian", "openjdk"})
_SMALL_MARKERS = ("slim", "alpine", "windowsservercore", "nanoserver", "distroless", "minimal")
#: debian tags without a -slim twin
_DEBIAN_WITHOUT_SLIM = frozenset({"experimental", "rc-buggy"})
_CODENAME = regex(r"^(?P<version>.*?)-?(?P<codename>bookworm|bullseye|buster|trixie|stretch|jessie)$")


def slimmer_reference(image: ImageRef) -> str | None:
    """A smaller variant of an official runtime image with an explicit tag, as
    Markdown (```python:3.12-slim```); None when it already is one or none is known."""
    name = official_name(image)
    tag = image.tag
    if name not in SLIM_VARIANTS or not tag or image.digest or tag.lower() == "latest":
        return None
    lowered = tag.lower()
    if any(marker in lowered for marker in _SMALL_MARKERS):
        return None
    if name == "openjdk":
        if not _JRE_TAG.search(lowered):
            return None  # a JDK: a toolchain (DF016)
        return f"`openjdk:{tag}-slim` or `eclipse-temurin:<version>-jre`"
    if name == "debian":
        return None if lowered in _DEBIAN_WITHOUT_SLIM else f"`debian:{tag}-slim`"
    match = _CODENAME.match(tag)
    if name == "node":
        # node puts -slim last: 22-bookworm-slim, bookworm-slim, 22-slim
        version = match.group("version") if match else tag
        return f"`node:{tag}-slim` or `node:{version + '-' if version else ''}alpine`"
    if match and match.group("version"):
        return f"`{name}:{match.group('version')}-slim-{match.group('codename')}`"
    if match:
        return f"`{name}:slim-{match.group('codename')}`"
    return f"`{name}:{tag}-slim`"


# -- node used only to build -------------------------------------------------------------

_BUILD_SCRIPT = regex(r"\b(npm|pnpm|yarn|bun)\s+(run\s+)?(build|export|generate)\b")
#: programs that run a Node.js application (or serve one with a Node.js server)
NODE_PROGRAMS = frozenset(
    {"node", "nodejs", "npm", "npx", "yarn", "pnpm", "bun", "tsx", "ts-node", "pm2", "pm2-runtime", "next", "nuxt",
     "serve", "http-server", "nodemon", "docker-entrypoint.sh"}
)  # fmt: skip


def node_only_builds(chain: list[Stage]) -> bool:
    """The image is on ``node``, runs a build script, and then starts something
    that is not Node.js (``nginx``, a compiled binary): Node.js was only needed
    to build."""
    image = base_image(chain)
    if image is None or official_name(image) != "node":
        return False
    programs = runs_programs(chain)
    if not programs or any(program in NODE_PROGRAMS for program in programs):
        return False
    return any(_BUILD_SCRIPT.search(run.text) for run in chain_instructions(chain, "RUN"))


FLOATING_TAGS = ("latest", "stable", "edge", "nightly", "dev", "beta", "alpha", "canary", "lts", "current", "rolling")


def image_tag(reference: str) -> tuple[str | None, str | None]:
    """``(tag, digest)`` of an image reference (None when absent)."""
    name, _, digest = reference.partition("@")
    slash = name.rfind("/")
    colon = name.rfind(":")
    tag = name[colon + 1 :] if colon > slash else None
    return tag, digest or None
