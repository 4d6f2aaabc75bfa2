"""DL3010: a local tar archive is copied and then extracted with tar."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.dockerfile import CopyInstruction, RunInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.paths import basename, is_tar_name, path_text


def _extracts(command) -> bool:
    """``tar -xf``, ``tar xzf``, ``tar --extract``: tar unpacks an archive."""
    words = command.words()
    for index, word in enumerate(words):
        if word in ("--extract", "--get"):
            return True
        if word.startswith("-") and not word.startswith("--") and "x" in word[1:]:
            return True
        if index == 0 and word.isalpha() and "x" in word:  # old style: tar xzf file
            return True
    return False


class CopyThenExtractArchive(Rule):
    """Archive copied, then extracted with tar.

    ## Why is this bad?
    `COPY app.tar.gz /src/` followed by `RUN tar -xzf /src/app.tar.gz` keeps the
    archive in one layer and its contents in another, so the image carries both.
    `ADD` unpacks a local tar archive (plain, gzip, bzip2 or xz) by itself, in a
    single step and a single layer.

    ## Example
    ```dockerfile
    FROM debian:12
    COPY app.tar.gz /opt/
    RUN tar -xzf /opt/app.tar.gz -C /opt
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    ADD app.tar.gz /opt/
    ```

    ## References
    - [Dockerfile reference: ADD](https://docs.docker.com/reference/dockerfile/#add)
    """

    code = "DL3010"
    name = "copy-then-extract-archive"
    severity = Severity.INFO
    category = "performance"
    kind = "dockerfile"
    requires = frozenset({"COPY"})

    def check_dockerfile(self, ctx):
        dockerfile = ctx.dockerfile
        copied: dict[str, object] = {}  # archive base name -> the word to report
        reported: set[int] = set()
        for instruction in dockerfile.instructions:
            if instruction.keyword == "FROM":
                copied = {}
            elif isinstance(instruction, CopyInstruction) and instruction.keyword == "COPY":
                if instruction.flag("from") is None:
                    copied.update(_archives(instruction))
            elif isinstance(instruction, RunInstruction) and copied:
                for name in _extracted_names(dockerfile, instruction):
                    token = copied.get(name)
                    if token is not None and id(token) not in reported:
                        reported.add(id(token))
                        yield Violation(
                            token.span,
                            f"`{name}` is copied and then unpacked with tar; `ADD` unpacks local tar archives itself",
                        )


def _archives(instruction: CopyInstruction) -> dict[str, object]:
    """Base names under which a COPY places archives, mapped to the word to report."""
    found: dict[str, object] = {}
    sources = [token for token in instruction.sources if is_tar_name(path_text(token))]
    destination = instruction.destination
    for token in sources:
        found[basename(path_text(token))] = token
    if destination is not None:
        name = basename(path_text(destination))
        if name and is_tar_name(name):
            found[name] = sources[0] if sources else destination
    return found


def _extracted_names(dockerfile, run: RunInstruction) -> set[str]:
    names: set[str] = set()
    for node in (run, *run.heredocs):
        script = dockerfile.shell(node)
        if script is None:
            continue
        for command in script.find("tar"):
            if _extracts(command):
                names.update(basename(word.text) for word in command.arguments)
                names.update(basename(r.target.text) for r in command.redirects if r.target is not None)
    return names
