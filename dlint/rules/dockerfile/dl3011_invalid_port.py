"""DL3011: EXPOSE lists a port outside 0-65535."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.text import abbreviated, is_decimal, parse_int

MAX_PORT = 65535


def out_of_range(port_word: str) -> list[str]:
    """The literal port numbers of ``80``, ``80/tcp`` or ``8000-9000/udp`` above 65535
    (however many digits they have).

    Parts that hold a variable or are not numbers are left to other checks.
    """
    ports = port_word.split("/", 1)[0]
    return [part for part in ports.split("-") if is_decimal(part) and _above_max(part)]


def _above_max(digits: str) -> bool:
    number = parse_int(digits, max_digits=len(str(MAX_PORT)))
    return number is None or number > MAX_PORT


class InvalidPort(Rule):
    """Exposed port is outside the valid range.

    ## Why is this bad?
    TCP and UDP ports are 16-bit numbers: 0 to 65535. A larger number cannot be
    published or listened on, so the EXPOSE line is a mistake (often a typo).

    ## Example
    ```dockerfile
    FROM nginx:1.27
    EXPOSE 80800
    ```

    ## Use instead
    ```dockerfile
    FROM nginx:1.27
    EXPOSE 8080
    ```

    ## References
    - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    """

    code = "DL3011"
    name = "invalid-port"
    severity = Severity.ERROR
    category = "correctness"
    kind = "dockerfile"
    instructions = frozenset({"EXPOSE"})

    def check_instruction(self, ctx, instruction):
        for token in getattr(instruction, "ports", None) or instruction.arguments:
            bad = out_of_range(token.value)
            if bad:
                yield Violation(token.span, f"port {abbreviated(bad[0])} is above {MAX_PORT}, the highest valid port")
