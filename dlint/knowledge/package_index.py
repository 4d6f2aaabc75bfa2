"""Which package-manager commands refresh the package index and which upgrade the whole
system (DF042, DF043), from the tools' manuals: apt-get(8) (``update``; ``upgrade``,
``dist-upgrade``, ``full-upgrade``), apt(8), aptitude(8) (``safe-upgrade``,
``full-upgrade``), apk(8) (``update``, ``upgrade``), dnf(8)/yum(8)/microdnf
(``makecache``, ``check-update``; ``upgrade``/``update``/``distro-sync`` without package
operands), zypper(8) (``refresh``/``ref``; ``update``/``up``/``patch``; ``dist-upgrade`` is
DL3035's).

:func:`index_refresh` and :func:`system_upgrade` read one simple command; a command
whose program or subcommand is not a literal is neither."""

from __future__ import annotations

from typing import NamedTuple

from dlint.knowledge.apk import read_apk
from dlint.knowledge.apt import read_apt
from dlint.knowledge.packages import Invocation
from dlint.knowledge.rpm import DNF, YUM, ZYPPER, read
from dlint.models.shell import SimpleCommand, Word

_APT = frozenset({"apt-get", "apt", "aptitude"})
_RPM_REFRESH = frozenset({"makecache", "check-update", "mc"})
_ZYPPER_REFRESH = frozenset({"refresh", "ref"})

#: subcommands that upgrade every installed package, per tool
_APT_UPGRADES = frozenset({"upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade"})
_RPM_UPGRADES = frozenset({"upgrade", "up", "update", "distro-sync", "dsync", "distrosync", "upgrade-minimal", "update-minimal", "up-min"})
_ZYPPER_UPGRADES = frozenset({"update", "up", "patch"})

#: programs whose commands never install packages nor run another program (their
#: presence in a RUN beside an index refresh leaves the refresh alone)
INERT_PROGRAMS = frozenset({
    "echo", "printf", "true", ":", "false", "set", "export", "rm", "mkdir", "ln", "cp", "mv", "chmod",
    "chown", "touch", "cat", "sed", "test", "[", "cd", "ls", "sleep", "tee", "grep", "unset", "umask",
})  # fmt: skip

#: the tools whose commands the index rules read, as text a Dockerfile holds (rule markers)
MARKERS = frozenset({"apt", "apk", "dnf", "yum", "zypper"})


class PackageCommand(NamedTuple):
    """A package-manager command of interest: the tool and the subcommand as written."""

    tool: str
    subcommand: Word
    invocation: Invocation

    @property
    def verb(self) -> str:
        return f"{self.tool} {self.subcommand.text}"


def _read(command: SimpleCommand) -> tuple[str, Invocation, str] | None:
    """``(family, invocation, subcommand text)`` of a package-manager command."""
    name = command.program
    if name in _APT:
        invocation = read_apt(command, _APT)
        family = "apt"
    elif name == "apk":
        invocation = read_apk(command)
        family = "apk"
    elif name in DNF.programs or name in YUM.programs:
        found = read(command, DNF if name in DNF.programs else YUM)
        invocation = found.invocation if found is not None else None
        family = "rpm"
    elif name in ZYPPER.programs:
        found = read(command, ZYPPER)
        invocation = found.invocation if found is not None else None
        family = "zypper"
    else:
        return None
    if invocation is None or invocation.informational or invocation.subcommand is None:
        return None
    text = invocation.subcommand.value
    if not text:
        return None
    return family, invocation, text


def package_manager_command(command: SimpleCommand) -> bool:
    """Whether ``command`` is any apt/apk/dnf/yum/zypper command (with a subcommand)."""
    return _read(command) is not None


def index_refresh(command: SimpleCommand) -> PackageCommand | None:
    """``apt-get update``, ``apk update``, ``dnf makecache``, ``zypper refresh``…"""
    found = _read(command)
    if found is None:
        return None
    family, invocation, text = found
    refresh = (
        (family in ("apt", "apk") and text == "update")
        or (family == "rpm" and text in _RPM_REFRESH)
        or (family == "zypper" and text in _ZYPPER_REFRESH)
    )
    return PackageCommand(invocation.tool, invocation.subcommand, invocation) if refresh else None


def system_upgrade(command: SimpleCommand) -> PackageCommand | None:
    """A command upgrading every installed package: ``apt-get upgrade``/``dist-upgrade``,
    ``apk upgrade``, ``dnf upgrade``/``yum update`` without package operands…"""
    found = _read(command)
    if found is None:
        return None
    family, invocation, text = found
    whole = not invocation.targets
    upgrade = (
        (family == "apt" and text in _APT_UPGRADES)
        or (family == "apk" and text == "upgrade" and whole)
        or (family == "rpm" and text in _RPM_UPGRADES and whole)
        or (family == "zypper" and text in _ZYPPER_UPGRADES and whole)
    )
    return PackageCommand(invocation.tool, invocation.subcommand, invocation) if upgrade else None


_INSTALLS = {"apt": frozenset({"install"}), "apk": frozenset({"add"}), "rpm": frozenset({"install", "in"}), "zypper": frozenset({"install", "in"})}


def installed_packages(command: SimpleCommand) -> list[Word]:
    """The package words of an install command (``apt-get install``, ``apk add``,
    ``dnf install``, ``zypper install``); empty for any other command."""
    found = _read(command)
    if found is None:
        return []
    family, invocation, text = found
    return list(invocation.targets) if text in _INSTALLS[family] else []
