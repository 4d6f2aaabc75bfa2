"""Rule pages: one Markdown file per rule from its docstring, plus an index."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dlint.engine.rule import Rule, doc_sections

INDEX = "README.md"
_KINDS = {
    "dockerfile": "Dockerfiles",
    "compose": "Compose files",
    "project": "Compose projects together with the Dockerfiles they build",
    "shell": "shell scripts of RUN instructions and Compose commands, through ShellCheck",
}


def page_name(rule: type[Rule]) -> str:
    return f"{rule.code}.md"


def _facts(rule: type[Rule]) -> list[str]:
    facts = [
        f"- **Code:** `{rule.code}`",
        f"- **Name:** `{rule.name}`",
        f"- **Severity:** {rule.severity.value}",
        f"- **Category:** {rule.category}" + _also(rule),
        f"- **Checks:** {_KINDS[rule.kind]}",
        f"- **Enabled by default:** {'yes' if rule.default_enabled else 'no (select it by code or name)'}",
        f"- **Fix:** {'available' if rule.fixable() else 'none'}",
    ]
    if getattr(rule, "mandatory", False):
        facts.append("- **Always on:** cannot be deselected or suppressed")
    if rule.aliases:
        facts.append("- **Also known as:** " + ", ".join(f"`{alias}`" for alias in rule.aliases))
    if rule.security_severity is not None:
        facts.append(f"- **Security severity:** {rule.security_severity}")
    if rule.cis:
        facts.append("- **CIS Docker Benchmark (v1.6.0):** " + ", ".join(rule.cis))
    return facts


def _also(rule: type[Rule]) -> str:
    """`` (also operability)``: the rule's other categories, if any."""
    others = rule.all_categories()[1:]
    return f" (also {', '.join(others)})" if others else ""


def rule_page(rule: type[Rule]) -> str:
    """The Markdown page of one rule."""
    sections = doc_sections(rule.docs())
    out = [f"# {rule.code} {rule.name}", "", sections.pop("summary", rule.summary()), "", *_facts(rule)]
    if rule.Options is not None:
        out.extend(["", "Options are set under `[tool.dlint.options." + rule.code + "]` (kebab-case keys)."])
    for heading, body in sections.items():
        out.extend(["", f"## {heading}", "", body])
    return "\n".join(out).rstrip() + "\n"


def shellcheck_code_page(code: str, family: type[Rule]) -> str:
    """What ``dlint rule SC2086`` shows: where the code is explained, whether it is on
    by default, then the family's page."""
    from dlint.reporters._links import rule_page as web_page

    off = code in getattr(family, "off_by_default", frozenset())
    out = [
        f"# {code} (ShellCheck)",
        "",
        f"ShellCheck's check {code}, reported by dlint's `{family.name}` family: see {web_page(code)}",
        "",
        f"- **Enabled by default:** {'no (select it by its code)' if off else 'yes'}",
        "- **Severity:** ShellCheck's level for the finding",
        "",
        rule_page(family).replace("# ", "## The family: ", 1),
    ]
    return "\n".join(out)


def index_page(rules: Sequence[type[Rule]]) -> str:
    out = [
        "# dlint rules",
        "",
        "Generated from the rules' docstrings by `dlint rules --write-docs rules`; do not edit by hand.",
        "",
        "| Code | Name | Severity | Default | Fix | Summary |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for rule in rules:
        summary = rule.summary().replace("|", "\\|")
        out.append(
            f"| [{rule.code}]({page_name(rule)}) | `{rule.name}` | {rule.severity.value} | "
            f"{'on' if rule.default_enabled else 'off'} | {'yes' if rule.fixable() else ''} | "
            f"{summary} |"
        )
    return "\n".join(out) + "\n"


def expected_pages(rules: Sequence[type[Rule]]) -> dict[str, str]:
    """File name → content of every page the rules directory must hold."""
    pages = {page_name(rule): rule_page(rule) for rule in rules}
    pages[INDEX] = index_page(rules)
    return pages


def write_pages(directory: Path, rules: Sequence[type[Rule]]) -> list[str]:
    """Write every page (removing pages of rules that no longer exist); the names changed."""
    directory.mkdir(parents=True, exist_ok=True)
    pages = expected_pages(rules)
    changed = []
    for name, content in pages.items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            changed.append(name)
    for stale in directory.glob("*.md"):
        if stale.name not in pages:
            stale.unlink()
            changed.append(stale.name)
    return sorted(changed)
