"""SARIF 2.1.0 reporter (for GitHub code scanning and other SARIF readers).

The log is built from :mod:`sarif_om` objects and serialised generically:
each attrs field is written under its SARIF name (the ``schema_property_name``
in its metadata), and fields left at None, empty or at their SARIF default
are omitted (except levels and an empty ``results`` array). Artifact URIs
carry a file name's bytes percent-encoded (an undecodable byte as ``%FF``);
elsewhere a lone surrogate becomes U+FFFD.

The invocation is successful unless the run had errors (dlint exits 2), each
then a notification; ``--sarif-category`` becomes ``automationDetails.id``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import attr
import sarif_om as om

from dlint.engine.rule import Rule, doc_sections
from dlint.models.finding import Finding, Fix, Severity
from dlint.models.span import Span
from dlint.reporters._fingerprint import fingerprints
from dlint.reporters._links import INFORMATION_URI, is_shellcheck_code, rule_page
from dlint.reporters._location import RepoPaths, file_uri, relative_uri
from dlint.reporters.escape import well_formed
from dlint.reporters.json import object_text

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "dlint/v1"
#: GitHub code scanning rejects runs with more results than this.
MAX_RESULTS = 25_000
DEFAULT_PRECISION = "high"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.STYLE: "note"}
#: written even when empty or at the default: every level is stated, and an empty
#: ``results`` array means "no problems" where a missing one means "not analysed".
_ALWAYS_WRITTEN = frozenset({"level", "results"})


def render(
    findings: Sequence[Finding],
    rules: Sequence[type[Rule]],
    *,
    root: Path,
    sources: Mapping[str, str] | None = None,
    tool_version: str,
    errors: Sequence[str] = (),
    category: str | None = None,
    suppressed: Sequence[tuple[Finding, Any]] = (),
) -> str:
    """The SARIF log of one run, as indented JSON.

    ``errors``: what went wrong during the run (it then did not succeed);
    ``category``: the run's automation category (``automationDetails.id``).
    """
    marks = {id(finding): why for finding, why in suppressed}  # --show-suppressed: listed after the others
    findings = [*findings, *(finding for finding, _ in suppressed)]
    reported = findings[:MAX_RESULTS]
    unique: dict[str, type[Rule]] = {}
    for rule in rules:
        unique.setdefault(rule.code, rule)
    descriptors = [_descriptor(rule) for rule in unique.values()]
    for finding in reported:  # ShellCheck codes: one descriptor each, pointing at its wiki page
        if is_shellcheck_code(finding.code) and finding.code not in unique:
            unique[finding.code] = None
            descriptors.append(_shellcheck_descriptor(finding))
    rule_index = {code: index for index, code in enumerate(unique)}
    paths = RepoPaths(root)
    digests = fingerprints(reported, paths=paths, sources=sources)
    artifacts = cache(lambda path: _artifact_location(path, paths))  # one per file, shared by its results
    run = om.Run(
        tool=om.Tool(
            driver=om.ToolComponent(
                name="dlint",
                version=tool_version,
                information_uri=INFORMATION_URI,
                rules=descriptors,
            )
        ),
        invocations=[_invocation(len(findings) - len(reported), errors)],
        automation_details=_automation_details(category),
        original_uri_base_ids={SRCROOT: om.ArtifactLocation(uri=file_uri(root, directory=True))},
        results=[
            _with_suppression(_result(finding, rule_index.get(finding.code), digest, artifacts(finding.path)), marks.get(id(finding)))
            for finding, digest in zip(reported, digests, strict=True)
        ],
        column_kind="unicodeCodePoints",
    )
    log = om.SarifLog(version="2.1.0", schema_uri=SCHEMA_URI, runs=[run])
    # orjson: the log names every rule with its documentation (≈ 0.75 MB for one finding),
    # which the standard library's indenting encoder writes ten times slower
    return well_formed(object_text(to_json(log), sort_keys=True)) + "\n"


def to_json(value: Any) -> Any:
    """sarif-om objects → plain JSON values under SARIF's property names.

    Extra attributes set on an object (a property bag's custom keys) are
    written as they are.
    """
    kind = type(value)
    if kind in _LEAVES or value is None:
        return value
    fields = _fields(kind)
    if fields is None:
        if isinstance(value, str | int | float):
            return value
        if isinstance(value, dict):
            return {key: to_json(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [to_json(item) for item in value]
        raise TypeError(f"cannot write {kind.__name__} to SARIF")
    data = {}
    # the instance's attributes (attrs sets every field): most of a class's dozens of
    # fields are None, skipped before their default is compared
    for name, item in vars(value).items():
        field = fields.get(name)
        if field is None:  # a custom attribute: written as it is
            data[name] = to_json(item)
            continue
        if item is None:
            continue
        sarif_name, default, always = field
        if not always and ((isinstance(item, list | dict) and not item) or item is default or item == default):
            continue
        data[sarif_name] = item if type(item) in _LEAVES else to_json(item)
    return data


#: the types written as they are (the most common values of a log)
_LEAVES = frozenset({str, int, float, bool})


@cache
def _fields(cls: type) -> dict[str, tuple[str, Any, bool]] | None:
    """Each field of ``cls`` by attribute name: its SARIF property name, default value,
    and whether it is written even when empty or at its default (None: not a sarif-om
    class)."""
    if not attr.has(cls):
        return None
    fields = {}
    for field in attr.fields(cls):
        default = field.default
        if isinstance(default, attr.Factory):  # type: ignore[arg-type]
            default = default.factory()
        fields[field.name] = (field.metadata["schema_property_name"], default, field.name in _ALWAYS_WRITTEN)
    return fields


def _property_bag(tags: Sequence[str] = (), **properties: Any) -> om.PropertyBag:
    bag = om.PropertyBag(tags=list(tags) or None)
    for key, value in properties.items():
        setattr(bag, key.replace("_", "-"), value)
    return bag


def _descriptor(rule: type[Rule]) -> om.ReportingDescriptor:
    docs = rule.docs()
    summary = rule.summary()
    why = doc_sections(docs).get("Why is this bad?") or summary
    tags = [*rule.all_categories(), *rule.tags, *(f"CIS-Docker-{item}" for item in rule.cis)]
    extra: dict[str, Any] = {"precision": getattr(rule, "precision", DEFAULT_PRECISION)}
    if rule.security_severity is not None:
        tags.append("security")
        extra["security_severity"] = f"{float(rule.security_severity):.1f}"
    return om.ReportingDescriptor(
        id=rule.code,
        name=rule.name,
        short_description=om.MultiformatMessageString(text=summary),
        full_description=om.MultiformatMessageString(text=why),
        help=om.MultiformatMessageString(text=docs or summary, markdown=docs or summary),
        help_uri=rule_page(rule.code),
        default_configuration=om.ReportingConfiguration(level=LEVELS[rule.severity]),
        properties=_property_bag(list(dict.fromkeys(tags)), **extra),
    )


def _shellcheck_descriptor(finding: Finding) -> om.ReportingDescriptor:
    """The descriptor of a ShellCheck code, from its first finding (ShellCheck names no
    check apart from its message)."""
    text = f"ShellCheck {finding.code}: {finding.message}"
    page = rule_page(finding.code)
    return om.ReportingDescriptor(
        id=finding.code,
        name=f"shellcheck-{finding.code.lower()}",
        short_description=om.MultiformatMessageString(text=text),
        help=om.MultiformatMessageString(text=f"{text} See {page}", markdown=f"{text} See [{finding.code}]({page})."),
        help_uri=page,
        default_configuration=om.ReportingConfiguration(level=LEVELS[finding.severity]),
        properties=_property_bag(["shellcheck", "correctness"], precision=DEFAULT_PRECISION),
    )


def _invocation(omitted: int, errors: Sequence[str]) -> om.Invocation:
    notifications = [om.Notification(message=om.Message(text=error), level="error") for error in errors]
    if omitted:
        text = f"{omitted} more results were left out: a run may hold at most {MAX_RESULTS} results."
        notifications.append(om.Notification(message=om.Message(text=text), level="warning"))
    return om.Invocation(execution_successful=not errors, tool_execution_notifications=notifications)


def _automation_details(category: str | None) -> om.RunAutomationDetails | None:
    """``category`` as SARIF's ``category/`` id (a trailing slash: no instance part)."""
    if category is None:
        return None
    return om.RunAutomationDetails(id=category if category.endswith("/") else f"{category}/")


def _result(finding: Finding, rule_index: int | None, digest: str, artifact: om.ArtifactLocation) -> om.Result:
    return om.Result(
        rule_id=finding.code,
        level=LEVELS[finding.severity],
        message=om.Message(text=finding.message),
        locations=[
            om.Location(physical_location=om.PhysicalLocation(artifact_location=artifact, region=_region(finding.span)))
        ],
        partial_fingerprints={FINGERPRINT_KEY: digest},
        fixes=[_fix(finding.fix, artifact)] if finding.fix else None,
        rule_index=-1 if rule_index is None else rule_index,
    )


def _with_suppression(result: om.Result, why: Any) -> om.Result:
    """``result`` with its suppression (``why``: a Suppression, or None): a comment in
    the file is ``inSource``, the baseline ``external``; the reason is the justification."""
    if why is not None:
        kind = "inSource" if why.kind == "inSource" else "external"
        result.suppressions = [om.Suppression(kind=kind, justification=why.justification)]
    return result


def _artifact_location(path: str, paths: RepoPaths) -> om.ArtifactLocation:
    relative = paths.relative(path)
    if relative is None:
        return om.ArtifactLocation(uri=file_uri(path))
    return om.ArtifactLocation(uri=relative_uri(relative), uri_base_id=SRCROOT)


def _region(span: Span) -> om.Region:
    return om.Region(
        start_line=span.line, start_column=span.column, end_line=span.end_line, end_column=span.end_column
    )


def _fix(fix: Fix, artifact: om.ArtifactLocation) -> om.Fix:
    replacements = [
        om.Replacement(deleted_region=_region(edit.span), inserted_content=om.ArtifactContent(text=edit.replacement))
        for edit in fix.edits
    ]
    return om.Fix(
        description=om.Message(text=fix.message),
        artifact_changes=[om.ArtifactChange(artifact_location=artifact, replacements=replacements)],
        properties=_property_bag(applicability=fix.applicability),
    )
