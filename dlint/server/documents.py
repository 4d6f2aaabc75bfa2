"""The editor buffers dlint lints: their kind and the path they are linted as."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

#: language ids that make a buffer a Dockerfile / a Compose file whatever its name
DOCKERFILE_LANGUAGES = frozenset({"dockerfile", "containerfile"})
COMPOSE_LANGUAGES = frozenset({"dockercompose", "docker-compose", "yaml.docker-compose", "compose"})


@dataclass
class Document:
    """One open buffer dlint lints."""

    uri: str
    kind: str  # "dockerfile" or "compose"
    path: Path | None  # the file on disk it is (absolute, resolved); None for an unsaved buffer
    shown: str  # the path findings carry
    text: str
    version: int | None = None


def path_of(uri: str) -> Path | None:
    """The file a ``file:`` URI names (resolved), else None."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    from pygls.uris import to_fs_path

    path = to_fs_path(uri)
    if not path:
        return None
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(path).absolute()


def name_of(uri: str) -> str:
    return PurePosixPath(unquote(urlparse(uri).path)).name or "Dockerfile"


def kind_of(uri: str, language_id: str | None) -> str | None:
    """"dockerfile", "compose" or None (a buffer dlint leaves alone): the language id
    decides for Dockerfiles and Compose files, a YAML buffer is Compose when its name
    is one of Compose's, and any other buffer by its name as ``dlint check`` finds files
    (the server also takes the files the settings name in ``compose-files``)."""
    from dlint.engine.discovery import file_kind

    language = (language_id or "").lower()
    name = name_of(uri)
    if language in DOCKERFILE_LANGUAGES:
        return "dockerfile"
    if language in COMPOSE_LANGUAGES:
        return "compose"
    return file_kind(name)


def make_document(uri: str, language_id: str | None, text: str, version: int | None = None) -> Document | None:
    kind = kind_of(uri, language_id)
    if kind is None:
        return None
    path = path_of(uri)
    return Document(uri, kind, path, str(path) if path is not None else name_of(uri), text, version)
