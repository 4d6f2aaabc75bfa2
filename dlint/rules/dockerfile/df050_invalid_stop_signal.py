"""DF050: STOPSIGNAL names no signal Docker knows."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.signals import LINUX_SIGNALS, signal_name, valid_signal
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.variables import resolve
from dlint.views.text import abbreviated


class InvalidStopSignal(Rule):
    """`STOPSIGNAL` is not a signal name or number Docker accepts.

    ## Why is this bad?
    `docker stop` sends the image's stop signal, then `SIGKILL` after the grace
    period. The builder parses the value: a misspelt name (`SIGTEM`,
    `SIGQUITE`), `0` or a word that is no signal fails the build with
    "invalid signal". Names are those of Linux (`SIGTERM`, `SIGQUIT`,
    `SIGINT`, `SIGWINCH`, `SIGRTMIN+3`…), in either case, with or without
    `SIG`; a number other than 0 is also accepted. A value from a variable is
    checked once substituted, and not at all when the variable's value is not
    known.

    ## Example
    ```dockerfile
    FROM nginx:1.27
    STOPSIGNAL SIGQUITE
    ```

    ## Use instead
    ```dockerfile
    FROM nginx:1.27
    STOPSIGNAL SIGQUIT
    ```

    ## References
    - [Dockerfile reference: STOPSIGNAL](https://docs.docker.com/reference/dockerfile/#stopsignal)
    - [signal(7)](https://man7.org/linux/man-pages/man7/signal.7.html)
    """

    code = "DF050"
    name = "invalid-stop-signal"
    severity = Severity.ERROR
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"STOPSIGNAL"})

    def check_instruction(self, ctx, instruction):
        if len(instruction.arguments) != 1:
            return
        token = instruction.arguments[0]
        value = token.value
        if "$" in token.raw:
            value = resolve(ctx, instruction, token.raw)
            if value is None:
                return
        if not value or valid_signal(value):
            return
        from difflib import get_close_matches  # only for a finding (≈ 2 ms to import)

        guess = get_close_matches(signal_name(value), sorted(LINUX_SIGNALS), n=1, cutoff=0.6)
        hint = f"; did you mean SIG{guess[0]}?" if guess else ""
        yield Violation(token.span, f"{abbreviated(value)} is not a signal Docker knows: the build fails{hint}")
