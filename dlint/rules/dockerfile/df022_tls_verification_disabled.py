"""DF022: TLS certificate or package signature checks are switched off."""

from __future__ import annotations

import fnmatch
import re

from dlint.engine.rule import Rule
from dlint.knowledge.apk import read_apk
from dlint.knowledge.apt import config_options, read_apt
from dlint.knowledge.packages import Invocation
from dlint.knowledge.pip import read_pip
from dlint.models.dockerfile import KeyValueInstruction
from dlint.models.finding import Severity, Violation
from dlint.models.shell import SimpleCommand, Word
from dlint.regex import regex
from dlint.views.dockerfile.run import commands

#: program → options that switch verification off
INSECURE_OPTIONS = {
    "curl": ("-k", "--insecure", "--proxy-insecure", "--doh-insecure"),
    "wget": ("--no-check-certificate",),
    "pip": ("--trusted-host",),
    "apk": ("--allow-untrusted",),
    "apt-get": ("--allow-unauthenticated", "--force-yes", "--allow-insecure-repositories"),
    "apt": ("--allow-unauthenticated", "--allow-insecure-repositories"),
    "yum": ("--nogpgcheck",),
    "dnf": ("--nogpgcheck",),
    "dnf5": ("--nogpgcheck", "--no-gpgchecks"),
    "microdnf": ("--nogpgcheck",),
    "tdnf": ("--nogpgcheck",),
    "zypper": ("--no-gpg-checks",),
    "rpm": ("--nosignature", "--nodigest"),
    "npm": ("--no-strict-ssl",),
}
#: environment variables and the values that switch verification off (None: any value)
INSECURE_ENVIRONMENT: dict[str, tuple[str, ...] | None] = {
    "NODE_TLS_REJECT_UNAUTHORIZED": ("0",),
    "PYTHONHTTPSVERIFY": ("0",),
    "GIT_SSL_NO_VERIFY": None,  # git only checks that it is set
    "CURL_CA_BUNDLE": ("",),  # an empty value turned verification off in requests before 2.28
    "PIP_TRUSTED_HOST": None,
    "NPM_CONFIG_STRICT_SSL": ("false", "0"),  # npm reads its settings in any case
}
_FALSE = frozenset({"false", "0", "no", "off"})
_TRUE = frozenset({"true", "1", "yes", "on"})
#: apt settings (lower-cased) and the values that weaken verification
_APT_SETTINGS = {
    "acquire::https::verify-peer": _FALSE,
    "acquire::https::verify-host": _FALSE,
    "acquire::allowinsecurerepositories": _TRUE,
    "acquire::allowdowngradetoinsecurerepositories": _TRUE,
    "apt::get::allowunauthenticated": _TRUE,
}
#: dnf/yum ``--setopt`` names (any repository prefix) whose false value weakens verification
_RPM_SETTINGS = regex(r"^([^=]*\.)?(sslverify|gpgcheck|repo_gpgcheck|localpkg_gpgcheck)=(?P<value>.*)$", re.IGNORECASE)
_RPM_MANAGERS = frozenset({"yum", "dnf", "dnf5", "microdnf", "tdnf"})
_GIT_SSL_VERIFY = regex(r"^http\.(.+\.)?sslverify$", re.IGNORECASE)
#: an apt source line: its options (which hold no ``[``) and its URI
_APT_SOURCE = regex(r"\bdeb(-src)?\s+\[(?P<options>[^\[\]]*)\]\s*(?P<uri>\S*)")
_APT_TRUSTED = regex(r"\btrusted\s*=\s*yes\b")
#: URI schemes apt and apk fetch over the network (apt: sources.list(5) and its transports)
_NETWORK_URI = regex(r"^[\"']?((tor|mirror)\+)?(https?|ftp|mirror|s3)(\+\w+)?://", re.IGNORECASE)
#: apk commands that read only local files (``apk index`` writes an index of given .apk files)
_APK_LOCAL_ONLY = frozenset({"index", "verify", "info", "list", "search", "dot", "policy", "del"})
_DOWNLOADERS = frozenset({"curl", "wget"})
#: curl/wget options whose value is the file the download is written to
_OUTPUT_OPTIONS = frozenset({"-o", "--output", "-O", "--output-document"})
_JS_MANAGERS = frozenset({"npm", "yarn", "pnpm"})
#: the programs :func:`_check_command` reads (and pip's, ``pip…``/``python… -m pip``); another
#: command can only switch verification off with an assignment
_READ_PROGRAMS = frozenset(
    {*INSECURE_OPTIONS, "apt-get", "apt", *_RPM_MANAGERS, "git", *_JS_MANAGERS, "composer", "echo", "printf"}
)


class TlsVerificationDisabled(Rule):
    """TLS certificate or package signature verification is switched off.

    ## Why is this bad?
    `curl -k`, `wget --no-check-certificate`, `pip --trusted-host`,
    `apk --allow-untrusted`, `apt-get --allow-unauthenticated`, an apt source
    marked `[trusted=yes]`, `yum/dnf --nogpgcheck`, `rpm --nosignature`,
    `git config http.sslVerify false`, `npm config set strict-ssl false`,
    `composer config disable-tls true` and variables such as
    `NODE_TLS_REJECT_UNAUTHORIZED=0` or `GIT_SSL_NO_VERIFY` accept whatever a
    network attacker (or a broken mirror) serves. The image then contains
    software nobody verified, and a variable set with ENV keeps checks off in
    every container started from it. Fix the certificate store
    (`ca-certificates`, a corporate CA copied in and registered with
    `update-ca-certificates`) or import the repository's signing key instead.

    Options and variables are recognised in RUN commands (also `sh -c`
    strings, heredocs and ONBUILD), ENV and ARG.

    Nothing is fetched, so nothing is reported, when the packages are local:
    a `[trusted=yes]` source on a `file:` or `copy:` repository the build
    made (`dpkg-scanpackages`), `apk index --allow-untrusted`, and
    `apk add --allow-untrusted` of `.apk` files built in the image or mounted
    from another stage (`apk add --no-network` too). Package names, URLs, a
    network `--repository` and `.apk` files the same RUN downloads stay
    findings; a source or package list hidden in a variable is not judged.

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
    - [git: http.sslVerify](https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslVerify)
    - [Node.js: NODE_TLS_REJECT_UNAUTHORIZED](https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue)
    """

    code = "DF022"
    name = "tls-verification-disabled"
    severity = Severity.WARNING
    category = "security"
    cis = ("4.11",)
    security_severity = 7.0
    kind = "dockerfile"
    instructions = frozenset({"RUN", "ENV", "ARG"})

    def check_instruction(self, ctx, instruction):
        if isinstance(instruction, KeyValueInstruction):
            for pair in instruction.pairs:
                if pair.value is not None and _insecure_variable(pair.key.value, pair.value.value):
                    yield Violation(pair.key.span, _variable_message(pair.key.value, pair.value.value, instruction.keyword))
            return
        run_commands = commands(ctx, instruction)
        for command in run_commands:
            program = command.program or ""
            if command.assignments or program in _READ_PROGRAMS or program.startswith(("pip", "python")):
                yield from _check_command(command, run_commands)


def _insecure_variable(name: str, value: str) -> bool:
    key = name.upper() if name.upper() == "NPM_CONFIG_STRICT_SSL" else name
    if key not in INSECURE_ENVIRONMENT:
        return False
    values = INSECURE_ENVIRONMENT[key]
    return values is None or value.strip().lower() in values


def _variable_message(name: str, value: str, where: str) -> str:
    scope = "every container of the image" if where == "ENV" else "the commands that follow"
    return f"{name}={value} switches TLS verification off for {scope}"


def _check_command(command: SimpleCommand, run_commands: list[SimpleCommand]):
    for assignment in command.assignments:  # NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci, export NAME=value
        value = assignment.value.text if assignment.value is not None else ""
        if _insecure_variable(assignment.name, value):
            yield Violation(assignment.span, _variable_message(assignment.name, value, "RUN"))
    program = command.program or ""
    pip = read_pip(command)
    tool = pip.tool if pip is not None else program
    for option in INSECURE_OPTIONS.get(tool, ()):
        word = command.find_flag(option)
        if word is not None and not (tool == "apk" and _apk_local_only(command, run_commands)):
            yield Violation(word.span, f"{tool} {option} switches verification off: fix the certificate or key instead")
    found = None
    if tool in ("apt-get", "apt"):
        found = _apt_setting(command)
    elif tool in _RPM_MANAGERS:
        found = _rpm_setting(command)
    elif tool == "git":
        found = _git_setting(command)
    elif tool in _JS_MANAGERS:
        found = _js_setting(command)
    elif tool == "composer":
        found = _composer_setting(command)
    elif pip is not None and tool == "pip":  # read_pip says None for a program word such as t{=/pip
        found = _pip_setting(pip)
    elif program in ("echo", "printf"):
        found = _trusted_source(command)
    if found is not None:
        word, what = found
        yield Violation(word.span, f"{what} switches verification off: fix the certificate or key instead")


def _apt_setting(command: SimpleCommand) -> tuple[Word, str] | None:
    invocation = read_apt(command, frozenset({"apt-get", "apt"}))
    if invocation is None:
        return None
    for name, value in config_options(invocation).items():
        if value in _APT_SETTINGS.get(name, ()):
            word = next(
                (option.value_word or option.word for option in invocation.options
                 if option.value and option.value.lower().startswith(name)),
                command.name,
            )  # fmt: skip
            return word, f"apt option {name}={value}"
    return None


def _rpm_setting(command: SimpleCommand) -> tuple[Word, str] | None:
    words = command.arguments
    for index, word in enumerate(words):
        text = word.text
        if text.startswith("--setopt="):
            setting, target = text[len("--setopt=") :], word
        elif text == "--setopt" and index + 1 < len(words):
            setting, target = words[index + 1].text, words[index + 1]
        else:
            continue
        match = _RPM_SETTINGS.match(setting)
        if match and match.group("value").strip().lower() in _FALSE:
            return target, f"--setopt={setting}"
    return None


def _git_setting(command: SimpleCommand) -> tuple[Word, str] | None:
    words = command.arguments
    texts = [word.text for word in words]
    for index, text in enumerate(texts[:-1]):
        if text == "-c":  # git -c http.sslVerify=false clone …
            name, _, value = texts[index + 1].partition("=")
            if _GIT_SSL_VERIFY.match(name) and value.lower() in _FALSE:
                return words[index + 1], f"git -c {texts[index + 1]}"
    if "config" in texts:  # git config [--global] http.sslVerify false
        rest = [(word, text) for word, text in zip(words, texts, strict=True) if not text.startswith("-")]
        for position, (word, text) in enumerate(rest[:-1]):
            if _GIT_SSL_VERIFY.match(text) and rest[position + 1][1].lower() in _FALSE:
                return word, f"git config {text} {rest[position + 1][1]}"
    return None


def _config_set(command: SimpleCommand, key: str) -> tuple[Word, str] | None:
    """``<tool> config set <key> <value>`` / ``<key>=<value>`` (also ``npm set``): the key word and the value."""
    words = [word for word in command.arguments if not word.text.startswith("-")]
    texts = [word.text for word in words]
    if texts[:2] == ["config", "set"]:
        rest = words[2:]
    elif texts[:1] == ["set"]:
        rest = words[1:]
    else:
        return None
    if not rest:
        return None
    name, equals, value = rest[0].text.partition("=")
    if not equals:
        value = rest[1].text if len(rest) > 1 else ""
    return (rest[0], value.lower()) if name.lower() == key else None


def _js_setting(command: SimpleCommand) -> tuple[Word, str] | None:
    found = _config_set(command, "strict-ssl")
    if found is not None and found[1] in _FALSE:
        return found[0], f"{command.program} strict-ssl {found[1]}"
    for word in command.arguments:
        if word.text.lower() in ("--strict-ssl=false", "--strict-ssl=0"):
            return word, f"{command.program} {word.text}"
    return None


def _composer_setting(command: SimpleCommand) -> tuple[Word, str] | None:
    words = [word for word in command.arguments if not word.text.startswith("-")]
    if len(words) < 3 or words[0].text != "config":
        return None
    key, value = words[1].text.lower(), words[2].text.lower()
    if (key == "disable-tls" and value in _TRUE) or (key == "secure-http" and value in _FALSE):
        return words[1], f"composer config {key} {value}"
    return None


def _pip_setting(invocation: Invocation) -> tuple[Word, str] | None:
    operands = invocation.operands
    texts = [word.text for word in operands]
    if texts[:2] == ["config", "set"] and len(operands) > 2 and texts[2].endswith(".trusted-host"):
        return operands[2], f"pip config set {texts[2]}"
    return None


def _trusted_source(command: SimpleCommand) -> tuple[Word, str] | None:
    """``echo "deb [trusted=yes] http://…" > /etc/apt/sources.list.d/x.list``: a network
    source only (``file:``/``copy:`` is a local repository the build made, and an
    unknown URI may be one)."""
    text = " ".join(word.text for word in command.arguments)
    if not any(
        _APT_TRUSTED.search(source.group("options")) and _NETWORK_URI.match(source.group("uri"))
        for source in _APT_SOURCE.finditer(text)
    ):
        return None
    word = next((word for word in command.arguments if _APT_TRUSTED.search(word.text)), None)
    return (word, "an apt source marked [trusted=yes]") if word is not None else None


def _apk_local_only(command: SimpleCommand, run_commands: list[SimpleCommand]) -> bool:
    """``apk --allow-untrusted`` that takes nothing from the network: ``apk index`` of
    local packages, ``--no-network``, or ``apk add`` of local ``.apk`` files that this
    RUN does not download (built here, copied or mounted from another stage); package
    names, URLs and a network ``--repository`` are fetched, so they stay findings.
    Operands hidden in a variable are not judged."""
    invocation = read_apk(command)
    if invocation is None or invocation.subcommand is None:
        return False
    if invocation.subcommand.text in _APK_LOCAL_ONLY or invocation.has("--no-network"):
        return True
    if invocation.subcommand.text != "add" or not invocation.targets:
        return False
    repositories = [option.value or "" for option in invocation.options if option.name in ("-X", "--repository")]
    if any(_NETWORK_URI.match(repository) for repository in repositories):
        return False
    downloaded = _downloaded_names(run_commands)
    for target in invocation.targets:
        text = target.text
        if _NETWORK_URI.match(text):
            return False
        if "/" not in text and not text.endswith(".apk"):
            if "$" in text:
                continue  # a variable: perhaps packages, perhaps files
            return False  # a package name: read from the repositories
        name = text.rsplit("/", 1)[-1]
        if any(fnmatch.fnmatchcase(file, name) or fnmatch.fnmatchcase(name, file) for file in downloaded):
            return False
    return True


def _downloaded_names(run_commands: list[SimpleCommand]) -> set[str]:
    """Base names of the files curl and wget in this RUN may write: their output
    options' values and the last part of each URL they fetch."""
    names: set[str] = set()
    for command in run_commands:
        if command.program not in _DOWNLOADERS:
            continue
        words = command.arguments
        for index, word in enumerate(words):
            text = word.text
            if text in _OUTPUT_OPTIONS and index + 1 < len(words):
                names.add(words[index + 1].text.rsplit("/", 1)[-1])
            elif "://" in text:
                names.add(text.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1])
    names.discard("")
    return names
