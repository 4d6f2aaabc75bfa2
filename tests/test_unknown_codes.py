"""Unknown rule codes, names and prefixes in the settings are errors (exit 2) naming the
entry and where it came from, with the closest code, name or alias as a suggestion."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlint.cli import app
from dlint.engine.config import ConfigError, Settings
from dlint.engine.rule_keys import check_settings, suggestion
from dlint.engine.selection import selected_rules

RUNNER = CliRunner()
NO_RULES = "(`dlint rules` lists the rules)"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, ["check", *args], env={"NO_COLOR": "1"})
    return result.exit_code, result.stderr


def test_unknown_code_on_the_command_line(project: Path) -> None:
    assert run("--select", "DL9999", ".") == (
        2, f"dlint: --select: 'DL9999' is not a rule code, name or code prefix {NO_RULES}\n"
    )
    assert run("--extend-select", "DL3006,DL3O06") == (
        2, "dlint: --extend-select: 'DL3O06' is not a rule code, name or code prefix (did you mean 'DL3006'?)\n"
    )
    assert run("--ignore", "untaged-base-image") == (
        2, "dlint: --ignore: 'untaged-base-image' is not a rule code, name or code prefix (did you mean 'untagged-base-image'?)\n"
    )


def test_unknown_prefix_in_config_select(project: Path) -> None:
    (project / ".dlint.toml").write_text('select = ["DC9"]\n')
    assert run() == (
        2, f"dlint: {project / '.dlint.toml'}: select: 'DC9' is not a rule code, name or code prefix (did you mean 'DC019'?)\n"
    )


def test_unknown_name_in_pyproject_ignore(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.dlint]\nextend-select = ["DL3057"]\nignore = ["DL3008", "no-usr"]\n')
    assert run() == (
        2, f"dlint: {project / 'pyproject.toml'} [tool.dlint]: ignore: 'no-usr' is not a rule code, name or code prefix"
        " (did you mean 'no-user'?)\n"
    )


def test_unknown_code_in_severity(project: Path) -> None:
    (project / ".dlint.toml").write_text('[severity]\nDL3059 = "style"\nDL9999 = "error"\n')
    assert run() == (2, f"dlint: {project / '.dlint.toml'}: severity: 'DL9999' is not a rule code or name {NO_RULES}\n")


def test_prefix_in_severity_is_refused_as_such(project: Path) -> None:
    (project / ".dlint.toml").write_text('[severity]\nDL30 = "error"\n')
    assert run() == (2, f"dlint: {project / '.dlint.toml'}: severity: 'DL30' is a code prefix; name one rule by its code or name\n")


def test_unknown_entry_in_per_file_ignores(project: Path) -> None:
    (project / ".dlint.toml").write_text('[per-file-ignores]\n"legacy/*" = ["DL30", "DL300x"]\n')
    assert run() == (
        2, f"dlint: {project / '.dlint.toml'}: per-file-ignores.legacy/*: 'DL300x' is not a rule code, name or code prefix"
        " (did you mean 'DL3000'?)\n"
    )


def test_unknown_rule_in_options(project: Path) -> None:
    (project / ".dlint.toml").write_text('[options.service-image-require-explict-tag]\nfloating-tags = ["latest"]\n')
    assert run() == (
        2, f"dlint: {project / '.dlint.toml'}: options: 'service-image-require-explict-tag' is not a rule code or name"
        " (did you mean 'service-image-require-explicit-tag'?)\n"
    )
    (project / ".dlint.toml").write_text('[options.DC01]\n')
    assert run() == (2, f"dlint: {project / '.dlint.toml'}: options: 'DC01' is a code prefix; name one rule by its code or name\n")


def test_hadolint_config_codes_are_checked(project: Path) -> None:
    path = project / ".hadolint.yaml"
    path.write_text("ignored: [DL3008, DL9999]\n")
    assert run() == (2, f"dlint: {path}: ignored: 'DL9999' is not a rule code, name or code prefix {NO_RULES}\n")
    path.write_text("override:\n  error: [DL3006, DL3O07]\n")
    assert run() == (2, f"dlint: {path}: override.error: 'DL3O07' is not a rule code or name (did you mean 'DL3007'?)\n")


def test_known_codes_names_aliases_prefixes_and_shellcheck_codes_pass(project: Path) -> None:
    (project / ".dlint.toml").write_text(
        'select = ["ALL", "dl30", "DC", "D"]\n'
        'extend-select = ["no-quotes-in-volumes", "unused-suppression"]\n'  # a dclint alias, a name
        'ignore = ["SC2086", "SC", "sc20", "DL3006"]\n'
        '[per-file-ignores]\n"legacy/*" = ["SC1091", "DL", "root-user"]\n'
        '[severity]\nSC2046 = "error"\nservice-image-require-explicit-tag = "error"\n'
        '[options.no-unbound-port-interfaces]\n'
    )
    assert run() == (0, "")
    assert run("--select", "DL3007,SC2086", "--ignore", "SC,no-version-field") == (0, "")
    (project / ".dlint.toml").unlink()
    (project / ".hadolint.yaml").write_text("ignored: [SC2086, DL30]\noverride:\n  info: [SC2046, DL3057]\n")
    assert run() == (0, "")
    # rules hadolint retired (the upgrade rules): an old config naming them keeps working
    (project / ".hadolint.yaml").write_text("ignored: [DL3005, DL3017]\noverride:\n  error: [DL3031, DL3039]\n")
    assert run() == (0, "")


def test_settings_built_in_code_are_checked_too() -> None:
    with pytest.raises(ConfigError, match=r"^extend-select: 'DL9999' is not a rule code, name or code prefix"):
        selected_rules(Settings(extend_select=("DL9999",)))
    with pytest.raises(ConfigError, match=r"^per-file-ignores\.Dockerfile: 'nope' is not"):
        check_settings(Settings(per_file_ignores={"Dockerfile": ("nope",)}))


def test_suggestions_come_from_codes_names_and_aliases() -> None:
    assert suggestion("DL3O08") == "DL3008"
    assert suggestion("no-version-feild") == "no-version-field"  # a dclint alias
    assert suggestion("root-usr") == "root-user"
    assert suggestion("zzzzzz") is None


def test_checking_imports_no_rule_module() -> None:
    code = (
        "import sys\n"
        "from dlint.engine.config import Settings\n"
        "from dlint.engine.rule_keys import check_settings, suggestion\n"
        "check_settings(Settings(select=('DL30', 'no-version-field', 'SC2086'), severity={'service-image-require-explicit-tag': 'error'}))\n"
        "suggestion('no-version-feild')\n"
        "print(sorted(name for name in sys.modules if name.startswith('dlint.rules.') and name != 'dlint.rules._index'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
