"""DL3016: package installed with npm without a version."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.npm import NPM_SYNTAX, npm_version_pinned
from dlint.knowledge.packages import pin_message, program_reader, run_invocations, unpinned
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.shell_scopes import command_scopes

#: npm's spellings of ``install`` that take packages
_INSTALL = frozenset({"install", "i", "add", "isntall", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal"})


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
    markers = frozenset({"npm"})

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
