"""Shared logic of the apt rules (DL3008, DL3009, DL3014, DL3015, DL3027).

:data:`APT_GET` reads ``apt-get`` command lines; :func:`apt_get_installs`
finds the ``apt-get install`` commands of a RUN. The option helpers answer the
questions the rules ask: does it answer prompts (:func:`assumes_yes`), skip
recommended packages (:func:`skips_recommends`), is a package word pinned
(:func:`apt_version_pinned`)?
"""

from __future__ import annotations

from dlint.engine.context import DockerfileContext
from dlint.knowledge.packages import Invocation, OptionSyntax, read_invocation, run_invocations
from dlint.models.dockerfile import Instruction
from dlint.models.shell import SimpleCommand
from dlint.regex import regex
from dlint.views.dockerfile.run import commands, program
from dlint.views.text import parse_int

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


#: ``APT::Name "value"`` of apt.conf; the name starts a word (so that a long name is read once)
_CONFIG_ENTRY = regex(r"(?<![A-Za-z0-9:_-])(APT::[A-Za-z0-9:_-]+)\s+\"?([A-Za-z0-9]+)\"?")


def installs_with_config(ctx: DockerfileContext, instruction: Instruction) -> list[tuple[Invocation, dict[str, str]]]:
    """The ``apt-get install`` commands of a RUN, each with the apt settings
    written before it (see :func:`written_config`)."""
    installs = apt_get_installs(ctx, instruction)
    if not installs:
        return []
    settings = written_config(ctx, instruction)
    found = []
    pending = iter(installs)
    current = next(pending, None)
    for command in commands(ctx, instruction):
        if current is not None and command is current.command:
            found.append((current, dict(settings)))
            current = next(pending, None)
        settings.update(_written_by(command))
    return found


def written_config(ctx: DockerfileContext, instruction: Instruction) -> dict[str, str]:
    """apt settings earlier RUNs wrote into ``/etc/apt/apt.conf`` or
    ``/etc/apt/apt.conf.d/`` with ``echo``/``printf`` and a redirection, in
    this stage before ``instruction`` or in the stages it builds on (names and
    values lower-cased; the last one written wins)."""
    if instruction.onbuild or instruction.stage_index is None:
        return {}
    before = ctx.derived.get("apt_config_before")
    if before is None:
        before = ctx.derived["apt_config_before"] = _config_before_each(ctx)
    return dict(before.get(id(instruction), {}))


def _config_before_each(ctx: DockerfileContext) -> dict[int, dict[str, str]]:
    """:func:`written_config` of every instruction of the file, by ``id()``, in one pass."""
    stages = ctx.dockerfile.stages
    at_end: dict[int, dict[str, str]] = {}
    before: dict[int, dict[str, str]] = {}
    for stage in stages:
        base = stage.base_stage
        settings = dict(at_end.get(base, {})) if base is not None and base < stage.index else {}
        for earlier in stage.instructions:
            before[id(earlier)] = settings
            if earlier.keyword == "RUN":
                written = {}
                for command in commands(ctx, earlier):
                    written.update(_written_by(command))
                if written:
                    settings = {**settings, **written}
        at_end[stage.index] = settings
    return before


def _written_by(command: SimpleCommand) -> dict[str, str]:
    if command.program not in ("echo", "printf"):
        return {}
    if not any(
        redirect.operator in (">", ">>") and redirect.target is not None
        and redirect.target.text.startswith("/etc/apt/apt.conf")
        for redirect in command.redirects
    ):
        return {}
    text = " ".join(word.text for word in command.arguments)
    return {name.lower(): value.lower() for name, value in _CONFIG_ENTRY.findall(text)}


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
                number = parse_int(option.value)
                level = number if number is not None else level + 1
            else:
                level += 1
    return level


def assumes_yes(invocation: Invocation, written: dict[str, str] | None = None) -> bool:
    """``-y``/``--yes``/``--assume-yes``, ``-qq`` (which implies it),
    ``-o APT::Get::Assume-Yes=true`` or that setting in ``written`` (see
    :func:`written_config`)."""
    for option in invocation.options:
        if option.name in ("-y", "--yes", "--assume-yes"):
            if option.value is None or option.value_word is not None or option.value.lower() not in _FALSE:
                return True
    settings = {**(written or {}), **config_options(invocation)}
    if settings.get("apt::get::assume-yes") in _TRUE:
        return True
    return quiet_level(invocation) >= 2


def skips_recommends(invocation: Invocation, written: dict[str, str] | None = None) -> bool:
    """``--no-install-recommends``, ``--install-recommends=no``,
    ``-o APT::Install-Recommends=false`` or that setting in ``written``."""
    if invocation.has("--no-install-recommends"):
        return True
    option = invocation.option("--install-recommends")
    if option is not None and option.value_word is None and (option.value or "").lower() in _FALSE:
        return True
    settings = {**(written or {}), **config_options(invocation)}
    return settings.get("apt::install-recommends") in _FALSE


#: apt subcommands that remove the package lists: ``distclean`` (alias
#: ``dist-clean``, apt 2.9.x / Debian 13) deletes everything under
#: ``/var/lib/apt/lists`` but the Release files (Debian 13 release notes,
#: "What's new": https://www.debian.org/News/2025/20250809)
_LIST_CLEANERS = frozenset({"distclean", "dist-clean"})


def cleans_lists(command: SimpleCommand) -> bool:
    """``apt-get distclean`` (or ``apt distclean``, ``dist-clean``): the package lists go."""
    invocation = read_apt(command, frozenset({"apt-get", "apt"}))
    return invocation is not None and invocation.subcommand is not None and invocation.subcommand.text in _LIST_CLEANERS


def apt_version_pinned(package: str) -> bool:
    """``name=version`` (``=`` anywhere), or a ``.deb`` file given by path."""
    return "=" in package or (package.endswith(".deb") and "/" in package)
