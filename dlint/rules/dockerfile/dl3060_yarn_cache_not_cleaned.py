"""DL3060: yarn cache left in the image after yarn install."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.packages import INFORMATIONAL, OptionSyntax, read_invocation
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import commands, program
from dlint.views.dockerfile.run_paths import mounted, normal_path, removes_path
from dlint.views.dockerfile.stage_graph import stage_reaches_image

YARN_SYNTAX = OptionSyntax(
    valued=frozenset({"--cache-folder", "--modules-folder", "--mutex", "--network-timeout", "--registry", "--cwd"}),
    informational=INFORMATIONAL | {"-v"},  # ``yarn -v`` prints yarn's version
)

#: yarn's cache for root (Yarn 1 on Linux: /usr/local/share/.cache/yarn; ~/.cache/yarn otherwise)
_CACHE_DIRS = ("/usr/local/share/.cache/yarn", "/root/.cache/yarn")


class YarnCacheNotCleaned(Rule):
    """`yarn install` leaves yarn's cache in the image.

    ## Why is this bad?
    yarn keeps a copy of every package it downloads in its cache, which in an
    image only adds size. Run `yarn cache clean` after the last `yarn install`
    (or `yarn add`, `yarn global add`, or plain `yarn`) in the same RUN, remove
    the cache directory there, or mount a cache or tmpfs over it. Stages that
    no other stage builds on and that are not the last one are not reported:
    their files never reach an image.

    ## Example
    ```dockerfile
    FROM node:20-slim
    RUN yarn install --frozen-lockfile
    ```

    ## Use instead
    ```dockerfile
    FROM node:20-slim
    RUN yarn install --frozen-lockfile && yarn cache clean
    ```

    ## References
    - [Yarn docs: yarn cache](https://classic.yarnpkg.com/en/docs/cli/cache)
    """

    code = "DL3060"
    name = "yarn-cache-not-cleaned"
    severity = Severity.INFO
    category = "performance"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"yarn"})

    def check_instruction(self, ctx, instruction):
        pending = None  # the first install after the last clean
        for command in commands(ctx, instruction):
            if program(command) == "yarn":
                invocation = read_invocation(command, "yarn", YARN_SYNTAX)
                if invocation.informational:
                    continue  # ``yarn --version``
                words = [word.text for word in invocation.operands[:2]]
                if not words or words[0] in ("install", "add") or words == ["global", "add"]:
                    pending = pending or invocation
                elif words == ["cache", "clean"]:
                    pending = None
            elif any(removes_path(command, directory) for directory in _CACHE_DIRS):
                pending = None
        if pending is None or not stage_reaches_image(ctx, instruction) or _cache_mounted(instruction):
            return
        yield Violation(
            pending.name_word.span,
            "Run `yarn cache clean` after `yarn install` in the same RUN: the cache stays in the image",
        )


def _cache_mounted(instruction) -> bool:
    if any(mounted(instruction, directory) for directory in _CACHE_DIRS):
        return True
    for mount in instruction.mounts:
        target = normal_path(mount.target or "")
        if mount.type in ("cache", "tmpfs") and target.endswith("/.cache/yarn"):
            return True
    return False
