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
    context_settings={"help_option_names": ["-h", "--help"]},
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
    junit = "junit"
    sonarqube = "sonarqube"
    rdjson = "rdjson"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    style = "style"
    ignore = "ignore"  # hadolint's word for none
    none = "none"


class Kind(str, Enum):
    dockerfile = "dockerfile"
    compose = "compose"


class OutputError(Exception):
    """Output that cannot be written (full disk, closed stream); the message says which."""


#: set by the global ``--verbose`` option: internal errors print their traceback
_verbose = False


def _debugging() -> bool:
    """Whether internal errors show their traceback (``--verbose`` or ``DLINT_DEBUG=1``)."""
    return _verbose or os.environ.get("DLINT_DEBUG", "") not in ("", "0")


def _error(message: str) -> None:
    """``dlint: message`` on stderr, control characters shown as escapes; nothing
    when stderr is closed or cannot be written (the exit status still tells)."""
    from dlint.reporters.escape import printable

    if sys.stderr is None:
        return
    try:
        sys.stderr.write(f"dlint: {printable(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _fail(message: str) -> typer.Exit:
    _error(message)
    return typer.Exit(EXIT_ERROR)


def _internal_error(error: BaseException, where: str = "") -> str:
    """The one-line message of an unexpected exception (``where``: what failed, such
    as ``"PATH: internal error while fixing (not fixed)"``); its traceback goes to
    stderr now when debugging."""
    detail = str(error).splitlines()[0][:300] if str(error) else ""
    described = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    if not _debugging():
        return f"{where or 'internal error'}: {described} (run with --verbose or DLINT_DEBUG=1 for the traceback)"
    if sys.stderr is not None:
        import traceback

        try:
            traceback.print_exception(error, file=sys.stderr)
        except (OSError, ValueError):
            pass
    return f"{where or 'internal error'}: {described}"


def _entries(values: list[str] | None) -> tuple[str, ...]:
    """Repeated and comma-separated option values, flattened."""
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


def _check_rule_options(options: dict[str, list[str] | None]) -> None:
    """Exit 2 naming the option when a rule entry given on the command line names no rule."""
    from dlint.engine.config import ConfigError
    from dlint.engine.rule_keys import check_entries

    try:
        for option, values in options.items():
            check_entries(_entries(values), option)
    except ConfigError as error:
        raise _fail(str(error)) from None


def _use_colour(stream_is_tty: bool) -> bool:
    force = os.environ.get("FORCE_COLOR", "")
    if force and force != "0":
        return True
    if "NO_COLOR" in os.environ and os.environ["NO_COLOR"] != "":
        return False
    return stream_is_tty and os.environ.get("TERM") != "dumb"


def _emit(text: str, output: Path | None = None, *, to_stderr: bool = False) -> None:
    """Write the whole text to the file ``output``, else to stdout (stderr with
    ``to_stderr``); :class:`OutputError` when it cannot be written. Lone
    surrogates (undecodable bytes of file names) are written as U+FFFD, in the
    file and on the stream alike; a reader that went away (``dlint check | head``)
    ends the output quietly."""
    from dlint.reporters.escape import well_formed

    text = well_formed(text)
    if output is not None:
        _write_file(output, text.encode("utf-8"))
        return
    stream = _stream(to_stderr)
    _write_stream(stream, text.encode(getattr(stream, "encoding", None) or "utf-8", errors="replace"))


def _stream(to_stderr: bool = False):
    """sys.stdout (sys.stderr with ``to_stderr``); :class:`OutputError` when it is closed."""
    stream = sys.stderr if to_stderr else sys.stdout
    if stream is None:
        raise OutputError(f"cannot write the report: standard {'error' if to_stderr else 'output'} is closed")
    return stream


def _write_file(output: Path, data: bytes) -> None:
    try:
        with open(output, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise OutputError(f"{output}: cannot write the report: {error.strerror or error}") from None


def _write_stream(stream, data: bytes) -> None:  # noqa: ANN001 - a text stream
    """Write ``data`` to the binary buffer under the text ``stream``."""
    try:
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(data.decode(getattr(stream, "encoding", None) or "utf-8", errors="replace"))
            stream.flush()
        else:
            buffer.write(data)
            buffer.flush()
    except BrokenPipeError:  # the reader went away: stop writing, quietly
        _discard(stream)
    except OSError as error:
        _discard(stream)
        raise OutputError(f"cannot write the report: {error.strerror or error}") from None


def _discard(stream) -> None:  # noqa: ANN001 - a text stream
    """Point the descriptor under ``stream`` at the null device, so that what is
    still buffered goes nowhere instead of failing again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no descriptor (a test's in-memory stream)
        pass


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"dlint {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool], typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="On an internal error, print its traceback (also: DLINT_DEBUG=1).")
    ] = False,
) -> None:
    """Lint Dockerfiles and Docker Compose files."""
    global _verbose
    _verbose = verbose


def _load(paths: list[Path], config: Path | None, stdin_filename: str | None):
    from dlint.engine.config import ConfigError, load_settings

    start = paths[0] if paths and str(paths[0]) != "-" else Path(stdin_filename or ".")
    try:
        settings = load_settings(start, config)
    except ConfigError as error:
        raise _fail(str(error)) from None
    for warning in settings.warnings:
        _error(f"warning: {warning}")
    return settings


def _count(option: str, value: str | None) -> int | None:
    """A whole number of at least 0 given to ``option`` (typed as text: an ``int``
    option would make typer import pydantic); exit 2 when it is not one."""
    if value is None:
        return None
    if not value.strip().isdigit() or not value.strip().isascii():
        raise _fail(f"{option}: {value!r} is not a whole number of 0 or more")
    return int(value)


def _set_verbose(value: bool) -> None:
    """``check --verbose``: the same as the global ``--verbose``."""
    global _verbose
    _verbose = _verbose or value


def _load_with_overrides(paths: list[Path], config: list[str] | None, stdin_filename: str | None):
    """The settings of ``check``: ``--config`` values are a config file and ruff-style
    ``key = value`` overrides applied on top of the settings loaded."""
    from dlint.engine.cli_settings import override_changes, split_config_values
    from dlint.engine.config import ConfigError

    try:
        config_file, overrides = split_config_values(config or ())
    except ConfigError as error:
        raise _fail(str(error)) from None
    settings = _load(paths, config_file, stdin_filename)
    try:
        return settings.with_overrides(**override_changes(settings, overrides, Path.cwd()))
    except ConfigError as error:
        raise _fail(str(error)) from None


def _hadolint_options(settings, registries, labels, strict_labels: bool, levels: dict) -> dict:  # noqa: ANN001 - Settings
    """Changes for hadolint's options (``--trusted-registry`` …); exit 2 on a bad value."""
    from dlint.engine.cli_settings import hadolint_changes
    from dlint.engine.config import ConfigError

    try:
        return hadolint_changes(settings, trusted_registries=_entries(registries), required_labels=tuple(labels or ()),
                                strict_labels=strict_labels, levels={level: _entries(codes) for level, codes in levels.items()})
    except ConfigError as error:
        raise _fail(str(error)) from None


def _show_files(candidates: list[tuple[str, Path]], built: list[tuple[str, Path]], errors: list[str]) -> typer.Exit:
    """``--show-files``: print the files found and the Dockerfiles Compose files build
    (each once), then the exit: 0, or 2 when a path could not be read."""
    lines: list[str] = []
    seen: set[str] = set()
    for shown, path in [*candidates, *built]:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            lines.append(shown)
    _emit("".join(f"{line}\n" for line in lines))
    for message in errors:
        _error(message)
    return typer.Exit(EXIT_ERROR if errors else EXIT_OK)


def _show_fix_log(findings: list, errors: list[str]) -> None:
    """``--show-fixes``: one ``path:line: CODE fix message`` line per fix applied, on stderr."""
    from dlint.reporters.escape import printable

    lines = [f"{printable(finding.path)}:{finding.span.line}: {finding.code} {printable(finding.fix.message)}\n" for finding in findings]
    try:
        _emit(f"Applied {len(lines)} fix{'es' if len(lines) != 1 else ''}:\n" + "".join(lines), to_stderr=True)
    except OutputError as error:
        errors.append(str(error))


@app.command()
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="PATH", hidden=True, help="Files and directories to lint (default: .); - reads stdin.")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "--output-format", "-f", metavar="FORMAT", help=f"Output format: {', '.join(item.value for item in OutputFormat)}.")] = OutputFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the report to this file.")] = None,
    select: Annotated[Optional[list[str]], typer.Option(metavar="CODE", help="Rules to run instead of the configured ones (codes, prefixes, names).")] = None,
    extend_select: Annotated[Optional[list[str]], typer.Option(metavar="CODE", help="Rules to run in addition.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(metavar="CODE", help="Rules not to run.")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", "--failure-threshold", "-t", metavar="SEVERITY", help="Lowest severity that makes the exit status 1: error, warning, info, style, or none (ignore).")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", "--no-fail", help="Exit 0 even when problems are found.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Text: only the finding lines, no excerpts or summary.")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Text: counts per rule instead of each finding.")] = False,
    no_suppress: Annotated[bool, typer.Option("--no-suppress", help="Ignore suppression comments.")] = False,
    config: Annotated[Optional[list[str]], typer.Option(metavar="FILE|KEY=VALUE", help="Use this config file instead of searching for one; or a TOML 'key = value' setting that overrides the config (repeatable).")] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes to the files (stdin: print the fixed text, report on stderr).")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the fixes as a unified diff instead of writing them; exit 1 if any.")] = False,
    stdin_filename: Annotated[Optional[str], typer.Option("--stdin-filename", "--file-path-in-report", metavar="NAME", help="Name to report for input read from stdin.")] = None,
    kind: Annotated[Optional[Kind], typer.Option(metavar="KIND", help="Lint every named file as this kind: dockerfile or compose.")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option(metavar="GLOB", help="Skip paths matching this gitignore-style glob, instead of the configured exclude list (repeatable).")] = None,
    extend_exclude: Annotated[Optional[list[str]], typer.Option(metavar="GLOB", help="Skip paths matching this glob too (repeatable).")] = None,
    force_exclude: Annotated[Optional[bool], typer.Option("--force-exclude/--no-force-exclude", help="Apply the exclusions to files and folders named on the command line too (for pre-commit and editors).", show_default=False)] = None,
    env_file: Annotated[Optional[Path], typer.Option(metavar="FILE", help="Compose: read variables from this file too (like docker compose --env-file).")] = None,
    compose_file: Annotated[Optional[list[Path]], typer.Option(metavar="FILE", help="Compose: files that make one project, in this order (like docker compose -f).")] = None,
    root: Annotated[Optional[Path], typer.Option(metavar="FOLDER", help="CI formats: make paths relative to this folder (default: the git work tree's root).")] = None,
    sarif_category: Annotated[Optional[str], typer.Option(metavar="TEXT", help="SARIF: the run's category (automationDetails.id), to tell uploads apart.")] = None,
    color: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Text: colour on or off (default: on a terminal, unless NO_COLOR).", show_default=False)] = None,
    show_suppressed: Annotated[bool, typer.Option("--show-suppressed", help="text, json, sarif: list the suppressed findings too, marked with why.")] = False,
    baseline: Annotated[Optional[Path], typer.Option(metavar="FILE", help="Report only findings not recorded in this baseline file.")] = None,
    write_baseline: Annotated[Optional[Path], typer.Option(metavar="FILE", help="Record today's findings in this baseline file and exit.")] = None,
    add_ignore: Annotated[bool, typer.Option("--add-ignore", help="Write '# dlint: ignore=CODE' above each finding, then report what is left.")] = False,
    trusted_registry: Annotated[Optional[list[str]], typer.Option(metavar="REGISTRY", help="hadolint: a registry that images may come from (repeatable; adds to trusted-registries).")] = None,
    require_label: Annotated[Optional[list[str]], typer.Option(metavar="LABEL:TYPE", help="hadolint: a label the label rules check, and its type (repeatable; adds to label-schema).")] = None,
    strict_labels: Annotated[bool, typer.Option("--strict-labels", help="hadolint: labels not in the label schema are findings too.")] = False,
    error_codes: Annotated[Optional[list[str]], typer.Option("--error", metavar="CODE", help="hadolint: report this rule as an error (repeatable; turns it on).")] = None,
    warning_codes: Annotated[Optional[list[str]], typer.Option("--warning", metavar="CODE", help="hadolint: report this rule as a warning.")] = None,
    info_codes: Annotated[Optional[list[str]], typer.Option("--info", metavar="CODE", help="hadolint: report this rule as info.")] = None,
    style_codes: Annotated[Optional[list[str]], typer.Option("--style", metavar="CODE", help="hadolint: report this rule as style.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", callback=_set_verbose, help="On an internal error, print its traceback (as dlint --verbose).")] = False,
    max_warnings: Annotated[Optional[str], typer.Option(metavar="N", help="Exit 1 when more than N warnings are found (dclint, eslint), whatever --fail-on says.")] = None,
    show_files: Annotated[bool, typer.Option("--show-files", help="Print the files that would be linted, one a line, and exit.")] = False,
    show_fixes: Annotated[bool, typer.Option("--show-fixes", help="With --fix, list each fix applied on stderr: PATH:LINE: CODE what it did.")] = False,
    exit_non_zero_on_fix: Annotated[bool, typer.Option("--exit-non-zero-on-fix", help="With --fix, exit 1 when a fix was applied, even if no finding is left.")] = False,
    jobs: Annotated[Optional[str], typer.Option("--jobs", "-j", metavar="N", help="Lint in N processes (default: one per core when there are files enough; 1: one process).")] = None,
) -> None:
    """Lint Dockerfiles and Compose files.

    PATH: the files and folders to lint (default: .); - reads stdin.
    """
    from dlint.engine.config import ConfigError, parse_fail_on
    from dlint.engine.lint import Linter

    paths = paths or [Path(".")]
    if root is not None and not root.is_dir():
        raise _fail(f"--root {root}: not a folder")
    if sarif_category is not None and not sarif_category.strip():
        raise _fail("--sarif-category: give a non-empty category")
    warnings_allowed = _count("--max-warnings", max_warnings)
    processes = _count("--jobs", jobs)
    if processes == 0:
        raise _fail("--jobs: 0 is not a number of processes (1 or more)")
    settings = _load_with_overrides(paths, config, stdin_filename)
    _check_rule_options({"--select": select, "--extend-select": extend_select, "--ignore": ignore})
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
    if force_exclude is not None:
        changes["force_exclude"] = force_exclude
    if compose_file:
        changes["compose_files"] = tuple(compose_file)
        paths = paths if paths != [Path(".")] else list(compose_file)
    if baseline is not None:
        changes["baseline"] = baseline
    if write_baseline is not None:
        changes["baseline"] = None  # record every finding, the baselined ones too
    if show_suppressed and output_format.value not in ("text", "json", "sarif"):
        raise _fail(f"--show-suppressed: the {output_format.value} format cannot show suppressed findings (use text, json or sarif)")
    settings = settings.with_overrides(**changes)
    settings = settings.with_overrides(**_hadolint_options(settings, trusted_registry, require_label, strict_labels, {
        "error": error_codes, "warning": warning_codes, "info": info_codes, "style": style_codes}))
    try:
        linter = Linter(settings, suppress=not no_suppress)
        linter.root = root
    except ConfigError as error:
        raise _fail(str(error)) from None

    if output is None and sys.stdout is None:
        raise _fail("cannot write the report: standard output is closed (use --output FILE)")
    errors: list[str] = []
    from dlint.engine.discovery import exclusion_for

    exclusion = exclusion_for(settings, exclude, extend_exclude or ())
    sources, candidates, unread = _read_sources(paths, settings, kind.value if kind else None, stdin_filename, errors, exclusion)
    if show_files:
        raise _show_files(candidates, _built(linter, sources), errors)
    if output is not None:
        _refuse_output_over_input(output, [*candidates, *_built(linter, sources)])

    if diff:
        changed = _print_diff(linter, sources, unsafe_fixes, errors)
        for message in errors:
            _error(message)
        raise typer.Exit(EXIT_ERROR if errors else EXIT_FINDINGS if changed else EXIT_OK)

    from dlint.engine.lint import MAX_FINDINGS_PER_FILE

    fixed, fixed_stdin = 0, None
    fix_log: list = []
    if fix:
        from dlint.engine.fixing import fix_files

        fixed, fixed_stdin = fix_files(linter, sources, unsafe_fixes, errors, _crash_while_fixing, fix_log)
    if add_ignore:
        from dlint.engine.add_ignore import add_ignores

        add_ignores(linter, sources, errors, _error)
    from dlint.engine.parallel import lint_in_parallel

    outcome = lint_in_parallel(linter, sources, processes)
    if write_baseline is not None:
        from dlint.engine.baseline import BaselineError, write_baseline as record

        errors.extend(outcome.errors)
        try:
            record(write_baseline, outcome.findings, linter.report_root, outcome.sources)
        except BaselineError as error:
            errors.append(str(error))
        for message in errors:
            _error(message)
        if errors:
            raise typer.Exit(EXIT_ERROR)
        _error(f"wrote {write_baseline}: {len(outcome.findings)} findings recorded")
        raise typer.Exit(EXIT_OK)
    errors.extend(outcome.errors)
    try:
        if fixed_stdin is not None:
            _write_stream(_stream(), fixed_stdin)
        _report(outcome, settings, output_format.value, output, quiet=quiet, statistics=statistics, fixed=fixed,
                to_stderr=fixed_stdin is not None, unread=unread, root=linter.report_root, color=color,
                sarif_category=sarif_category, errors=errors, show_suppressed=show_suppressed)
    except OutputError as error:
        errors.append(str(error))
    if show_fixes and fix_log:
        _show_fix_log(fix_log, errors)
    for path, count in outcome.truncated.items():
        _error(f"warning: {path}: {count:,} findings; only the first {MAX_FINDINGS_PER_FILE:,} are reported")
    for notice in dict.fromkeys(outcome.notices):
        _error(f"notice: {notice}")
    for message in errors:
        _error(message)
    if errors:
        raise typer.Exit(EXIT_ERROR)
    threshold = settings.fail_on
    failing = threshold is not None and any(finding.severity.at_least(threshold) for finding in outcome.findings)
    if max_warnings is not None:
        failing = failing or sum(1 for finding in outcome.findings if finding.severity.value == "warning") > warnings_allowed
    failing = failing or (exit_non_zero_on_fix and bool(fix_log))
    raise typer.Exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


def _read_sources(paths: list[Path], settings, forced: str | None, stdin_filename: str | None, errors: list[str],
                  exclusion=None):  # noqa: ANN001 - an Exclusion (default: the settings')
    """The sources to lint (stdin first when ``-`` is given, then what discovery
    finds), the (shown, path) of every file found on disk, read or not, and how
    many could not be read; problems are added to ``errors``."""
    from dlint.engine.discovery import discover, exclusion_for, guess_kind
    from dlint.engine.lint import LintError, read_source, source_from_bytes

    sources = []
    unread = 0
    from_stdin = any(str(path) == "-" for path in paths)
    if from_stdin:
        shown = stdin_filename or "-"
        try:
            if sys.stdin is None:
                raise LintError(f"{shown}: cannot read: standard input is closed")
            source = source_from_bytes(sys.stdin.buffer.read(), shown, forced or guess_kind(Path(shown).name))
            source.named = True
            sources.append(source)
        except LintError as error:
            errors.append(str(error))
            unread += 1
    found = discover([path for path in paths if str(path) != "-"], exclusion or exclusion_for(settings), forced)
    errors.extend(found.errors)
    for item in found.files:
        try:
            source = read_source(item.path, item.kind, str(item.path))
            source.named = item.explicit
            sources.append(source)
        except LintError as error:
            errors.append(str(error))
            unread += 1
    if not found.files and not from_stdin and not found.errors and not found.excluded:
        _error("warning: no Dockerfile or Compose file found under " + ", ".join(str(path) for path in paths))
    return sources, [(str(item.path), item.path) for item in found.files], unread


def _built(linter, sources) -> list[tuple[str, Path]]:  # noqa: ANN001 - a Linter, SourceFiles
    """(shown, path) of the Dockerfiles the Compose sources build from."""
    return [(os.path.relpath(path), path) for path in linter.builds(sources)]


def _refuse_output_over_input(output: Path, files: list[tuple[str, Path]]) -> None:
    """Exit 2 when the report file ``output`` is one of ``files`` (the same file
    by any name: a symlink, a hard link, another spelling of the path)."""
    try:
        target = os.stat(output)
    except OSError:  # not there yet (or not reachable): it cannot be a file being linted
        return
    for shown, path in files:
        try:
            same = os.path.samestat(target, os.stat(path))
        except OSError:
            continue
        if same:
            named = "" if shown == str(output) else f" ({shown})"
            raise _fail(f"{output}: --output names a file being linted{named}; choose another file for the report (nothing was written)")


def _crash_while_fixing(error: BaseException, path: str) -> str:
    """The message of an unexpected exception while fixing the file ``path``."""
    return _internal_error(error, f"{path}: internal error while fixing (not fixed)")


def _print_diff(linter, sources, unsafe: bool, errors: list[str]) -> int:  # noqa: ANN001
    """Print what the fixes would change (control characters of the files shown as
    escapes); the number of files they change."""
    import difflib

    from dlint.engine.fixing import fix_one

    lines: list[str] = []
    changed = 0
    for source in sources:
        result, applied = fix_one(linter, source, unsafe, errors, _crash_while_fixing)
        if applied and result.text != source.text:
            changed += 1
            lines.extend(
                difflib.unified_diff(
                    _lines(source.text), _lines(result.text), fromfile=f"a/{source.path}", tofile=f"b/{source.path}"
                )
            )
    _emit("".join(_printable_diff_line(line) for line in lines))
    return changed


def _lines(text: str) -> list[str]:
    """The lines of ``text`` split at line feeds only, each with its line feed (the last
    may have none); ``str.splitlines`` would also split at form feeds and lone CRs."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def _printable_diff_line(line: str) -> str:
    """One line of a diff as printed: its control characters shown as escapes, its
    ending (LF or CRLF) kept, GNU diff's marker after a last line without one."""
    from dlint.reporters.escape import printable

    ending = "\r\n" if line.endswith("\r\n") else "\n" if line.endswith("\n") else ""
    body = printable(line[: len(line) - len(ending)])
    return body + ending if ending else body + "\n\\ No newline at end of file\n"


def _report(outcome, settings, format_name: str, output: Path | None, *, quiet: bool, statistics: bool, fixed: int,
            to_stderr: bool, unread: int, root: Path | None, color: bool | None, sarif_category: str | None,
            errors: list[str], show_suppressed: bool = False) -> None:
    """Render the report and write it to ``output`` or the stream; :class:`OutputError`
    when it cannot be written. ``unread``: files found that could not be read; ``root``:
    the folder CI paths are relative to (default: the git work tree's root, else the
    settings' root); ``color``: forced on or off; ``errors``: the run's errors so far."""
    from dlint.engine.registry import all_rules
    from dlint.reporters import renderer
    from dlint.reporters._location import work_tree_root

    render = renderer(format_name)
    # only SARIF (rule descriptors), GitLab (security severities) and SonarQube (rule entries) read the rules
    rules = all_rules() if format_name in ("sarif", "gitlab", "sonarqube") else ()
    root = root or work_tree_root(Path.cwd()) or settings.root
    common = {"root": root, "sources": outcome.sources, "tool_version": __version__}
    if show_suppressed:
        common["suppressed"] = outcome.suppressed
    if format_name == "text":
        stream = sys.stderr if to_stderr else sys.stdout
        colour = color if color is not None else _use_colour(output is None and stream is not None and stream.isatty())
        text = render(
            outcome.findings, rules, color=colour, files=outcome.files - len(outcome.not_linted),
            not_linted=unread + len(outcome.not_linted),
            show_statistics=statistics, quiet=quiet, fixed=fixed, **common,
        )
    elif format_name == "sarif":
        text = render(outcome.findings, rules, errors=errors, category=sarif_category, **common)
    else:
        text = render(outcome.findings, rules, **common)
    _emit(text, output, to_stderr=to_stderr)


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
        _emit(json.dumps(rows, indent=2) + "\n")
        return
    if output_format != "text":
        raise _fail(f"--format: {output_format!r} is not text or json")
    name_width = max((len(rule.name) for rule in rules), default=4)
    lines = [f"{'CODE':7} {'NAME':{name_width}} {'SEVERITY':8} {'FIX':3} SUMMARY"]
    for rule in rules:
        marker = "yes" if rule.fixable() else ""
        off = "" if rule.default_enabled else " (off by default)"
        lines.append(f"{rule.code:7} {rule.name:{name_width}} {rule.severity.value:8} {marker:3} {rule.summary()}{off}")
    _emit("\n".join(lines) + "\n")


@app.command("rule")
def show_rule(key: Annotated[str, typer.Argument(help="A rule code or name.")]) -> None:
    """Show one rule's documentation."""
    from dlint.engine.docs import rule_page
    from dlint.engine.registry import find_rule
    from dlint.reporters._links import is_shellcheck_code

    rule = find_rule(key)
    if rule is None and is_shellcheck_code(key.upper()):
        from dlint.engine.docs import shellcheck_code_page

        _emit(shellcheck_code_page(key.upper(), find_rule("shellcheck")))
        return
    if rule is None:
        raise _fail(f"no rule {key!r} (see `dlint rules`)")
    _emit(rule_page(rule))


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
    from dlint.engine.shellcheck import find_shellcheck, shellcheck_version

    data["shellcheck"] = {"path": find_shellcheck(), "version": shellcheck_version()}
    _emit(json.dumps(data, indent=2) + "\n")


@debug_app.command("dockerfile")
def debug_dockerfile(path: Annotated[Path, typer.Argument(help="The Dockerfile.")]) -> None:
    """Print the parsed model of a Dockerfile as JSON."""
    from dlint.parsers.dockerfile import BinaryFileError, parse_dockerfile_bytes
    from dlint.parsers.dockerfile_debug import dump_dockerfile_json
    from dlint.reading import ReadError, read_regular

    try:
        model = parse_dockerfile_bytes(read_regular(path), str(path))
    except ReadError as error:  # also a FIFO or a device, which would never end
        raise _fail(f"{path}: {error.reason}") from None
    except BinaryFileError as error:
        raise _fail(str(error)) from None
    _emit(dump_dockerfile_json(model) + "\n")


@debug_app.command("compose")
def debug_compose(paths: Annotated[list[Path], typer.Argument(help="The Compose files of one project, or a folder.")]) -> None:
    """Print the parsed (merged) Compose project as JSON; given a folder, the projects
    dlint forms there (their files, the files each reports, and why)."""
    try:
        from dlint.parsers.compose_debug import DumpError, dump_compose, dump_projects
    except ImportError:
        raise _fail("debug compose is not available in this build") from None
    try:
        if len(paths) == 1 and paths[0].is_dir():
            text = dump_projects(paths[0], environ=os.environ)
        else:
            text = dump_compose(paths)
    except DumpError as error:
        raise _fail(str(error)) from None
    _emit(text.rstrip("\n") + "\n")


def run() -> int:
    """Run the command line given in ``sys.argv``; its exit status. Any exception
    that escapes a command (MemoryError and RecursionError too) becomes a one-line
    message and exit 2."""
    try:
        from dlint.cli_coercion import install

        install()
        app()
    except SystemExit as exit_:
        if exit_.code is None or isinstance(exit_.code, int):
            return exit_.code or EXIT_OK
        if sys.stderr is not None:
            sys.stderr.write(f"{exit_.code}\n")
        return EXIT_FINDINGS
    except OutputError as error:
        _error(str(error))
        return EXIT_ERROR
    except Exception as error:  # a bug: say so, never end like "findings" (exit 1)
        _error(_internal_error(error))
        return EXIT_ERROR
    return EXIT_OK


def _reserve_standard_descriptors() -> None:
    """Open the null device on descriptors 0–2 that are closed (``dlint check >&-``),
    so that no file dlint opens takes their number (sys.stdout stays None)."""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != descriptor:
                os.dup2(opened, descriptor)
                os.close(opened)


def main() -> None:
    """Console entry point: :func:`run`, then a quick exit.

    Everything is written and flushed first; ``os._exit`` then skips tearing
    down the interpreter's hundreds of modules and objects one by one, a
    quarter of the time a small check takes (dlint registers no exit handlers).
    """
    _reserve_standard_descriptors()
    status = run()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # the reader went away, the disk is full, or the stream is closed
            pass
    os._exit(status)
