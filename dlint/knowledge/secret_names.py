"""Variable names that suggest the variable holds a secret (a password, a token, a key).

Shared by the rules that look for secrets in ARG and ENV, so that they agree on
what counts as a secret name.
"""

from __future__ import annotations

from functools import lru_cache

from dlint.regex import regex

#: fragments that mark a secret wherever they appear in a lower-cased name
SECRET_FRAGMENTS = (
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "api_key",
    "apikey",
    "access_key",
    "accesskey",
    "private_key",
    "privatekey",
    "client_key",
    "auth_key",
    "credential",
)

#: any of :data:`SECRET_FRAGMENTS` (one search instead of one per fragment)
_SECRET_FRAGMENT = regex("|".join(SECRET_FRAGMENTS))

#: last words of names that hold where a secret is, not the secret itself
#: (``POSTGRES_PASSWORD_FILE=/run/secrets/db`` is the recommended pattern;
#: ``*_CONFIG`` names a configuration file, ``VAULT_TOKEN_CONFIG=/etc/vault.hcl``)
LOCATION_SUFFIXES = frozenset({"file", "path", "dir", "url", "uri", "endpoint", "location", "config", "conf", "cfg"})

#: a file-system path: absolute, relative to ``.``/``..``/``~`` or to a variable, one word
_PATH_VALUE = regex(r"(?:/|\.{1,2}/|~/|\$\{?\w+\}?/)[^\s]*")

_WORD_BREAK = regex(r"[_\-.]+|(?<=[a-z0-9])(?=[A-Z])")


def words_of(name: str) -> list[str]:
    """``DB_PASSWORD_FILE`` and ``dbPasswordFile`` both give ``["db", "password", "file"]``."""
    return list(_words(name))


@lru_cache(maxsize=1024)
def _words(name: str) -> tuple[str, ...]:
    """:func:`words_of`, kept for the names asked again (the rules ask about each
    variable name several times, and the split tries every position of it)."""
    return tuple(word.lower() for word in _WORD_BREAK.split(name) if word)


def looks_like_path(value: str) -> bool:
    """True for ``/run/secrets/db``, ``./keys/api.pem``, ``$HOME/.token``: where a
    secret is kept, not the secret."""
    return _PATH_VALUE.fullmatch(value) is not None


def is_secret_name(name: str) -> bool:
    """True for ``AWS_SECRET_ACCESS_KEY``, ``npmToken``, ``my_password``; False for
    ``foobar``, ``PASSWORD_FILE``, ``TOKEN_URL``."""
    words = words_of(name)
    if not words or words[-1] in LOCATION_SUFFIXES:
        return False
    joined = "_".join(words)
    return _SECRET_FRAGMENT.search(joined) is not None
