"""DF021: ADD downloads a URL without --checksum."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.dockerfile.variables import resolve

_URL = regex(r"^https?://", re.IGNORECASE)
_GIT = regex(r"(^git@|^git://|^ssh://|\.git$)", re.IGNORECASE)
#: refs that name a branch, which moves
_BRANCHES = frozenset({"main", "master", "head", "develop", "dev", "trunk"})


class RemoteAddWithoutChecksum(Rule):
    """`ADD` downloads a URL without `--checksum`.

    ## Why is this bad?
    Whatever the server sends becomes part of the image: a replaced or
    tampered file goes in unnoticed and the build is not reproducible.
    `ADD --checksum=sha256:<digest> <url>` makes the build fail when the
    content changes. A Git URL is pinned by naming a commit or tag after `#`
    (a branch such as `#main` moves like the default branch), or by a
    `--checksum` holding the commit. URLs built from variables are judged
    when the Dockerfile gives their value.

    ## Example
    ```dockerfile
    FROM debian:12-slim
    ADD https://example.com/tool-1.4.2.tar.gz /tmp/
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12-slim
    ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool-1.4.2.tar.gz /tmp/
    ```

    ## References
    - [Dockerfile reference: ADD --checksum](https://docs.docker.com/reference/dockerfile/#add---checksum)
    - [Dockerfile reference: adding a Git repository](https://docs.docker.com/reference/dockerfile/#adding-private-git-repositories)
    """

    code = "DF021"
    name = "remote-add-without-checksum"
    severity = Severity.WARNING
    category = "security"
    cis = ("4.9",)
    security_severity = 5.5
    kind = "dockerfile"
    instructions = frozenset({"ADD"})

    def check_instruction(self, ctx, instruction):
        has_checksum = instruction.flag("checksum") is not None
        for source in instruction.sources:
            value = resolve(ctx, instruction, source.raw) if "$" in source.raw else source.value
            if not value:
                continue  # a variable without a known value
            url, _, fragment = value.partition("#")
            if _GIT.search(url):
                if has_checksum:
                    continue
                ref = fragment.split(":", 1)[0]
                if not ref:
                    yield Violation(source.span, f"ADD clones {url} at whatever its default branch is now: pin a tag or commit after #")
                elif ref.lower() in _BRANCHES:
                    yield Violation(source.span, f"ADD clones the branch {ref} of {url}, which moves: pin a tag or commit after #")
            elif _URL.match(value) and not has_checksum:
                yield Violation(source.span, f"ADD downloads {value} without --checksum: add --checksum=sha256:<digest>")
