"""Plugins: rules of other packages, registered in the ``dlint.rules`` entry-point group.

The example plugin (fixtures/plugins/dlint-example-plugin) is installed with pip into a
temporary folder (offline, no build isolation, no dependencies) that only the
subprocesses of these tests have on PYTHONPATH: it never reaches .venv.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dlint.engine import plugins

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "plugins" / "dlint-example-plugin"
UNLABELLED = "FROM alpine:latest\nRUN echo hi\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the example plugin, installed by pip."""
    root = tmp_path_factory.mktemp("plugin")
    source = root / "source"
    shutil.copytree(FIXTURE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    target = root / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "--target", str(target), str(source)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert list(target.glob("dlint_example_plugin-*.dist-info/entry_points.txt"))
    return target


def dlint(cwd: Path, *arguments: str, path: list[Path] = ()) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "DLINT_NO_PLUGINS")}
    if path:
        env["PYTHONPATH"] = os.pathsep.join(str(folder) for folder in path)
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "dlint", *arguments], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def project(tmp_path: Path, dockerfile: str = UNLABELLED, config: str | None = None) -> Path:
    (tmp_path / "Dockerfile").write_text(dockerfile)
    if config is not None:
        (tmp_path / ".dlint.toml").write_text(config)
    return tmp_path


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def codes(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [finding["code"] for finding in json.loads(result.stdout)]


# -- the example plugin -------------------------------------------------------------------


def test_plugin_finding_is_reported(site: Path, tmp_path: Path) -> None:
    result = dlint(project(tmp_path), "check", "--format", "json", "--select", "EXA001", ".", path=[site])
    assert result.returncode == 1, result.stderr
    [finding] = json.loads(result.stdout)
    assert (finding["code"], finding["name"], finding["line"], finding["column"]) == ("EXA001", "example-missing-source-label", 1, 6)
    assert finding["message"] == "the final stage sets no org.opencontainers.image.source label"


def test_plugin_rule_is_on_by_default_beside_the_built_in_rules(site: Path, tmp_path: Path) -> None:
    result = dlint(project(tmp_path, "FROM alpine\n"), "check", "--format", "json", ".", path=[site])
    assert codes(result) == ["DL3006", "EXA001"]  # the built-in rules still run


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--select", "EXA"], ["EXA001"]),  # a prefix of the plugin's codes
        (["--select", "example-missing-source-label"], ["EXA001"]),  # its name
        (["--select", "EXA001,DL3007", "--ignore", "EXA001"], ["DL3007"]),
        (["--select", "EXA001", "--ignore", "example-missing-source-label"], []),
    ],
)
def test_plugin_rule_is_selectable(site: Path, tmp_path: Path, options: list[str], expected: list[str]) -> None:
    result = dlint(project(tmp_path), "check", "--format", "json", *options, ".", path=[site])
    assert sorted(set(codes(result))) == expected, result.stderr


def test_plugin_rule_config_options_severity_and_suppression(site: Path, tmp_path: Path) -> None:
    config = '[tool.dlint]\nselect = ["EXA001"]\n[tool.dlint.severity]\nEXA001 = "error"\n[tool.dlint.options.EXA001]\nlabel = "com.acme.team"\n'
    dockerfile = 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nLABEL org.opencontainers.image.source="https://x"\n'
    (tmp_path / "pyproject.toml").write_text(config)
    (tmp_path / "Dockerfile").write_text(dockerfile)
    result = dlint(tmp_path, "check", "--format", "json", ".", path=[site])
    [finding] = json.loads(result.stdout)
    assert (finding["severity"], finding["line"], finding["message"]) == ("error", 2, "the final stage sets no com.acme.team label")
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20 AS build\n# dlint: ignore=EXA001 -- labelled by CI\nFROM alpine:3.20\n")
    assert dlint(tmp_path, "check", "--format", "json", ".", path=[site]).stdout.strip() == "[]"
    (tmp_path / "Dockerfile").write_text("# hadolint ignore=example-missing-source-label\nFROM alpine:3.20\n")
    assert dlint(tmp_path, "check", "--format", "json", ".", path=[site]).stdout.strip() == "[]"


def test_an_unused_suppression_of_a_plugin_rule_is_reported(site: Path, tmp_path: Path) -> None:
    dockerfile = '# dlint: ignore=EXA001\nFROM alpine:3.20\nLABEL org.opencontainers.image.source="https://x"\n'
    result = dlint(project(tmp_path, dockerfile), "check", "--format", "json", "--select", "EXA001,DF002", ".", path=[site])
    found = [(finding["code"], finding["line"], finding["message"]) for finding in json.loads(result.stdout)]
    assert found == [("DF002", 1, "suppression of EXA001 is unused: no EXA001 finding here")], result.stderr


def test_plugin_rule_is_documented(site: Path, tmp_path: Path) -> None:
    page = dlint(tmp_path, "rule", "EXA001", path=[site])
    assert page.returncode == 0, page.stderr
    assert "Why is this bad?" in page.stdout and "org.opencontainers.image.source" in page.stdout
    assert dlint(tmp_path, "rule", "example-missing-source-label", path=[site]).stdout == page.stdout
    listing = dlint(tmp_path, "rules", path=[site])
    assert any(line.startswith("EXA001 ") and "example-missing-source-label" in line for line in listing.stdout.splitlines())
    rows = json.loads(dlint(tmp_path, "rules", "--format", "json", path=[site]).stdout)
    assert {"code": "EXA001", "kind": "dockerfile", "default_enabled": True}.items() <= next(row for row in rows if row["code"] == "EXA001").items()


def test_plugin_rule_in_sarif(site: Path, tmp_path: Path) -> None:
    result = dlint(project(tmp_path), "check", "--format", "sarif", "--select", "EXA001", ".", path=[site])
    run = json.loads(result.stdout)["runs"][0]
    [rule] = [rule for rule in run["tool"]["driver"]["rules"] if rule["id"] == "EXA001"]
    assert rule["helpUri"] == "https://example.com/dlint-example-plugin/EXA001"  # the rule's url, not a dlint page
    assert [item["ruleId"] for item in run["results"]] == ["EXA001"]


def test_plugins_can_be_turned_off(site: Path, tmp_path: Path) -> None:
    env_off = {**os.environ, "DLINT_NO_PLUGINS": "1", "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-m", "dlint", "check", "--format", "json", "."], cwd=project(tmp_path), env=env_off, capture_output=True, text=True, timeout=120)
    assert "EXA001" not in codes(result)


def test_the_example_plugin_is_not_installed_in_this_environment() -> None:
    assert not [point for point in plugins.entry_points() if "example" in point.distribution]


# -- broken plugins -----------------------------------------------------------------------


def broken(tmp_path: Path, module: str, entry: str) -> Path:
    """A folder with a distribution ``dlint-broken`` whose module is ``module`` (text)."""
    site = tmp_path / "broken-site"
    (site / "dlint_broken.py").parent.mkdir(parents=True, exist_ok=True)
    (site / "dlint_broken.py").write_text(module)
    info = site / "dlint_broken-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: dlint-broken\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[console_scripts]\nx = y:z\n\n[dlint.rules]\n{entry}\n")
    return site


RULE = '''
from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation

class Bad(Rule):
    """A rule.

    ## Why is this bad?
    Because.
    """

    code = {code!r}
    name = {name!r}
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        return ()
'''


@pytest.mark.parametrize(
    ("module", "entry", "message"),
    [
        ("import not_a_module_anywhere\n", "BRK = dlint_broken", "cannot import dlint_broken: ModuleNotFoundError: No module named 'not_a_module_anywhere'"),
        ("raise RuntimeError('boom')\n", "BRK = dlint_broken", "cannot import dlint_broken: RuntimeError: boom"),
        ("X = 1\n", "BRK = dlint_broken:X", "X is not a subclass of dlint.engine.rule.Rule in dlint_broken"),
        ("X = 1\n", "BRK = dlint_broken", "module dlint_broken defines no rule"),
        (RULE.format(code="DL9001", name="bad-rule"), "BRK = dlint_broken:Bad", "code 'DL9001' starts with a prefix dlint reserves"),
        (RULE.format(code="DLX001", name="bad-rule"), "BRK = dlint_broken:Bad", "code 'DLX001' starts with a prefix dlint reserves"),
        (RULE.format(code="brk1", name="bad-rule"), "BRK = dlint_broken:Bad", "code 'brk1' is not 2 to 4 capital letters then 3 or 4 digits"),
        (RULE.format(code="BRK001", name="Bad Rule"), "BRK = dlint_broken:Bad", "name 'Bad Rule' is not kebab-case"),
        (RULE.format(code="BRK001", name="no-user"), "BRK = dlint_broken:Bad", "'no-user' is already used by dlint's DF010"),
        ("oops", "BRK dlint_broken", "'BRK dlint_broken' is not `name = module` or `name = module:Class`"),
    ],
)
@pytest.mark.parametrize("command", [["check", "."], ["rules"], ["rule", "DL3006"]])
def test_broken_plugin_is_a_located_error(tmp_path: Path, module: str, entry: str, message: str, command: list[str]) -> None:
    site = broken(tmp_path, module, entry)
    result = dlint(project(_folder(tmp_path / "work")), *command, path=[site])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stderr.startswith("dlint: plugin dlint_broken 1.0")
    assert message in result.stderr, result.stderr
    if "=" in entry:
        assert f"entry point {entry.split(' = ')[0]} = {entry.split(' = ')[1]!r}" in result.stderr
        assert str(site / "dlint_broken-1.0.dist-info" / "entry_points.txt") in result.stderr


def test_two_plugins_sharing_a_code(site: Path, tmp_path: Path) -> None:
    other = broken(tmp_path, RULE.format(code="EXA001", name="another-rule"), "EXA001 = dlint_broken:Bad")
    result = dlint(project(_folder(tmp_path / "work")), "check", ".", path=[site, other])
    assert result.returncode == 2
    assert "'EXA001' is already used by EXA001 of plugin dlint_example_plugin 0.1.0" in result.stderr


# -- discovery ----------------------------------------------------------------------------


def test_entry_points_are_read_from_the_metadata_folders(tmp_path: Path) -> None:
    site = broken(tmp_path, "X = 1\n", "BRK = dlint_broken:X")
    (site / "other-2.0.dist-info").mkdir()
    (site / "other-2.0.dist-info" / "entry_points.txt").write_text("[console_scripts]\ndlint.rules = a:b\n")
    (site / "old-1.0.egg-info").mkdir()
    (site / "old-1.0.egg-info" / "entry_points.txt").write_text("[dlint.rules]\nOLD = old_rules [extra]\n")
    found = plugins.entry_points([str(site), str(tmp_path / "missing")])
    assert [(point.name, point.value, point.distribution) for point in found] == [
        ("BRK", "dlint_broken:X", "dlint_broken 1.0"),
        ("OLD", "old_rules", "old 1.0"),
    ]


def test_a_plain_check_without_plugins_does_not_import_importlib_metadata(tmp_path: Path) -> None:
    project(tmp_path)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "dlint", "check", "Dockerfile"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "dlint.engine.plugins" in imported
    assert "importlib.metadata" not in imported


def test_a_plugin_rule_without_url_links_its_distribution_home_page(tmp_path: Path) -> None:
    site = broken(tmp_path, RULE.format(code="BRK001", name="broken-rule"), "BRK001 = dlint_broken:Bad")
    (site / "dlint_broken-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: dlint-broken\nVersion: 1.0\nProject-URL: Homepage, https://example.com/broken\n\nText.\n")
    result = dlint(project(_folder(tmp_path / "work")), "check", "--format", "sarif", "--select", "BRK001", ".", path=[site])
    rules = json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["helpUri"] for rule in rules if rule["id"] == "BRK001"] == ["https://example.com/broken"]


COMPOSE_RULE = '''
from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation

class NoHostNetwork(Rule):
    """Service uses the host network.

    ## Why is this bad?
    The team's policy.
    """

    code = "TEAM101"
    name = "team-no-host-network"
    severity = Severity.WARNING
    category = "security"
    security_severity = 6.0
    kind = "compose"

    def check_compose_service(self, ctx, service):
        mode = service.network_mode
        if mode is not None and mode.effective == "host":
            yield Violation(mode.span, f"service {service.name} uses the host network")
'''


def test_a_compose_plugin_rule_reports_and_is_suppressed_in_compose_files(tmp_path: Path) -> None:
    site = broken(tmp_path, COMPOSE_RULE, "team = dlint_broken")
    work = _folder(tmp_path / "work")
    (work / "compose.yaml").write_text("services:\n  a:\n    image: nginx:1.27\n    network_mode: host\n  b:\n    image: nginx:1.27\n    network_mode: host # dlint: ignore=TEAM101\n")
    result = dlint(work, "check", "--format", "json", "--select", "security", ".", path=[site])
    found = [(f["code"], f["line"], f["column"]) for f in json.loads(result.stdout) if f["code"].startswith("TEAM")]
    assert found == [("TEAM101", 4, 19)], result.stderr
