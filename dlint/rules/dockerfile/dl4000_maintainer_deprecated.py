"""DL4000: MAINTAINER is deprecated."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation


def maintainer_label(text: str, escape: str) -> str:
    """``LABEL maintainer="…"`` carrying the MAINTAINER text, quoted for the Dockerfile."""
    value = text.strip()
    if len(value) > 1 and value[0] == value[-1] == '"':
        value = value[1:-1]
    value = value.replace(escape, escape * 2).replace('"', escape + '"').replace("$", escape + "$")
    return f'LABEL maintainer="{value}"'


class MaintainerDeprecated(Rule):
    """MAINTAINER is deprecated.

    ## Why is this bad?
    MAINTAINER sets the image's legacy `Author` field, which few tools read.
    Docker deprecated it in favour of a label, which every tool can see (and the
    OCI annotation `org.opencontainers.image.authors` is the standard key).

    ## Example
    ```dockerfile
    FROM alpine:3.20
    MAINTAINER Jane Doe <jane@example.com>
    ```

    ## Use instead
    ```dockerfile
    FROM alpine:3.20
    LABEL maintainer="Jane Doe <jane@example.com>"
    ```

    ## Fix safety
    The fix rewrites the instruction as `LABEL maintainer="…"`. It is unsafe: the
    image's `Author` field is no longer set and a label appears instead, which
    changes the image metadata. Only single-line MAINTAINER instructions are fixed.

    ## References
    - [Dockerfile reference: MAINTAINER (deprecated)](https://docs.docker.com/reference/dockerfile/#maintainer-deprecated)
    """

    code = "DL4000"
    name = "maintainer-deprecated"
    severity = Severity.ERROR
    category = "maintainability"
    aliases = ("MaintainerDeprecated",)
    kind = "dockerfile"
    instructions = frozenset({"MAINTAINER"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        keyword = instruction.keyword_token
        fix = None
        start, end = keyword.span.start, instruction.span.end
        written = ctx.source[start:end].rstrip()
        if instruction.text.strip() and "\n" not in written:
            label = maintainer_label(instruction.text, ctx.dockerfile.escape)
            fix = ctx.replace(ctx.span(start, start + len(written)), label, "Use LABEL maintainer=…", safe=False)
        yield Violation(keyword.span, "MAINTAINER is deprecated; use LABEL maintainer=… instead", fix)
