"""Base images that hold no shell (DF048), from their publishers' docs:

- Google's distroless images (``gcr.io/distroless/*``): "no shell, no package manager";
  only the ``:debug`` tags (``debug``, ``debug-nonroot``, ``<lang>:debug``) add BusyBox's
  ``sh`` (https://github.com/GoogleContainerTools/distroless#debug-images).
- Microsoft's .NET ``chiseled`` and ``distroless`` tags on ``mcr.microsoft.com/dotnet/``:
  no shell, no package manager
  (https://learn.microsoft.com/dotnet/core/docker/container-images#distroless-images);
  ``-extra`` variants add libraries, not a shell.

``scratch`` is empty and is judged by the stage view itself. Chainguard images are left out:
some of their tags carry a shell and the tag does not always say which."""

from __future__ import annotations

from dlint.models.dockerfile import ImageRef


def without_shell(image: ImageRef) -> bool:
    """Whether ``image`` (resolved, not a stage) surely has no ``/bin/sh``."""
    if not image.resolved or image.stage is not None or image.is_scratch or not image.repository:
        return False
    registry = (image.registry or "").lower()
    repository = image.repository.lower()
    tag = (image.tag or "latest").lower()
    if registry == "gcr.io" and repository.startswith("distroless/"):
        return "debug" not in tag
    if registry == "mcr.microsoft.com" and repository.startswith("dotnet/"):
        return "chiseled" in tag or "distroless" in tag
    return False
