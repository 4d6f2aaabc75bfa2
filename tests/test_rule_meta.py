"""Checks every rule: declaration, module name, docs, examples, generated pages, import weight."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from dlint.engine.config import settings_from_dlint
from dlint.engine.docs import expected_pages
from dlint.engine.lint import Linter, SourceFile
from dlint.engine.registry import all_rules
from dlint.engine.rule_index import INDEX_PATH, index_source
from dlint.models.base import Model
from dlint.engine.rule import DOC_SECTIONS, doc_sections

ROOT = Path(__file__).resolve().parent.parent
RULES = all_rules()
_BLOCK = re.compile(r"```(\w+)[^\n]*\n(.*?)```", re.DOTALL)
KIND_FILES = {"dockerfile": ("Dockerfile", "dockerfile"), "yaml": ("compose.yaml", "compose")}


def _ids(rule) -> str:
    return rule.code


def test_codes_and_names_are_unique() -> None:
    """Codes and names name one rule each; an alias may be shared (a BuildKit check
    covering several rules) but is never another rule's code or name."""
    keys = [key.lower() for rule in RULES for key in (rule.code, rule.name)]
    assert len(keys) == len(set(keys))
    assert not {alias.lower() for rule in RULES for alias in rule.aliases} & set(keys)
    own = [(rule.code, alias.lower()) for rule in RULES for alias in rule.aliases]
    assert len(own) == len(set(own))  # no rule lists an alias twice


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_declaration_is_sound(rule) -> None:
    assert rule.problems() == []
    module_file = Path(sys.modules[rule.__module__].__file__).name
    assert module_file == f"{rule.code.lower()}_{rule.name.replace('-', '_')}.py"


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_docs_have_the_sections(rule) -> None:
    sections = doc_sections(rule.docs())
    assert sections["summary"], "a one-line summary first"
    for heading in DOC_SECTIONS:
        assert sections.get(heading), f"missing '## {heading}'"
    assert ("Fix safety" in sections) == rule.fixable(), "'## Fix safety' exactly when a fix is available"
    assert ("Options" in sections) == (rule.Options is not None), "'## Options' exactly when the rule has options"


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.Options is not None], ids=_ids)
def test_options_are_models_whose_defaults_validate(rule) -> None:
    assert issubclass(rule.Options, Model), "Options are dlint models (pydantic is only imported to validate given options)"
    assert rule.Options.model_validate({}) == rule.Options.model_construct()


def _example_findings(rule, section: str, tmp_path: Path) -> list[str]:
    """Codes found when linting the code blocks of one docs section with only ``rule``.

    A ``toml`` block gives the ``[tool.dlint]`` settings (with ``select`` or
    ``extend-select`` in it, those choose the rules); a block's info string may
    name its file (```` ```dockerfile api/Dockerfile ````); blocks of other languages
    must name one (```` ```gitignore .dockerignore ````) and are written, not linted."""
    body = doc_sections(rule.docs())[section]
    # a neutral folder name: "example" would mark the files as an example setup (DC015, DC041-DC043)
    folder = {"Example": "before", "Use instead": "after"}.get(section, section.replace(" ", "_"))
    config: dict = {}
    sources = []
    for match in _BLOCK.finditer(body):
        language, text = match.group(1), match.group(2)
        if language == "toml":
            import tomllib

            data = tomllib.loads(text)
            config = data.get("tool", {}).get("dlint", data)
            continue
        info = match.group(0).split("\n", 1)[0][3:].split()
        if language not in KIND_FILES:  # another file of the example (```gitignore .dockerignore```), not linted
            assert len(info) > 1, f"a ```{language} block in '## {section}' needs a file name"
            path = tmp_path / folder / info[1]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            continue
        default_name, kind = KIND_FILES[language]
        name = info[1] if len(info) > 1 else default_name
        path = tmp_path / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        sources.append(SourceFile(str(path.relative_to(tmp_path)), kind, text, path))
    assert sources, f"no code block in '## {section}'"
    settings = settings_from_dlint(config, tmp_path, None, "docs example")
    chosen = None if ("select" in config or "extend-select" in config) else [rule]
    result = Linter(settings, rules=chosen).lint(sources)
    assert result.errors == []
    return [finding.code for finding in result.findings]


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_example_triggers_and_use_instead_does_not(rule, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert _reported(rule, _example_findings(rule, "Example", tmp_path))
    assert not _reported(rule, _example_findings(rule, "Use instead", tmp_path))


def _reported(rule, codes: list[str]) -> bool:
    """Whether ``codes`` hold a finding of ``rule`` (any ShellCheck code for the SC family)."""
    if rule.code == "SC":
        return any(code.startswith("SC") for code in codes)
    return rule.code in codes


def test_rule_pages_are_up_to_date() -> None:
    """rules/ holds exactly the generated pages (run `python3 dev.py docs` after changing a rule)."""
    expected = expected_pages(RULES)
    directory = ROOT / "rules"
    present = {path.name: path.read_text(encoding="utf-8") for path in directory.glob("*.md")}
    assert sorted(present) == sorted(expected)
    stale = [name for name in expected if present[name] != expected[name]]
    assert stale == []


def test_catalogue_entries_hold_the_index_rows_in_order() -> None:
    from dlint.engine.registry import Entry, catalogue
    from dlint.engine.rule import INDEX_FIELDS

    assert Entry._fields[4:] == INDEX_FIELDS
    assert all(entry[4:] == entry.load().index_row() for entry in catalogue())


def test_rule_index_is_up_to_date() -> None:
    """dlint/rules/_index.py describes every rule as its class does (run `python3 dev.py docs`)."""
    assert INDEX_PATH.read_text(encoding="utf-8") == index_source(RULES)


def test_rule_descriptions_are_up_to_date() -> None:
    """dlint/rules/_descriptions.py describes every rule as its class does (run `python3 dev.py docs`)."""
    from dlint.engine.rule_index import DESCRIPTIONS_PATH, descriptions_source

    assert DESCRIPTIONS_PATH.read_text(encoding="utf-8") == descriptions_source(RULES)


def test_a_description_reads_as_its_rule_class_for_the_reports() -> None:
    from dlint.engine.rule_description import RuleDescription, described_rules

    described = described_rules()
    assert [rule.code for rule in described] == [rule.code for rule in RULES]
    for description, rule in zip(described, RULES, strict=True):
        assert isinstance(description, RuleDescription)
        assert (description.name, description.severity, description.category, description.tags, description.cis) == (
            rule.name, rule.severity, rule.category, tuple(rule.tags), tuple(rule.cis)
        )
        assert (description.security_severity, description.docs(), description.summary(), description.all_categories()) == (
            rule.security_severity, rule.docs(), rule.summary(), rule.all_categories()
        )
        assert getattr(description, "precision", "unset") == getattr(rule, "precision", "unset")


def test_a_description_has_a_precision_only_when_its_rule_sets_one() -> None:
    from dlint.engine.registry import catalogue
    from dlint.engine.rule_description import RuleDescription

    entry = catalogue()[0]
    row = ("warning", "correctness", (), (), None, None, "Summary.\n\nMore.")
    assert not hasattr(RuleDescription(entry, row), "precision")
    assert RuleDescription(entry, (*row[:5], "medium", row[6])).precision == "medium"
    assert RuleDescription(entry, row).summary() == "Summary."


def test_loading_every_rule_imports_nothing_heavy() -> None:
    code = (
        "import sys; from dlint.engine.registry import all_rules; all_rules(); "
        "heavy = ('yaml', 'ruamel', 'tree_sitter', 'tree_sitter_bash', 'sarif_om', 'jsonschema', 'rich'); "
        "print(sorted(name for name in heavy if name in sys.modules))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.markers], ids=_ids)
def test_every_case_a_rule_reports_on_holds_one_of_its_markers(rule) -> None:
    """A rule's markers let a file holding none skip the rule: every case file example
    the rule reports on must hold one (else the markers would hide a finding)."""
    import yaml

    cases = yaml.safe_load((ROOT / "fixtures" / "rules" / f"{rule.code}.yml").read_text(encoding="utf-8"))["cases"]
    reported = [case for case in cases if any(rule.code in item for item in case["expect"])]
    assert reported, f"{rule.code}: no case reports it"
    for case in reported:
        texts = [case.get("dockerfile") or "", case.get("compose") or "", *(case.get("files") or {}).values()]
        assert any(marker in text for marker in rule.markers for text in texts), case["name"]


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.requires], ids=_ids)
def test_every_case_a_rule_reports_on_holds_an_instruction_it_requires(rule) -> None:
    """A rule's ``requires`` lets a file holding none of those instructions skip the
    rule: every Dockerfile case the rule reports on must hold one (ONBUILD triggers count)."""
    import yaml

    from dlint.engine.lint import _keywords
    from dlint.parsers.dockerfile import parse_dockerfile

    cases = yaml.safe_load((ROOT / "fixtures" / "rules" / f"{rule.code}.yml").read_text(encoding="utf-8"))["cases"]
    reported = [case for case in cases if any(rule.code in item for item in case["expect"])]
    assert reported, f"{rule.code}: no case reports it"
    for case in reported:
        files = {"Dockerfile": case.get("dockerfile") or "", **(case.get("files") or {})}
        keywords = set().union(*(_keywords(parse_dockerfile(text)) for name, text in files.items() if "ockerfile" in name))
        assert keywords & rule.requires, case["name"]
