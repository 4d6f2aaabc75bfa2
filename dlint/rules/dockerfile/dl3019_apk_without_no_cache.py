"""DL3019: apk add without --no-cache."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.apk import APK_CACHE, apk_adds
from dlint.knowledge.packages import insert_after
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import commands
from dlint.views.dockerfile.run_paths import mounted, removed_later


class ApkWithoutNoCache(Rule):
    """`apk add` runs without `--no-cache`.

    ## Why is this bad?
    apk keeps the package indexes it fetched in `/var/cache/apk`, weight the
    running container never needs. `apk add --no-cache` fetches the indexes
    without keeping them (and makes a separate `apk update` unnecessary).
    Removing the cache later in the same RUN (`rm -rf /var/cache/apk/*`) or
    mounting a cache or tmpfs over `/var/cache/apk` keeps it out of the image
    as well. `apk add --no-network` fetches no index (it installs from local
    files or what is already there), so it has nothing to clean.

    ## Example
    ```dockerfile
    FROM alpine:3.19
    RUN apk add curl=8.5.0-r0
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.19
    RUN apk add --no-cache curl=8.5.0-r0
    ```

    ## Fix safety
    The fix inserts `--no-cache` after `add`. The same packages are installed,
    only the cache is not kept, so it is safe.

    ## References
    - [Alpine wiki: local cache](https://wiki.alpinelinux.org/wiki/Local_APK_cache)
    """

    code = "DL3019"
    name = "apk-without-no-cache"
    severity = Severity.INFO
    category = "performance"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"apk"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        adds = apk_adds(ctx, instruction)
        if not adds or mounted(instruction, APK_CACHE):
            return
        run_commands = commands(ctx, instruction)
        for invocation in adds:
            if invocation.has("--no-cache", "--no-network"):
                continue
            if removed_later(run_commands, invocation.command, APK_CACHE):
                continue
            fix = insert_after(ctx, invocation.subcommand, " --no-cache", "Add `--no-cache`")
            yield Violation(
                invocation.name_word.span,
                "`apk add` without `--no-cache` keeps the package indexes in the image",
                fix,
            )
