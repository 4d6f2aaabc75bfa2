"""DF020: a downloaded script is piped straight into a shell."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.models.shell import ShellScript, SimpleCommand, Word
from dlint.regex import regex
from dlint.views.dockerfile.run import scripts

DOWNLOADERS = frozenset({"curl", "wget", "fetch"})
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"})
_INTERPRETER = regex(r"(sh|bash|ash|dash|zsh|ksh|mksh|python[0-9.]*|perl|ruby|node|nodejs|php[0-9.]*)")
#: options that give the program's code on the command line instead of reading it
_CODE_OPTIONS = {
    "python": ("-c", "-m"), "perl": ("-e", "-E"), "ruby": ("-e",), "node": ("-e", "--eval", "-p", "--print"),
    "php": ("-r", "-f"),
}  # fmt: skip
#: options whose value is the next word
_VALUED = frozenset({"-o", "+o", "-O", "+O", "-W", "-X", "-I", "-r", "--require", "-d"})
#: commands whose first argument is run as shell code in the current shell
_EVALUATORS = frozenset({"eval", "source", "."})


def _family(program: str) -> str:
    if program in _SHELLS:
        return "sh"
    return re.sub(r"[0-9.]+$", "", program).removesuffix("js")


def reads_stdin(command: SimpleCommand) -> bool:
    """An interpreter that runs what it reads on standard input: no script
    file named (``sh``, ``python3 -``, ``bash -s -- --yes``, ``php -- args``)."""
    family = _family(command.program or "")
    skip = False
    for word in command.arguments:
        text = word.text
        if skip:
            skip = False
        elif text == "-":
            return True
        elif text == "--":
            return family == "php" or word is command.arguments[-1]
        elif family == "sh" and _short_options(text) and "c" in text[1:]:
            return False
        elif family == "sh" and _short_options(text) and "s" in text[1:]:
            return True
        elif _code_option(family, text):
            return False
        elif text in _VALUED:
            skip = True
        elif not text.startswith(("-", "+")):
            return False  # a script file: what comes on stdin is its data
    return True


def _short_options(text: str) -> bool:
    return text.startswith("-") and not text.startswith("--")


def _code_option(family: str, text: str) -> bool:
    """``-c``, ``-e``, ``--eval=…``: the code is on the command line."""
    options = _CODE_OPTIONS.get(family, ())
    return text in options or any(text.startswith(option + "=") for option in options if option.startswith("--"))


def _contains_download(script: ShellScript, word: Word) -> SimpleCommand | None:
    """The download command inside ``word`` (``"$(curl …)"``, ``<(wget …)``), if any
    (a plain ``sh -c '…'`` string is analysed as a script of its own)."""
    if not any(marker in word.raw for marker in ("$(", "<(", "`")):
        return None
    for command in script.commands:
        if command.program in DOWNLOADERS and word.span.start <= command.span.start and command.span.end <= word.span.end:
            return command
    return None


def _code_word(command: SimpleCommand) -> Word | None:
    """The word whose text a shell, interpreter or ``eval`` runs as code:
    the argument of ``-c``/``-e``, the script operand, ``eval``'s argument."""
    program = command.program or ""
    arguments = command.arguments
    if program in _EVALUATORS:
        return arguments[0] if arguments else None
    family = _family(program)
    code_options = ("-c",) if family == "sh" else _CODE_OPTIONS.get(family, ())
    skip = False
    for index, word in enumerate(arguments):
        text = word.text
        if skip:
            skip = False
        elif text in code_options or (family == "sh" and _short_options(text) and text.endswith("c")):
            return arguments[index + 1] if index + 1 < len(arguments) else None
        elif text in _VALUED:
            skip = True
        elif not text.startswith(("-", "+")) or text.startswith(("<(", "$(")):
            return word
    return None


class RemoteScriptPipedToShell(Rule):
    """A downloaded script is piped straight into a shell (`curl … | sh`).

    ## Why is this bad?
    The build runs whatever the server returns at that moment: a compromised
    or changed script, a truncated download (half a script still runs), or an
    error page. Nothing records what ran, so the build cannot be reproduced.
    Download the script (or better, a release artefact) to a file, check its
    SHA-256 against a value written in the Dockerfile, then run it — or use
    `ADD --checksum=sha256:… URL`.

    Reported: `curl … | sh` (also `bash -s --`, `python3 -`, `php`, through
    `sudo`), `sh -c "$(curl …)"`, `bash <(wget -qO- …)`, `eval "$(curl …)"` and
    `source <(curl …)`. A download piped into a program that reads it as data
    (`| tar -xz`, `| gpg --dearmor`, `| python3 -c 'import json…'`,
    `| sh ./configure.sh`) is not.

    ## Example
    ```dockerfile
    FROM debian:12-slim
    RUN curl -fsSL https://get.example.com/install.sh | sh
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12-slim
    ADD --checksum=sha256:5d41402abc4b2a76b9719d911017c592ae8b5c4e3f0a1b2c3d4e5f60718293a4 https://get.example.com/install-1.4.2.sh /tmp/install.sh
    RUN sh /tmp/install.sh && rm /tmp/install.sh
    ```

    ## References
    - [Docker build best practices](https://docs.docker.com/build/building/best-practices/)
    - [ADD --checksum](https://docs.docker.com/reference/dockerfile/#add---checksum)
    """

    code = "DF020"
    name = "remote-script-piped-to-shell"
    severity = Severity.WARNING
    category = "security"
    security_severity = 6.0
    kind = "dockerfile"
    instructions = frozenset({"RUN"})

    def check_instruction(self, ctx, instruction):
        for script in scripts(ctx, instruction):
            if DOWNLOADERS.isdisjoint(command.program for command in script.commands):
                continue  # nothing downloads: nothing to pipe or evaluate (most scripts)
            for pipeline in script.pipelines:
                members = script.pipeline_commands(pipeline)
                download = next((command for command in members if command.program in DOWNLOADERS), None)
                if download is None:
                    continue
                later = members[members.index(download) + 1 :]
                runner = next((command for command in later if _runs_stdin(command)), None)
                if runner is not None:
                    yield Violation(pipeline.span, f"{download.program} output is piped into {runner.program}: download to a file and check its checksum first")
            for command in script.commands:
                program = command.program or ""
                if program not in _EVALUATORS and not _INTERPRETER.fullmatch(program):
                    continue
                word = _code_word(command)
                download = _contains_download(script, word) if word is not None else None
                if download is None:
                    for redirect in command.redirects:  # bash < <(curl …)
                        if redirect.operator == "<" and redirect.target is not None and reads_stdin(command):
                            download = _contains_download(script, redirect.target)
                            if download is not None:
                                break
                if download is not None:
                    yield Violation(command.span, f"{program} runs a script {download.program} downloads on the fly: download to a file and check its checksum first")


def _runs_stdin(command: SimpleCommand) -> bool:
    program = command.program or ""
    return _INTERPRETER.fullmatch(program) is not None and reads_stdin(command)
