"""Names people already use: BuildKit's build check names and compose-lint's CL ids are
aliases of the dlint rules that mean the same, accepted wherever a rule name is."""

from __future__ import annotations

import pytest

from dlint.engine.build_checks import BUILD_CHECK_NAMES, build_checks, skipped_codes
from dlint.engine.config import ConfigError, Settings
from dlint.engine.lint import Linter, SourceFile
from dlint.engine.registry import all_rules, catalogue, find_rule, rules_named
from dlint.engine.selection import instantiate, selected_rules, severity_overrides
from dlint.models.finding import Severity

#: BuildKit check → the dlint rules carrying its name (facts of docker build --check)
EXPECTED_BUILD_CHECKS = {
    "ConsistentInstructionCasing": ("DF026",),
    "CopyIgnoredFile": ("DF039",),
    "DuplicateStageName": ("DL3024",),
    "ExposeInvalidFormat": ("DF033",),
    "ExposeProtoCasing": ("DF034",),
    "FromAsCasing": ("DF027",),
    "FromPlatformFlagConstDisallowed": ("DL3029",),
    "InvalidDefaultArgInFrom": ("DF025",),
    "JSONArgsRecommended": ("DL3025",),
    "LegacyKeyValueFormat": ("DF030",),
    "MaintainerDeprecated": ("DL4000",),
    "MultipleInstructionsDisallowed": ("DL3012", "DL4003", "DL4004"),
    "NoEmptyContinuation": ("DF031",),
    "RedundantTargetPlatform": ("DL3065",),
    "ReservedStageName": ("DL3063",),
    "SecretsUsedInArgOrEnv": ("DF012", "DL3064"),
    "StageNameCasing": ("DF028",),
    "UndefinedArgInFrom": ("DF024",),
    "UndefinedVar": ("DF023",),
    "WorkdirRelativePath": ("DL3000",),
}
EXPECTED_CL = {
    "CL-0001": "DC038", "CL-0002": "DC036", "CL-0004": "DC001", "CL-0005": "DC015", "CL-0008": "DC037",
    "CL-0009": "DC039", "CL-0010": "DC037", "CL-0013": "DC040", "CL-0018": "DC029", "CL-0020": "DC030",
    "CL-0021": "DC030", "CL-0024": "DC039", "CL-0025": "DC040",
}


def codes(**settings) -> set[str]:
    return {rule.code for rule in selected_rules(Settings(**settings)) if not rule.mandatory}


def test_every_buildkit_check_is_listed_and_mapped_from_the_rules_aliases() -> None:
    assert len(BUILD_CHECK_NAMES) == 22
    assert build_checks() == EXPECTED_BUILD_CHECKS  # read from the index: one table, the aliases
    unmapped = set(BUILD_CHECK_NAMES) - set(build_checks())
    assert unmapped == {"InvalidBaseImagePlatform", "InvalidDefinitionDescription"}
    aliases = {alias for entry in catalogue() for alias in entry.aliases}
    assert set(build_checks()) <= aliases


@pytest.mark.parametrize(("alias", "code"), [*((name, codes[0]) for name, codes in EXPECTED_BUILD_CHECKS.items()), *EXPECTED_CL.items()])
def test_aliases_resolve(alias: str, code: str) -> None:
    assert find_rule(alias).code == code
    assert find_rule(alias.lower()).code == code
    assert code in codes(select=(alias,))
    assert code not in codes(ignore=(alias,))


def test_a_shared_alias_names_every_rule_it_belongs_to() -> None:
    assert [rule.code for rule in rules_named("MultipleInstructionsDisallowed")] == ["DL3012", "DL4003", "DL4004"]
    assert codes(select=("MultipleInstructionsDisallowed",)) == {"DL3012", "DL4003", "DL4004"}
    assert codes(select=("SecretsUsedInArgOrEnv",)) == {"DF012", "DL3064"}
    overrides = severity_overrides(Settings(severity={"MultipleInstructionsDisallowed": Severity.STYLE}))
    assert overrides == {"DL3012": Severity.STYLE, "DL4003": Severity.STYLE, "DL4004": Severity.STYLE}
    assert [rule.code for rule in rules_named("DL4003")] == ["DL4003"]
    assert rules_named("no-such-rule") == ()


def test_options_under_a_shared_alias_are_refused() -> None:
    rules = selected_rules(Settings())
    with pytest.raises(ConfigError, match="options.SecretsUsedInArgOrEnv: "):
        instantiate(rules, Settings(options={"SecretsUsedInArgOrEnv": {"x": 1}}))


def test_codes_and_names_stay_unique_and_aliases_are_not_codes_or_names() -> None:
    keys = [key.lower() for rule in all_rules() for key in (rule.code, rule.name)]
    assert len(keys) == len(set(keys))
    assert not {alias.lower() for rule in all_rules() for alias in rule.aliases} & set(keys)


def test_check_skip_uses_the_aliases() -> None:
    assert skipped_codes("skip=JSONArgsRecommended,multipleinstructionsdisallowed") == {"DL3025", "DL3012", "DL4003", "DL4004"}
    assert skipped_codes("skip=all") == {code for group in EXPECTED_BUILD_CHECKS.values() for code in group}


def _found(name: str, kind: str, text: str, **settings) -> list[str]:
    result = Linter(Settings(**settings)).lint([SourceFile(name, kind, text)])
    return [f"{finding.span.line} {finding.code}" for finding in result.findings]


def test_aliases_in_suppression_comments_and_config() -> None:
    dockerfile = "FROM debian:12\n# dlint: ignore=JSONArgsRecommended\nCMD run\nCMD again\n"
    assert _found("Dockerfile", "dockerfile", dockerfile, select=("DL3025", "DF001")) == ["4 DL3025"]
    compose = "services:\n  app:\n    image: acme/app:1.2\n    privileged: true  # dlint: ignore=CL-0002\n"
    assert _found("compose.yaml", "compose", compose, select=("DC036", "DF001")) == []
    assert _found("compose.yaml", "compose", compose, select=("CL-0002",), ignore=("CL-0002",)) == []
    assert _found("compose.yaml", "compose", compose.replace("  # dlint: ignore=CL-0002", ""), select=("cl-0002",)) == ["4 DC036"]


def test_a_suppression_naming_a_shared_alias_silences_every_rule_it_names() -> None:
    secret = "FROM debian:12\nRUN true\n# dlint: ignore=SecretsUsedInArgOrEnv\nENV API_TOKEN=abc123secretvalue\n"
    assert _found("Dockerfile", "dockerfile", secret.replace("# dlint: ignore=SecretsUsedInArgOrEnv\n", ""),
                  select=("DL3064", "DF012")) == ["3 DL3064"]
    assert _found("Dockerfile", "dockerfile", secret, select=("DL3064", "DF012", "DF002")) == []
    unused = "FROM debian:12\n# dlint: ignore=SecretsUsedInArgOrEnv\nENV B=1\n"
    result = Linter(Settings(select=("DL3064", "DF012", "DF002"))).lint([SourceFile("Dockerfile", "dockerfile", unused)])
    assert [(f.code, f.message) for f in result.findings] == [
        ("DF002", "suppression of SecretsUsedInArgOrEnv is unused: no DF012 or DL3064 finding here"),
    ]
    # a rule of the alias that does not run: the suppression may be for it, so it is not called unused
    assert _found("Dockerfile", "dockerfile", unused, select=("DL3064", "DF002")) == []
