"""Rule selection: specificity, default-off rules, mandatory rules, options, severities."""

from __future__ import annotations

from dataclasses import field

import pytest

from dlint.engine.config import ConfigError, Settings
from dlint.engine.registry import all_rules, catalogue
from dlint.engine.rule import Rule
from dlint.engine.selection import instantiate, selected_rules, severity_overrides
from dlint.models.base import Model
from dlint.models.finding import Severity


MANDATORY = {rule.code for rule in all_rules() if rule.mandatory}


def codes(**settings) -> set[str]:
    return {rule.code for rule in selected_rules(Settings(**settings))}


def test_default_is_every_default_enabled_rule_plus_mandatory() -> None:
    expected = {rule.code for rule in all_rules() if rule.default_enabled or rule.mandatory}
    assert codes() == expected
    assert "DF002" not in codes()


def test_select_by_code_name_and_prefix() -> None:
    assert codes(select=("DL3006", "root-user")) == {"DL3006", "DL3002"} | MANDATORY
    chosen = codes(select=("DL300",))
    assert {"DL3002", "DL3006", "DL3007"} <= chosen
    assert all(code.startswith("DL300") or code in MANDATORY for code in chosen)


def test_prefix_and_all_do_not_reach_default_off_rules() -> None:
    assert "DF002" not in codes(select=("DF",))
    assert "DF002" not in codes(select=("ALL",))
    assert "DF002" in codes(select=("DF002",))
    assert "DF002" in codes(extend_select=("unused-suppression",))


def test_most_specific_entry_wins() -> None:
    assert "DL3006" not in codes(ignore=("DL3006",))
    assert "DL3006" in codes(ignore=("DL30",), extend_select=("DL3006",))
    assert "DL3007" not in codes(ignore=("DL30",), extend_select=("DL3006",))
    assert "DL3006" not in codes(select=("DL",), ignore=("DL300",))
    assert "DL3006" not in codes(select=("DL3006",), ignore=("untagged-base-image",))  # tie: ignore wins


def test_mandatory_rules_cannot_be_deselected() -> None:
    assert "DF000" in codes(ignore=("ALL",))
    assert "DF000" in MANDATORY
    assert codes(select=("DL3006",), ignore=("DF000",)) == {"DL3006"} | MANDATORY


def test_unknown_entries_are_errors_naming_the_key() -> None:
    with pytest.raises(ConfigError, match=r"^ignore: 'no-such-rule' is not a rule code, name or code prefix \(`dlint rules` lists the rules\)$"):
        selected_rules(Settings(ignore=("no-such-rule",)))
    with pytest.raises(ConfigError, match=r"^select: 'XY' is not"):
        selected_rules(Settings(select=("XY",)))
    # a code of a rule dlint lacks is an error; ShellCheck codes and prefixes are accepted
    with pytest.raises(ConfigError, match=r"^ignore: 'DL9999' is not a rule code, name or code prefix"):
        selected_rules(Settings(ignore=("DL9999",)))
    assert "DL3006" in codes(ignore=("SC2086", "SC2"))


def test_severity_overrides_by_code_or_name() -> None:
    overrides = severity_overrides(Settings(severity={"root-user": Severity.ERROR, "dl3006": Severity.STYLE}))
    assert overrides == {"DL3002": Severity.ERROR, "DL3006": Severity.STYLE}
    with pytest.raises(ConfigError, match="^severity: 'nope' is not a rule code or name"):
        severity_overrides(Settings(severity={"nope": Severity.ERROR}))
    with pytest.raises(ConfigError, match=r"^severity: 'DL3O06' is not a rule code or name \(did you mean 'DL3006'\?\)$"):
        severity_overrides(Settings(severity={"DL3O06": Severity.ERROR}))
    assert severity_overrides(Settings(severity={"sc2086": Severity.ERROR})) == {"SC2086": Severity.ERROR}


class _WithOptions(Rule):
    """Test rule."""

    code = "DX9001"
    name = "test-with-options"
    severity = Severity.INFO
    category = "style"
    kind = "dockerfile"

    class Options(Model):
        max_count: int = 3
        trusted_registries: list[str] = field(default_factory=list)

    def check_dockerfile(self, ctx):
        return ()


def test_options_defaults_validation_and_shared_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    import dlint.engine.selection as selection

    monkeypatch.setattr(selection, "find_rule", lambda key: _WithOptions if key.lower() in ("dx9001", "test-with-options") else None)
    (default,) = instantiate([_WithOptions], Settings())
    assert default.options.max_count == 3
    (configured,) = instantiate(
        [_WithOptions], Settings(options={"test-with-options": {"max-count": 5}}, trusted_registries=("docker.io",))
    )
    assert configured.options.max_count == 5 and configured.options.trusted_registries == ["docker.io"]
    with pytest.raises(ConfigError, match=r"options\.DX9001\.max-count: Input should be a valid integer"):
        instantiate([_WithOptions], Settings(options={"DX9001": {"max-count": "many"}}))
    with pytest.raises(ConfigError, match=r"options\.DX9001\.colour: unknown option \(known: max-count, trusted-registries\)"):
        instantiate([_WithOptions], Settings(options={"DX9001": {"colour": 1}}))


def test_options_for_unknown_or_option_less_rules_are_errors() -> None:
    with pytest.raises(ConfigError, match="options: 'nope' is not a rule code or name"):
        instantiate([], Settings(options={"nope": {}}))
    with pytest.raises(ConfigError, match=r"options.DL3006: rule DL3006 \(untagged-base-image\) has no options"):
        instantiate([], Settings(options={"DL3006": {"x": 1}}))


NEEDS_CONFIGURATION = {"DL3026", "DL3049", "DL3050", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058", "DF060"}


def test_rules_that_need_an_option_are_left_out_until_the_settings_give_it() -> None:
    from dlint.engine.lint import Linter, lint_text

    text = "FROM debian:12\nLABEL org.opencontainers.image.source=github.com/x\nRUN true\n"

    def used(settings: Settings) -> set[str]:
        return {rule.code for rule in Linter(settings).rules_for("dockerfile", {"FROM", "LABEL", "RUN"}, text)}

    assert used(Settings()) & NEEDS_CONFIGURATION == set()
    assert used(Settings(label_schema={})) & NEEDS_CONFIGURATION == set()  # an empty schema checks nothing
    schema = {"org.opencontainers.image.source": "url"}
    assert used(Settings(label_schema=schema)) & NEEDS_CONFIGURATION == NEEDS_CONFIGURATION - {"DL3026", "DF060"}
    assert used(Settings(trusted_registries=("docker.io",))) & NEEDS_CONFIGURATION == {"DL3026"}
    assert used(Settings(options={"label-not-url": {"label-schema": schema}})) & NEEDS_CONFIGURATION == {"DL3052"}  # its own options
    assert [finding.code for finding in lint_text(text, settings=Settings(label_schema=schema)) if finding.code in NEEDS_CONFIGURATION] == ["DL3052"]
    assert {entry.code for entry in catalogue() if entry.configured_by} == NEEDS_CONFIGURATION | {"DC080", "DC081"}


def test_configured_by_must_name_options_of_the_rule() -> None:
    class _Misdeclared(_WithOptions):
        code = "DX9002"
        name = "test-misdeclared"
        configured_by = frozenset({"max_count", "colour"})

    assert _Misdeclared.problems() == ["configured_by names 'colour', which is not an option"]
