"""Instruction flags (``--name=value``) and ``RUN --mount`` options."""

from __future__ import annotations

from dlint.parsers.dockerfile.words import unquote
from dlint.regex import regex

STRING, BOOL = "string", "bool"

#: The flags each instruction accepts, with the kind of value they take.
KNOWN_FLAGS: dict[str, dict[str, str]] = {
    "FROM": {"platform": STRING},
    "RUN": {"mount": STRING, "network": STRING, "security": STRING},
    "COPY": {"from": STRING, "chown": STRING, "chmod": STRING, "link": BOOL, "parents": BOOL, "exclude": STRING},
    "ADD": {
        "chown": STRING,
        "chmod": STRING,
        "link": BOOL,
        "keep-git-dir": BOOL,
        "checksum": STRING,
        "exclude": STRING,
        "parents": BOOL,
        "unpack": BOOL,
    },
    "HEALTHCHECK": {
        "interval": STRING,
        "timeout": STRING,
        "start-period": STRING,
        "start-interval": STRING,
        "retries": STRING,
    },
}

MOUNT_TYPES = frozenset({"bind", "cache", "tmpfs", "secret", "ssh"})
NETWORK_MODES = frozenset({"default", "none", "host"})
BOOL_VALUES = frozenset({"true", "false", "1", "0", "t", "f", "TRUE", "FALSE", "True", "False", "T", "F"})
DURATION = regex(r"(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h)(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))*|0")
CSV_FIELD = regex(r"""(?:[^,"']|"[^"]*"?|'[^']*'?)+""")


def mount_options(raw_value: str, escape: str) -> dict[str, str | None]:
    """The key=value fields of a ``--mount`` value (comma separated, quotes allowed).

    A bare key (``readonly``) maps to None; ``type`` defaults to ``bind``.
    """
    options: dict[str, str | None] = {}
    for match in CSV_FIELD.finditer(raw_value):
        field = match.group().strip()
        if not field:
            continue
        key, equals, value = field.partition("=")
        options[unquote(key, escape).strip().lower()] = unquote(value, escape) if equals else None
    options.setdefault("type", "bind")
    return options


def value_problem(keyword: str, name: str, value: str | None) -> str | None:
    """Why the value of a known flag is wrong, or None."""
    if keyword == "HEALTHCHECK":
        if name == "retries":
            return None if value is not None and value.isascii() and value.isdigit() else f"--retries needs a whole number, not {value!r}"
        if value is not None and DURATION.fullmatch(value) is None:
            return f"--{name} needs a duration such as 30s or 1m30s, not {value!r}"
    if name == "network" and value not in NETWORK_MODES:
        return f"--network must be one of default, none, host, not {value!r}"
    if name == "security" and value not in ("sandbox", "insecure"):
        return f"--security must be sandbox or insecure, not {value!r}"
    return None
