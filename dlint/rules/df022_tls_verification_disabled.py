"""DF022: TLS certificate or package signature checks are switched off."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.dockerfile import KeyValueInstruction
from dlint.models.finding import Severity, Violation
from dlint.rules._run import commands

#: program → options that switch verification off
INSECURE_OPTIONS = {
    "curl": ("-k", "--insecure"),
    "wget": ("--no-check-certificate",),
    "pip": ("--trusted-host",),
    "pip3": ("--trusted-host",),
    "apk": ("--allow-untrusted",),
    "apt-get": ("--allow-unauthenticated", "--force-yes", "--allow-insecure-repositories"),
    "apt": ("--allow-unauthenticated", "--allow-insecure-repositories"),
    "yum": ("--nogpgcheck",),
    "dnf": ("--nogpgcheck",),
    "microdnf": ("--nogpgcheck",),
    "zypper": ("--no-gpg-checks",),
    "rpm": ("--nosignature", "--nodigest"),
    "git": ("-c http.sslVerify=false",),
}
#: environment variables and the values that switch verification off
INSECURE_ENVIRONMENT = {
    "NODE_TLS_REJECT_UNAUTHORIZED": ("0",),
    "PYTHONHTTPSVERIFY": ("0",),
    "GIT_SSL_NO_VERIFY": ("1", "true", "yes"),
    "CURL_CA_BUNDLE": ("",),
    "REQUESTS_CA_BUNDLE": ("",),
    "NPM_CONFIG_STRICT_SSL": ("false",),
    "npm_config_strict_ssl": ("false",),
    "PIP_TRUSTED_HOST": None,  # any value
}


def _flag(command, option: str):
    if " " in option:  # git -c http.sslVerify=false
        flag, value = option.split(" ", 1)
        words = command.arguments
        for index, word in enumerate(words[:-1]):
            if word.text == flag and words[index + 1].text.lower() == value.lower():
                return words[index + 1]
        return None
    return command.find_flag(option)


class TlsVerificationDisabled(Rule):
    """TLS certificate or package signature verification is switched off.

    ## Why is this bad?
    `curl -k`, `wget --no-check-certificate`, `pip --trusted-host`,
    `apk --allow-untrusted`, `apt-get --allow-unauthenticated`,
    `yum/dnf --nogpgcheck`, `NODE_TLS_REJECT_UNAUTHORIZED=0` and friends accept
    whatever a network attacker (or a broken mirror) serves. The image then
    contains software nobody verified. Fix the certificate store
    (`ca-certificates`, a corporate CA copied in) or the repository key instead.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    RUN pip install --no-cache-dir --trusted-host pypi.org flask==3.0.3
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    RUN pip install --no-cache-dir flask==3.0.3
    ```

    ## References
    - [curl: --insecure](https://curl.se/docs/manpage.html#-k)
    - [pip: --trusted-host](https://pip.pypa.io/en/stable/cli/pip/#cmdoption-trusted-host)
    """

    code = "DF022"
    name = "tls-verification-disabled"
    severity = Severity.WARNING
    category = "security"
    security_severity = 7.0
    kind = "dockerfile"
    instructions = frozenset({"RUN", "ENV", "ARG"})

    def check_instruction(self, ctx, instruction):
        if isinstance(instruction, KeyValueInstruction):
            for pair in instruction.pairs:
                values = INSECURE_ENVIRONMENT.get(pair.key.value, ())
                if values == () or pair.value is None:
                    continue
                if values is None or pair.value.value.strip().lower() in values:
                    yield Violation(pair.key.span, f"{pair.key.value}={pair.value.value} switches TLS verification off for everything that follows")
            return
        for command in commands(ctx, instruction):
            program = command.program
            if program in ("python", "python3") and [word.text for word in command.arguments[:2]] == ["-m", "pip"]:
                program = "pip"
            for option in INSECURE_OPTIONS.get(program or "", ()):
                word = _flag(command, option)
                if word is not None:
                    yield Violation(word.span, f"{program} {option} switches verification off: fix the certificate or key instead")
            if program in ("npm", "yarn", "pnpm") and [word.text for word in command.arguments[:3]] == ["config", "set", "strict-ssl"]:
                value = command.arguments[3].text if len(command.arguments) > 3 else ""
                if value.lower() == "false":
                    yield Violation(command.span, f"{program} strict-ssl false switches TLS verification off")
