"""Shared logic of the label schema rules (DL3049–DL3058).

The schema maps label keys to a type: ``text``, ``url``, ``rfc3339``, ``spdx``,
``hash``, ``semver`` or ``email``. The engine fills :class:`LabelSchemaOptions`
from the ``label-schema`` and ``strict-labels`` settings (hadolint's
``label-schema``/``strict-labels`` too). With no schema these rules report nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import field
from datetime import date

from dlint.engine.rule import Rule
from dlint.models.base import Model
from dlint.models.dockerfile import Instruction, KeyValue
from dlint.models.finding import Severity, Violation
from dlint.rules._variables import resolve


class LabelSchemaOptions(Model):
    #: label key -> type (text, url, rfc3339, spdx, hash, semver, email)
    label_schema: dict[str, str] = field(default_factory=dict)
    #: report labels that the schema does not list
    strict_labels: bool = False


# -- value checks ---------------------------------------------------------------------

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_HOST_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "ws", "wss", "git", "ssh", "sftp"})


def is_url(value: str) -> bool:
    """An absolute URI (``scheme:rest``); web schemes need a host (``https://host…``)."""
    if not _URL.match(value):
        return False
    scheme, _, rest = value.partition(":")
    if scheme.lower() in _HOST_SCHEMES:
        return rest.startswith("//") and len(rest) > 2 and rest[2] not in "/?#"
    return True


_RFC3339 = re.compile(
    r"^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?([Zz]|[+-]([0-9]{2}):([0-9]{2}))$"
)


def is_rfc3339(value: str) -> bool:
    """An RFC 3339 date-time such as ``2024-05-01T12:30:00Z`` or ``…+02:00``."""
    match = _RFC3339.match(value)
    if match is None:
        return False
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    try:
        date(year, month, day)
    except ValueError:
        return False
    offset_ok = match.group(9) is None or (int(match.group(9)) < 24 and int(match.group(10)) < 60)
    return hour < 24 and minute < 60 and second <= 60 and offset_ok


_SPDX_TOKEN = re.compile(r"\s*(\(|\)|[A-Za-z0-9.+:-]+)")
_LICENSE_REF = re.compile(r"^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$")


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
        from dlint.rules._spdx_ids import EXCEPTION_IDS, LICENSE_IDS

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


_GIT_HASH = re.compile(r"^(?:[0-9a-fA-F]{7,40}|[0-9a-fA-F]{64})$")


def is_git_hash(value: str) -> bool:
    """A Git commit id: full (40 hex digits, 64 for SHA-256 repositories) or abbreviated (7 or more)."""
    return _GIT_HASH.match(value) is not None


_SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$"
)


def is_semver(value: str) -> bool:
    """A Semantic Versioning 2.0.0 version: ``1.4.2``, ``2.0.0-rc.1+build.5``."""
    return _SEMVER.match(value) is not None


_ADDRESS = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[^\]\s]+\])$"
)
_NAMED_ADDRESS = re.compile(r"^[^<>@]*<([^<>]+)>$")


def is_email(value: str) -> bool:
    """An e-mail address, bare (``dev@example.com``) or with a name (``Dev Team <dev@example.com>``)."""
    named = _NAMED_ADDRESS.match(value.strip())
    address = named.group(1).strip() if named else value.strip()
    return _ADDRESS.match(address) is not None


# -- reading labels --------------------------------------------------------------------


def label_pairs(instruction: Instruction) -> list[KeyValue]:
    return list(getattr(instruction, "pairs", ()) or ())


def label_value(ctx, instruction: Instruction, pair: KeyValue) -> str | None:
    """The label's value with variables substituted; None when a variable's value is unknown."""
    if pair.value is None:
        return ""
    if "$" not in pair.value.raw:
        return pair.value.value
    return resolve(ctx, instruction, pair.value.raw)


class LabelValueRule(Rule):
    """Base of the rules that check a label's value against its schema type."""

    severity = Severity.WARNING
    category = "maintainability"
    kind = "dockerfile"
    instructions = frozenset({"LABEL"})
    Options = LabelSchemaOptions
    #: set by each subclass: the schema type it checks, what a valid value is, and the check
    label_type: str
    expected: str
    is_valid: Callable[[str], bool]

    def check_instruction(self, ctx, instruction) -> Iterator[Violation]:
        schema = self.options.label_schema
        if not schema:
            return
        for pair in label_pairs(instruction):
            if schema.get(pair.key.value) != self.label_type:
                continue
            value = label_value(ctx, instruction, pair)
            if value and not self.is_valid(value):
                span = pair.value.span if pair.value is not None else pair.key.span
                yield Violation(span, f"label `{pair.key.value}` should be {self.expected}, not `{value}`")
