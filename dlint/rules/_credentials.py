"""Recognising credentials written out in text: secret-like names with literal values,
and passwords inside connection URLs. Shared by the Dockerfile and Compose rules so
that both agree on what counts as a secret."""

from __future__ import annotations

import re

from dlint.rules._secret_names import is_secret_name, words_of

#: words that mark a secret only as a whole word of the name (``DB_PWD``, ``BASIC_AUTH``)
SECRET_WORDS = frozenset({"pwd", "pass", "pw", "auth", "credentials", "creds", "passcode", "pin"})
#: words that say the value is meant to be public
PUBLIC_WORDS = frozenset({"public", "publishable", "version", "enabled", "enable", "disabled", "mode", "type", "method"})
#: values that configure rather than authenticate
_NOT_SECRET_VALUES = frozenset({"true", "false", "yes", "no", "on", "off", "none", "null", "required", "optional"})

#: ``scheme://user:password@host`` with a password written out (not ``$VAR``/``${VAR}``)
URL_CREDENTIALS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://(?P<user>[^\s:/@'\"$]*):(?P<password>[^\s@/'\"$][^\s@/'\"]*)@[^\s/@'\"]")


def secret_name(name: str) -> bool:
    """A name that says its value is a secret (DL3064's list, or one of :data:`SECRET_WORDS`),
    unless another word says it is public or a setting."""
    words = words_of(name)
    if not words or PUBLIC_WORDS.intersection(words):
        return False
    return is_secret_name(name) or (bool(SECRET_WORDS.intersection(words[-2:])) and words[-1] not in {"file", "path", "dir", "url", "uri"})


def literal_secret(value: str) -> bool:
    """A value that could be a secret: not empty, not a variable reference, not a setting word."""
    text = value.strip().strip("\"'")
    if not text or "$" in text or text.lower() in _NOT_SECRET_VALUES:
        return False
    return not text.startswith("/run/secrets/")


def url_passwords(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each password written out in a connection URL in ``text``."""
    return [match.span("password") for match in URL_CREDENTIALS.finditer(text)]
