"""DL3046: `useradd` with a high UID and without `-l`."""

from __future__ import annotations

from collections.abc import Mapping

from dlint.engine.rule import Rule
from dlint.knowledge.packages import Invocation, OptionSyntax, insert_after, read_invocation
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import commands, inserted_argument, word_value
from dlint.views.text import parse_int

#: useradd options whose value may be the next word
_USERADD = OptionSyntax(
    valued=frozenset(
        {
            "-u", "--uid", "-g", "--gid", "-G", "--groups", "-d", "--home-dir", "-s", "--shell",
            "-c", "--comment", "-e", "--expiredate", "-f", "--inactive", "-k", "--skel", "-K",
            "--key", "-p", "--password", "-R", "--root", "-P", "--prefix", "-Z", "--selinux-user",
            "-b", "--base-dir",
        }
    )
)  # fmt: skip

#: UIDs above this make the lastlog/faillog sparse files big enough to matter
_HIGH_UID = 99999

class UseraddHighUid(Rule):
    """`useradd` with a high UID and without `-l` (`--no-log-init`).

    ## Why is this bad?
    `useradd` records every new user in `/var/log/lastlog` and
    `/var/log/faillog`, files indexed by UID. They are sparse on disk, but a
    layer stores them in full: a UID of a few million adds gigabytes to the
    image. `-l` (`--no-log-init`) skips these records, which containers never
    use.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN useradd -u 1000000 app
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    RUN useradd -l -u 1000000 app
    ```

    ## Fix safety
    The fix inserts `-l` after `useradd`. It only stops the lastlog and
    faillog records, which a container does not use: safe.

    ## References
    - [useradd(8) manual: --no-log-init](https://man7.org/linux/man-pages/man8/useradd.8.html)
    - [Dockerfile best practices: USER](https://docs.docker.com/build/building/best-practices/#user)
    """

    code = "DL3046"
    name = "useradd-high-uid"
    severity = Severity.WARNING
    category = "performance"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"useradd"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        for command in commands(ctx, instruction):
            if command.program != "useradd" or command.name is None:
                continue
            invocation = read_invocation(command, "useradd", _USERADD)
            if invocation.has("-l", "--no-log-init"):
                continue
            uid = _uid(invocation, ctx.dockerfile.variables_at(instruction))
            if uid is not None and uid > _HIGH_UID:
                name = command.name
                yield Violation(
                    name.span,
                    f"`useradd` with UID {uid} and without `-l` writes huge lastlog/faillog files into the layer",
                    insert_after(ctx, name, inserted_argument(instruction, "-l"), "Add `-l` (`--no-log-init`)"),
                )

def _uid(invocation: Invocation, scope: Mapping[str, str | None]) -> int | None:
    """The numeric value of ``-u``/``--uid``, None when absent or not a known number."""
    option = invocation.option("-u", "--uid")
    if option is None or option.value is None:
        return None
    value = word_value(option.value_word, scope) if option.value_word is not None else option.value
    return parse_int(value) if value is not None else None
