"""DF014: COPY or ADD puts a credentials file into the image."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation

#: file names that hold credentials
SENSITIVE_NAMES = frozenset({
    ".env", ".npmrc", ".pypirc", ".netrc", "_netrc", ".git-credentials", ".pgpass", ".htpasswd",
    "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "credentials.json", "service-account.json",
})
#: folders whose content is credentials
SENSITIVE_FOLDERS = frozenset({".ssh", ".aws", ".gnupg", ".kube", ".docker"})
_SENSITIVE_SUFFIX = re.compile(r"\.(pem|key|p12|pfx|jks|keystore|ppk|asc)$", re.IGNORECASE)
_ENV_VARIANT = re.compile(r"^\.env\.(?!(example|sample|template|dist|defaults?)$)[\w.-]+$")


def sensitive(path: str) -> str | None:
    """Why ``path`` (a COPY source) is sensitive, or None."""
    parts = [part for part in path.replace("\\", "/").split("/") if part not in ("", ".")]
    if not parts:
        return None
    name = parts[-1]
    if name in SENSITIVE_NAMES or _ENV_VARIANT.match(name):
        return f"{name} holds credentials"
    if _SENSITIVE_SUFFIX.search(name) and not name.endswith(".pub"):
        return f"{name} looks like a private key or certificate store"
    for part in parts:
        if part in SENSITIVE_FOLDERS:
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
    security_severity = 8.0
    kind = "dockerfile"
    instructions = frozenset({"COPY", "ADD"})

    def check_instruction(self, ctx, instruction):
        if instruction.flag("from") is not None:
            return  # files of another stage or image: not from the build context
        for source in instruction.sources:
            reason = sensitive(source.value)
            if reason is not None:
                yield Violation(source.span, f"{instruction.keyword} {source.value}: {reason}, which would stay in the image — use a secret mount")
