"""How ``go install``/``go get`` read their command line and which module versions are
fixed (https://go.dev/ref/mod#go-install)."""

from __future__ import annotations

from dlint.knowledge.packages import OptionSyntax

#: build flags of the go command that take a value; Go flags have one dash and
#: do not bundle, and switches never take the next word
GO_SYNTAX = OptionSyntax(
    valued=frozenset(
        {
            "-o", "-p", "-C", "-tags", "-ldflags", "-gcflags", "-asmflags", "-gccgoflags", "-mod", "-modfile",
            "-overlay", "-pkgdir", "-buildmode", "-compiler", "-toolexec", "-exec", "-pgo", "-covermode",
            "-coverpkg", "-installsuffix", "-buildvcs", "-reldir",
        }
    ),
    bundling=False,
    informational_subcommands=frozenset({"help", "version"}),
)  # fmt: skip

#: module queries that move with time: not a pin
_FLOATING = frozenset({"latest", "upgrade", "patch"})
#: package patterns that name no module: ``tool`` (Go 1.24) is the tools go.mod pins,
#: ``std`` and ``cmd`` come with the toolchain
_META = frozenset({"tool", "std", "cmd"})


def go_version_pinned(package: str) -> bool:
    """``path@version`` with a fixed version, a local path (``.``, ``./…``,
    ``../…``, ``/…``), a ``.go`` file or ``tool``/``std``/``cmd``; not ``@latest``/``@upgrade``/``@patch``."""
    if package in (".", "..", *_META) or package.startswith(("./", "../", "/")) or package.endswith(".go"):
        return True
    _, at, version = package.rpartition("@")
    return bool(at) and bool(version) and version not in _FLOATING
