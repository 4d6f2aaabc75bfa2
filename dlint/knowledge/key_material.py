"""What a key, certificate or credentials file holds, read from its first bytes (DF014).

PEM and OpenPGP armour say what they carry in their header line (RFC 7468 labels,
RFC 4880 section 6.2 armour headers): ``-----BEGIN CERTIFICATE-----`` and
``-----BEGIN PGP PUBLIC KEY BLOCK-----`` are public, ``-----BEGIN PRIVATE KEY-----``
(any ``… PRIVATE KEY``) and ``-----BEGIN PGP PRIVATE KEY BLOCK-----`` are not.
OpenSSH public keys are one line starting with their algorithm (``ssh-ed25519 AAAA…``).
npm and pip read credentials from ``.npmrc`` (``_authToken``, ``_auth``, ``_password``;
docs.npmjs.com/cli/configuring-npm/npmrc) and ``.pypirc`` (``password``;
packaging.python.org/specifications/pypirc); other lines there are settings.
"""

from __future__ import annotations

from dlint.regex import regex

#: bytes read from a file: more than a large CA bundle holds in its first certificates
HEAD_SIZE = 256 * 1024
_PRIVATE = regex(rb"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----")
_PUBLIC = regex(
    rb"-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE|TRUSTED CERTIFICATE|X509 CRL|CERTIFICATE REQUEST"
    rb"|NEW CERTIFICATE REQUEST|PKCS7|CMS|PGP PUBLIC KEY BLOCK|PGP SIGNATURE|SSH2 PUBLIC KEY"
    rb"|DH PARAMETERS|X9\.42 DH PARAMETERS|EC PARAMETERS)-----"
)
_SSH_PUBLIC = regex(rb"^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp\d+|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) AAAA")
#: setting names (lower-cased, after any ``//registry/:`` scope) that hold a credential
_CREDENTIAL_KEYS = ("_authtoken", "_auth", "_password", "password")
#: a value that only names a variable holds no secret itself (``${NPM_TOKEN}``)
_REFERENCE = regex(r"^\$\{?\w+\}?$|^$")
_NPMRC_LINE = regex(r"^(?P<key>[^=]+?)\s*=\s*(?P<value>.*)$")
_PYPIRC_LINE = regex(r"^(?P<key>[\w.-]+)\s*[=:]\s*(?P<value>.*)$")


def key_material(head: bytes, complete: bool) -> str | None:
    """``"private"`` or ``"public"`` for the first bytes of a key or certificate file;
    None when they do not say (binary key stores, unknown text). A file read only in
    part (``complete`` false) is public only if no private key shows in that part and
    it is not longer than what was read (a certificate followed by its key)."""
    if _PRIVATE.search(head):
        return "private"
    if complete and (_PUBLIC.search(head) or _SSH_PUBLIC.match(head.lstrip())):
        return "public"
    return None


def holds_credentials(name: str, head: bytes) -> bool:
    """Whether a ``.npmrc`` or ``.pypirc`` file sets a credential with a literal value."""
    text = head.decode("utf-8", "replace")
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#;[":
            continue
        match = (_PYPIRC_LINE if name == ".pypirc" else _NPMRC_LINE).match(line)
        if match is None:
            continue
        key, value = match.group("key").rsplit(":", 1)[-1].lower(), match.group("value")  # //registry.example/:_authToken
        if key.endswith(_CREDENTIAL_KEYS) and not _REFERENCE.match(value.strip().strip("\"'")):
            return True
    return False
