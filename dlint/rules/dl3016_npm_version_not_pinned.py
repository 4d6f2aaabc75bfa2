"""DL3016: package installed with npm without a version."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._packages import INFORMATIONAL, OptionSyntax, command_scopes, pin_message, program_reader, run_invocations, unpinned

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

#: npm's spellings of ``install`` that take packages
_INSTALL = frozenset({"install", "i", "add", "isntall", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal"})

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


class NpmVersionNotPinned(Rule):
    """`npm install` installs a package without naming its version.

    ## Why is this bad?
    Without a version, each build installs whatever the registry offers that
    day, so two builds of the same Dockerfile can differ. Name the version
    (`express@4.18.2`, `@scope/pkg@1.2.3`) or pin a git URL to a commit or tag
    (`git+https://…/repo.git#v1.0`). `npm install` without packages uses the
    lock file and is fine, as are tarballs and folders. `npm i` and `npm add`
    are the same command and are checked too.

    ## Example
    ```dockerfile
    FROM node:20-slim
    RUN npm install --global express
    ```

    ## Use instead
    ```dockerfile
    FROM node:20-slim
    RUN npm install --global express@4.18.2
    ```

    ## References
    - [npm docs: npm install](https://docs.npmjs.com/cli/commands/npm-install)
    """

    code = "DL3016"
    name = "npm-version-not-pinned"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})

    def check_instruction(self, ctx, instruction):
        installs = [
            invocation
            for invocation in run_invocations(ctx, instruction, program_reader(("npm",), NPM_SYNTAX))
            if invocation.subcommand is not None and invocation.subcommand.text in _INSTALL
        ]
        if not installs:
            return
        scope_of = command_scopes(ctx, instruction)
        for invocation in installs:
            found = list(unpinned(invocation.targets, scope_of(invocation.command), npm_version_pinned))
            if found:
                word, text = pin_message(found)
                yield Violation(word.span, f"{text}: `npm install <package>@<version>`")
