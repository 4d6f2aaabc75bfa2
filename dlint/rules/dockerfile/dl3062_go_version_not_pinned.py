"""DL3062: Go module installed, fetched or run without a version."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.go import GO_SYNTAX, go_version_pinned
from dlint.knowledge.packages import pin_message, program_reader, run_invocations, unpinned
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.shell_scopes import command_scopes


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
    markers = frozenset({"go"})

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
