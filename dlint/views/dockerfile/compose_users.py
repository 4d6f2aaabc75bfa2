"""The ``user:`` of the Compose services that build a Dockerfile (the engine puts them in
``ctx.surroundings["compose_users"]``), for the Dockerfile's own user rules.

A service's ``user:`` overrides the image's USER when it runs, so the Compose file is
where the run's user is decided: the Dockerfile's rules stay quiet where it is.
"""

from __future__ import annotations

#: user names and ids that are root
ROOT_USERS = frozenset({"root", "0"})


def _name(user: str) -> str:
    return user.split(":", 1)[0].strip().lower()


def compose_runs_as_user(ctx) -> bool:
    """Every Compose service that builds this file sets a ``user:`` that is not root
    (one whose value is not known counts as set)."""
    users = ctx.surroundings.get("compose_users")
    return bool(users) and all(user is not None and _name(user) not in ROOT_USERS for user in users)


def compose_reports_root(ctx) -> bool:
    """Every Compose service that builds this file sets ``user:`` to root, and DC029
    (which reports that in the Compose file) runs: root either way is one finding, there."""
    users = ctx.surroundings.get("compose_users")
    return (
        bool(users)
        and ctx.surroundings.get("compose_root_reported", False)
        and all(user is not None and user != "" and _name(user) in ROOT_USERS for user in users)
    )
