"""DL3062: Go module installed, fetched or run without a version."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._packages import OptionSyntax, command_scopes, pin_message, program_reader, run_invocations, unpinned

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


class GoVersionNotPinned(Rule):
    """`go install`, `go get` or `go run` uses a module without a fixed version.

    ## Why is this bad?
    Without a version (or with `@latest`), Go resolves the newest release at
    build time, so two builds of the same Dockerfile can differ. Name a
    version: `go install golang.org/x/tools/gopls@v0.15.3`. Local packages
    (`.`, `./cmd/app`, `/src/app`) are built from the sources at hand and need
    none, as does `go install tool` (Go 1.24: the tools go.mod pins). For
    `go run` only the package is checked, not the program's arguments after it.

    ## Example
    ```dockerfile
    FROM golang:1.22
    RUN go install golang.org/x/tools/gopls@latest
    ```

    ## Use instead
    ```dockerfile
    FROM golang:1.22
    RUN go install golang.org/x/tools/gopls@v0.15.3
    ```

    ## References
    - [Go docs: go install](https://go.dev/ref/mod#go-install)
    """

    code = "DL3062"
    name = "go-version-not-pinned"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})

    def check_instruction(self, ctx, instruction):
        found = [
            invocation
            for invocation in run_invocations(ctx, instruction, program_reader(("go",), GO_SYNTAX))
            if invocation.subcommand is not None and invocation.subcommand.text in ("install", "get", "run")
        ]
        if not found:
            return
        scope_of = command_scopes(ctx, instruction)
        for invocation in found:
            packages = invocation.targets
            if invocation.subcommand.text == "run":
                packages = packages[:1]  # the words after the package are the program's arguments
            found = list(unpinned(packages, scope_of(invocation.command), go_version_pinned))
            if found:
                word, text = pin_message(found)
                yield Violation(word.span, f"{text}: `go {invocation.subcommand.text} <module>@<version>`")
