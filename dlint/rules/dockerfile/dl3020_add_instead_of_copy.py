"""DL3020: ADD is used for local files and folders."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.dockerfile import CopyInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.paths import basename, is_remote, is_tar_name, path_text
from dlint.views.dockerfile.variables import resolve

#: flags only ADD understands: with them the instruction cannot become COPY
ADD_ONLY_FLAGS = frozenset({"checksum", "keep-git-dir", "unpack"})


def _plain_name(path: str) -> bool:
    """A here-document, a directory (``src/``, ``.``) or a file name with an
    extension: COPY places it exactly as ADD would (ADD only unpacks tar archives)."""
    if path.startswith("<<"):  # a here-document: its text is written as is
        return True
    name = basename(path)
    if name in ("", ".", ".."):
        return True
    stem, dot, extension = name.rpartition(".")
    return bool(dot and stem and extension)


class AddInsteadOfCopy(Rule):
    """ADD used to copy local files or folders.

    ## Why is this bad?
    ADD also downloads URLs and unpacks tar archives. For plain local files that
    extra behaviour is a surprise waiting to happen (a file that turns out to be a
    tarball gets unpacked); COPY does only what it says. Keep ADD for URLs, Git
    sources and archives you want unpacked.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    ADD requirements.txt /app/
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    COPY requirements.txt /app/
    ```

    ## Fix safety
    Sources built from ARG or ENV are judged by their value; a variable without a
    known value may be a URL, so such an ADD is not reported.

    The fix renames ADD to COPY. It is safe when every source is written out
    literally (no variable: a build argument can be overridden) and is a folder
    or a file name with an extension, and
    ADD has no flag COPY lacks (`--checksum`, `--keep-git-dir`, `--unpack`).
    Otherwise it is unsafe: ADD unpacks any local tar archive whatever its name,
    so COPY could behave differently for an extension-less or variable source.

    ## References
    - [Dockerfile reference: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
    """

    code = "DL3020"
    name = "add-instead-of-copy"
    severity = Severity.ERROR
    category = "best-practice"
    cis = ("4.9",)
    kind = "dockerfile"
    instructions = frozenset({"ADD"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        if not isinstance(instruction, CopyInstruction):
            return
        paths = []
        for token in instruction.sources:
            path = path_text(token) if "$" not in token.raw else resolve(ctx, instruction, token.raw)
            if path is None:
                return  # a variable without a known value may name a URL or an archive
            paths.append(path)
        if not paths or any(is_remote(path) or is_tar_name(path) for path in paths):
            return
        safe = (
            not any(flag.name in ADD_ONLY_FLAGS for flag in instruction.flags)
            and not any("$" in token.raw for token in instruction.sources)
            and all(_plain_name(path) for path in paths)
        )
        keyword = instruction.keyword_token
        replacement = "copy" if keyword.raw.islower() else "COPY"
        fix = ctx.replace(keyword.span, replacement, "Use COPY", safe=safe)
        yield Violation(keyword.span, "use COPY for local files and folders; ADD is meant for URLs and tar archives", fix)
