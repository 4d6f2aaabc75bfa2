"""DF034: an EXPOSE protocol is not written in lower case."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation


class ExposeProtocolCase(Rule):
    """EXPOSE protocol not in lower case (`80/TCP`).

    ## Why is this bad?
    Docker accepts `tcp`, `udp` and `sctp`; it lower-cases other spellings
    and warns about them. Writing them in lower case keeps the file
    consistent with what Docker records.

    ## Example
    ```dockerfile
    FROM nginx:1.27
    EXPOSE 80/TCP
    ```

    ## Use instead
    ```dockerfile
    FROM nginx:1.27
    EXPOSE 80/tcp
    ```

    ## Fix safety
    The fix lower-cases the protocol; it is safe.

    ## References
    - [Build checks: ExposeProtoCasing](https://docs.docker.com/reference/build-checks/expose-proto-casing/)
    """

    code = "DF034"
    name = "expose-protocol-case"
    severity = Severity.STYLE
    category = "style"
    aliases = ("ExposeProtoCasing",)
    kind = "dockerfile"
    instructions = frozenset({"EXPOSE"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        for token in instruction.ports:
            port, slash, protocol = token.raw.rpartition("/")
            if not slash or "$" in protocol or protocol == protocol.lower():
                continue
            start = token.span.start + len(port) + 1
            span = ctx.span(start, start + len(protocol))
            yield Violation(span, f"protocol {protocol} of EXPOSE {token.raw}: write {protocol.lower()}", ctx.replace(span, protocol.lower(), f"write {protocol.lower()}"))
