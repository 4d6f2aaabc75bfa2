"""The digest pinning policy: which image references must carry an ``@sha256:`` digest
(DF041 for ``FROM``; the Compose ``image:`` rule applies the same model).

A digest names one exact image content; a tag, even a version tag, is a pointer the
publisher may move (Docker docs, "Pin base image versions"; CIS Docker Benchmark 4.x
treats the image's provenance as the user's to fix). The policy is opt-in: a rule
using it is off by default, and :class:`DigestPolicy` is the options model every such
rule declares (``Options = DigestPolicy``), so the Dockerfile and the Compose rule read
the same keys:

- ``exempt-images``: glob patterns (``fnmatch``, ``*`` crosses ``/``) of image names
  that need no digest, such as the images the same pipeline builds and pushes
  (``ghcr.io/acme/*``). A pattern is matched against the name without tag or digest
  (``ghcr.io/acme/api``; Docker Hub official images also as ``library/python`` and
  ``docker.io/library/python``) and against the whole reference as written.

Set the same list under both codes in ``[tool.dlint.options]`` to keep one policy."""

from __future__ import annotations

from fnmatch import fnmatchcase

from dlint.models.base import Model, field


class DigestPolicy(Model):
    """Options of the digest pinning rules."""

    exempt_images: list[str] = field(default_factory=list)


def image_names(reference: str) -> list[str]:
    """The names a pattern is matched against, for an image reference written as
    ``reference`` (``python:3.12``, ``ghcr.io/acme/api:1.2``)."""
    name = reference.partition("@")[0]
    slash = name.rfind("/")
    colon = name.rfind(":")
    if colon > slash:
        name = name[:colon]
    names = [reference, name]
    first = name.split("/", 1)[0]
    hosted = "/" in name and ("." in first or ":" in first or first == "localhost")
    if not hosted:
        path = name if "/" in name else f"library/{name}"
        names += [path, f"docker.io/{path}"]
    return names


def exempt(reference: str, patterns: list[str]) -> bool:
    """Whether ``reference`` matches one of the ``exempt-images`` patterns."""
    if not patterns:
        return False
    names = image_names(reference)
    return any(fnmatchcase(name, pattern) for pattern in patterns for name in names)
