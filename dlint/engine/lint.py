"""The lint API: sources in, findings out (selection, suppression, severities,
per-file ignores and fixes applied). The CLI and the tests both use it.

Compose files are linted first and together, so project-wide rules can see them
all; Dockerfiles then in batches of neighbours by path (:data:`DOCKERFILE_BATCH`):
parsed, their scripts (and the Compose files') given to ShellCheck
(:mod:`dlint.engine.shell_checks`), checked by the rules while ShellCheck works, each
model dropped once checked (without ShellCheck, each file is parsed, checked and
dropped before the next is parsed). :meth:`Linter.lint_parts` hands the findings out batch by
batch, in report order, so that a report can be written while the run goes on and
a run's memory does not grow with its files; :meth:`Linter.lint` gathers them.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import TYPE_CHECKING

from dlint.engine.config import Settings
from dlint.engine.discovery import IgnoreList, compile_pattern
from dlint.engine.fixes import apply_fixes
from dlint.engine.rule import Rule
from dlint.engine.registry import KIND_OF_PREFIX, SHELLCHECK, Entry, find_rule
from dlint.engine.selection import check_selection, instantiate, looks_like_code, selected_entries, severity_overrides
from dlint.engine.sources import LintError, SourceFile, read_source, source_from_bytes, with_text  # noqa: F401 - re-exported
from dlint.engine.suppression import (
    Directive,
    Suppressed,
    Suppression,
    applies,
    apply_directives,
    compose_directives,
    dockerfile_directives,
)
from dlint.models.base import Model, field
from dlint.models.finding import Finding
from dlint.parsers.gc_pause import gc_paused
from dlint.regex import regex

if TYPE_CHECKING:
    from dlint.engine.context import DockerfileContext

MAX_FIX_PASSES = 10
#: findings reported per file, the first in position order (more is a generated or
#: hostile file; the report stays readable and its size bounded)
MAX_FINDINGS_PER_FILE = 10_000
_LINE_NUMBER = regex(r"\bline \d+")
UNKNOWN_SUPPRESSION = "DF001"
UNUSED_SUPPRESSION = "DF002"


class LintResult(Model):
    findings: list[Finding] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # path → text, for excerpts
    files: int = 0
    errors: list[str] = field(default_factory=list)
    #: files with more than MAX_FINDINGS_PER_FILE findings → how many they had
    truncated: dict[str, int] = field(default_factory=dict)
    #: sources that could not be linted (a parser or project failure, in ``errors``)
    not_linted: set[str] = field(default_factory=set)
    #: findings not reported, each with why (a suppression comment, ``# check=skip``, the baseline)
    suppressed: list[Suppressed] = field(default_factory=list)
    #: what the run could not do that is not an error (ShellCheck missing: SC checks skipped)
    notices: list[str] = field(default_factory=list)


#: what :meth:`Linter.lint_parts` hands out: some files' findings and their suppressed ones, sorted
Part = tuple[list[Finding], list[Suppressed]]


def _at_most_per_file(findings: list[Finding], limit: int) -> tuple[list[Finding], dict[str, int]]:
    """The first ``limit`` findings of each file (``findings`` are sorted), and the
    files that had more, with their count."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.path] = counts.get(finding.path, 0) + 1
    over = {path: count for path, count in counts.items() if count > limit}
    if not over:
        return findings, {}
    kept: list[Finding] = []
    taken: dict[str, int] = {}
    for finding in findings:
        seen = taken.get(finding.path, 0)
        if seen < limit:
            kept.append(finding)
        taken[finding.path] = seen + 1
    return kept, over


def _finding(rule, path: str, span, message: str) -> Finding:
    return Finding.model_construct(
        code=rule.code, name=rule.name, severity=rule.severity, message=message, path=path, span=span, fix=None
    )


def _covers_shellcheck(entry: str, code: str) -> bool:
    """Whether a ``per-file-ignores`` entry covers ShellCheck code ``code``."""
    lowered = entry.lower()
    return lowered in ("all", "shellcheck") or (lowered.startswith("sc") and code.lower().startswith(lowered))


# -- one function per kind -----------------------------------------------------------


#: Dockerfiles parsed, given to ShellCheck and checked together; their models are then
#: dropped (a run's memory does not grow with its files)
DOCKERFILE_BATCH = 256


def _lint_batch(linter: Linter, sources: Sequence[SourceFile]) -> list[Finding]:
    """The raw findings of a batch of Dockerfiles, parsed and checked with the cyclic
    garbage collector paused: its passes would walk the batch's models again and again,
    and the few cycles the rules make wait at most for the batch's end."""
    with gc_paused():
        return _parse_and_check(linter, sources)


def _parse_and_check(linter: Linter, sources: Sequence[SourceFile]) -> list[Finding]:
    from dlint.engine.runner import check_dockerfile

    contexts = _contexts(linter, sources)
    if linter.shell is not None:  # ShellCheck starts once it has every script of the batch
        contexts = _popped(list(contexts))
        linter.shell.start()
    findings: list[Finding] = []
    for ctx, keywords in contexts:
        findings.extend(check_dockerfile(ctx, linter.rules_for("dockerfile", keywords, ctx.source), linter.errors))
        del ctx, keywords  # the model goes now, while its objects are still in the cache
    if linter.shell is not None:  # ShellCheck has worked while the rules did
        findings.extend(linter.shell.findings(linter.errors, linter.notices))
    return findings


def _contexts(linter: Linter, sources: Sequence[SourceFile]) -> Iterator[tuple[DockerfileContext, set[str]]]:
    """Each Dockerfile of ``sources`` parsed, in its context, with its instruction
    keywords; one the parser fails on is an error, not linted."""
    from dlint.engine.context import DockerfileContext
    from dlint.parsers.dockerfile import parse_dockerfile, parse_dockerfile_bytes

    for source in sources:
        try:
            if source.undecodable is not None:  # the parser reports the bad bytes
                dockerfile = parse_dockerfile_bytes(source.undecodable, source.path)
            else:
                dockerfile = parse_dockerfile(source.text, source.path)
        except Exception as error:  # a parser bug must not stop the other files
            linter.errors.append(f"{source.path}: internal error while parsing: {error!r}")
            linter.not_linted.add(source.path)
            continue
        linter.keep_facts(source.path, dockerfile)
        ctx = DockerfileContext(source.path, dockerfile.source, dockerfile)
        if source.real_path is not None:
            from dlint.engine.surroundings import dockerfile_surroundings

            # the context of the Compose service that builds it, else its own folder
            ctx.surroundings = dockerfile_surroundings(source.real_path, linter.build_contexts.get(source.path))
            if source.path in linter.build_targets:
                ctx.surroundings["build_targets"] = linter.build_targets[source.path]
            if source.path in linter.compose_users:
                ctx.surroundings["compose_users"] = linter.compose_users[source.path]
                ctx.surroundings["compose_root_reported"] = linter.runs("DC029")
        linter.add_dockerfile_scripts(source.path, dockerfile)
        yield ctx, _keywords(dockerfile)
        del ctx, dockerfile


def _popped(items: list) -> Iterator:
    """The items of ``items`` in order, each let go by the list as it is given."""
    items.reverse()
    while items:
        yield items.pop()


def _keywords(dockerfile) -> set[str]:  # noqa: ANN001 - a parsed Dockerfile
    """The instruction keywords of a Dockerfile, ONBUILD triggers' included."""
    keywords = set()
    for instruction in dockerfile.instructions:
        keywords.add(instruction.keyword)
        trigger = getattr(instruction, "trigger", None)
        if trigger is not None:
            keywords.add(trigger.keyword)
    return keywords


def _triggered(rule: Entry | type[Rule], keywords: AbstractSet[str]) -> bool:
    """Whether a rule can report on a Dockerfile with these instruction keywords (its
    text markers aside)."""
    limited = rule.triggers if isinstance(rule, Entry) else rule.triggers()
    return limited is None or not keywords.isdisjoint(limited)


def _shortest_first(markers: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """A rule's text markers, the shortest first (then in order)."""
    return None if markers is None else tuple(sorted(markers, key=len))


#: the instruction keywords of a Compose project (none: its rules have no triggers, only text markers)
_NO_KEYWORDS: frozenset[str] = frozenset()


def _lint_compose(linter: Linter, sources: Sequence[SourceFile]) -> list[Finding]:
    """Compose files and the rules across files; provided by ``dlint.parsers.compose_lint``."""
    try:
        from dlint.parsers.compose_lint import lint_compose
    except ImportError:
        raise LintError(
            ", ".join(source.path for source in sources) + ": Compose files are not supported by this build"
        ) from None
    settings = linter.settings
    if settings.env_file is not None and not settings.env_file.is_file():
        raise LintError(f"{settings.env_file}: env file not found")
    return list(
        lint_compose(
            sources,
            (),
            rules_for_text=lambda text: linter.rules_for("compose", _NO_KEYWORDS, text) + linter.rules_for("project", _NO_KEYWORDS, text),
            env_file=settings.env_file,
            extra_schema=linter.compose_schema(),
            project_files=settings.compose_files,
            compose_projects=settings.compose_projects,
            environ=os.environ,
            errors=linter.errors,
            not_linted=linter.not_linted,
            on_file=linter.add_compose_scripts,
            projects=linter.formed_projects(sources),
        )
    )


def texts(sources: Sequence[SourceFile]) -> Iterator[tuple[str, str]]:
    """(path, text) of each source; "" for a text let go (put in when read again)."""
    return ((source.path, source.text if source.text is not None else "") for source in sources)


#: the kinds of file a run lints
KINDS = ("compose", "dockerfile")


def syntax_problems(kind: str, text: str, path: str = "", extra_schema: dict | None = None) -> Counter[tuple[str, str]]:
    """The syntax problems of ``text`` as dlint's own loaders report them when they
    lint it, as (kind, message) pairs: the parser's syntax issues for a Dockerfile,
    the syntax and schema issues for a Compose file (``extra_schema``: the user's
    ``compose-schema``), line numbers left out of the messages (a fix may move a
    problem it did not cause). A fix must not add any."""
    if kind == "dockerfile":
        from dlint.parsers.dockerfile import parse_dockerfile

        issues = parse_dockerfile(text, path or "Dockerfile").syntax_issues
        return Counter(("syntax", _LINE_NUMBER.sub("line N", issue.message)) for issue in issues)
    from dlint.parsers.compose.load import load_compose_file

    issues = load_compose_file(path or "compose.yaml", text, extra_schema=extra_schema).issues
    return Counter(
        (issue.kind, _LINE_NUMBER.sub("line N", issue.message)) for issue in issues if issue.kind in ("syntax", "schema")
    )


# -- the linter ----------------------------------------------------------------------


class Linter:
    """Lints sources with one set of settings."""


    @property
    def report_root(self) -> Path:
        """See :attr:`root`: the same folder SARIF and the CI formats use, so baseline
        fingerprints are SARIF's ``partialFingerprints``."""
        from dlint.reporters._location import work_tree_root

        return self.root or work_tree_root(Path.cwd()) or self.settings.root

    def __init__(self, settings: Settings, *, suppress: bool = True, rules: Sequence[type[Rule]] | None = None) -> None:
        self.settings = settings
        #: the rules each kind uses (catalogue entries, or the classes given), chosen when
        #: the kind is first linted
        self._chosen: dict[str, list[Entry | type[Rule]]] = {}
        #: rule instances by code, made when a file first needs the rule (only then is it imported)
        self._instances: dict[str, Rule] = {}
        self._given_rules = rules is not None
        #: the rules (with their text markers) whose triggers a file's instruction
        #: keywords meet, by (kind, keywords): see :meth:`_may_report`
        self._may_report_memo: dict[tuple, list[tuple[Entry | type[Rule], tuple[str, ...] | None]]] = {}
        self._marked: dict[str, list[tuple[Entry | type[Rule], tuple[str, ...] | None]]] = {}  # each rule with its markers
        #: the chosen rules of each kind that can report with these settings (:meth:`_configured`)
        self._runnable: dict[str, list[Entry | type[Rule]]] = {}
        self._runs_memo: dict[str, bool] = {}  # see :meth:`runs`
        self._mandatory: frozenset[str] | None = None  # see :attr:`mandatory`; None: to work out again
        if rules is not None:
            for rule in rules:
                self._chosen.setdefault(rule.kind, []).append(rule)
        else:
            check_selection(settings)
            instantiate([rule for key in settings.options if (rule := find_rule(key))], settings)  # config errors now
        self.severity = severity_overrides(settings)
        self.suppress = suppress and not settings.disable_ignore_pragma
        self.baseline: frozenset[str] | None = None
        #: the folder report paths and baseline fingerprints are relative to (None: the git
        #: work tree's root of the working folder, else the settings' root); ``--root`` sets it
        self.root: Path | None = None
        if settings.baseline is not None:
            from dlint.engine.baseline import read_baseline

            self.baseline = read_baseline(settings.baseline)
        self.ignored_codes = frozenset(code.upper() for code in settings.ignore if looks_like_code(code))
        self.per_file = [
            (IgnoreList(settings.root.absolute(), [pattern]), codes)
            for glob, codes in settings.per_file_ignores.items()
            if (pattern := compile_pattern(glob)) is not None
        ]
        #: what the findings of each Dockerfile of the current ``lint()`` call are filtered
        #: by once its model is gone: its suppression comments and ``# check=skip`` codes
        self.facts: dict[str, tuple[list[Directive], frozenset[str]]] = {}
        self.kinds: dict[str, str] = {}  # kind of each source of this run, by path
        self.errors: list[str] = []
        self.notices: list[str] = []  # notices of the current lint() call
        self.not_linted: set[str] = set()  # sources of the current lint() call that could not be linted  # problems of the current lint() call (rules or parsers that failed)
        self._compose_schema: dict | None = None
        #: the Compose build context of each Dockerfile of the current ``lint()`` call that
        #: a Compose source builds from, by the path the Dockerfile is shown with (the
        #: first service's when several build it); for ``dockerfile_surroundings``
        self.build_contexts: dict[str, Path] = {}
        #: the Compose ``build.target`` names each of those Dockerfiles is built with
        #: (None: a target whose value is not known), by the path it is shown with
        self.build_targets: dict[str, frozenset[str | None]] = {}
        self._targets: dict[Path, set[str | None]] = {}
        #: the Compose ``user:`` of each service that builds those Dockerfiles ("": a value
        #: that is not known; None: a service without ``user:``), by the path it is shown with
        self.compose_users: dict[str, frozenset[str | None]] = {}
        self._users: dict[Path, set[str | None]] = {}
        #: the SC findings' collector of the current ``lint()`` call (None: no SC code runs)
        self.shell = None
        #: ShellCheck's comments on the scripts this linter has had checked, by script
        self._shellcheck_known: dict = {}
        #: the SC checks are left out (a pass of safe fixes: ShellCheck's fixes are unsafe)
        self._without_shell = False
        #: the last :meth:`builds` answer and the Compose sources it was for
        self._builds_memo: tuple[tuple, dict] | None = None
        #: the Compose projects :meth:`builds` formed and loaded, with the sources they were for
        self._projects: tuple[list[SourceFile], object] | None = None

    def compose_schema(self) -> dict | None:
        """The user's extra Compose JSON schema (``compose-schema``), read once."""
        path = self.settings.compose_schema
        if path is None:
            return None
        if self._compose_schema is None:
            import json

            try:
                schema = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise LintError(f"{path}: cannot use as compose-schema: {error}") from None
            if not isinstance(schema, dict):
                raise LintError(f"{path}: cannot use as compose-schema: not a JSON object")
            self._compose_schema = schema
        return self._compose_schema

    def chosen(self, kind: str) -> list[Entry | type[Rule]]:
        """The rules of ``kind`` this run uses (catalogue entries: nothing imported)."""
        chosen = self._chosen.get(kind)
        if chosen is None:
            chosen = self._chosen[kind] = [] if self._given_rules else selected_entries(self.settings, kind)
            self._mandatory = None
        return chosen

    def rules_for(self, kind: str, keywords: AbstractSet[str] | None = None, text: str | None = None) -> list[Rule]:
        """The rules of ``kind`` this run uses, with their options; given the instruction
        ``keywords`` of a Dockerfile (and its ``text``), only those that can report on it."""
        chosen = self._runnable.get(kind)
        if chosen is None:
            chosen = self._runnable[kind] = self._configured(self.chosen(kind))
        wanted = list(chosen) if keywords is None else self._may_report(kind, chosen, keywords, text)
        instances = self._instances
        try:  # most files need no rule that an earlier one did not: one pass over them
            return [instances[item.code] for item in wanted]
        except KeyError:
            pass
        missing = [item for item in wanted if item.code not in instances]
        classes = [item if isinstance(item, type) else item.load() for item in missing]
        for rule in instantiate(classes, self.settings):
            instances[rule.code] = rule
        return [instances[item.code] for item in wanted]

    def _configured(self, chosen: list[Entry | type[Rule]]) -> list[Entry | type[Rule]]:
        """``chosen`` but the rules that need an option (:attr:`Rule.configured_by`) which
        neither the settings give, nor options of the rule's own: they cannot report."""
        given = {name for name, value in self.settings.shared_options().items() if value}
        own = {rule.code for key in self.settings.options if (rule := find_rule(key)) is not None}
        return [
            item
            for item in chosen
            if not isinstance(item, Entry) or not item.configured_by or item.code in own or given.intersection(item.configured_by)
        ]

    def _may_report(self, kind: str, chosen: list[Entry | type[Rule]], keywords: AbstractSet[str], text: str | None) -> list:
        """The rules of ``chosen`` that may report on a Dockerfile with these keywords and
        ``text``: those whose triggers the keywords meet (worked out once per run for each
        set of keywords: files share them) and one of whose text markers the text holds.
        Each marker is looked for once, and a rule's only until one is found (shortest
        first: most often there)."""
        key = (kind, frozenset(keywords))
        triggered = self._may_report_memo.get(key)
        if triggered is None:
            marked = self._marked.get(kind)
            if marked is None:  # made once: the lists by keywords share these pairs
                marked = self._marked[kind] = [
                    (item, _shortest_first(item.markers if isinstance(item, Entry) else item.text_markers())) for item in chosen
                ]
            triggered = self._may_report_memo[key] = [pair for pair in marked if _triggered(pair[0], keywords)]
        if text is None:
            return [item for item, _ in triggered]
        held: dict[str, bool] = {}  # marker → in the text
        wanted = []
        for item, markers in triggered:
            if markers is not None:
                for marker in markers:
                    found = held.get(marker)
                    if found is None:
                        found = held[marker] = marker in text
                    if found:
                        break
                else:
                    continue
            wanted.append(item)
        return wanted

    def runs(self, code: str) -> bool:
        """Whether the rule with this code is one this run uses (asked of every file's
        suppression rules, so remembered)."""
        answer = self._runs_memo.get(code)
        if answer is None:
            kind = KIND_OF_PREFIX.get(code[:2].upper())
            if kind is None:  # a plugin's code: its rule says its kind
                rule = find_rule(code)
                kind = rule.kind if rule is not None else None
            answer = self._runs_memo[code] = kind is not None and any(item.code == code.upper() for item in self.chosen(kind))
        return answer

    @property
    def mandatory(self) -> frozenset[str]:
        """The codes of the mandatory rules among those chosen so far (no suppression applies)."""
        if self._mandatory is None:
            self._mandatory = frozenset(item.code for items in self._chosen.values() for item in items if item.mandatory)
        return self._mandatory

    # -- linting ---------------------------------------------------------------------

    def lint(self, sources: Sequence[SourceFile]) -> LintResult:
        """Findings of every source, filtered and sorted; errors of kinds that failed."""
        result = LintResult()
        for findings, suppressed in self.lint_parts(sources, result):
            result.findings.extend(findings)
            result.suppressed.extend(suppressed)
        return result

    def lint_parts(self, sources: Sequence[SourceFile], result: LintResult, *, keep_sources: bool = True) -> Iterator[Part]:
        """Lint ``sources`` part by part: each part is the findings of some files and
        those suppressed, sorted, and the parts come in path order (together they are
        :meth:`lint`'s). ``result`` gets the run's files, sources, errors, notices and
        truncations; it is complete once the last part is out. Without
        ``keep_sources``, a part's files leave ``result.sources`` when the next part
        is asked for (a report written part by part needs no more: the run's memory
        then does not grow with its files)."""
        self.build_contexts = {}
        self.build_targets = {}
        self.compose_users = {}
        self.facts = {}
        self.errors = result.errors
        self.notices = result.notices
        self.not_linted = result.not_linted
        self.shell = self._shell_checks()
        unknown: list[str] = []
        try:
            # the Compose projects are loaded (for the Dockerfiles they build) and linted
            # with the cyclic collector paused, as a batch of Dockerfiles is (see _lint_batch);
            # their models are let go before it runs again, so none of its passes walks them
            with gc_paused():
                every = [*sources, *self._built_dockerfiles(sources, result.errors)]
                del sources  # the caller may let go of its list: the files are let go as they are reported
                result.sources.update(texts(every))  # in place: a report may hold it already
                result.files = len(every)
                self.kinds.update((source.path, source.kind) for source in every)
                unknown = sorted({source.kind for source in every} - set(KINDS))
                held = self._compose_findings(every, result)
                self._projects = None
            parts = self._parts(every, held, result, keep_sources)
            del every
            yield from parts
        finally:
            if self.shell is not None:
                self.shell.close()
            self.shell = None
        for kind in unknown:
            result.errors.append(f"unknown file kind {kind!r}")

    def _compose_findings(self, sources: list[SourceFile], result: LintResult) -> dict[str, list[Finding]]:
        """The raw findings of the Compose files among ``sources``, by path."""
        held: dict[str, list[Finding]] = {}
        compose = [source for source in sources if source.kind == "compose"]
        if compose:
            raw = self._guarded("compose", compose, result, lambda: _lint_compose(self, compose)) or []
            for finding in self._in_sources(raw, sources):
                held.setdefault(finding.path, []).append(finding)
        return held

    def _parts(self, sources: list[SourceFile], held: dict[str, list[Finding]], result: LintResult,
               keep_sources: bool) -> Iterator[Part]:
        """A part per batch of Dockerfiles, with the Compose files whose paths come before
        the batch's last; the Compose files after every Dockerfile last. ``held`` has the
        raw findings by path (the Compose files' first), each kept until its path's turn.
        ``sources`` is emptied: each batch is let go once reported."""
        waiting = sorted({source.path for source in sources if source.kind == "compose"})  # Compose paths not reported yet
        dockerfiles = sorted((source for source in sources if source.kind == "dockerfile"), key=lambda source: source.path)
        sources.clear()
        while dockerfiles:
            taken = dockerfiles[:DOCKERFILE_BATCH]
            del dockerfiles[:DOCKERFILE_BATCH]
            last = taken[-1].path
            batch = self._with_texts(taken, result)
            del taken
            for finding in self._guarded("dockerfile", batch, result, lambda: _lint_batch(self, batch)) or ():
                held.setdefault(finding.path, []).append(finding)  # the Compose scripts' SC findings come with the first
            ready = [path for path in waiting if path <= last]
            waiting = waiting[len(ready):]
            paths = [*ready, *(source.path for source in batch)]
            del batch
            yield self._part(paths, held, result)
            if not keep_sources:
                for path in paths:
                    result.sources.pop(path, None)
        if self.shell is not None:
            for finding in self.shell.findings(result.errors, result.notices):
                held.setdefault(finding.path, []).append(finding)
        if waiting:
            yield self._part(waiting, held, result)
            if not keep_sources:
                for path in waiting:
                    result.sources.pop(path, None)

    @staticmethod
    def _with_texts(batch: list[SourceFile], result: LintResult) -> list[SourceFile]:
        """The Dockerfiles of ``batch`` with their texts (those let go read again, and
        put in ``result.sources``); one that can no longer be read is an error."""
        read = []
        for source in batch:
            if source.text is None:
                try:
                    source = with_text(source)
                except LintError as error:  # changed since the run began: not linted, not counted
                    result.errors.append(str(error))
                    result.sources.pop(source.path, None)
                    result.files -= 1
                    continue
                result.sources[source.path] = source.text
            read.append(source)
        return read

    def _part(self, paths: list[str], held: dict[str, list[Finding]], result: LintResult) -> Part:
        """The reported and the suppressed findings of ``paths``, sorted (their raw
        findings and facts are then let go)."""
        raw = [finding for path in paths for finding in held.pop(path, ())]
        findings, suppressed = self._post_process(raw, {path: result.sources[path] for path in paths})
        for path in paths:
            self.facts.pop(path, None)
        kept, truncated = _at_most_per_file(findings, MAX_FINDINGS_PER_FILE)
        result.truncated.update(truncated)
        return kept, suppressed

    @staticmethod
    def _guarded(kind: str, of_kind: Sequence[SourceFile], result: LintResult, call):  # noqa: ANN001, ANN205
        """``call()``, or None when it fails: a failure of one kind's path is an error
        and its files are not linted, and the other kinds still are."""
        try:
            return call()
        except LintError as error:
            result.errors.append(str(error))
        except Exception as error:  # a bug in one kind's path must not hide the others
            paths = ", ".join(source.path for source in of_kind)
            result.errors.append(f"{paths}: internal error while linting {kind} files: {error!r}")
        result.not_linted.update(source.path for source in of_kind)
        return None

    def _shell_checks(self):  # noqa: ANN202 - a ShellChecks, imported only when the family runs
        """The SC findings' collector of this run; None when no ShellCheck code is selected."""
        family = [] if self._without_shell else self.rules_for("shell")
        if not family:
            return None
        from dlint.engine.selection import ShellCheckCodes
        from dlint.engine.shell_checks import ShellChecks

        codes = ShellCheckCodes(self.settings, getattr(family[0], "off_by_default", frozenset()))
        return ShellChecks(family[0], codes, self._shellcheck_known)

    def add_dockerfile_scripts(self, path: str, dockerfile) -> None:  # noqa: ANN001 - a Dockerfile model
        """Give ShellCheck the scripts of the Dockerfile shown as ``path``."""
        if self.shell is None:
            return
        self._add_scripts(path, dockerfile.source, dockerfile.lines, lambda: self.shell.rule.dockerfile_scripts(dockerfile))

    def add_compose_scripts(self, compose) -> None:  # noqa: ANN001 - a ComposeFile model
        """Give ShellCheck the scripts of a Compose file of the run."""
        if self.shell is None:
            return
        self._add_scripts(compose.path, compose.source, None, lambda: self.shell.rule.compose_scripts(compose))

    def _add_scripts(self, path: str, source: str, lines, scripts) -> None:  # noqa: ANN001
        try:
            found = scripts()
        except Exception as error:  # a bug finding the scripts costs only the SC checks of this file
            self.errors.append(f"{path}: internal error while finding shell scripts: {error!r}")
            return
        if found:
            if lines is None:
                from dlint.models.span import LineIndex

                lines = LineIndex(source)
            self.shell.add(path, source, lines, found)

    @staticmethod
    def _in_sources(findings: list[Finding], sources: Sequence[SourceFile]) -> list[Finding]:
        """Findings located in the sources of this run, once each.

        Rules across files (kind ``project``) may point into a Dockerfile a Compose
        service builds; the Compose side names it relative to the working folder,
        which is matched here to the path the Dockerfile is shown with. Findings in a
        Dockerfile that is not linted (excluded by config) are left out, and so is the
        same finding reached through two Compose projects.
        """
        shown = {source.path for source in sources}
        if all(finding.path in shown and not finding.code.startswith("DX") for finding in findings):
            return findings
        aliases: dict[str, str] = {}
        for source in sources:
            if source.real_path is not None and source.kind == "dockerfile":
                try:
                    aliases.setdefault(os.path.relpath(Path(source.real_path).resolve()), source.path)
                except ValueError:  # another drive (Windows)
                    continue
        dockerfiles = set(aliases.values())
        kept: list[Finding] = []
        seen: set[tuple] = set()
        for finding in findings:
            if finding.path not in shown:
                path = aliases.get(finding.path)
                if path is None:
                    continue
                finding = finding.model_copy(update={"path": path})
            if finding.path in dockerfiles and finding.code.startswith("DX"):
                key = (finding.code, finding.path, finding.span.start, finding.span.end, finding.message)
                if key in seen:
                    continue
                seen.add(key)
            kept.append(finding)
        return kept

    def builds(self, sources: Sequence[SourceFile]) -> dict[Path, tuple[Path, bool]]:
        """The Dockerfiles (absolute paths) that the projects of the Compose sources on
        disk build from, each with its build context and whether a project of a source
        found by walking a folder builds it; empty when the Compose files cannot be read."""
        compose = [source for source in sources if source.kind == "compose" and source.real_path is not None]
        if not compose:
            return {}
        key = tuple((source.path, str(source.real_path), source.text) for source in compose)
        if self._builds_memo is not None and self._builds_memo[0] == key:
            return self._builds_memo[1]  # asked before forking workers: they need not read the projects again
        found = self._read_builds(compose)
        self._builds_memo = (key, found)
        return found

    def _read_builds(self, compose: list[SourceFile]) -> dict[Path, tuple[Path, bool]]:
        try:
            from dlint.parsers.compose_lint import Projects, referenced_builds

            settings = self.settings
            self._targets = {}
            self._users = {}
            projects = Projects(
                compose, project_files=settings.compose_files, compose_projects=settings.compose_projects,
                env_file=settings.env_file, extra_schema=self.compose_schema(), environ=os.environ,
            )
            found = referenced_builds(
                compose, settings.compose_files, settings.env_file, settings.compose_projects, os.environ,
                self._targets, self._users, projects,
            )
            self._projects = (compose, projects)  # linting these files loads the projects no more
            return found
        except Exception:  # the Compose path reports its own problems when it lints these files
            return {}

    def _built_dockerfiles(self, sources: Sequence[SourceFile], errors: list[str]) -> list[SourceFile]:
        """Dockerfiles the Compose sources build from that are not among ``sources``
        (whatever their name) and built by a project of a Compose file found by walking a
        folder, unless excluded by config: Dockerfile rules run on them too.
        Fills :attr:`build_contexts` for these and for the Dockerfiles among ``sources``."""
        builds = self.builds(sources)
        if not builds:
            return []
        present: dict[Path, SourceFile] = {}
        for source in sources:
            if source.real_path is not None:
                present.setdefault(Path(source.real_path).resolve(), source)
        patterns = [*self.settings.exclude, *self.settings.extend_exclude]
        excluded = IgnoreList.from_lines(self.settings.root.absolute(), patterns) if patterns else None
        added = []
        for path, (context, walked) in builds.items():
            if path in present:
                if present[path].kind == "dockerfile":
                    self.build_contexts.setdefault(present[path].path, context)
                    if path in self._targets:
                        self.build_targets[present[path].path] = frozenset(self._targets[path])
                    if path in self._users:
                        self.compose_users[present[path].path] = frozenset(self._users[path])
                continue
            if not walked:
                continue
            if excluded is not None and excluded.excludes(path):
                continue
            try:
                source = read_source(path, "dockerfile", os.path.relpath(path))
            except (LintError, ValueError) as error:
                errors.append(str(error))
                continue
            added.append(source)
            self.build_contexts.setdefault(source.path, context)
            if path in self._targets:
                self.build_targets[source.path] = frozenset(self._targets[path])
            if path in self._users:
                self.compose_users[source.path] = frozenset(self._users[path])
        return added

    def _post_process(self, findings: list[Finding], sources: dict[str, str]) -> tuple[list[Finding], list[Suppressed]]:
        """The findings to report, sorted, and those suppressed (comments, ``# check=skip``, baseline)."""
        by_path: dict[str, list[Finding]] = {path: [] for path in sources}
        for finding in findings:
            by_path.setdefault(finding.path, []).append(finding)
        kept: list[Finding] = []
        suppressed: list[Suppressed] = []
        for path, items in by_path.items():
            items = [finding for finding in items if not self._ignored(finding)]
            if self.suppress:
                directives = self._directives(path, sources)
                outcome = apply_directives(
                    items, directives, mandatory=self.mandatory, require_reason=self.settings.require_reason
                )
                items = self._skip_build_checks(path, outcome.kept, outcome.suppressed)
                suppressed.extend(outcome.suppressed)
                items.extend(finding for finding in self._about_directives(path, directives) if not self._ignored(finding))
            kept.extend(self._with_severity(finding) for finding in items)
        kept.sort(key=lambda finding: finding.sort_key)
        if self.baseline is not None:
            from dlint.engine.baseline import split_baselined

            kept, baselined = split_baselined(kept, self.baseline, self.report_root, sources, str(self.settings.baseline))
            suppressed.extend(baselined)
        suppressed = [(self._with_severity(finding), why) for finding, why in suppressed]
        suppressed.sort(key=lambda pair: pair[0].sort_key)
        return kept, suppressed

    def keep_facts(self, path: str, dockerfile) -> None:  # noqa: ANN001 - a Dockerfile model
        """Note what the findings of a Dockerfile are filtered by (see :attr:`facts`)."""
        from dlint.engine.build_checks import dockerfile_skipped

        directives = dockerfile_directives(dockerfile) if self.suppress else []
        self.facts[path] = (directives, frozenset(dockerfile_skipped(dockerfile)))

    def _skip_build_checks(self, path: str, findings: list[Finding], suppressed: list[Suppressed]) -> list[Finding]:
        """``findings`` but those of the build checks a Dockerfile's ``# check=skip=`` names
        (added to ``suppressed``)."""
        facts = self.facts.get(path)
        if facts is None or not findings:
            return findings
        from dlint.engine.build_checks import SKIP_REASON

        skipped = facts[1] - self.mandatory
        if not skipped:
            return findings
        mark = Suppression("inSource", SKIP_REASON)
        suppressed.extend((finding, mark) for finding in findings if finding.code in skipped)
        return [finding for finding in findings if finding.code not in skipped]

    def _ignored(self, finding: Finding) -> bool:
        if finding.code in self.mandatory:
            return False
        if finding.code.upper() in self.ignored_codes:
            return True
        if self.per_file:
            from dlint.engine.selection import names_rule

            rule = find_rule(finding.code)
            absolute = Path(finding.path).absolute()
            for ignore_list, codes in self.per_file:
                if ignore_list.verdict(absolute, False):
                    for code in codes:
                        if code.upper() == finding.code.upper() or (rule is not None and names_rule(code, rule)):
                            return True
                        if rule is None and finding.code.startswith(SHELLCHECK) and _covers_shellcheck(code, finding.code):
                            return True
        return False

    def _directives(self, path: str, sources: dict[str, str]) -> list[Directive]:
        facts = self.facts.get(path)
        if facts is not None:
            return facts[0]
        text = sources.get(path)
        if text is not None and self.kinds.get(path) == "compose":
            return compose_directives(text)
        return []

    def _about_directives(self, path: str, directives: Sequence[Directive]) -> list[Finding]:
        """Findings of the two rules about suppression comments, computed here: only the
        engine reads the comments of every kind of file and knows which ones silenced
        something."""
        found = []
        if self.runs(UNKNOWN_SUPPRESSION):
            rule = find_rule(UNKNOWN_SUPPRESSION)
            for directive in directives:
                for item in directive.items:
                    if item.code is None:
                        message = f"{item.text!r} is not a rule code or name: this suppression comment is ignored"
                    elif not item.known and not item.code.startswith("SC"):
                        message = f"dlint has no rule {item.code}: nothing to suppress"
                    else:
                        continue
                    found.append(_finding(rule, path, item.span, message))
            if self.settings.require_reason:
                message = "this suppression comment gives no reason and require-reason is on: it is ignored (add ` -- reason`)"
                found.extend(
                    _finding(rule, path, directive.span, message)
                    for directive in directives
                    if directive.valid and directive.items and directive.reason is None
                )
        if self.runs(UNUSED_SUPPRESSION):
            rule = find_rule(UNUSED_SUPPRESSION)
            for directive in directives:
                if not applies(directive, require_reason=self.settings.require_reason):
                    continue
                for item in directive.items:
                    judged = [code for code in item.codes if self.runs(code) and code not in self.mandatory]
                    if item.used or not item.known or len(judged) < len(item.codes):
                        continue
                    message = f"suppression of {item.text} is unused: no {' or '.join(judged)} finding here"
                    found.append(_finding(rule, path, item.span, message))
        return found

    def _with_severity(self, finding: Finding) -> Finding:
        level = self.severity.get(finding.code)
        if level is None and finding.code.startswith(SHELLCHECK):
            level = self.severity.get(SHELLCHECK)  # the family's, set as `shellcheck`
        if level is None or level == finding.severity:
            return finding
        return finding.model_copy(update={"severity": level})

    def formed_projects(self, sources: Sequence[SourceFile]):  # noqa: ANN201 - a compose_lint.Projects
        """The projects :meth:`builds` formed for exactly these Compose ``sources`` (None
        when it formed none, or for other sources)."""
        if self._projects is None:
            return None
        formed, projects = self._projects
        if len(formed) != len(sources) or any(a is not b for a, b in zip(formed, sources)):
            return None
        return projects

    def prepare_for_workers(self) -> None:
        """Import every rule this run uses and the parsers, before worker processes are
        forked (they then share them instead of each importing them)."""
        for kind in ("dockerfile", "compose", "project", "shell"):
            self.rules_for(kind)
        import dlint.parsers.dockerfile  # noqa: F401
        import dlint.parsers.shell  # noqa: F401

    # -- fixing ----------------------------------------------------------------------

    def check_scripts_ahead(self, sources: Sequence[SourceFile]) -> None:
        """Have ShellCheck check the scripts of ``sources`` in one run, before they are
        fixed one by one (each fix pass lints one file; its scripts are then known)."""
        shell = self._shell_checks()
        if shell is None:
            return
        from dlint.parsers.compose.load import load_compose_file
        from dlint.parsers.dockerfile import parse_dockerfile

        self.shell = shell
        try:
            for source in sources:
                if source.undecodable is not None:
                    continue
                if source.kind == "dockerfile":
                    self.add_dockerfile_scripts(source.path, parse_dockerfile(source.text, source.path))
                elif source.kind == "compose":
                    self.add_compose_scripts(load_compose_file(source.path, source.text))
            shell.start()
            shell.findings([], [])
        finally:
            shell.close()
            self.shell = None

    def fix(self, source: SourceFile, *, unsafe: bool = False, log: list[Finding] | None = None) -> tuple[SourceFile, int]:
        """``source`` with fixes applied pass after pass, and how many were applied
        (``log``, if given, gets the findings whose fixes were kept, pass by pass).

        Only the fixes of findings in ``source`` itself are applied (linting a
        Compose file also lints the Dockerfiles it builds). A pass whose result
        has a syntax (or Compose schema) problem the original does not have is
        dropped; a file that is not valid UTF-8 is never fixed (its bytes would
        change).
        """
        if source.undecodable is not None:
            return source, 0
        schema = self.compose_schema() if source.kind == "compose" else None
        baseline = syntax_problems(source.kind, source.text, source.path, schema)
        self._without_shell = not unsafe  # ShellCheck's fixes are all unsafe: a safe pass needs no SC check
        try:
            return self._fixed(source, schema, baseline, unsafe, log)
        finally:
            self._without_shell = False

    def _fixed(self, source: SourceFile, schema, baseline, unsafe: bool, log) -> tuple[SourceFile, int]:  # noqa: ANN001
        """The passes of :meth:`fix`."""
        applied = 0
        for _ in range(MAX_FIX_PASSES):
            findings = self.lint([source]).findings
            outcome = apply_fixes(source.text, findings, path=source.path, unsafe=unsafe)
            if outcome.applied == 0 or outcome.text == source.text:
                break
            if syntax_problems(source.kind, outcome.text, source.path, schema) - baseline:
                break
            source = SourceFile(source.path, source.kind, outcome.text, source.real_path, source.bom, named=source.named)
            applied += outcome.applied
            if log is not None:
                log.extend(outcome.findings)
        return source, applied


def lint_text(text: str, *, path: str = "Dockerfile", kind: str = "dockerfile", settings: Settings | None = None) -> list[Finding]:
    """Findings of one source text (the simplest entry point, used by tests)."""
    linter = Linter(settings or Settings())
    result = linter.lint([SourceFile(path, kind, text)])
    if result.errors:
        raise LintError("; ".join(result.errors))
    return result.findings
