"""What hadolint, dclint and ruff users type: their flags, config files and conventions on `dlint check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlint import __version__, cli_core
from dlint.cli import app

RUNNER = CliRunner()


def run(args: list[str], *, input: str | None = None):
    return RUNNER.invoke(app, args, input=input, env={"NO_COLOR": "1"})


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- hadolint ------------------------------------------------------------------------


def test_trusted_registry_is_repeatable_and_adds_to_the_setting(here: Path) -> None:
    (here / "Dockerfile").write_text("FROM ghcr.io/org/app:1\nFROM quay.io/org/db:2\nFROM debian:12\n")
    result = run(["check", "-q", "--select", "DL3026", "--trusted-registry", "ghcr.io", "--trusted-registry", "quay.io"])
    assert (result.exit_code, result.stdout) == (
        1, "Dockerfile:3:6: DL3026 [error] image `debian:12` comes from `docker.io`, which is not a trusted registry\n",
    )
    (here / ".dlint.toml").write_text('trusted-registries = ["docker.io"]\n')
    result = run(["check", "-q", "--select", "DL3026", "--trusted-registry", "ghcr.io,quay.io"])
    assert (result.exit_code, result.stdout) == (0, "")


def test_require_label_and_strict_labels(here: Path) -> None:
    (here / "Dockerfile").write_text('FROM debian:12\nLABEL maintainer="nobody" vendor="acme"\n')
    result = run(["check", "-q", "--select", "DL3049,DL3050,DL3052,DL3053", "--require-label", "maintainer:email",
                  "--require-label", "org.opencontainers.image.created:rfc3339", "--strict-labels"])
    assert result.stdout.splitlines() == [
        "Dockerfile:1:1: DL3049 [info] the image of this stage has no `org.opencontainers.image.created` label",
        "Dockerfile:2:27: DL3050 [info] label `vendor` is not in the label schema",
    ]
    assert result.exit_code == 0  # info findings do not fail by default
    without_strict = run(["check", "-q", "--select", "DL3050", "--require-label", "maintainer:email"])
    assert (without_strict.exit_code, without_strict.stdout) == (0, "")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("maintainer", "dlint: --require-label 'maintainer': expected LABEL:TYPE, such as maintainer:email"),
        (":email", "dlint: --require-label ':email': expected LABEL:TYPE, such as maintainer:email"),
        ("maintainer:phone", "dlint: --require-label 'maintainer:phone': 'phone' is not a label type "
                             "(text, url, semver, hash, rfc3339, spdx, email)"),
    ],
)
def test_require_label_needs_a_known_type(here: Path, value: str, message: str) -> None:
    (here / "Dockerfile").write_text("FROM debian:12\n")
    result = run(["check", "--require-label", value])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")


def test_severity_flags_set_the_level_and_turn_the_rule_on(here: Path) -> None:
    (here / "Dockerfile").write_text("FROM debian\nMAINTAINER me\nUSER root\n")
    result = run(["check", "-q", "--select", "DL3006,DL3002", "--error", "DL3006", "--style", "DL4000", "--info", "root-user"])
    assert result.stdout.splitlines() == [
        "Dockerfile:1:6: DL3006 [error] base image debian has no tag: name a version tag so builds are repeatable",
        "Dockerfile:2:1: DL4000 [style] MAINTAINER is deprecated; use LABEL maintainer=… instead",
        "Dockerfile:3:6: DL3002 [info] the image runs as root: end with USER set to an unprivileged user",
    ]
    assert result.exit_code == 1
    assert run(["check", "-q", "--select", "DL3006", "--warning", "DL3006"]).stdout.startswith("Dockerfile:1:6: DL3006 [warning]")
    bad = run(["check", "--error", "DL30"])
    assert (bad.exit_code, bad.stderr) == (2, "dlint: --error: 'DL30' is a code prefix; name one rule by its code or name\n")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["-t", "error"], 0),
        (["--failure-threshold", "warning"], 1),
        (["--failure-threshold", "ignore"], 0),
        (["-t", "none"], 0),
        (["--no-fail"], 0),
        ([], 1),
    ],
)
def test_failure_threshold_and_no_fail(here: Path, args: list[str], code: int) -> None:
    (here / "Dockerfile").write_text("FROM debian\n")
    assert run(["check", "-q", "--select", "DL3006", *args]).exit_code == code


def test_file_path_in_report_names_stdin(here: Path) -> None:
    result = run(["check", "-", "-q", "--select", "DL3006", "--file-path-in-report", "images/Dockerfile.prod"], input="FROM debian\n")
    assert (result.exit_code, result.stdout) == (
        1, "images/Dockerfile.prod:1:6: DL3006 [warning] base image debian has no tag: name a version tag so builds are repeatable\n",
    )


def test_version_and_verbose_letters(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (run(["-V"]).exit_code, run(["-V"]).stdout) == (0, f"dlint {__version__}\n")
    monkeypatch.setattr(cli_core, "_verbose", False)
    (here / "Dockerfile").write_text("FROM debian:12\n")
    assert run(["check", "-q"]).exit_code == 0 and cli_core._verbose is False
    assert run(["check", "-v", "-q"]).exit_code == 0 and cli_core._verbose is True
    assert run(["-v", "check", "-q"]).exit_code == 0 and cli_core._verbose is True


# -- dclint --------------------------------------------------------------------------

COMPOSE = 'version: "3"\nservices:\n  web:\n    image: nginx\n    ports:\n      - 8080:80\n'


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".dclintrc", "rules:\n  no-version-field: 0\n  require-quotes-in-ports: 2\n  service-image-require-explicit-tag: [1, {}]\n"),
        (".dclintrc", '{"rules": {"no-version-field": 0, "require-quotes-in-ports": 2, "service-image-require-explicit-tag": [1, {}]}}'),
        (".dclintrc.json", '{"rules": {"no-version-field": 0, "require-quotes-in-ports": 2, "service-image-require-explicit-tag": [1, {}]}}'),
        (".dclintrc.yml", "rules: {no-version-field: 0, require-quotes-in-ports: 2, service-image-require-explicit-tag: 1}\n"),
        ("dclint.config.json", '{"rules": {"no-version-field": 0, "require-quotes-in-ports": 2, "service-image-require-explicit-tag": 1}}'),
    ],
)
def test_dclint_config_levels(here: Path, name: str, text: str) -> None:
    (here / "compose.yaml").write_text(COMPOSE)
    (here / name).write_text(text)
    result = run(["check", "-q", "--select", "DC001,DC010,DC017"])
    assert result.stdout.splitlines() == [
        "compose.yaml:4:12: DC001 [warning] image nginx of service web has no tag, so Compose pulls latest; pin a version",
        'compose.yaml:6:9: DC017 [error] ports item 8080:80 of service web is not quoted; write "8080:80"',
    ]  # DC010 (no-version-field) is off; DC017, off by default, is on as an error
    assert (result.exit_code, result.stderr) == (1, "")


def test_dclint_unknown_rules_and_options_warn_and_exclude_applies(here: Path) -> None:
    (here / "compose.yaml").write_text(COMPOSE)
    (here / "legacy").mkdir()
    (here / "legacy" / "compose.yaml").write_text(COMPOSE)
    (here / ".dclintrc.yaml").write_text(
        "rules:\n  no-such-rule: 2\n  no-version-field: [2, {fix: true}]\nexclude: [legacy]\nquiet: true\ndebug: false\n"
    )
    result = run(["check", "-q", "--select", "DC010"])
    config = here / ".dclintrc.yaml"
    assert result.stderr.splitlines() == [
        f"dlint: warning: {config}: rules.no-such-rule: dlint has no such rule; the entry is skipped (`dlint rules` lists the rules)",
        f"dlint: warning: {config}: rules.no-version-field: dclint's options are not translated; set dlint's own (`dlint rule no-version-field`)",
    ]
    assert result.stdout == "compose.yaml:1:1: DC010 [error] the top-level version key is obsolete: Compose ignores it (and warns); delete it\n"
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"rules": {"no-version-field": 3}}', "rules.no-version-field: 3 is not a dclint level (0 off, 1 warning, 2 error)"),
        ('{"rules": {"no-version-field": true}}', "rules.no-version-field: True is not a dclint level (0 off, 1 warning, 2 error)"),
        ('{"rules": ["no-version-field"]}', "rules: expected a mapping of rule names to levels, got ['no-version-field']"),
        ('{"plugins": []}', "unknown dclint key 'plugins'"),
        ('{"exclude": "legacy"}', "exclude: expected a list of strings, got 'legacy'"),
    ],
)
def test_dclint_config_errors_exit_2(here: Path, text: str, message: str) -> None:
    (here / "compose.yaml").write_text(COMPOSE)
    (here / ".dclintrc.json").write_text(text)
    result = run(["check"])
    assert (result.exit_code, result.stderr) == (2, f"dlint: {here / '.dclintrc.json'}: {message}\n")


def test_dclint_json_that_is_not_json_exits_2(here: Path) -> None:
    (here / "compose.yaml").write_text(COMPOSE)
    (here / "dclint.config.json").write_text('{"rules": {\n')
    result = run(["check"])
    assert (result.exit_code, result.stderr) == (
        2, f"dlint: {here / 'dclint.config.json'}:2:1: not valid JSON: Expecting property name enclosed in double quotes\n",
    )


def test_dclint_config_is_read_only_without_a_dlint_config(here: Path) -> None:
    (here / "compose.yaml").write_text(COMPOSE)
    (here / ".dclintrc").write_text('{"rules": {"no-version-field": 0}}')
    (here / ".dlint.toml").write_text("")
    result = run(["check", "-q", "--select", "DC010"])
    assert result.stdout.startswith("compose.yaml:1:1: DC010 [warning]")


def test_max_warnings(here: Path) -> None:
    (here / "Dockerfile").write_text("FROM debian\nUSER root\n")
    base = ["check", "-q", "--select", "DL3006,DL3002", "--fail-on", "error"]
    assert run([*base]).exit_code == 0
    assert run([*base, "--max-warnings", "2"]).exit_code == 0
    assert run([*base, "--max-warnings", "1"]).exit_code == 1
    assert run([*base, "--max-warnings", "1", "--exit-zero"]).exit_code == 0
    bad = run([*base, "--max-warnings", "-1"])
    assert (bad.exit_code, bad.stderr) == (2, "dlint: --max-warnings: '-1' is not a whole number of 0 or more\n")


# -- ruff ----------------------------------------------------------------------------


def test_h_is_help(here: Path) -> None:
    assert run(["check", "-h"]).stdout == run(["check", "--help"]).stdout
    assert run(["-h"]).stdout.startswith("Usage: ")
    assert run(["-h"]).exit_code == 0


def test_config_key_value_overrides(here: Path) -> None:
    (here / "Dockerfile").write_text("FROM debian\nUSER root\n")
    (here / ".dlint.toml").write_text('select = ["DL3006", "DL3002"]\n[severity]\nDL3006 = "info"\n')
    result = run(["check", "-q", "--config", 'severity.DL3002 = "error"', "--config", "fail-on = 'error'"])
    assert result.stdout.splitlines() == [
        "Dockerfile:1:6: DL3006 [info] base image debian has no tag: name a version tag so builds are repeatable",
        "Dockerfile:2:6: DL3002 [error] the image runs as root: end with USER set to an unprivileged user",
    ]  # the severity table is added to, not replaced
    assert result.exit_code == 1
    (here / "other.toml").write_text('select = ["DL3006"]\n')
    result = run(["check", "-q", "--config", "other.toml", "--config", 'ignore = ["DL3006"]'])
    assert (result.exit_code, result.stdout) == (0, "")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (["fail-on = "], "--config 'fail-on = ': not a config file, nor a valid TOML `key = value` setting: Invalid value (at end of document)"),
        (["selct = []"], "--config 'selct = []': unknown key 'selct'"),
        (["fail-on = 'often'"], "--config \"fail-on = 'often'\": fail-on: 'often' is not one of error, warning, info, style, none"),
        (["a.toml", "b.toml"], "--config: give one config file, not 2 (a.toml, b.toml)"),
    ],
)
def test_config_override_errors_exit_2(here: Path, values: list[str], message: str) -> None:
    (here / "Dockerfile").write_text("FROM debian:12\n")
    result = run(["check", *(item for value in values for item in ("--config", value))])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"dlint: {message}\n")


def test_show_files_lists_what_would_be_linted(here: Path) -> None:
    (here / "Dockerfile").write_text("FROM debian\n")
    (here / "api").mkdir()
    (here / "api" / "compose.yaml").write_text("services:\n  app:\n    build:\n      context: ../src\n      dockerfile: App.build\n")
    (here / "src").mkdir()
    (here / "src" / "App.build").write_text("FROM debian\n")
    (here / "notes.txt").write_text("")
    result = run(["check", "--show-files"])
    assert (result.exit_code, result.stdout) == (0, "Dockerfile\napi/compose.yaml\nsrc/App.build\n")


def test_show_fixes_and_exit_non_zero_on_fix(here: Path) -> None:
    dockerfile = here / "Dockerfile"
    dockerfile.write_text("FROM alpine:3.20\nRUN apk add curl\nMAINTAINER me\n")
    select = ["--select", "DL3019,DL4000"]
    result = run(["check", "-q", *select, "--fix", "--unsafe-fixes", "--show-fixes"])
    assert result.stderr == (
        "Applied 2 fixes:\n"
        "Dockerfile:2: DL3019 Add `--no-cache`\n"
        "Dockerfile:3: DL4000 Use LABEL maintainer=…\n"
    )
    assert (result.exit_code, result.stdout) == (0, "")
    assert dockerfile.read_text() == 'FROM alpine:3.20\nRUN apk add --no-cache curl\nLABEL maintainer="me"\n'
    dockerfile.write_text("FROM alpine:3.20\nRUN apk add curl\n")
    result = run(["check", "-q", *select, "--fix", "--exit-non-zero-on-fix"])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")
    result = run(["check", "-q", *select, "--fix", "--exit-non-zero-on-fix"])  # nothing left to fix
    assert result.exit_code == 0


def test_statistics_mark_fixes_and_sort_by_count(here: Path) -> None:
    (here / "Dockerfile").write_text("FROM alpine\nRUN apk add curl\nRUN apk add git\nMAINTAINER me\nUSER root\nUSER root\n")
    result = run(["check", "--statistics", "--select", "DL3006,DL3019,DL4000,DL3002"])
    assert result.stdout.splitlines()[:4] == [
        "2  DL3019  [*] apk-without-no-cache",
        "1  DL3002      root-user",
        "1  DL3006      untagged-base-image",
        "1  DL4000  [-] maintainer-deprecated",
    ]


def test_output_format_is_format(here: Path) -> None:
    (here / "Dockerfile").write_text("FROM debian\n")
    result = run(["check", "--select", "DL3006", "--output-format", "json"])
    assert [finding["code"] for finding in json.loads(result.stdout)] == ["DL3006"]


# -- help ----------------------------------------------------------------------------


def test_check_help_shows_metavars_not_python_types(here: Path) -> None:
    text = run(["check", "--help"]).stdout
    assert "list[" not in text and "<" not in text and "[OPTIONS] [PATH]..." in text
    for shown in ("--select CODE", "--config FILE|KEY=VALUE", "--output FILE", "--trusted-registry REGISTRY",
                  "--require-label LABEL:TYPE", "--error CODE", "--max-warnings N", "--kind KIND",
                  "-f, --format, --output-format FORMAT", "-t, --fail-on, --failure-threshold SEVERITY",
                  "--stdin-filename, --file-path-in-report NAME", "--compose-file FILE", "-h, --help"):
        assert shown in text, shown
