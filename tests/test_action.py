"""The GitHub Action (action.yml): its inputs, the README's example and table, and its lint
steps run with bash the way a runner runs them (inputs reach the scripts as environment
variables only)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
import yaml

import dlint
from dlint.cli import FailOn, OutputFormat, app

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
STEPS = {step["name"]: step for step in ACTION["runs"]["steps"]}
SCRIPTS = [step for step in ACTION["runs"]["steps"] if "run" in step]
DEFAULTS = {
    "paths": ".",
    "format": "github",
    "fail-on": "warning",
    "sarif-file": "",
    "upload-sarif": "false",
    "python-version": "3.12",
}
#: the only expressions a step's env may hold: an input, or an earlier step's output
EXPRESSION = re.compile(r"^\$\{\{ (inputs\.[a-z-]+|steps\.install\.outputs\.dlint|steps\.python\.outputs\.python-path) \}\}$")
DLINT = Path(sys.executable).with_name("dlint")


def _check_options() -> set[str]:
    command = typer.main.get_command(app).commands["check"]
    return {option for parameter in command.params for option in parameter.opts}


def _readme_section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.M | re.S)
    assert match, title
    return match.group(1)


def test_inputs_and_defaults() -> None:
    assert {name: spec["default"] for name, spec in ACTION["inputs"].items()} == DEFAULTS
    assert all(spec["description"] for spec in ACTION["inputs"].values())
    assert DEFAULTS["format"] in {member.value for member in OutputFormat}
    assert DEFAULTS["fail-on"] in {member.value for member in FailOn}


def test_steps_are_composite_bash_and_take_inputs_from_the_environment() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert [step["name"] for step in SCRIPTS] == ["Install dlint", "Lint", "Write SARIF"]
    for step in SCRIPTS:
        assert step["shell"] == "bash", step["name"]
        assert "${{" not in step["run"], step["name"]
        assert all(EXPRESSION.match(value) for value in step["env"].values()), step["name"]
        # every variable the script reads is set by the step (or by the runner)
        used = set(re.findall(r"\$\{?([A-Z][A-Z_]*)", step["run"]))
        assert used - set(step["env"]) <= {"RUNNER_TEMP", "GITHUB_ACTION_PATH", "GITHUB_OUTPUT"}, step["name"]
    referenced = set(re.findall(r"inputs\.([a-z-]+)", (ROOT / "action.yml").read_text(encoding="utf-8")))
    assert referenced == set(DEFAULTS)


def test_setup_python_leaves_the_job_environment_alone() -> None:
    setup = STEPS["Set up Python for dlint"]
    assert setup["uses"].startswith("actions/setup-python@")
    assert setup["with"] == {"python-version": "${{ inputs.python-version }}", "update-environment": False}
    install = STEPS["Install dlint"]
    assert '"$bin/python" -m pip install --disable-pip-version-check --quiet "$GITHUB_ACTION_PATH"' in install["run"]


def test_sarif_is_written_and_uploaded_even_when_the_lint_step_fails() -> None:
    assert STEPS["Write SARIF"]["if"] == "${{ !cancelled() && inputs.sarif-file != '' && steps.install.outcome == 'success' }}"
    upload = STEPS["Upload SARIF"]
    assert upload["if"] == "${{ !cancelled() && inputs.upload-sarif == 'true' && steps.sarif.outcome == 'success' }}"
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"] == {"sarif_file": "${{ inputs.sarif-file }}", "category": "dlint"}


def _dlint_calls(script: str) -> list[list[str]]:
    return [shlex.split(line)[1:] for line in script.splitlines() if line.strip().startswith('"$DLINT" check')]


@pytest.mark.parametrize(
    ("step", "flags"),
    [
        ("Lint", {"--format": "format", "--fail-on": "fail-on"}),
        ("Write SARIF", {"--output": "sarif-file"}),
    ],
)
def test_each_input_goes_to_an_existing_check_flag(step: str, flags: dict[str, str]) -> None:
    env = STEPS[step]["env"]
    (call,) = _dlint_calls(STEPS[step]["run"])
    assert call[0] == "check" and call[-2:] == ["--", "${paths[@]}"]
    options = [word for word in call[1:-2] if word.startswith("-")]
    assert set(options) <= _check_options()
    for flag, name in flags.items():
        variable = call[call.index(flag) + 1].removeprefix("$")
        assert env[variable] == f"${{{{ inputs.{name} }}}}"
    assert env["DLINT_PATHS"] == "${{ inputs.paths }}"


def _readme_example() -> dict:
    (block,) = re.findall(r"```yaml\n(.*?)```", _readme_section("GitHub Action"), re.S)
    return yaml.safe_load(block)


def test_readme_example_uses_only_defined_inputs_at_the_version_tag() -> None:
    steps = _readme_example()["jobs"]["dlint"]["steps"]
    (step,) = [step for step in steps if step.get("uses", "").startswith("dlint-project/dlint@")]
    assert step["uses"] == f"dlint-project/dlint@v{dlint.__version__}"
    assert set(step["with"]) <= set(ACTION["inputs"])


def test_readme_table_lists_every_input_with_its_default() -> None:
    rows = re.findall(r"^\| `([a-z-]+)` \| (`[^`]*`|\(none\)) \|", _readme_section("GitHub Action"), re.M)
    assert {name: default.strip("`") if default != "(none)" else "" for name, default in rows} == DEFAULTS


def _run_step(name: str, inputs: dict[str, str], cwd: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run one step's script as a runner does: its env evaluated, bash -eo pipefail."""
    context = {f"inputs.{key}": value for key, value in {**DEFAULTS, **inputs}.items()}
    context["steps.install.outputs.dlint"] = str(DLINT)
    context["steps.python.outputs.python-path"] = sys.executable
    step = STEPS[name]
    env = {"PATH": "/usr/bin:/bin", "RUNNER_TEMP": str(tmp_path / "runner-temp"), "NO_COLOR": "1",
           "GITHUB_OUTPUT": str(tmp_path / "output"), "GITHUB_ACTION_PATH": str(ROOT)}
    env |= {key: context[EXPRESSION.match(value).group(1)] for key, value in step["env"].items()}
    script = tmp_path / "step.sh"
    script.write_text(step["run"])
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "workspace"
    (root / "-odd").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "Dockerfile").write_text("FROM debian\n")
    (root / "-odd" / "Dockerfile").write_text("FROM alpine\n")
    return root


def _direct(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(DLINT), "check", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"}, timeout=120)


@pytest.mark.skipif(not DLINT.exists(), reason="the dlint command is not installed beside this Python")
def test_lint_step_runs_dlint_check_with_the_inputs(workspace: Path, tmp_path: Path) -> None:
    result = _run_step("Lint", {"paths": "Dockerfile\n  -odd "}, workspace, tmp_path)
    direct = _direct(["--format", "github", "--fail-on", "warning", "--", "Dockerfile", "-odd"], workspace)
    assert (result.returncode, result.stdout, result.stderr) == (1, direct.stdout, "")
    lines = result.stdout.splitlines()
    assert [line.split(",", 1)[0] for line in lines] == ["::warning file=-odd/Dockerfile", "::warning file=Dockerfile"]
    assert all("DL3006" in line for line in lines)
    quiet = _run_step("Lint", {"paths": "Dockerfile", "fail-on": "error"}, workspace, tmp_path)
    assert (quiet.returncode, quiet.stdout) == (0, lines[1] + "\n")


@pytest.mark.skipif(not DLINT.exists(), reason="the dlint command is not installed beside this Python")
def test_paths_are_never_run_as_shell_code(workspace: Path, tmp_path: Path) -> None:
    result = _run_step("Lint", {"paths": "$(touch pwned) `touch pwned2` ;touch pwned3"}, workspace, tmp_path)
    assert result.returncode == 2
    assert "$(touch" in result.stderr
    assert sorted(path.name for path in workspace.iterdir()) == ["-odd", ".git", "Dockerfile"]


@pytest.mark.skipif(not DLINT.exists(), reason="the dlint command is not installed beside this Python")
def test_sarif_step_writes_the_report_without_failing(workspace: Path, tmp_path: Path) -> None:
    result = _run_step("Write SARIF", {"sarif-file": "out/dlint.sarif", "paths": "Dockerfile"}, workspace, tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    report = json.loads((workspace / "out" / "dlint.sarif").read_text())
    assert report["version"] == "2.1.0"
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in report["runs"][0]["results"]] == [
        ("DL3006", "Dockerfile")
    ]


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"upload-sarif": "true"}, "::error title=dlint action::upload-sarif needs sarif-file, the report to upload\n"),
        ({"upload-sarif": "yes", "sarif-file": "a.sarif"}, "::error title=dlint action::upload-sarif must be true or false\n"),
    ],
)
def test_install_step_refuses_inconsistent_inputs_before_installing(inputs: dict, message: str, tmp_path: Path) -> None:
    result = _run_step("Install dlint", inputs, tmp_path, tmp_path)
    assert (result.returncode, result.stdout) == (2, message)
    assert not (tmp_path / "runner-temp").exists()
