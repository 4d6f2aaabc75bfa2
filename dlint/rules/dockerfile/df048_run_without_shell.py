"""DF048: a RUN in a stage that has no shell (scratch, distroless)."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.shell_less_images import without_shell
from dlint.models.dockerfile import RunInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.stage_contents import adders, chain_base, chain_before, from_scratch

#: mount types that cannot bring a program into the RUN
_INERT_MOUNTS = frozenset({"secret", "ssh", "tmpfs"})


class RunWithoutShell(Rule):
    """A RUN in a stage built on `scratch` or a distroless image, where there is no shell.

    ## Why is this bad?
    A shell-form `RUN` runs `/bin/sh -c "…"` (or the `SHELL` set). `scratch`
    is empty, and distroless images (`gcr.io/distroless/*` except the
    `:debug` tags, .NET `chiseled` images) ship no shell: the build stops
    with "exec: /bin/sh: no such file or directory". In a scratch stage with
    nothing copied in yet even an exec-form RUN has no program to run. Do the
    work in a build stage and `COPY --from` the result, or use a `:debug`
    variant (which has BusyBox) for debugging only.

    Reported only when the failure is sure: in a `scratch` stage, a RUN
    before any `COPY`/`ADD`; in a distroless stage, a shell-form RUN with no
    `COPY --from`, no `ADD` and no COPY into `/`, a relative path or a `bin` directory before
    it (one of those may bring a shell). A RUN with a bind or cache mount
    (which can bring programs) is not reported, nor a RUN in a stage built
    `FROM` an empty named scratch stage: that is the placeholder a named
    build context replaces (`--build-context base=docker-image://alpine:3.20`).

    ## Example
    ```dockerfile
    FROM gcr.io/distroless/static-debian12
    RUN mkdir -p /data
    ```

    ## Use instead
    ```dockerfile
    FROM busybox:1.36 AS prepare
    RUN mkdir -p /data
    FROM gcr.io/distroless/static-debian12
    COPY --from=prepare /data /data
    ```

    ## References
    - [Distroless images](https://github.com/GoogleContainerTools/distroless#debug-images)
    - [Dockerfile reference: RUN](https://docs.docker.com/reference/dockerfile/#run)
    """

    code = "DF048"
    name = "run-without-shell"
    severity = Severity.ERROR
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"scratch", "SCRATCH", "Scratch", "distroless", "chiseled"})

    def check_instruction(self, ctx, instruction):
        if instruction.onbuild or not isinstance(instruction, RunInstruction) or instruction.stage_index is None:
            return
        if any(mount.type not in _INERT_MOUNTS for mount in instruction.mounts):
            return
        dockerfile = ctx.dockerfile
        stage = dockerfile.stages[instruction.stage_index]
        before = chain_before(dockerfile, stage, instruction)
        added = adders(before)
        if from_scratch(dockerfile, stage):
            # ``FROM base`` where ``base`` is ``FROM scratch AS base``: the documented placeholder
            # a named build context replaces (``--build-context base=docker-image://…``)
            if not added and stage.image.is_scratch:
                yield Violation(instruction.keyword_token.span, "this RUN is in a `FROM scratch` stage with nothing copied in: there is no shell or program to run")
            return
        base = chain_base(dockerfile, stage).image
        if instruction.command.form != "shell" or not without_shell(base):
            return
        if any(self._may_bring_shell(item) for item in added):
            return
        yield Violation(instruction.keyword_token.span, f"{base.value} has no shell: this shell-form RUN fails; run it in a build stage and copy the result")

    @staticmethod
    def _may_bring_shell(item) -> bool:
        if item.keyword == "ADD" or item.flag("from") is not None:
            return True
        destination = getattr(item, "destination", None)
        path = (destination.value if destination is not None else "/").rstrip("/")
        return path == "" or "$" in path or not path.startswith("/") or path in ("/usr", "/usr/local") or path.split("/")[-1] in ("bin", "sbin", "busybox")
