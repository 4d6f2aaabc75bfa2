"""DF014: COPY or ADD puts a credentials file into the image."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.knowledge.key_material import HEAD_SIZE, holds_credentials, key_material
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.dockerfile.build_context import build_context

#: file names that hold credentials
SENSITIVE_NAMES = frozenset({
    ".env", ".npmrc", ".pypirc", ".netrc", "_netrc", ".git-credentials", ".pgpass", ".htpasswd",
    "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "credentials.json", "service-account.json",
})
#: folders whose content is credentials → the files in them that hold no secret
SENSITIVE_FOLDERS = {
    ".ssh": frozenset({"known_hosts", "authorized_keys", "config"}),
    ".aws": frozenset({"config"}),
    ".gnupg": frozenset({"pubring.kbx", "pubring.gpg", "trustdb.gpg"}),
    ".kube": frozenset(),
}
_SENSITIVE_SUFFIX = regex(r"\.(pem|key|p12|pfx|jks|keystore|ppk)$", re.IGNORECASE)
_ENV_VARIANT = regex(r"^\.env\.(?!(example|sample|template|dist|defaults?)$)[\w.-]+$")
#: words of ``*.key`` names that say they are package signing keys (``nodesource.gpg.key``, ``Release.key``)
_SIGNING_KEY_WORDS = frozenset({"gpg", "pgp", "asc", "release", "keyring", "archive", "apt", "repo", "pub", "public"})
#: words of ``*.pem``/``*.jks`` names that say they are certificates or CA bundles (``ca.pem``, ``fullchain.pem``)
_CERTIFICATE_WORDS = _SIGNING_KEY_WORDS | frozenset({
    "ca", "cacert", "cacerts", "cert", "certs", "certificate", "certificates", "chain", "fullchain", "bundle",
    "root", "trust", "truststore", "intermediate",
})
#: destinations where public keys and CA certificates go
_PUBLIC_KEY_PLACES = (
    "/etc/apt/", "/usr/share/keyrings/", "/usr/local/share/ca-certificates/", "/etc/ssl/certs/",
    "/etc/pki/ca-trust/", "/etc/pki/rpm-gpg/", "/etc/pki/tls/certs/", "/usr/share/ca-certificates/",
)  # fmt: skip
_NAME_WORDS = regex(r"[^a-z0-9]+")
#: suffixes of public key, certificate and signature files (a destination named so says what the file is)
_PUBLIC_SUFFIXES = frozenset({"pub", "crt", "cer", "asc", "gpg", "pgp", "sig"})
#: Diffie-Hellman parameters (``dhparam.pem``, ``ffdhe4096.pem``: RFC 7919 groups) are public
_DH_PARAMETERS = regex(r"^(dh|dhparams?|ffdhe\d+|dh\d+)$")
#: suffixes whose files are read to see whether they hold a private or a public key
_KEY_SUFFIXES = frozenset({"pem", "key", "crt", "cer", "asc", "gpg", "pgp"})
#: credentials files whose content says whether they hold a credential
_CONFIG_FILES = frozenset({".npmrc", ".pypirc"})


def _public_key_file(name: str, destination: str) -> bool:
    """A package signing key, a certificate or DH parameters, by its name or where it goes."""
    if destination.startswith(_PUBLIC_KEY_PLACES):
        return True
    target = destination.replace("\\", "/").rsplit("/", 1)[-1]
    if "." in target and target.rsplit(".", 1)[-1].lower() in _PUBLIC_SUFFIXES:
        return True  # COPY jenkins.io.key /war/jenkins-key.pub
    words = set(_NAME_WORDS.split(name.lower()))
    if any(_DH_PARAMETERS.match(word) for word in words):
        return True
    suffix = name.rsplit(".", 1)[-1].lower()
    if suffix == "key":
        return bool(words & _SIGNING_KEY_WORDS)
    if suffix in ("pem", "jks", "keystore"):
        return bool(words & _CERTIFICATE_WORDS)
    return bool(words & {"trust", "truststore"})  # p12, pfx, ppk hold private keys


def sensitive(path: str, destination: str = "") -> str | None:
    """Why ``path`` (a COPY source going to ``destination``) is sensitive, or None."""
    if "://" in path or path.startswith("<<"):
        return None  # a download or a heredoc: not a file of the build context
    parts = [part for part in path.replace("\\", "/").split("/") if part not in ("", ".")]
    if not parts or "$" in parts[-1]:
        return None  # the file's name is a variable: unknown
    name = parts[-1]
    if name in SENSITIVE_NAMES or _ENV_VARIANT.match(name):
        return f"{name} holds credentials"
    if _SENSITIVE_SUFFIX.search(name) and not _public_key_file(name, destination):
        return f"{name} looks like a private key or a key store"
    if name == "config.json" and len(parts) > 1 and parts[-2] == ".docker":
        return ".docker/config.json holds registry credentials"
    if name == ".docker" and destination.rstrip("/").endswith("/.docker"):
        return ".docker/ holds registry credentials"
    for index, part in enumerate(parts):
        if part in SENSITIVE_FOLDERS:
            inner = parts[index + 1 :]
            if inner and (inner[-1] in SENSITIVE_FOLDERS[part] or inner[-1].endswith(".pub")):
                return None
            return f"{part}/ holds credentials"
    return None


class SensitiveFileCopied(Rule):
    """COPY or ADD puts a credentials file into the image.

    ## Why is this bad?
    Files such as `.env`, `id_rsa`, `*.pem`, `*.key`, `.npmrc`, `.pypirc`,
    `.netrc` or the `.aws/` and `.ssh/` folders stay in the image layer even
    when a later `RUN rm` deletes them: anyone who pulls the image can read
    them. Mount them for the one step that needs them
    (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`) and keep
    them out of the build context with `.dockerignore`.

    Files that are public by nature are not reported: `.env.example`
    (`.sample`, `.template`, `.dist`), `*.pub`, `known_hosts`,
    `authorized_keys`, `.ssh/config`, `.aws/config`, package signing keys
    (`nodesource.gpg.key`, `Release.key`), certificates and CA bundles
    (`ca.pem`, `fullchain.pem`) and keys copied to where public keys and CA
    certificates go (`/etc/apt/keyrings/`, `/usr/local/share/ca-certificates/`)
    or to a file named as public (`COPY jenkins.io.key /war/jenkins-key.pub`),
    and Diffie-Hellman parameters (`dhparam.pem`, `ffdhe4096.pem`).

    When the file is in the build context, what it holds decides: a PEM or
    OpenPGP header that says public (`CERTIFICATE`, `PUBLIC KEY`,
    `PGP PUBLIC KEY BLOCK`, `DH PARAMETERS`) is not reported, one that says
    `PRIVATE KEY` is, whatever the name (`ca.pem`, `signing.asc`); a `.npmrc`
    or `.pypirc` is reported only when it sets a credential (`_authToken`,
    `_auth`, `_password`, `password`) to a literal value.
    Nor are `COPY --from` sources (files of another stage or image, already
    inside the build), downloads and heredocs. Wildcards match by name only
    (`*.pem` is reported, `.npmrc*` is not).

    ## Example
    ```dockerfile
    FROM node:22-slim
    COPY .npmrc package.json package-lock.json ./
    RUN npm ci
    ```

    ## Use instead
    ```dockerfile
    FROM node:22-slim
    COPY package.json package-lock.json ./
    RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    ```

    ## References
    - [Build secrets](https://docs.docker.com/build/building/secrets/)
    - [.dockerignore files](https://docs.docker.com/build/concepts/context/#dockerignore-files)
    """

    code = "DF014"
    name = "sensitive-file-copied"
    severity = Severity.ERROR
    category = "security"
    cis = ("4.10",)
    security_severity = 8.0
    kind = "dockerfile"
    instructions = frozenset({"COPY", "ADD"})

    def check_instruction(self, ctx, instruction):
        if instruction.flag("from") is not None:
            return  # files of another stage or image: not from the build context
        destination = instruction.destination.value if instruction.destination is not None else ""
        context = build_context(ctx)
        for source in instruction.sources:
            reason = sensitive(source.value, destination)
            if context is not None:
                reason = _by_content(context, source.value, reason)
            if reason is not None:
                yield Violation(source.span, f"{instruction.keyword} {source.value}: {reason}, which would stay in the image — use a secret mount")


def _by_content(context, path: str, reason: str | None) -> str | None:
    """The name's verdict corrected by what the file holds, when it is a plain path of
    the build context that can be read: a public key, certificate or DH parameters is
    not reported, a private key is (whatever its name), and a ``.npmrc``/``.pypirc``
    only when it sets a credential."""
    if "://" in path or path.startswith("<<") or any(character in path for character in "$*?["):
        return reason
    name = path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if name not in _CONFIG_FILES and suffix not in _KEY_SUFFIXES:
        return reason
    head = context.head(path.lstrip("/"), HEAD_SIZE + 1)
    if head is None:
        return reason
    if name in _CONFIG_FILES:
        return reason if holds_credentials(name, head) else None
    found = key_material(head[:HEAD_SIZE], complete=len(head) <= HEAD_SIZE)
    if found == "private":
        return reason or f"{name} holds a private key"
    return None if found == "public" else reason
