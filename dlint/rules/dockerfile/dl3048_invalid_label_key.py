"""DL3048: a label key does not follow Docker's key format."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.dockerfile.labels import label_pairs
from dlint.views.dockerfile.variables import resolve, undefined_references

RESERVED_NAMESPACES = ("com.docker.", "io.docker.", "org.dockerproject.")
_ALLOWED = regex(r"^[a-z0-9.-]*$")


def key_problem(key: str) -> str | None:
    """Why ``key`` is not a well-formed label key, or None when it is."""
    if key.startswith(RESERVED_NAMESPACES):
        return "uses a namespace reserved for Docker"
    if not _ALLOWED.match(key):
        return "may only hold lower-case letters, digits, `.` and `-`"
    if not key[:1].isalpha():
        return "must start with a lower-case letter"
    if not key[-1:].isalnum():
        return "must end with a lower-case letter or a digit"
    if ".." in key or "--" in key:
        return "must not repeat `.` or `-`"
    return None


class InvalidLabelKey(Rule):
    """Label key is not well formed.

    ## Why is this bad?
    Docker's guidelines for label keys: lower-case letters, digits, `.` and `-`,
    starting with a letter and ending with a letter or digit, no doubled
    separators, and none of the namespaces Docker reserves (`com.docker.*`,
    `io.docker.*`, `org.dockerproject.*`). Tools that read labels rely on this;
    reverse-DNS keys such as `org.opencontainers.image.source` fit it. A key
    built from a variable is checked after substitution; a variable that is not
    defined (so the key would silently lose that part) is reported.

    ## Example
    ```dockerfile
    FROM alpine:3.20
    LABEL Build_Date="2024-05-01"
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    LABEL org.opencontainers.image.created="2024-05-01T00:00:00Z"
    ```

    ## References
    - [Docker object labels: key format](https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations)
    """

    code = "DL3048"
    name = "invalid-label-key"
    severity = Severity.STYLE
    category = "style"
    kind = "dockerfile"
    instructions = frozenset({"LABEL"})

    def check_instruction(self, ctx, instruction):
        for pair in label_pairs(instruction):
            raw = pair.key.raw
            if "$" in raw:
                problem = self._variable_problem(ctx, instruction, raw)
            else:
                problem = key_problem(pair.key.value)
            if problem:
                yield Violation(pair.key.span, f"label key `{pair.key.value}` {problem}")

    @staticmethod
    def _variable_problem(ctx, instruction, raw: str) -> str | None:
        """A key built from variables: checked once substituted; an undefined
        variable (which expands to nothing) is reported, an unknown value is not."""
        undefined = undefined_references(raw, ctx.dockerfile.variables_at(instruction), ctx.dockerfile.escape)
        if undefined:
            return f"uses `${undefined[0]}`, which is not defined here (it would expand to nothing)"
        value = resolve(ctx, instruction, raw)
        return key_problem(value) if value is not None else None
