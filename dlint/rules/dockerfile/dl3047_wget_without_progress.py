"""DL3047: wget without `--progress` floods the build log."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.packages import OptionSyntax, insert_after, read_invocation
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import commands, inserted_argument

#: options that already keep wget's progress output short or out of the log
_QUIET = ("--progress", "-q", "--quiet", "-o", "--output-file", "-a", "--append-output", "--no-verbose")
#: wget's short options that take a value (the rest of the bundle or the next word)
_WGET = OptionSyntax(valued=frozenset("-" + letter for letter in "OoaiBtTwQeUPlARDIX"))


class WgetWithoutProgress(Rule):
    """wget runs with its default progress bar.

    ## Why is this bad?
    Without a terminal, wget falls back to printing a line of dots for every
    few kilobytes it downloads, so a large download fills the build log with
    thousands of lines. `--progress=dot:giga` keeps a line per few megabytes;
    `-q`/`--quiet`, `-nv`/`--no-verbose`, or writing the log to a file with
    `-o`/`-a` work as well.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN wget https://example.com/app.tar.gz
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    RUN wget --progress=dot:giga https://example.com/app.tar.gz
    ```

    ## Fix safety
    The fix inserts `--progress=dot:giga` after `wget`. It is unsafe: BusyBox
    wget (the `wget` of Alpine images) does not know the option and fails.

    ## References
    - [GNU Wget manual: --progress](https://www.gnu.org/software/wget/manual/wget.html#Download-Options)
    """

    code = "DL3047"
    name = "wget-without-progress"
    severity = Severity.INFO
    category = "style"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"wget"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        for command in commands(ctx, instruction):
            if command.program != "wget" or command.name is None:
                continue
            if "-nv" in command.words() or read_invocation(command, "wget", _WGET).has(*_QUIET):
                continue
            name = command.name
            yield Violation(
                name.span,
                "`wget` without `--progress=dot:giga` (or `-q`/`-nv`) fills the build log with progress dots",
                insert_after(
                    ctx,
                    name,
                    inserted_argument(instruction, "--progress=dot:giga"),
                    "Add `--progress=dot:giga`",
                    safe=False,
                ),
            )
