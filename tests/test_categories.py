"""Rule categories: selectable like codes, carried by the rule index, listed by
`dlint rules --category`, tagged in SARIF with the CIS Docker Benchmark items."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dlint.cli import app
from dlint.engine.config import ConfigError, Settings
from dlint.engine.registry import all_rules, catalogue
from dlint.engine.rule import CATEGORIES, Rule

from dlint.engine.selection import _chosen, names_rule, selected_entries, selected_rules, severity_overrides
from dlint.models.finding import Severity

RUNNER = CliRunner()


def _rule(code: str, category: str, *, on: bool = True, extra: tuple[str, ...] = ()) -> type[Rule]:
    return type(code, (Rule,), {
        "code": code, "name": f"rule-{code.lower()}", "severity": Severity.WARNING, "category": category,
        "kind": "compose", "default_enabled": on, "extra_categories": extra,
    })


#: a small catalogue: two security rules, an off-by-default hardening one, style (on and
#: off), a maintainability rule (also best-practice) and an operability one
SMALL = (
    _rule("DC901", "security"),
    _rule("DC902", "security"),
    _rule("DC903", "hardening", on=False),
    _rule("DC904", "style"),
    _rule("DC905", "style", on=False),
    _rule("DC906", "maintainability"),
    _rule("DC907", "best-practice", extra=("operability",)),
    _rule("DL901", "correctness"),
)


def chosen(**settings) -> list[str]:
    return [rule.code for rule in _chosen(Settings(**settings), SMALL)]


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"select": ("security",)}, ["DC901", "DC902"]),  # hardening rules are security too, but off by default
        ({"select": ("SECURITY",)}, ["DC901", "DC902"]),
        ({"ignore": ("style",)}, ["DC901", "DC902", "DC906", "DC907", "DL901"]),
        ({"extend_select": ("hardening",)}, ["DC901", "DC902", "DC903", "DC904", "DC906", "DC907", "DL901"]),
        ({"select": ("style",)}, ["DC904"]),  # an off-by-default style rule is named by its code only
        ({"select": ("best-practice",)}, ["DC906", "DC907"]),  # maintainability is best-practice too
        ({"select": ("maintainability",)}, ["DC906"]),
        ({"select": ("operability",)}, ["DC907"]),
        ({"select": ("DC",), "ignore": ("style",)}, ["DC901", "DC902", "DC906", "DC907"]),  # a tie: ignore wins
        ({"select": ("style",), "ignore": ("DC",)}, []),
        ({"select": ("security",), "ignore": ("DC902",)}, ["DC901"]),  # a code beats a category
        ({"select": ("DC902",), "ignore": ("security",)}, ["DC902"]),
        # a prefix longer than two letters is more specific than a category
        ({"select": ("DC90",), "ignore": ("security",)}, ["DC901", "DC902", "DC904", "DC906", "DC907"]),
    ],
)
def test_selection_by_category_chooses_exactly(settings, expected) -> None:
    assert chosen(**settings) == expected


def test_per_file_ignores_take_categories() -> None:
    hardening, style = SMALL[2], SMALL[3]
    assert names_rule("hardening", hardening) and names_rule("security", hardening)
    assert names_rule("style", style) and not names_rule("security", style)


def test_the_real_catalogue_by_category() -> None:
    security = {rule.code for rule in selected_rules(Settings(select=("security",)))}
    assert {"DC036", "DC038", "DL3002", "DF013"} <= security
    assert all("security" in rule.all_categories() or rule.mandatory for rule in all_rules() if rule.code in security)
    assert "DL3006" not in security
    # the same choice from the index alone (nothing imported)
    for kind in ("dockerfile", "compose"):
        from_index = {entry.code for entry in selected_entries(Settings(select=("security",)), kind)}
        assert from_index == {code for code in security if code[:2] in (("DL", "DF") if kind == "dockerfile" else ("DC",))}
    ignored = {rule.code for rule in selected_rules(Settings(ignore=("style",)))}
    assert "DF027" not in ignored and "DL3006" in ignored


def test_unknown_category_is_an_error_with_a_suggestion() -> None:
    with pytest.raises(ConfigError, match=r"^select: 'securty' is not a rule code, name or code prefix \(did you mean 'security'\?\)$"):
        selected_rules(Settings(select=("securty",)))
    with pytest.raises(ConfigError, match=r"^severity: 'security' is a category; name one rule by its code or name$"):
        severity_overrides(Settings(severity={"security": Severity.ERROR}))


def test_category_names_cannot_be_rule_names_or_aliases() -> None:
    clash = type("Clash", (Rule,), {
        "code": "DC998", "name": "security", "severity": Severity.STYLE, "category": "style", "kind": "compose",
        "aliases": ("hardening",), "check_compose_file": lambda self, ctx: (),
    })
    problems = clash.problems()
    assert any("'security' is a category name" in problem for problem in problems)
    assert any("'hardening' is a category name" in problem for problem in problems)
    assert not {key.lower() for rule in all_rules() for key in (rule.name, *rule.aliases)} & CATEGORIES


def test_every_rule_has_known_categories_and_the_index_carries_them() -> None:
    entries = {entry.code: entry for entry in catalogue()}
    for rule in all_rules():
        assert rule.all_categories()[0] == rule.category
        assert set(rule.all_categories()) <= CATEGORIES
        assert entries[rule.code].categories == rule.all_categories() == rule.index_row()[-1]
    assert entries["DF002"].categories == ("maintainability", "best-practice")
    assert entries["DC043"].categories == ("best-practice", "operability")


def test_rules_command_lists_one_category() -> None:
    result = RUNNER.invoke(app, ["rules", "--category", "security"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()[1:]]
    assert listed == [rule.code for rule in all_rules() if "security" in rule.all_categories()]
    assert "DC036" in listed and "DL3006" not in listed
    rows = json.loads(RUNNER.invoke(app, ["rules", "--category", "operability,style", "--format", "json"]).stdout)
    assert {"DC043", "DF027"} <= {row["code"] for row in rows}
    assert set(rows[0]) == {"code", "name", "severity", "category", "kind", "default_enabled", "fixable", "summary"}
    bad = RUNNER.invoke(app, ["rules", "--category", "secu"])
    assert bad.exit_code == 2
    assert "--category: 'secu' is not a category (one of best-practice, correctness, hardening," in bad.stderr


def test_rule_page_names_the_categories_and_cis_items() -> None:
    page = RUNNER.invoke(app, ["rule", "DC043"]).stdout
    assert "- **Category:** best-practice (also operability)\n" in page
    assert "- **CIS Docker Benchmark (v1.6.0):** 5.11\n" in page
    assert "CIS Docker Benchmark" not in RUNNER.invoke(app, ["rule", "DL3006"]).stdout


def test_sarif_tags_carry_categories_and_cis_items() -> None:
    from pathlib import Path

    from dlint.engine.registry import find_rule
    from dlint.reporters import sarif

    rules = [find_rule("DC037"), find_rule("DF002"), find_rule("DL3006")]
    log = json.loads(sarif.render([], rules, root=Path("."), tool_version="0"))
    tags = {rule["id"]: rule["properties"]["tags"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert tags["DC037"] == ["security", "CIS-Docker-5.10", "CIS-Docker-5.16", "CIS-Docker-5.17", "CIS-Docker-5.21", "CIS-Docker-5.31"]
    assert tags["DF002"] == ["maintainability", "best-practice"]
    assert tags["DL3006"] == ["best-practice"]


def test_cis_items_are_well_formed_and_on_the_security_rules_that_map() -> None:
    import re

    for rule in all_rules():
        assert all(re.fullmatch(r"[45]\.\d{1,2}", item) for item in rule.cis), rule.code
    by_code = {rule.code: rule.cis for rule in all_rules()}
    assert by_code["DC036"] == ("5.5",) and by_code["DC038"] == ("5.32",) and by_code["DL3002"] == ("4.1",)


def test_the_shellcheck_family_follows_its_category() -> None:
    from dlint.engine.selection import ShellCheckCodes

    assert ShellCheckCodes(Settings(select=("correctness",))).on("SC2086")
    assert not ShellCheckCodes(Settings(select=("security",))).any_on()
    assert not ShellCheckCodes(Settings(ignore=("correctness",))).any_on()
    assert not ShellCheckCodes(Settings(ignore=("correctness",))).on("SC2086")
    assert ShellCheckCodes(Settings(select=("SC2086",), ignore=("correctness",))).on("SC2086")
