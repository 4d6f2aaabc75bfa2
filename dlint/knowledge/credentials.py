"""Recognising credentials written out in text: secret-like names with literal values,
passwords inside connection URLs, and tokens with a recognisable shape under any name
(:data:`CREDENTIAL_PATTERNS`, the one list of them). Shared by the Dockerfile and
Compose rules so that both agree on what counts as a secret."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from dlint.knowledge.secret_names import is_secret_name, words_of
from dlint.regex import regex

#: words that mark a secret only as a whole word of the name, and only as its last
#: word or before a word like ``key`` (``DB_PWD``, ``BASIC_AUTH``, ``AUTH_KEY`` but not
#: ``AUTH_HOST`` or ``AUTH_USER``)
SECRET_WORDS = frozenset({"pwd", "pass", "pw", "auth", "credentials", "creds", "passcode"})
#: last words after a secret word that still name the secret itself (``AUTH_KEY``, ``PASS_HASH``)
_SECRET_HOLDERS = frozenset({"key", "value", "hash", "string", "phrase"})
#: words that say the value is meant to be public, or is a setting about a secret
PUBLIC_WORDS = frozenset(
    {
        "public", "publishable", "version", "enabled", "enable", "disabled", "disable", "mode", "type", "method",
        "skip", "require", "required", "allow", "use", "no", "first", "second", "last",
    }
)  # fmt: skip
#: words before a last word ``key`` that make the name a secret key (``APP_KEY``,
#: ``DB_ENCRYPTION_KEY``, ``SIGNING_KEY``, ``MASTER_KEY``; Laravel, Rails, Meilisearch …)
_SECRET_KEY_KINDS = frozenset({"app", "encryption", "signing", "master", "hmac", "jwt", "session", "license"})
#: last words that name the secret itself: under them even a number is one (``ROOT_PASSWORD: 123``)
SECRET_HOLDER_WORDS = frozenset({"password", "passwd", "pass", "pwd", "pw", "passphrase", "passcode", "pin", "secret", "token", "key", "apikey"})
#: whole names that hold no secret whatever their words (the shell's working directory)
_NOT_SECRET_NAMES = frozenset({"pwd", "oldpwd"})
#: values that configure rather than authenticate (flags, authentication schemes)
_NOT_SECRET_VALUES = frozenset(
    {
        "true", "false", "yes", "no", "on", "off", "0", "1", "none", "null", "required", "optional",
        "basic", "bearer", "digest", "oauth", "oauth2", "jwt", "ldap", "saml", "oidc", "kerberos", "ntlm",
        "anonymous", "internal", "external", "local", "disabled", "enabled",
    }
)  # fmt: skip
#: a file path (``/srv/app``, ``./conf``, ``../certs``, ``~/.config``): where something is, not a secret
_PATH_VALUE = regex(r"^(/|\./|\.\./|~/)[\w.@+/-]*$")
#: a relative path to a key, certificate or credentials file (``certs/server.key``, ``sa.json``)
_KEY_FILE = regex(r"^[\w.@+-]+(/[\w.@+-]+)*\.(pem|key|crt|cer|der|p8|p12|pfx|jks|keystore|pub|asc|gpg|json|txt)$", re.IGNORECASE)
#: values that stand for a secret to fill in: ``<YOUR_API_KEY>``, ``{{ token }}``,
#: ``your-token-here``, ``your_api_key``, ``xxxx``, ``***``, ``...``; and sentinels meaning
#: "not set" (``${API_KEY:-invalid}``). ``changeme`` is not one: it works as a password.
_PLACEHOLDER_VALUE = regex(
    r"^(<[^<>]*>|\{\{[^{}]*\}\}|your[-_ .a-z0-9]*|[-_ .a-z0-9]*[-_ ]here|[xX*.…•#_-]{3,}"
    r"|invalid|unset|undefined|not[-_]?set|placeholder|redacted|empty|nil)$",
    re.IGNORECASE,
)
#: ``user:password@h`` right after the ``://`` of ``scheme://user:password@host``, with a
#: password written out (not ``$VAR``/``${VAR}``). Only for ``match`` at the end of a
#: ``://`` (:func:`url_credentials`): a search from every position would be quadratic.
URL_AUTH = regex(r"(?P<user>[^\s:/@'\"$]*):(?P<password>[^\s@/'\"$][^\s@/'\"]*)@[^\s/@'\"]")
#: characters of a URL scheme (RFC 3986: a letter, then letters, digits, ``+``, ``.``, ``-``)
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")  # RFC 3986 scheme


@lru_cache(maxsize=1024)
def secret_name(name: str) -> bool:
    """A name that says its value is a secret (DL3064's list, one of :data:`SECRET_WORDS`,
    or a secret key such as ``APP_KEY``), unless another word says it is public or a setting."""
    words = words_of(name)
    if not words or PUBLIC_WORDS.intersection(words) or name.lower() in _NOT_SECRET_NAMES:
        return False
    if is_secret_name(name):
        return True
    if len(words) > 1 and words[-1] == "key" and words[-2] in _SECRET_KEY_KINDS:
        return True
    return words[-1] in SECRET_WORDS or (len(words) > 1 and words[-2] in SECRET_WORDS and words[-1] in _SECRET_HOLDERS)


_REFERENCE = regex(r"^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$")
_NUMBER = regex(r"^[0-9]+([.][0-9]+)?$")


def placeholder(value: str) -> bool:
    """A stand-in for a secret to fill in, or a "not set" sentinel (:data:`_PLACEHOLDER_VALUE`)."""
    return _PLACEHOLDER_VALUE.match(value.strip().strip("\"'")) is not None


def literal_secret(value: str, *, literal_dollar: bool = False) -> bool:
    """A value that could be a secret: not empty, not a variable reference, not a setting
    word, a path or a placeholder. ``literal_dollar``: the value is final (a Compose value
    after interpolation, where ``$$`` gave ``$``), so a ``$`` in it is a character of the
    secret (``pa$word``), unless the value is only a reference left for later (``${REF}``)."""
    text = value.strip().strip("\"'")
    if not text or text.lower() in _NOT_SECRET_VALUES:
        return False
    if "$" in text and (not literal_dollar or _REFERENCE.match(text)):
        return False
    return not (_PATH_VALUE.match(text) or _KEY_FILE.match(text) or placeholder(text))


def setting_value(name: str, value: str) -> bool:
    """A number under a name whose last word is not the secret itself: a port, a lifetime,
    a length (``SECRET_PORT=3000``, ``TOKEN_EXPIRES_IN=86400``); ``DB_PASSWORD=123`` is a secret."""
    words = words_of(name)
    return bool(words) and words[-1] not in SECRET_HOLDER_WORDS and _NUMBER.match(value.strip().strip("\"'")) is not None


#: passwords that stand for one: ``<password>``, ``{pass}``, ``***``, ``xxx``, ``...``,
#: URL-encoded variable references (``%24TOKEN``, ``%7BTOKEN%7D``)
_PLACEHOLDER_PASSWORD = regex(r"^(<[^>]*>|\{[^}]*\}|\[[^\]]*\]|[*xX.]+|%(24|7[bB]).*|%s)$")


def _placeholder_password(user: str, password: str) -> bool:
    if _PLACEHOLDER_PASSWORD.match(password) or user.lower() == "anonymous":
        return True  # a stand-in, or anonymous FTP (the "password" is an e-mail address or "guest")
    # ``http://localhost:8080@…`` or ``host.example:443@…``: a host and port, not a user and password
    return password.isdigit() and (user == "localhost" or "." in user)


def url_credentials(text: str) -> Iterator[re.Match[str]]:
    """The :data:`URL_AUTH` match of each ``scheme://user:password@host`` in
    ``text``, in order and without overlaps. Linear in ``len(text)``: each
    ``://`` is found with ``str.find`` and its scheme read backwards (a pattern
    that starts at the scheme would retry at every letter of a long word)."""
    end = 0  # where the previous URL ended: the next one starts after it
    found = text.find("://")
    while found != -1:
        if _scheme_before(text, found, end):
            match = URL_AUTH.match(text, found + 3)
            if match is not None:
                yield match
                end = match.end()
        found = text.find("://", max(found + 1, end))


def _scheme_before(text: str, index: int, start: int) -> bool:
    """``text[:index]`` ends with a URL scheme that begins at ``start`` or later:
    scheme characters back to a letter (the scheme's first character)."""
    position = index - 1
    while position >= start and text[position] in _SCHEME_CHARS:
        if text[position].isalpha():
            return True
        position -= 1
    return False


def url_passwords(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each password written out in a connection URL in ``text``
    (placeholders such as ``<password>`` or ``***`` are not passwords)."""
    if "://" not in text:  # no URL (most texts)
        return []
    return [
        match.span("password")
        for match in url_credentials(text)
        if not _placeholder_password(match.group("user"), match.group("password"))
    ]


#: (pattern, what it is) of credentials with a recognisable shape, found under any name and
#: in any text (each prefix is the one its issuer documents for its tokens); each is compiled
#: when first needed, as most texts hold none of :data:`CREDENTIAL_MARKERS`
CREDENTIAL_PATTERNS = (
    (regex(r"\b(?:AKIA|ASIA)(?![0-9A-Z]{9}EXAMPLE\b)[0-9A-Z]{16}\b"), "an AWS access key id"),
    (regex(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"), "a GitHub token"),
    (regex(r"\bgithub_pat_[A-Za-z0-9_]{22,}\b"), "a GitHub token"),
    (regex(r"\bglpat-[A-Za-z0-9_-]{20,}"), "a GitLab token"),
    (regex(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"), "a Slack token"),
    (regex(r"\bAIza[0-9A-Za-z_-]{35}\b"), "a Google API key"),
    (regex(r"\b[sr]k_live_[0-9A-Za-z]{20,}\b"), "a Stripe secret key"),
    (regex(r"\bnpm_[A-Za-z0-9]{36}\b"), "an npm token"),
    (regex(r"\bdckr_pat_[A-Za-z0-9_-]{27,}"), "a Docker Hub token"),
    (regex(r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}"), "a PyPI token"),
    (regex(r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b"), "a SendGrid API key"),
    (regex(r"\bsk-ant-[a-z0-9]+-[A-Za-z0-9_-]{40,}"), "an Anthropic API key"),
    (regex(r"\bsk-proj-[A-Za-z0-9_-]{40,}"), "an OpenAI API key"),
    (regex(r"\bhf_[A-Za-z]{34}\b"), "a Hugging Face token"),
    (regex(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"), "a private key"),
)
#: for each of :data:`CREDENTIAL_PATTERNS`, literal texts one of which every match holds
CREDENTIAL_MARKERS = (
    ("AKIA", "ASIA"),
    ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
    ("github_pat_",),
    ("glpat-",),
    ("xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-"),
    ("AIza",),
    ("k_live_",),
    ("npm_",),
    ("dckr_pat_",),
    ("pypi-AgEIcHlwaS5vcmc",),
    ("SG.",),
    ("sk-ant-",),
    ("sk-proj-",),
    ("hf_",),
    ("-----BEGIN ",),
)


#: every marker of :data:`CREDENTIAL_MARKERS`, once
_ALL_MARKERS = tuple(dict.fromkeys(marker for markers in CREDENTIAL_MARKERS for marker in markers))


def _has_marker(text: str) -> bool:
    """Whether ``text`` holds any of :data:`CREDENTIAL_MARKERS` (most texts hold none, and
    then no pattern is tried). Substring searches: a regular expression of them all is
    slower on long texts (their first letters are common ones)."""
    for marker in _ALL_MARKERS:
        if marker in text:
            return True
    return False


def _placeholder_token(token: str) -> bool:
    """``ghp_xxxxxxxx…``, ``AKIAXXXXXXXXXXXXXXXX``, ``sk_live_000…``: a stand-in, not a token
    (a real token's last characters are random)."""
    return not token.endswith("-----") and len(set(token[-16:].lower())) <= 3


def may_hold_credentials(text: str) -> bool:
    """False when :func:`credentials_in` and :func:`url_passwords` find nothing in
    ``text`` nor in any part of it: it holds no marker of a token and no ``://``
    (one scan of a command line spares one per word)."""
    return "://" in text or _has_marker(text)


def credentials_in(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, what)`` of every recognisable credential in ``text``, passwords
    of connection URLs included, in order; stand-ins such as ``ghp_xxxx…`` are left out."""
    present = {marker for marker in _ALL_MARKERS if marker in text}  # a fast substring search spares most regex scans
    if not present:
        return sorted((start, end, "a password in a URL") for start, end in url_passwords(text))
    matches = [
        (match.start(), match.end(), what, _placeholder_token(match.group()))
        for (pattern, what), markers in zip(CREDENTIAL_PATTERNS, CREDENTIAL_MARKERS, strict=True)
        if not present.isdisjoint(markers)
        for match in pattern.finditer(text)
    ]
    found = [(start, end, what) for start, end, what, placeholder in matches if not placeholder]
    for start, end in url_passwords(text):
        if not any(start < other_end and other_start < end for other_start, other_end, _, _ in matches):
            found.append((start, end, "a password in a URL"))  # unless it is a token (or a stand-in for one)
    return sorted(found)
