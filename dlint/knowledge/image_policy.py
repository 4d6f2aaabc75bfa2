"""The base-image policy of DF060 (``FROM``) and DC080 (Compose ``image:``): the
``allowed-base-images`` and ``denied-base-images`` settings, globs on the image
reference, and the ``policy_origins`` every policy rule names in its messages."""

from __future__ import annotations

from fnmatch import fnmatchcase

from dlint.models.base import Model, field

DOCKER_HUB_HOSTS = frozenset({"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"})


class ImagePolicyOptions(Model):
    #: globs an image must match one of (empty: any image is allowed)
    allowed_base_images: list[str] = field(default_factory=list)
    #: globs no image may match
    denied_base_images: list[str] = field(default_factory=list)
    #: config key → where it was set (filled by the engine from the settings)
    policy_origins: dict[str, str] = field(default_factory=dict)


def _forms(reference: str) -> tuple[str, ...]:
    """The spellings a pattern is matched against: the reference as resolved, the same
    without tag and digest, and both fully qualified (``docker.io/library/python:3.12``)."""
    text = reference.strip().lower()
    name, at, digest = text.partition("@")
    head, slash, last = name.rpartition("/")
    repository_part, colon, tag = last.partition(":")
    bare = head + slash + repository_part
    first, sep, rest = bare.partition("/")
    if sep and ("." in first or ":" in first or first == "localhost"):
        host, path = first, rest
    else:
        host, path = "docker.io", bare
    if host in DOCKER_HUB_HOSTS:
        host = "docker.io"
        if "/" not in path:
            path = f"library/{path}"
    qualified = f"{host}/{path}"
    short = path.removeprefix("library/") if host == "docker.io" else qualified
    suffix = (colon + tag) + (at + digest)
    return tuple(dict.fromkeys((text, bare, qualified + suffix, qualified, short + suffix, short)))


def matching(reference: str, patterns: list[str]) -> str | None:
    """The first of ``patterns`` the image ``reference`` matches (None: none). A pattern is a
    glob (``*`` matches any text, ``/`` and ``:`` included; ``?`` one character; ``[...]``
    a set), matched without regard to case against the reference as written and
    fully qualified, with and without its tag and digest: ``python`` matches every
    ``python`` image, ``python:3.12*`` its 3.12 tags, ``ghcr.io/acme/*`` anything under
    ``ghcr.io/acme``, ``docker.io/library/*`` every Docker Official Image."""
    forms = _forms(reference)
    for pattern in patterns:
        lowered = pattern.strip().lower()
        if lowered and any(fnmatchcase(form, lowered) for form in forms):
            return pattern
    return None


def verdict(reference: str, options: ImagePolicyOptions) -> str | None:
    """Why ``reference`` breaks the policy (the end of a message), or None when it does not."""
    origins = options.policy_origins
    denied = matching(reference, options.denied_base_images)
    if denied is not None:
        return f"matches {denied!r} of denied-base-images ({origins.get('denied-base-images', 'the rule options')})"
    if options.allowed_base_images and matching(reference, options.allowed_base_images) is None:
        return f"matches none of allowed-base-images ({origins.get('allowed-base-images', 'the rule options')})"
    return None
