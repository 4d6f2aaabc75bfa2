"""DL3013: package installed with pip without a version."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.packages import pin_message, unpinned
from dlint.knowledge.pip import pip_installs, pip_version_pinned
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.shell_scopes import command_scopes


class PipVersionNotPinned(Rule):
    """`pip install` installs a package without naming its version.

    ## Why is this bad?
    Without a version, each build installs whatever PyPI offers that day, so
    two builds of the same Dockerfile can differ and break in ways that are
    hard to trace. Give a version specifier (`flask==3.0.2`, or a range such
    as `flask>=3,<4`), install from a requirements or constraints file
    (`-r`/`-c`, whose pins are not checked here), or pin a VCS URL to a ref
    (`git+https://…/repo.git@v1.0`). Local paths, archives, wheels and `.`
    need no version. `pipx install` is checked the same way. The value of
    options such as `--index-url` or `--target` is not a package.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    RUN pip install --no-cache-dir flask
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    RUN pip install --no-cache-dir flask==3.0.2
    ```

    ## References
    - [pip docs: requirement specifiers](https://pip.pypa.io/en/stable/reference/requirement-specifiers/)
    """

    code = "DL3013"
    name = "pip-version-not-pinned"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"pip"})

    def check_instruction(self, ctx, instruction):
        installs = pip_installs(ctx, instruction)
        if not installs:
            return
        scope_of = command_scopes(ctx, instruction)
        for invocation in installs:
            if invocation.has("-c", "--constraint"):
                continue  # the constraints file decides the versions
            found = list(unpinned(invocation.targets, scope_of(invocation.command), pip_version_pinned))
            if found:
                word, text = pin_message(found)
                yield Violation(word.span, f"{text}: `{invocation.tool} install <package>==<version>`")
