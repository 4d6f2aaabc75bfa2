"""The command line without typer: the ``check`` command's work and the helpers every
command shares (output, errors, settings). ``dlint/cli.py`` declares the commands
for typer and calls in here; ``dlint/__main__.py`` runs a plain ``dlint check PATH…``
here directly, sparing a small run typer's import (a quarter of its time)."""

import os
import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path

from dlint import __version__


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


def _fail(message: str) -> SystemExit:
    _error(message)
    return SystemExit(EXIT_ERROR)


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


def _emit(text: str | Iterable[str], output: Path | None = None, *, to_stderr: bool = False) -> None:
    """Write the whole text (a string, or its pieces in order) to the file ``output``,
    else to stdout (stderr with ``to_stderr``); :class:`OutputError` when it cannot be
    written. Pieces are written as they come, a few hundred kilobytes at a time, so a
    large report is never held whole. Lone surrogates (undecodable bytes of file
    names) are written as U+FFFD, in the file and on the stream alike; a reader that
    went away (``dlint check | head``) ends the output quietly."""
    pieces = (text,) if isinstance(text, str) else text
    if output is not None:
        try:
            with open(output, "wb") as handle:
                for data in _encoded(pieces, "utf-8"):
                    handle.write(data)
        except OSError as error:
            raise OutputError(f"{output}: cannot write the report: {error.strerror or error}") from None
        return
    stream = _stream(to_stderr)
    for data in _encoded(pieces, getattr(stream, "encoding", None) or "utf-8"):
        if not _write_stream(stream, data):
            return


#: characters gathered before they are encoded and written
_WRITE_SIZE = 1 << 18


def _encoded(pieces: Iterable[str], encoding: str) -> Iterator[bytes]:
    """``pieces`` encoded, gathered into blocks of about :data:`_WRITE_SIZE` characters."""
    from dlint.reporters.escape import well_formed

    gathered: list[str] = []
    size = 0
    for piece in pieces:
        gathered.append(piece)
        size += len(piece)
        if size >= _WRITE_SIZE:
            yield well_formed("".join(gathered)).encode(encoding, errors="replace")
            gathered, size = [], 0
    if gathered:
        yield well_formed("".join(gathered)).encode(encoding, errors="replace")


def _stream(to_stderr: bool = False):
    """sys.stdout (sys.stderr with ``to_stderr``); :class:`OutputError` when it is closed."""
    stream = sys.stderr if to_stderr else sys.stdout
    if stream is None:
        raise OutputError(f"cannot write the report: standard {'error' if to_stderr else 'output'} is closed")
    return stream


def _write_stream(stream, data: bytes) -> bool:  # noqa: ANN001 - a text stream
    """Write ``data`` to the binary buffer under the text ``stream``; False when the
    reader went away (the rest is not written)."""
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
        return False
    except OSError as error:
        _discard(stream)
        raise OutputError(f"cannot write the report: {error.strerror or error}") from None
    return True


def _discard(stream) -> None:  # noqa: ANN001 - a text stream
    """Point the descriptor under ``stream`` at the null device, so that what is
    still buffered goes nowhere instead of failing again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no descriptor (a test's in-memory stream)
        pass


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


def _show_files(candidates: list[tuple[str, Path]], built: list[tuple[str, Path]], errors: list[str]) -> SystemExit:
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
    return SystemExit(EXIT_ERROR if errors else EXIT_OK)


def _show_fix_log(findings: list, errors: list[str]) -> None:
    """``--show-fixes``: one ``path:line: CODE fix message`` line per fix applied, on stderr."""
    from dlint.reporters.escape import printable

    lines = [f"{printable(finding.path)}:{finding.span.line}: {finding.code} {printable(finding.fix.message)}\n" for finding in findings]
    try:
        _emit(f"Applied {len(lines)} fix{'es' if len(lines) != 1 else ''}:\n" + "".join(lines), to_stderr=True)
    except OutputError as error:
        errors.append(str(error))


def check(
    paths=None,
    output_format=OutputFormat.text,
    output=None,
    select=None,
    extend_select=None,
    ignore=None,
    fail_on=None,
    exit_zero=False,
    quiet=False,
    statistics=False,
    no_suppress=False,
    config=None,
    fix=False,
    unsafe_fixes=False,
    diff=False,
    stdin_filename=None,
    kind=None,
    exclude=None,
    extend_exclude=None,
    force_exclude=None,
    env_file=None,
    compose_file=None,
    root=None,
    sarif_category=None,
    color=None,
    show_suppressed=False,
    baseline=None,
    write_baseline=None,
    add_ignore=False,
    trusted_registry=None,
    require_label=None,
    strict_labels=False,
    error_codes=None,
    warning_codes=None,
    info_codes=None,
    style_codes=None,
    verbose=False,
    max_warnings=None,
    show_files=False,
    show_fixes=False,
    exit_non_zero_on_fix=False,
    jobs=None,
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
    # text and JSON are written as the run goes on: each file's findings and text are let go once written
    streamed = write_baseline is None and output_format.value in ("text", "json") and not (show_suppressed and output_format.value == "json")
    # a streamed run reads each Dockerfile again when it is linted: its memory does not grow with its files
    let_go = streamed and not (fix or add_ignore or diff or show_files)
    sources, candidates, unread = _read_sources(paths, settings, kind.value if kind else None, stdin_filename, errors, exclusion,
                                                let_go=let_go)
    if show_files:
        raise _show_files(candidates, _built(linter, sources), errors)
    if output is not None:
        _refuse_output_over_input(output, [*candidates, *_built(linter, sources)])
    del candidates  # the sources name the files from now on

    if diff:
        changed = _print_diff(linter, sources, unsafe_fixes, errors)
        for message in errors:
            _error(message)
        raise SystemExit(EXIT_ERROR if errors else EXIT_FINDINGS if changed else EXIT_OK)

    from dlint.engine.lint import MAX_FINDINGS_PER_FILE

    fixed, fixed_stdin = 0, None
    fix_log: list = []
    if fix:
        from dlint.engine.fixing import fix_files

        fixed, fixed_stdin = fix_files(linter, sources, unsafe_fixes, errors, _crash_while_fixing, fix_log)
    if add_ignore:
        from dlint.engine.add_ignore import add_ignores

        add_ignores(linter, sources, errors, _error)
    from dlint.engine.parallel import parts_in_parallel

    outcome, parts = parts_in_parallel(linter, sources, processes, keep_sources=not streamed)
    del sources
    if streamed:
        from dlint.engine.finding_stream import FindingStream

        findings = FindingStream(parts)  # written as the run goes on
    else:
        for found, suppressed in parts:
            outcome.findings.extend(found)
            outcome.suppressed.extend(suppressed)
        findings = outcome.findings
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
            raise SystemExit(EXIT_ERROR)
        _error(f"wrote {write_baseline}: {len(outcome.findings)} findings recorded")
        raise SystemExit(EXIT_OK)
    if findings is outcome.findings:
        errors.extend(outcome.errors)  # the SARIF report lists them
    try:
        if fixed_stdin is not None:
            _write_stream(_stream(), fixed_stdin)
        _report(outcome, findings, settings, output_format.value, output, quiet=quiet, statistics=statistics, fixed=fixed,
                to_stderr=fixed_stdin is not None, unread=unread, root=linter.report_root, color=color,
                sarif_category=sarif_category, errors=errors, show_suppressed=show_suppressed)
    except OutputError as error:
        errors.append(str(error))
    if findings is not outcome.findings:
        findings.drain()  # the rest of a report that stopped early: the run still ends and counts
        errors.extend(outcome.errors)
        severities = findings.severities
    else:
        from collections import Counter

        severities = Counter(finding.severity for finding in outcome.findings)
    if show_fixes and fix_log:
        _show_fix_log(fix_log, errors)
    for path, count in outcome.truncated.items():
        _error(f"warning: {path}: {count:,} findings; only the first {MAX_FINDINGS_PER_FILE:,} are reported")
    for notice in dict.fromkeys(outcome.notices):
        _error(f"notice: {notice}")
    for message in errors:
        _error(message)
    if errors:
        raise SystemExit(EXIT_ERROR)
    threshold = settings.fail_on
    failing = threshold is not None and any(level.at_least(threshold) for level in severities)
    if max_warnings is not None:
        failing = failing or sum(count for level, count in severities.items() if level.value == "warning") > warnings_allowed
    failing = failing or (exit_non_zero_on_fix and bool(fix_log))
    raise SystemExit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


def _read_sources(paths: list[Path], settings, forced: str | None, stdin_filename: str | None, errors: list[str],
                  exclusion=None, *, let_go: bool = False):  # noqa: ANN001 - an Exclusion (default: the settings')
    """The sources to lint (stdin first when ``-`` is given, then what discovery
    finds), the (shown, path) of every file found on disk, read or not, and how
    many could not be read; problems are added to ``errors``. With ``let_go``, the
    text of each Dockerfile read from disk after the first batch's worth
    (:data:`~dlint.engine.lint.DOCKERFILE_BATCH`) is let go as soon as it is read
    (:func:`~dlint.engine.sources.without_text`): a run over fewer reads each file once."""
    from dlint.engine.discovery import discover, exclusion_for, guess_kind
    from dlint.engine.lint import DOCKERFILE_BATCH, LintError, read_source, source_from_bytes
    from dlint.engine.sources import without_text

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
    dockerfiles = 0  # read so far
    for item in found.files:
        try:
            source = read_source(item.path, item.kind, str(item.path))
            source.named = item.explicit
            if let_go and source.kind == "dockerfile":
                dockerfiles += 1
                if dockerfiles > DOCKERFILE_BATCH:
                    source = without_text(source)
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


def _report(outcome, findings, settings, format_name: str, output: Path | None, *, quiet: bool, statistics: bool,
            fixed: int, to_stderr: bool, unread: int, root: Path | None, color: bool | None, sarif_category: str | None,
            errors: list[str], show_suppressed: bool = False) -> None:
    """Render the report of ``findings`` (``outcome.findings``, or a FindingStream
    written as the run goes on) and write it to ``output`` or the stream;
    :class:`OutputError` when it cannot be written. ``unread``: files found that could
    not be read; ``root``: the folder CI paths are relative to (default: the git work
    tree's root, else the settings' root); ``color``: forced on or off; ``errors``: the
    run's errors so far."""
    from dlint.reporters import piece_renderer
    from dlint.reporters._location import work_tree_root

    render = piece_renderer(format_name)
    rules: tuple = ()
    if format_name in ("sarif", "gitlab", "sonarqube"):  # only they read the rules: descriptors, security severities, rule entries
        from dlint.engine.rule_description import described_rules

        rules = described_rules()
    root = root or work_tree_root(Path.cwd()) or settings.root
    common = {"root": root, "sources": outcome.sources, "tool_version": __version__}
    if show_suppressed:
        common["suppressed"] = getattr(findings, "suppressed", outcome.suppressed)
    if format_name == "text":
        stream = sys.stderr if to_stderr else sys.stdout
        colour = color if color is not None else _use_colour(output is None and stream is not None and stream.isatty())
        text = render(
            findings, rules, color=colour, show_statistics=statistics, quiet=quiet, fixed=fixed,
            totals=lambda: (outcome.files - len(outcome.not_linted), unread + len(outcome.not_linted)), **common,
        )
    elif format_name == "sarif":
        text = render(findings, rules, errors=errors, category=sarif_category, **common)
    else:
        text = render(findings, rules, **common)
    _emit(text, output, to_stderr=to_stderr)


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


def guarded(command) -> int:  # noqa: ANN001 - a zero-argument callable
    """Run ``command``; its exit status. Any exception that escapes it (MemoryError
    and RecursionError too) becomes a one-line message and exit 2."""
    try:
        command()
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
        from dlint.engine.config_error import ConfigError

        # a settings error raised late (a plugin that cannot be used, found when the rule catalogue is built)
        _error(str(error) if isinstance(error, ConfigError) else _internal_error(error))
        return EXIT_ERROR
    return EXIT_OK


def finish(status: int) -> None:
    """Flush the output and end the process at once: ``os._exit`` skips tearing down
    the interpreter's hundreds of modules and objects one by one, a quarter of the
    time a small check takes (dlint registers no exit handlers)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # the reader went away, the disk is full, or the stream is closed
            pass
    os._exit(status)


#: flags of ``dlint check`` that take no value, with the keyword and value each gives
#: :func:`check` (as typer would: the last of two opposite flags wins); ``--verbose`` is
#: not one: typer runs a callback for it
PLAIN_FLAGS = {
    "--force-exclude": ("force_exclude", True),
    "--no-force-exclude": ("force_exclude", False),
    "--quiet": ("quiet", True),
    "-q": ("quiet", True),
    "--exit-zero": ("exit_zero", True),
    "--no-fail": ("exit_zero", True),
    "--statistics": ("statistics", True),
    "--no-suppress": ("no_suppress", True),
    "--fix": ("fix", True),
    "--unsafe-fixes": ("unsafe_fixes", True),
    "--diff": ("diff", True),
    "--show-suppressed": ("show_suppressed", True),
    "--show-fixes": ("show_fixes", True),
    "--exit-non-zero-on-fix": ("exit_non_zero_on_fix", True),
    "--color": ("color", True),
    "--no-color": ("color", False),
}


#: options of ``dlint check`` that take a value (``--name VALUE`` or ``--name=VALUE``), with
#: the keyword each gives :func:`check`, the type its value is read as, and whether it
#: repeats (the values then listed in order; else the last one counts, as typer does)
PLAIN_OPTIONS = {
    **dict.fromkeys(("--format", "--output-format", "-f"), ("output_format", OutputFormat, False)),
    **dict.fromkeys(("--output", "-o"), ("output", Path, False)),
    "--select": ("select", str, True),
    "--extend-select": ("extend_select", str, True),
    "--ignore": ("ignore", str, True),
    **dict.fromkeys(("--fail-on", "--failure-threshold", "-t"), ("fail_on", FailOn, False)),
    "--config": ("config", str, True),
    "--kind": ("kind", Kind, False),
    "--exclude": ("exclude", str, True),
    "--extend-exclude": ("extend_exclude", str, True),
    "--root": ("root", Path, False),
    "--sarif-category": ("sarif_category", str, False),
    "--baseline": ("baseline", Path, False),
    **dict.fromkeys(("--jobs", "-j"), ("jobs", str, False)),
}


def plain_command(arguments: list[str]) -> tuple[list[Path], dict] | None:
    """The paths and the :func:`check` keywords of a command line (after the program
    name) that typer need not parse: ``check``, then paths, flags of :data:`PLAIN_FLAGS`
    and options of :data:`PLAIN_OPTIONS` whose values do not start with ``-`` and read
    as their type; None for any other (typer parses it, and says what is wrong)."""
    if not arguments or arguments[0] != "check":
        return None
    paths: list[Path] = []
    keywords: dict = {}
    position = 1
    while position < len(arguments):
        argument = arguments[position]
        position += 1
        if argument in PLAIN_FLAGS:
            keyword, value = PLAIN_FLAGS[argument]
            keywords[keyword] = value
            continue
        if not argument.startswith("-"):
            paths.append(Path(argument))
            continue
        name, equals, value = argument.partition("=") if argument.startswith("--") else (argument, "", "")
        if name not in PLAIN_OPTIONS:
            return None
        if not equals:
            if position == len(arguments):
                return None
            value = arguments[position]
            position += 1
        if value.startswith("-"):
            return None
        keyword, kind, repeats = PLAIN_OPTIONS[name]
        try:
            read = kind(value)
        except ValueError:  # not one of an enum's values
            return None
        if repeats:
            keywords.setdefault(keyword, []).append(read)
        else:
            keywords[keyword] = read
    return paths, keywords


def plain_check(arguments: list[str]) -> bool:
    """Whether typer need not parse the command line (see :func:`plain_command`): the
    pre-commit hook's (``check --force-exclude FILE…``), CI's (``--format sarif``) and
    editors' ordinary ones."""
    return plain_command(arguments) is not None


def main_plain_check(arguments: list[str]) -> None:
    """A command line of :func:`plain_check` run without typer, as typer would run it."""
    _reserve_standard_descriptors()
    paths, keywords = plain_command(arguments)
    finish(guarded(lambda: check(paths=paths or None, **keywords)))


def rules_in_categories(rules, categories):  # noqa: ANN001, ANN201 - rule classes in, rule classes out
    """``dlint rules --category``: the rules that belong to one of ``categories`` (any
    case; a comma-separated value names several); an unknown category fails, exit 2."""
    from dlint.engine.rule import CATEGORIES

    wanted = {name.strip().lower() for value in categories for name in value.split(",") if name.strip()}
    unknown = sorted(wanted - CATEGORIES)
    if unknown:
        raise _fail(f"--category: {unknown[0]!r} is not a category (one of {', '.join(sorted(CATEGORIES))})")
    return [rule for rule in rules if wanted.intersection(rule.all_categories())]
