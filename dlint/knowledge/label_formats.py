"""What label values of each schema type look like (DL3049–DL3058): ``url`` (RFC 3986 with a
host), ``rfc3339`` (RFC 3339 date-times), ``spdx`` (SPDX license expressions, with the ids
of :mod:`.spdx_ids`), ``hash`` (a Git commit id: 40 or 64 hex digits, or a short one),
``semver`` (Semantic Versioning 2.0.0) and ``email`` (an RFC 5322 address, optionally with a
display name). The rules' base class and options are in :mod:`dlint.rules.bases`."""

from __future__ import annotations


from dlint.regex import regex

# -- value checks ---------------------------------------------------------------------

_URL = regex(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_HOST_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "ws", "wss", "git", "ssh", "sftp"})


def is_url(value: str) -> bool:
    """An absolute URI (``scheme:rest``); web schemes need a host (``https://host…``)."""
    if not _URL.match(value):
        return False
    scheme, _, rest = value.partition(":")
    if scheme.lower() in _HOST_SCHEMES:
        return rest.startswith("//") and len(rest) > 2 and rest[2] not in "/?#"
    return True


_RFC3339 = regex(
    r"^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?([Zz]|[+-]([0-9]{2}):([0-9]{2}))$"
)


def is_rfc3339(value: str) -> bool:
    """An RFC 3339 date-time such as ``2024-05-01T12:30:00Z`` or ``…+02:00``."""
    match = _RFC3339.match(value)
    if match is None:
        return False
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    from datetime import date  # here: datetime costs ≈ 2 ms to import, and few files have such labels

    try:
        date(year, month, day)
    except ValueError:
        return False
    offset_ok = match.group(9) is None or (int(match.group(9)) < 24 and int(match.group(10)) < 60)
    return hour < 24 and minute < 60 and second <= 60 and offset_ok


_SPDX_TOKEN = regex(r"\s*(\(|\)|[A-Za-z0-9.+:-]+)")
_LICENSE_REF = regex(r"^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$")


def is_spdx(value: str) -> bool:
    """An SPDX license expression: ``MIT``, ``Apache-2.0 OR MIT``, ``GPL-2.0-only WITH Classpath-exception-2.0``."""
    tokens: list[str] = []
    position = 0
    text = value.strip()
    while position < len(text):
        match = _SPDX_TOKEN.match(text, position)
        if match is None:
            return False
        tokens.append(match.group(1))
        position = match.end()
    if not tokens:
        return False
    parser = _SpdxParser(tokens)
    return parser.expression() and parser.position == len(tokens)


class _SpdxParser:
    """expression := term (("AND" | "OR") term)*; term := "(" expression ")" | license ["WITH" exception]."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.position = 0

    def _peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def expression(self) -> bool:
        if not self.term():
            return False
        while (self._peek() or "").upper() in ("AND", "OR"):
            self.position += 1
            if not self.term():
                return False
        return True

    def term(self) -> bool:
        from dlint.knowledge.spdx_ids import EXCEPTION_IDS, LICENSE_IDS

        token = self._peek()
        if token is None:
            return False
        if token == "(":
            self.position += 1
            if not self.expression() or self._peek() != ")":
                return False
            self.position += 1
            return True
        license_id = token[:-1] if token.endswith("+") else token
        if license_id.lower() not in LICENSE_IDS and not _LICENSE_REF.match(token):
            return False
        self.position += 1
        if (self._peek() or "").upper() == "WITH":
            self.position += 1
            exception = self._peek()
            if exception is None or exception.lower() not in EXCEPTION_IDS:
                return False
            self.position += 1
        return True


_GIT_HASH = regex(r"^(?:[0-9a-fA-F]{7,40}|[0-9a-fA-F]{64})$")


def is_git_hash(value: str) -> bool:
    """A Git commit id: full (40 hex digits, 64 for SHA-256 repositories) or abbreviated (7 or more)."""
    return _GIT_HASH.match(value) is not None


_SEMVER = regex(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$"
)


def is_semver(value: str) -> bool:
    """A Semantic Versioning 2.0.0 version: ``1.4.2``, ``2.0.0-rc.1+build.5``."""
    return _SEMVER.match(value) is not None


_ADDRESS = regex(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[^\]\s]+\])$"
)
_NAMED_ADDRESS = regex(r"^[^<>@]*<([^<>]+)>$")


def is_email(value: str) -> bool:
    """An e-mail address, bare (``dev@example.com``) or with a name (``Dev Team <dev@example.com>``)."""
    named = _NAMED_ADDRESS.match(value.strip())
    address = named.group(1).strip() if named else value.strip()
    return _ADDRESS.match(address) is not None
