"""Shared logic of the pip rules (DL3013, DL3042): reading ``pip install``
(``pip3``, ``pip3.12``, ``python3 -m pip``) and ``pipx install`` commands and
telling whether a requirement names a version."""

from __future__ import annotations

import re

from dlint.engine.context import DockerfileContext
from dlint.knowledge.packages import INFORMATIONAL, Invocation, OptionSyntax, read_invocation, run_invocations
from dlint.models.dockerfile import Instruction
from dlint.models.shell import SimpleCommand
from dlint.regex import regex
from dlint.views.dockerfile.run import program as program_name

_PIP = regex(r"pip(\d+(\.\d+)?)?")
_PYTHON = regex(r"python(\d+(\.\d+)?)?")

#: options of pip whose value may be the next word
PIP_SYNTAX = OptionSyntax(
    valued=frozenset(
        {
            "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target", "--platform",
            "--python-version", "--implementation", "--abi", "--root", "--prefix", "-b", "--build", "--src",
            "--upgrade-strategy", "-C", "--config-settings", "--global-option", "--install-option",
            "--no-binary", "--only-binary", "--progress-bar", "--root-user-action", "--report", "-i",
            "--index-url", "--extra-index-url", "-f", "--find-links", "--log", "--log-file", "--proxy",
            "--retries", "--timeout", "--exists-action", "--trusted-host", "--cert", "--client-cert",
            "--cache-dir", "--python", "--keyring-provider", "--use-feature", "--use-deprecated",
            "--group", "--src-dir",
        }
    ),  # fmt: skip
    informational=INFORMATIONAL | {"-V"},  # ``pip -V`` prints pip's version (``-v`` is verbose)
)

#: options of pipx whose value may be the next word (pipx's ``-e`` is a switch)
PIPX_SYNTAX = OptionSyntax(
    valued=frozenset({"--python", "--pip-args", "--suffix", "--index-url", "--preinstall", "--spec", "--backend"})
)

#: version specifier operators of PEP 440
_VERSION_OPERATORS = ("==", ">=", "<=", "!=", "~=", "===", ">", "<")

#: archive and wheel suffixes of local or downloaded distributions
_ARCHIVES = (".whl", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".zip")


def read_pip(command: SimpleCommand) -> Invocation | None:
    """``pip``/``pip3``/``pip3.12`` or ``python… -m pip`` read as pip; ``pipx`` as pipx."""
    program = program_name(command)
    if program is None or not program.startswith(("pip", "python")):  # what the patterns below need
        return None
    if program == "pipx":
        return read_invocation(command, "pipx", PIPX_SYNTAX)
    if _PIP.fullmatch(program):
        return read_invocation(command, "pip", PIP_SYNTAX)
    if _PYTHON.fullmatch(program):
        skip = _module_pip_end(command)
        if skip is not None:
            return read_invocation(command, "pip", PIP_SYNTAX, skip=skip)
    return None


def _module_pip_end(command: SimpleCommand) -> int | None:
    """Index of the first argument after ``-m pip`` in a python command line."""
    words = [word.text for word in command.arguments]
    for index, text in enumerate(words):
        if text == "-m":
            return index + 2 if index + 1 < len(words) and _PIP.fullmatch(words[index + 1]) else None
        if text.startswith("-m"):
            return index + 1 if _PIP.fullmatch(text[2:]) else None
        if not text.startswith("-") or text == "-c":
            return None  # a script or ``-c code`` runs, not a module
    return None


def pip_installs(
    ctx: DockerfileContext, instruction: Instruction, tools: tuple[str, ...] = ("pip", "pipx")
) -> list[Invocation]:
    """The ``install`` commands of pip (and pipx) in a RUN, in order."""
    return [
        invocation
        for invocation in run_invocations(ctx, instruction, read_pip)
        if invocation.tool in tools and invocation.subcommand is not None and invocation.subcommand.text == "install"
    ]


_VCS = regex(r"(git|hg|svn|bzr)(\+[a-z-]+)?:", re.IGNORECASE)


def pip_version_pinned(requirement: str) -> bool:
    """True when ``requirement`` names a version or needs none: a version
    specifier (``==1.2``, ``>=1.2``, ``~=1.2``…), a VCS URL with a ref
    (``git+https://host/repo.git@v1.0``), an archive or wheel, a local path or
    an archive URL (anything with a ``/`` that is not a VCS URL), ``.``/``..``."""
    if _VCS.match(requirement):
        location = requirement.split("#", 1)[0].split("://", 1)[-1]
        path = location.split("/", 1)[1] if "/" in location else ""
        return "@" in path
    if any(operator in requirement for operator in _VERSION_OPERATORS):
        return True
    if requirement.endswith(_ARCHIVES) or requirement in (".", ".."):
        return True
    return "/" in requirement
