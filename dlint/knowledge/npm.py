"""How npm reads its command line and which package specs name a fixed version
(https://docs.npmjs.com/cli/commands/npm-install)."""

from __future__ import annotations

from dlint.knowledge.packages import INFORMATIONAL, OptionSyntax

#: options of npm whose value may be the next word
NPM_SYNTAX = OptionSyntax(
    valued=frozenset(
        {
            "--loglevel", "--registry", "--prefix", "--cache", "--userconfig", "--globalconfig", "--tag",
            "-w", "--workspace", "--omit", "--include", "--install-strategy", "--before", "--scope", "--otp",
            "--save-prefix", "--script-shell", "--location", "--cpu", "--os", "--libc",
        }
    ),  # fmt: skip
    informational=INFORMATIONAL | {"-v"},  # ``npm -v`` prints npm's version
)

_GIT_PREFIXES = ("git://", "git+ssh://", "git+http://", "git+https://", "git+file://")
_TARBALLS = (".tar", ".tar.gz", ".tgz")
_FOLDERS = ("/", "./", "../", "~/")


def npm_version_pinned(package: str) -> bool:
    """``name@version`` (also scoped ``@scope/name@version``), a git URL with a
    ``#commit``/``#semver:`` ref, a tarball or a folder."""
    if package.startswith(_GIT_PREFIXES):
        return "#" in package
    if package.endswith(_TARBALLS) or package.startswith(_FOLDERS) or package in (".", ".."):
        return True
    name = package.partition("/")[2] if package.startswith("@") else package
    return "@" in name
