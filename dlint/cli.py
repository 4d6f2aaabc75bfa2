"""Command line: argument handling and output only (the work is in dlint.engine).

No ``from __future__ import annotations`` here: typer reads every command's
annotations at start-up, and evaluating them from strings took a tenth of a
small check's time.
"""

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from dlint import __version__

app = typer.Typer(
    name="dlint",
    help="Lint Dockerfiles and Docker Compose files.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
debug_app = typer.Typer(help="Show what dlint's parsers read.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(debug_app, name="debug")

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    gitlab = "gitlab"
    checkstyle = "checkstyle"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    style = "style"
    none = "none"


class Kind(str, Enum):
    dockerfile = "dockerfile"
    compose = "compose"


def _error(message: str) -> None:
    sys.stderr.write(f"dlint: {message}\n")


def _fail(message: str) -> typer.Exit:
    _error(message)
    return typer.Exit(EXIT_ERROR)


def _entries(values: list[str] | None) -> tuple[str, ...]:
    """Repeated and comma-separated option values, flattened."""
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


def _use_colour(stream_is_tty: bool) -> bool:
    force = os.environ.get("FORCE_COLOR", "")
    if force and force != "0":
        return True
    if "NO_COLOR" in os.environ and os.environ["NO_COLOR"] != "":
        return False
    return stream_is_tty and os.environ.get("TERM") != "dumb"


def _emit(text: str, output: Path | None, stream=None) -> None:
    """Write the whole text (to a file or a stream, stdout by default), quietly
    surviving a closed pipe."""
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise _fail(f"{output}: cannot write: {error.strerror or error}") from None
        return
    stream = stream or sys.stdout
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        # the reader went away (``dlint check | head``): stop writing, quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"dlint {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """Lint Dockerfiles and Docker Compose files."""


def _load(paths: list[Path], config: Path | None, stdin_filename: str | None):
    from dlint.engine.config import ConfigError, load_settings

    start = paths[0] if paths and str(paths[0]) != "-" else Path(stdin_filename or ".")
    try:
        return load_settings(start, config)
    except ConfigError as error:
        raise _fail(str(error)) from None


@app.command()
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files and directories to lint (default: .); - reads stdin.")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    select: Annotated[Optional[list[str]], typer.Option(help="Rules to run instead of the configured ones (codes, prefixes, names).")] = None,
    extend_select: Annotated[Optional[list[str]], typer.Option(help="Rules to run in addition.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Rules not to run.")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option(help="Lowest severity that makes the exit status 1.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when problems are found.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Text: only the finding lines, no excerpts or summary.")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Text: counts per rule instead of each finding.")] = False,
    no_suppress: Annotated[bool, typer.Option("--no-suppress", help="Ignore suppression comments.")] = False,
    config: Annotated[Optional[Path], typer.Option(help="Use this config file instead of searching for one.")] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes to the files (stdin: print the fixed text, report on stderr).")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the fixes as a unified diff instead of writing them; exit 1 if any.")] = False,
    stdin_filename: Annotated[Optional[str], typer.Option(help="Name to report for input read from stdin.")] = None,
    kind: Annotated[Optional[Kind], typer.Option(help="Lint every named file as this kind.")] = None,
    env_file: Annotated[Optional[Path], typer.Option(help="Compose: read variables from this file too (like docker compose --env-file).")] = None,
    compose_file: Annotated[Optional[list[Path]], typer.Option(help="Compose: files that make one project, in this order (like docker compose -f).")] = None,
) -> None:
    """Lint Dockerfiles and Compose files."""
    from dlint.engine.config import ConfigError, parse_fail_on
    from dlint.engine.discovery import IgnoreList, discover, guess_kind
    from dlint.engine.lint import LintError, Linter, SourceFile, read_source, source_from_bytes, write_atomically

    paths = paths or [Path(".")]
    settings = _load(paths, config, stdin_filename)
    changes: dict = {}
    if select:
        changes["select"] = _entries(select)
    if extend_select:
        changes["extend_select"] = (*settings.extend_select, *_entries(extend_select))
    if ignore:
        changes["ignore"] = (*settings.ignore, *_entries(ignore))
    if fail_on is not None:
        changes["fail_on"] = parse_fail_on(fail_on.value)
    if env_file is not None:
        changes["env_file"] = env_file
    if compose_file:
        changes["compose_files"] = tuple(compose_file)
        paths = paths if paths != [Path(".")] else list(compose_file)
    settings = settings.with_overrides(**changes)
    try:
        linter = Linter(settings, suppress=not no_suppress)
    except ConfigError as error:
        raise _fail(str(error)) from None

    forced = kind.value if kind else None
    errors: list[str] = []
    sources: list[SourceFile] = []
    from_stdin = [path for path in paths if str(path) == "-"]
    if from_stdin:
        shown = stdin_filename or "-"
        try:
            sources.append(source_from_bytes(sys.stdin.buffer.read(), shown, forced or guess_kind(Path(shown).name)))
        except LintError as error:
            errors.append(str(error))
    exclude = IgnoreList.from_lines(settings.root.absolute(), settings.exclude) if settings.exclude else None
    found = discover([path for path in paths if str(path) != "-"], exclude, forced)
    errors.extend(found.errors)
    for item in found.files:
        try:
            sources.append(read_source(item.path, item.kind, str(item.path)))
        except LintError as error:
            errors.append(str(error))
    if not found.files and not from_stdin and not found.errors:
        _error("warning: no Dockerfile or Compose file found under " + ", ".join(str(path) for path in paths))

    if diff:
        changed = _print_diff(linter, sources, unsafe_fixes)
        for message in errors:
            _error(message)
        raise typer.Exit(EXIT_ERROR if errors else EXIT_FINDINGS if changed else EXIT_OK)

    fixed = 0
    fixed_stdin: str | None = None
    if fix:
        for index, source in enumerate(sources):
            try:
                result, applied = linter.fix(source, unsafe=unsafe_fixes)
            except LintError as error:
                errors.append(str(error))
                continue
            if source.real_path is None:  # stdin: the fixed text goes to stdout
                fixed_stdin = result.text
            elif applied and result.text != source.text:
                try:
                    write_atomically(source.real_path, result.text, source.bom)
                except OSError as error:
                    errors.append(f"{source.path}: cannot write the fixes: {error.strerror or error}")
                    continue
            sources[index] = result
            fixed += applied

    outcome = linter.lint(sources)
    errors.extend(outcome.errors)
    if fixed_stdin is not None:
        _emit(fixed_stdin, None)
    report_stream = sys.stderr if fixed_stdin is not None else sys.stdout
    _report(outcome, settings, output_format.value, output, report_stream,
            quiet=quiet, statistics=statistics, fixed=fixed)
    for message in errors:
        _error(message)
    if errors:
        raise typer.Exit(EXIT_ERROR)
    threshold = settings.fail_on
    failing = threshold is not None and any(finding.severity.at_least(threshold) for finding in outcome.findings)
    raise typer.Exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


def _print_diff(linter, sources, unsafe: bool) -> int:
    """Print what the fixes would change; the number of files they change."""
    import difflib

    chunks = []
    for source in sources:
        result, applied = linter.fix(source, unsafe=unsafe)
        if applied and result.text != source.text:
            chunks.extend(
                difflib.unified_diff(
                    source.text.splitlines(keepends=True), result.text.splitlines(keepends=True),
                    fromfile=f"a/{source.path}", tofile=f"b/{source.path}",
                )
            )
    _emit("".join(chunks), None)
    return sum(1 for line in chunks if line.startswith("+++ "))


def _report(outcome, settings, format_name: str, output: Path | None, stream, *, quiet: bool, statistics: bool, fixed: int) -> None:
    from dlint.engine.registry import all_rules
    from dlint.reporters import renderer

    render = renderer(format_name)
    # only SARIF (rule descriptors) and GitLab (security severities) read the rules
    rules = all_rules() if format_name in ("sarif", "gitlab") else ()
    common = {"root": settings.root, "sources": outcome.sources, "tool_version": __version__}
    if format_name == "text":
        colour = _use_colour(output is None and stream.isatty())
        text = render(
            outcome.findings, rules, color=colour, files=outcome.files,
            show_statistics=statistics, quiet=quiet, fixed=fixed, **common,
        )
    else:
        text = render(outcome.findings, rules, **common)
    _emit(text, output, stream)


@app.command("rules")
def list_rules(
    write_docs: Annotated[Optional[Path], typer.Option(help="Write one Markdown page per rule (and an index) here.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """List every rule: code, name, severity, fixable, summary."""
    from dlint.engine.registry import all_rules

    rules = all_rules()
    if write_docs is not None:
        from dlint.engine.docs import write_pages

        changed = write_pages(write_docs, rules)
        sys.stderr.write(f"{len(changed)} page(s) written or removed in {write_docs}\n")
        return
    if output_format == "json":
        import json

        rows = [
            {"code": r.code, "name": r.name, "severity": r.severity.value, "category": r.category, "kind": r.kind,
             "default_enabled": r.default_enabled, "fixable": r.fixable(), "summary": r.summary()}
            for r in rules
        ]
        _emit(json.dumps(rows, indent=2) + "\n", None)
        return
    if output_format != "text":
        raise _fail(f"--format: {output_format!r} is not text or json")
    name_width = max((len(rule.name) for rule in rules), default=4)
    lines = [f"{'CODE':7} {'NAME':{name_width}} {'SEVERITY':8} {'FIX':3} SUMMARY"]
    for rule in rules:
        marker = "yes" if rule.fixable() else ""
        off = "" if rule.default_enabled else " (off by default)"
        lines.append(f"{rule.code:7} {rule.name:{name_width}} {rule.severity.value:8} {marker:3} {rule.summary()}{off}")
    _emit("\n".join(lines) + "\n", None)


@app.command("rule")
def show_rule(key: Annotated[str, typer.Argument(help="A rule code or name.")]) -> None:
    """Show one rule's documentation."""
    from dlint.engine.docs import rule_page
    from dlint.engine.registry import find_rule

    rule = find_rule(key)
    if rule is None:
        raise _fail(f"no rule {key!r} (see `dlint rules`)")
    _emit(rule_page(rule), None)


@app.command("config")
def show_config(
    path: Annotated[Path, typer.Argument(help="Show the settings used for this path.")] = Path("."),
    config: Annotated[Optional[Path], typer.Option(help="Use this config file instead of searching for one.")] = None,
) -> None:
    """Show the effective settings (JSON) and the rules they select."""
    import json

    from dlint.engine.config import ConfigError
    from dlint.engine.selection import instantiate, selected_rules

    settings = _load([path], config, None)
    try:
        rules = selected_rules(settings)
        instantiate(rules, settings)
    except ConfigError as error:
        raise _fail(str(error)) from None
    data = settings.as_dict()
    data["selected-rules"] = [rule.code for rule in rules]
    _emit(json.dumps(data, indent=2) + "\n", None)


@debug_app.command("dockerfile")
def debug_dockerfile(path: Annotated[Path, typer.Argument(help="The Dockerfile.")]) -> None:
    """Print the parsed model of a Dockerfile as JSON."""
    from dlint.parsers.dockerfile import BinaryFileError, parse_dockerfile_bytes
    from dlint.parsers.dockerfile_debug import dump_dockerfile_json

    try:
        model = parse_dockerfile_bytes(path.read_bytes(), str(path))
    except OSError as error:
        raise _fail(f"{path}: cannot read: {error.strerror or error}") from None
    except BinaryFileError as error:
        raise _fail(str(error)) from None
    _emit(dump_dockerfile_json(model) + "\n", None)


@debug_app.command("compose")
def debug_compose(paths: Annotated[list[Path], typer.Argument(help="The Compose files of one project.")]) -> None:
    """Print the parsed (merged) Compose project as JSON."""
    try:
        from dlint.parsers.compose_debug import dump_compose
    except ImportError:
        raise _fail("debug compose is not available in this build") from None
    _emit(dump_compose(paths).rstrip("\n") + "\n", None)


def run() -> int:
    """Run the command line given in ``sys.argv``; its exit status."""
    from dlint.cli_coercion import install

    install()
    try:
        app()
    except SystemExit as exit_:
        if exit_.code is None or isinstance(exit_.code, int):
            return exit_.code or EXIT_OK
        sys.stderr.write(f"{exit_.code}\n")
        return EXIT_FINDINGS
    return EXIT_OK


def main() -> None:
    """Console entry point: :func:`run`, then a quick exit.

    Everything is written and flushed first; ``os._exit`` then skips tearing
    down the interpreter's hundreds of modules and objects one by one, a
    quarter of the time a small check takes (dlint registers no exit handlers).
    """
    status = run()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader went away, or the stream is closed
            pass
    os._exit(status)
