"""DC016: no top-level ``name`` in the project."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation


class ComposeMissingProjectName(Rule):
    """The project has no top-level `name`.

    ## Why is this bad?
    Without `name`, Compose names the project after the folder the file is
    in. Containers, networks and volumes are prefixed with that name, so the
    same file checked out as `app/` and as `app-main/` creates two unrelated
    sets of volumes, and a renamed folder seems to lose its data. A `name`
    fixes the prefix for everyone. The rule looks at every file of the
    project (an override file that sets `name` is enough) and reports the
    main file. It is off by default: `COMPOSE_PROJECT_NAME` or `-p` may set
    the name instead.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
    ```

    ## Use instead
    ```yaml
    name: shop
    services:
      web:
        image: nginx:1.27
    ```

    ## References
    - [Compose: name](https://docs.docker.com/reference/compose-file/version-and-name/#name-top-level-element)
    - [Project name](https://docs.docker.com/compose/how-tos/project-name/)
    """

    code = "DC016"
    name = "compose-missing-project-name"
    severity = Severity.INFO
    category = "best-practice"
    kind = "compose"
    default_enabled = False
    aliases = ("require-project-name-field",)

    def check_compose_project(self, ctx):
        files = ctx.project.files
        if not files or any(compose.entry("name") is not None for compose in files):
            return
        main = files[0]
        if main.is_override or main.node is None or main.node.kind != "map" or not main.node.value:
            return
        first_key = next(iter(main.node.pairs()))[0]
        yield Violation(first_key.span, "the project has no top-level name: Compose names it after the folder; add name:", path=main.path)
