"""Shared logic of the apt rules (DL3008, DL3009, DL3014, DL3015, DL3027).

:data:`APT_GET` reads ``apt-get`` command lines; :func:`apt_get_installs`
finds the ``apt-get install`` commands of a RUN. The option helpers answer the
questions the rules ask: does it answer prompts (:func:`assumes_yes`), skip
recommended packages (:func:`skips_recommends`), is a package word pinned
(:func:`apt_version_pinned`)?
"""

from __future__ import annotations

from dlint.engine.context import DockerfileContext
from dlint.models.dockerfile import Instruction
from dlint.models.shell import SimpleCommand
from dlint.rules._packages import Invocation, OptionSyntax, program, read_invocation, run_invocations

#: options of apt-get, apt and apt-cache whose value may be the next word
APT_SYNTAX = OptionSyntax(
    valued=frozenset(
        {
            "-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release",
            "-a", "--host-architecture", "-P", "--build-profiles", "--solver", "--planner",
        }
    )  # fmt: skip
)

_TRUE = frozenset({"1", "true", "yes", "on", "with", "enable"})
_FALSE = frozenset({"0", "false", "no", "off", "without", "disable"})


def read_apt(command: SimpleCommand, programs: frozenset[str] = frozenset({"apt-get"})) -> Invocation | None:
    """``command`` read as apt-get (or one of ``programs``), else None."""
    name = program(command)
    if name not in programs:
        return None
    return read_invocation(command, name, APT_SYNTAX)


def apt_get_installs(ctx: DockerfileContext, instruction: Instruction) -> list[Invocation]:
    """The ``apt-get install`` commands of a RUN, in order."""
    return [
        invocation
        for invocation in run_invocations(ctx, instruction, read_apt)
        if invocation.subcommand is not None and invocation.subcommand.text == "install"
    ]


def config_options(invocation: Invocation) -> dict[str, str]:
    """``-o Name=value`` settings, names lower-cased (apt's names ignore case)."""
    settings: dict[str, str] = {}
    for option in invocation.options:
        if option.name in ("-o", "--option") and option.value and "=" in option.value:
            name, _, value = option.value.partition("=")
            settings[name.strip().lower()] = value.strip().strip("\"'").lower()
    return settings


def quiet_level(invocation: Invocation) -> int:
    """How quiet: each ``-q``/``--quiet`` adds one, ``-q=N`` sets N."""
    level = 0
    for option in invocation.options:
        if option.name in ("-q", "--quiet"):
            if option.value is not None and option.value_word is None:
                level = int(option.value) if option.value.isdigit() else level + 1
            else:
                level += 1
    return level


def assumes_yes(invocation: Invocation) -> bool:
    """``-y``/``--yes``/``--assume-yes``, ``-qq`` (which implies it) or
    ``-o APT::Get::Assume-Yes=true``."""
    for option in invocation.options:
        if option.name in ("-y", "--yes", "--assume-yes"):
            if option.value is None or option.value_word is not None or option.value.lower() not in _FALSE:
                return True
    if config_options(invocation).get("apt::get::assume-yes") in _TRUE:
        return True
    return quiet_level(invocation) >= 2


def skips_recommends(invocation: Invocation) -> bool:
    """``--no-install-recommends``, ``--install-recommends=no`` or
    ``-o APT::Install-Recommends=false``."""
    if invocation.has("--no-install-recommends"):
        return True
    option = invocation.option("--install-recommends")
    if option is not None and option.value_word is None and (option.value or "").lower() in _FALSE:
        return True
    return config_options(invocation).get("apt::install-recommends") in _FALSE


def apt_version_pinned(package: str) -> bool:
    """``name=version`` (``=`` anywhere), or a ``.deb`` file given by path."""
    return "=" in package or (package.endswith(".deb") and "/" in package)
