"""Config files: discovery, dlint keys, hadolint translation, errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlint.engine.config import ConfigError, Settings, find_config, load_file, load_settings
from dlint.models.finding import Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", """
[project]
name = "x"

[tool.dlint]
select = ["DL3006", "root-user"]
ignore = ["DL30"]
fail-on = "warning"
severity = { DL3006 = "error" }
per-file-ignores = { "legacy/**" = ["DL3002"] }
exclude = ["vendor/"]
trusted-registries = ["docker.io"]
disable-ignore-pragma = true

[tool.dlint.options.DL3026]
trusted-registries = ["ghcr.io"]
""")
    settings = load_settings(tmp_path / "sub" / "Dockerfile")
    assert settings.source == tmp_path / "pyproject.toml"
    assert settings.root == tmp_path
    assert settings.select == ("DL3006", "root-user")
    assert settings.ignore == ("DL30",)
    assert settings.fail_on is Severity.WARNING
    assert settings.severity == {"DL3006": Severity.ERROR}
    assert settings.per_file_ignores == {"legacy/**": ("DL3002",)}
    assert settings.exclude == ("vendor/",)
    assert settings.trusted_registries == ("docker.io",)
    assert settings.disable_ignore_pragma is True
    assert settings.options == {"DL3026": {"trusted-registries": ["ghcr.io"]}}


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / "app" / "Dockerfile", "FROM x\n")
    assert find_config(tmp_path / "app" / "Dockerfile") is None
    assert load_settings(tmp_path / "app") == Settings(root=Path.cwd())


def test_nearest_directory_wins_and_dlint_beats_hadolint_there(tmp_path: Path) -> None:
    write(tmp_path / ".dlint.toml", "ignore = ['DL3006']\n")
    write(tmp_path / "svc" / ".hadolint.yaml", "ignored: [DL3007]\n")
    write(tmp_path / "svc" / ".dlint.yaml", "ignore: [DL3002]\n")
    assert find_config(tmp_path / "svc") == tmp_path / "svc" / ".dlint.yaml"
    assert load_settings(tmp_path / "svc").ignore == ("DL3002",)
    assert find_config(tmp_path / "other") == tmp_path / ".dlint.toml"


def test_hadolint_file_is_translated(tmp_path: Path) -> None:
    path = write(tmp_path / ".hadolint.yaml", """
ignored: [DL3008, SC2086]
trustedRegistries:
  - docker.io
  - "*.example.com"
override:
  error: [DL3006]
  info: [DL3057]
failure-threshold: warning
label-schema:
  maintainer: email
strict-labels: true
disable-ignore-pragma: false
no-color: true
""")
    settings = load_settings(tmp_path)
    assert settings.source == path
    assert settings.ignore == ("DL3008", "SC2086")
    assert settings.trusted_registries == ("docker.io", "*.example.com")
    assert settings.severity == {"DL3006": Severity.ERROR, "DL3057": Severity.INFO}
    assert settings.extend_select == ("DL3006", "DL3057")  # overriding a severity turns the rule on
    assert settings.fail_on is Severity.WARNING
    assert settings.label_schema == {"maintainer": "email"}
    assert settings.strict_labels is True


def test_hadolint_no_fail_and_empty_file(tmp_path: Path) -> None:
    write(tmp_path / ".hadolint.yml", "no-fail: true\n")
    assert load_settings(tmp_path).fail_on is None
    write(tmp_path / "b" / ".hadolint.yaml", "")
    assert load_settings(tmp_path / "b").source == tmp_path / "b" / ".hadolint.yaml"


def test_explicit_config_file_overrides_search(tmp_path: Path) -> None:
    write(tmp_path / ".dlint.toml", "ignore = ['DL3006']\n")
    other = write(tmp_path / "ci" / "strict.toml", "fail-on = 'style'\n")
    settings = load_settings(tmp_path, other)
    assert settings.fail_on is Severity.STYLE and settings.ignore == ()


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (".dlint.toml", "selct = ['DL3006']\n", "unknown key 'selct'"),
        (".dlint.toml", "extend_select = ['DL3006']\n", "unknown key 'extend_select' (did you mean 'extend-select'?)"),
        (".dlint.toml", "select = 3\n", "select: expected a list of strings, got 3"),
        (".dlint.toml", "fail-on = 'bad'\n", "fail-on: 'bad' is not one of error, warning, info, style, none"),
        (".dlint.toml", "severity = { DL3006 = 'loud' }\n", "severity.DL3006: 'loud' is not a severity"),
        (".dlint.toml", "strict-labels = 'yes'\n", "strict-labels: expected true or false, got 'yes'"),
        (".dlint.toml", "select = [\n", "not valid TOML"),
        (".dlint.yaml", "select: [DL3006\n", "not valid YAML"),
        (".dlint.yaml", "- a\n- b\n", "expected a table of settings, got list"),
        (".hadolint.yaml", "ignore: [DL3006]\n", "unknown hadolint key 'ignore'"),
        (".hadolint.yaml", "override: {loud: [DL3006]}\n", "override.loud: 'loud' is not a severity"),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = write(tmp_path / name, text)
    with pytest.raises(ConfigError) as raised:
        load_file(path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value)


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load_settings(tmp_path, tmp_path / "nope.toml")


def test_shared_options_reach_rules_by_field_name() -> None:
    settings = Settings(trusted_registries=("docker.io",), label_schema={"a": "url"}, strict_labels=False)
    assert settings.shared_options() == {
        "trusted_registries": ["docker.io"],
        "label_schema": {"a": "url"},
        "strict_labels": False,
    }
    assert Settings().shared_options() == {}


def test_non_production_words_are_read_shared_and_shown(tmp_path: Path) -> None:
    from dlint.engine.config import NON_PRODUCTION_WORDS

    assert Settings().non_production_words is None
    assert Settings().as_dict()["non-production-words"] == list(NON_PRODUCTION_WORDS)
    write(tmp_path / ".dlint.toml", "non-production-words = ['staging', ' local ', '']\n")
    settings = load_settings(tmp_path)
    assert settings.non_production_words == ("staging", "local")
    assert settings.shared_options() == {"non_production_words": ["staging", "local"]}
    assert settings.as_dict()["non-production-words"] == ["staging", "local"]
    write(tmp_path / "all" / ".dlint.yaml", "non-production-words: []\n")
    assert load_settings(tmp_path / "all").shared_options() == {"non_production_words": []}


def test_non_production_words_reach_the_hint_rules() -> None:
    from dlint.engine.registry import find_rule
    from dlint.engine.selection import instantiate

    rules = [find_rule(code) for code in ("DC015", "DC041", "DC042", "DC043")]
    for rule in instantiate(rules, Settings(non_production_words=("staging",))):
        assert rule.options.non_production_words == ["staging"]


def test_bad_non_production_words_name_the_key(tmp_path: Path) -> None:
    path = write(tmp_path / ".dlint.toml", "non-production-words = 3\n")
    with pytest.raises(ConfigError, match="non-production-words: expected a list of strings, got 3"):
        load_file(path)
