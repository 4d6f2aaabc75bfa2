"""DF010: the image runs as root because no USER is set anywhere."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.models.dockerfile import CopyInstruction
from dlint.models.finding import Severity, Violation
from dlint.rules._applications import copied_from_context, holds_content
from dlint.rules._base_images import (
    base_image,
    chain_instructions,
    command_words,
    final_chain,
    last_in_chain,
    runs_as_non_root,
)
from dlint.rules._build_context import build_context
from dlint.rules._run import _windows_image

#: commands that start a program as another user
_DROPS = re.compile(
    r"(?<![\w./-])(?:gosu|su-exec|setpriv|runuser|s6-setuidgid|setuidgid|chpst\s+-u|chroot\s+--userspec"
    r"|sudo\s+(?:-\S+\s+)*-u|su(?=\s)[^\n;&|]*\s-c)(?![\w-])"
)
#: tools made for dropping privileges: an image that installs one runs its program through it
_DROP_TOOLS = re.compile(r"(?<![\w.-])(?:gosu|su-exec)(?![\w-])")
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh"})
_SCRIPT_HEAD = 64 * 1024
_ROOT_USERS = frozenset({"root", "0"})


class NoUser(Rule):
    """Image runs as root: no USER is ever set.

    ## Why is this bad?
    Without a `USER`, the container's process runs as root (unless the base
    image switched user itself). A flaw in the application then hands an
    attacker root inside the container, with write access to everything in it
    and a much shorter path to the host. Create an unprivileged user and switch
    to it after the steps that need root.

    Only the image the file produces counts: its last stage and the stages that
    stage builds `FROM`; a `USER` in any of them is enough (DL3002 checks that
    the last one is not root). A `scratch` image with only a static binary still
    runs it as root, so it is reported. Not reported:

    - base images known to run as a non-root user: distroless
      `:nonroot`/`:debug-nonroot`, Chainguard (`cgr.dev/…`, not `-dev` tags),
      Jupyter docker-stacks (`jupyter/*`, `quay.io/jupyter/*`), Bitnami,
      `jenkins/jenkins`, `jenkins/agent`, `jenkins/inbound-agent`,
      `*-unprivileged`, .NET `chiseled` and `distroless` images (`node` images
      run as root: they only ship a `node` user);
    - images that drop privileges when they start: the ENTRYPOINT or CMD runs
      `gosu`, `su-exec`, `setpriv`, `runuser`, `s6-setuidgid`, `chpst -u`,
      `chroot --userspec`, `sudo -u` or `su … -c`, directly or in an entrypoint
      script copied from the build context; or a RUN installs `gosu` or
      `su-exec` (the image is built to start its program through it);
    - images that every Compose service building them runs with a non-root
      `user:`;
    - base-image repositories: images that copy in nothing but helper scripts
      (docker-library's `php`, `python`, `postgres`, nginx's own images), which
      run as root on purpose so that images built on them can choose; an image
      is judged when it holds content of its own (sources, configuration or a
      build stage's artifacts);
    - Windows images and base images given by an unknown variable.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    COPY app.py /app/
    CMD ["python", "/app/app.py"]
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    RUN useradd --create-home --uid 10001 app
    COPY app.py /app/
    USER app
    CMD ["python", "/app/app.py"]
    ```

    ## References
    - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    - [Docker docs: best practices, USER](https://docs.docker.com/build/building/best-practices/#user)
    """

    code = "DF010"
    name = "no-user"
    severity = Severity.WARNING
    category = "security"
    security_severity = 5.0
    kind = "dockerfile"
    tags = ("security",)

    def check_dockerfile(self, ctx):
        chain = final_chain(ctx.dockerfile)
        image = base_image(chain)
        if image is None or chain_instructions(chain, "USER"):
            return
        if not image.resolved or runs_as_non_root(image) or _windows_image(image):
            return
        if _compose_runs_as_user(ctx) or not holds_content(ctx, chain) or _drops_privileges(ctx, chain):
            return
        yield Violation(
            chain[0].from_instruction.keyword_token.span,
            "no USER is set, so the image runs as root: create an unprivileged user and switch to it with USER",
        )


def _compose_runs_as_user(ctx) -> bool:
    """Every Compose service that builds this file sets a ``user:`` that is not root
    (one whose value is not known counts as set)."""
    users = ctx.surroundings.get("compose_users")
    return bool(users) and all(user is not None and user.split(":")[0] not in _ROOT_USERS for user in users)


def _drops_privileges(ctx, chain) -> bool:
    """The image starts its program as another user (see the rule's docs)."""
    for stage in chain:
        for instruction in stage.instructions:
            if instruction.onbuild:
                continue
            if instruction.keyword == "RUN" and _DROP_TOOLS.search(instruction.text):
                return True
            if isinstance(instruction, CopyInstruction) and any(_DROP_TOOLS.search(s.value) for s in instruction.sources):
                return True
    context = build_context(ctx)
    for keyword in ("ENTRYPOINT", "CMD"):
        instruction = last_in_chain(chain, keyword)
        if instruction is None:
            continue
        if _DROPS.search(instruction.text):
            return True
        script = _script_word(command_words(instruction))
        source = copied_from_context(chain, script) if script and context is not None else None
        head = context.head(source.lstrip("/"), _SCRIPT_HEAD) if source is not None else None
        if head is not None and _DROPS.search(head.decode("utf-8", "replace")):
            return True
    return False


def _script_word(words: list[str]) -> str | None:
    """The file a command runs: its first word, or the script a shell is given."""
    while words and words[0].rsplit("/", 1)[-1] in _SHELLS:
        words = [word for word in words[1:] if not word.startswith("-")]
    return words[0] if words else None
