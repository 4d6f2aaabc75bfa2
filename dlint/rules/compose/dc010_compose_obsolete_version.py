"""DC010: the obsolete top-level ``version`` key."""

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.models.span import LineIndex


class ComposeObsoleteVersion(Rule):
    """Top-level `version` is obsolete.

    ## Why is this bad?
    The Compose Specification has no file versions: Compose ignores the
    `version` key and prints a warning every time it reads the file. The
    number suggests a file format (and features) that no longer decide
    anything, so it only misleads readers.

    ## Example
    ```yaml
    version: "3.8"
    services:
      web:
        image: nginx:1.27
    ```

    ## Use instead
    ```yaml
    services:
      web:
        image: nginx:1.27
    ```

    ## Fix safety
    The fix deletes the `version` line. It is safe: Compose ignores the key.
    It is only offered when the key and its value sit alone on their line.

    ## References
    - [Compose: version and name](https://docs.docker.com/reference/compose-file/version-and-name/)
    """

    code = "DC010"
    name = "compose-obsolete-version"
    severity = Severity.WARNING
    category = "maintainability"
    kind = "compose"
    markers = frozenset({'version'})
    aliases = ("no-version-field",)
    fix_available = True

    def check_compose_file(self, ctx):
        entry = ctx.compose.entry("version")
        if entry is None:
            return
        fix = None
        source = ctx.source
        line_start = source.rfind("\n", 0, entry.key_span.start) + 1
        line_end = source.find("\n", entry.span.end)
        line_end = len(source) if line_end == -1 else line_end + 1
        alone = (
            source[line_start : entry.key_span.start].strip() == ""
            and entry.key_span.line == entry.span.end_line
            and source[entry.span.end : line_end].strip() in ("", )
        )
        if alone:
            span = LineIndex(source).span(line_start, line_end)
            fix = ctx.replace(span, "", "delete the obsolete version line")
        yield Violation(entry.key_span, "the top-level version key is obsolete: Compose ignores it (and warns); delete it", fix)
