"""Command line: argument handling and output only (the work is in dlint.engine).

No ``from __future__ import annotations`` here: typer reads every command's
annotations at start-up, and evaluating them from strings took a tenth of a
small check's time.
"""

import os
import sys
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

from dlint import cli_core
from dlint.cli_core import FailOn, Kind, OutputFormat, _emit, _fail, _load, _reserve_standard_descriptors


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
    cli_core._verbose = verbose


def _set_verbose(value: bool) -> None:
    """``check --verbose``: the same as the global ``--verbose``."""
    cli_core._verbose = cli_core._verbose or value


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
    cli_core.check(paths=paths, output_format=output_format, output=output, select=select, extend_select=extend_select, ignore=ignore, fail_on=fail_on, exit_zero=exit_zero, quiet=quiet, statistics=statistics, no_suppress=no_suppress, config=config, fix=fix, unsafe_fixes=unsafe_fixes, diff=diff, stdin_filename=stdin_filename, kind=kind, exclude=exclude, extend_exclude=extend_exclude, force_exclude=force_exclude, env_file=env_file, compose_file=compose_file, root=root, sarif_category=sarif_category, color=color, show_suppressed=show_suppressed, baseline=baseline, write_baseline=write_baseline, add_ignore=add_ignore, trusted_registry=trusted_registry, require_label=require_label, strict_labels=strict_labels, error_codes=error_codes, warning_codes=warning_codes, info_codes=info_codes, style_codes=style_codes, verbose=verbose, max_warnings=max_warnings, show_files=show_files, show_fixes=show_fixes, exit_non_zero_on_fix=exit_non_zero_on_fix, jobs=jobs)


@app.command("rules")
def list_rules(
    write_docs: Annotated[Optional[Path], typer.Option(help="Write one Markdown page per rule (and an index) here.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    category: Annotated[Optional[list[str]], typer.Option(metavar="CATEGORY", help="Only the rules of this category (security, hardening, correctness, best-practice, performance, operability, style …); repeat for more.")] = None,
) -> None:
    """List every rule: code, name, severity, fixable, summary."""
    from dlint.engine.registry import all_rules

    rules = all_rules()
    if write_docs is not None:
        from dlint.engine.docs import write_pages

        from dlint.engine.plugins import builtin

        changed = write_pages(write_docs, builtin(rules))  # plugins' rules are not dlint's to document here
        sys.stderr.write(f"{len(changed)} page(s) written or removed in {write_docs}\n")
        return
    if category:
        rules = cli_core.rules_in_categories(rules, category)
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
    from dlint.engine.registry import rules_named

    _emit("\n".join(rule_page(named) for named in rules_named(key)))  # several for a shared alias


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


@app.command("server")
def server(
    stdio: Annotated[bool, typer.Option("--stdio", help="Speak LSP over standard input and output (the only way; accepted for clients that pass it).")] = True,  # noqa: ARG001
) -> None:
    """Run the language server (LSP over stdio) for editors: diagnostics, quick fixes, hover."""
    from dlint.server import run as serve

    serve()


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
    """Run the command line given in ``sys.argv``; its exit status (see
    :func:`dlint.cli_core.guarded`)."""

    def command_line() -> None:
        from dlint.cli_coercion import install

        install()
        app()

    return cli_core.guarded(command_line)


def main() -> None:
    """Console entry point: :func:`run`, then a quick exit (:func:`dlint.cli_core.finish`)."""
    _reserve_standard_descriptors()
    cli_core.finish(run())
