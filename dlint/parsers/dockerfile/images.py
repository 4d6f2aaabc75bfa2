"""Image references: ``[registry/]path[:tag][@digest]``."""

from __future__ import annotations

from typing import Any


def split_reference(value: str) -> dict[str, Any]:
    """Registry, repository, tag and digest of an image reference.

    The first path component is a registry when it contains ``.`` or ``:`` or
    is ``localhost`` (Docker's rule); Docker Hub images have no registry.
    """
    fields: dict[str, Any] = {"registry": None, "repository": None, "tag": None, "digest": None}
    if not value:
        return fields
    name = value
    if "@" in name:
        name, fields["digest"] = name.split("@", 1)
    slash = name.rfind("/")
    colon = name.rfind(":")
    if colon > slash:
        name, fields["tag"] = name[:colon], name[colon + 1 :]
    first, _, rest = name.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost"):
        fields["registry"] = first
        name = rest
    fields["repository"] = name or None
    return fields
