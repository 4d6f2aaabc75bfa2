"""The user names that mean root inside a container: the name ``root`` and the user
id ``0`` (a ``USER``, ``--chown`` or Compose ``user:`` value's part before any ``:``)."""

from __future__ import annotations

ROOT_USERS = frozenset({"root", "0"})
