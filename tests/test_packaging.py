"""The distribution: its PyPI name, licence, version tag in the README, and what the sdist and
wheel carry (both built offline from a copy of this tree with `python -m build --no-isolation`)."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pathspec
import pytest

import dlint

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: ``dlint`` on PyPI is Duo Labs' Python security linter, which owns a top-level ``dlint`` package too
DISTRIBUTION = "dlint-docker"
#: the folders the test suite reads, carried whole by the sdist
SUITE_FOLDERS = ("tests", "fixtures", "rules", "scripts")
#: single files the sdist must carry (the suite and dev.py read them)
SUITE_FILES = {"LICENSE", "README.md", "dev.py", "pyproject.toml", "action.yml", ".pre-commit-hooks.yaml"}


def _section(title: str) -> str:
    """The README text under ``## title`` up to the next heading of that level."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.M | re.S)
    assert match, title
    return match.group(1)


def test_distribution_name_is_free_of_duo_labs_dlint() -> None:
    project = PYPROJECT["project"]
    assert project["name"] == DISTRIBUTION
    assert project["scripts"] == {"dlint": "dlint.__main__:main"}
    assert PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"] == ["dlint*"]


def test_readme_installs_the_distribution_by_its_name() -> None:
    install = _section("Install")
    assert f"pipx install {DISTRIBUTION}" in install
    assert f"uv tool install {DISTRIBUTION}" in install
    assert "Duo Labs" in install
    # nowhere may the README install the other project's distribution
    assert re.findall(r"\b(?:pip|pipx|uv pip|uv tool) install\s+dlint(?![-\w])", README) == []


def test_license_is_mit_as_an_spdx_expression() -> None:
    lines = (ROOT / "LICENSE").read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["MIT License", "", "Copyright (c) 2026 the dlint authors"]
    assert PYPROJECT["project"]["license"] == "MIT"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]


def test_readme_pre_commit_rev_is_the_version_tag() -> None:
    revs = re.findall(r"^\s*rev:\s*(\S+)\s*$", _section("pre-commit"), re.M)
    assert revs == [f"v{dlint.__version__}"]


def _build_requirements_met() -> str | None:
    """Why an offline build cannot run here, or None when it can."""
    if importlib.util.find_spec("build") is None:
        return "the `build` package is not installed (pip install -e '.[test]')"
    from importlib.metadata import PackageNotFoundError, version

    from packaging.requirements import Requirement

    for text in PYPROJECT["build-system"]["requires"]:
        requirement = Requirement(text)
        try:
            installed = version(requirement.name)
        except PackageNotFoundError:
            return f"an offline build needs {text}, which is not installed"
        if not requirement.specifier.contains(installed, prereleases=True):
            return f"an offline build needs {text}; {requirement.name} {installed} is installed"
    return None


def _tree_files(root: Path) -> list[Path]:
    """The files of the tree a fresh clone would hold: everything .gitignore does not ignore."""
    ignore = root / ".gitignore"
    spec = pathspec.GitIgnoreSpec.from_lines([".git/", *(ignore.read_text().splitlines() if ignore.exists() else [])])
    files = []
    for folder, folders, names in os.walk(root):
        relative = Path(folder).relative_to(root)
        folders[:] = sorted(name for name in folders if not spec.match_file(f"{(relative / name).as_posix()}/"))
        files.extend(relative / name for name in sorted(names) if not spec.match_file((relative / name).as_posix()))
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path, list[Path]]:
    """Build log, sdist, wheel (built from the sdist) and the copied tree's files."""
    reason = _build_requirements_met()
    if reason:
        pytest.skip(reason)
    base = tmp_path_factory.mktemp("packaging")
    source, out = base / "source", base / "dist"
    files = _tree_files(ROOT)
    for relative in files:
        (source / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relative, source / relative)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True, text=True, env=env, timeout=300,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return log, sdist, wheel, files


def test_build_prints_no_configuration_warning(built) -> None:
    log = built[0]
    assert [line for line in log.splitlines() if re.search(r"^WARNING\b|\w+Warning\b", line)] == []


def test_sdist_carries_the_test_suite_and_its_data(built) -> None:
    _, sdist, _, files = built
    top = f"dlint_docker-{dlint.__version__}/"
    assert sdist.name == f"dlint_docker-{dlint.__version__}.tar.gz"
    with tarfile.open(sdist) as archive:
        names = {member.name.removeprefix(top) for member in archive.getmembers() if member.isfile()}
    assert SUITE_FILES <= names
    expected = {path.as_posix() for path in files if path.parts[0] in SUITE_FOLDERS}
    assert {name for name in names if name.split("/")[0] in SUITE_FOLDERS} == expected
    # what setuptools' defaults leave out: helpers beside the tests, their data, the fixtures
    assert {"tests/conftest.py", "tests/sandbox.py", "tests/fuzzing.py"} <= names
    assert "tests/data/sarif-schema-2.1.0.json" in names and "fixtures/rules/DL3006.yml" in names
    assert [name for name in names if name.endswith((".pyc", ".pyo"))] == []


def test_wheel_metadata_names_the_distribution_and_licence(built) -> None:
    _, _, wheel, _ = built
    info = f"dlint_docker-{dlint.__version__}.dist-info"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"{info}/METADATA").decode()
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
        top_level = archive.read(f"{info}/top_level.txt").decode()
        license_text = archive.read(f"{info}/licenses/LICENSE").decode()
    headers = metadata.split("\n\n", 1)[0].splitlines()
    assert f"Name: {DISTRIBUTION}" in headers
    assert f"Version: {dlint.__version__}" in headers
    assert "License-Expression: MIT" in headers
    assert "License-File: LICENSE" in headers
    assert [line for line in headers if line.startswith("License:")] == []
    assert "dlint = dlint.__main__:main" in entry_points.splitlines()
    assert top_level.split() == ["dlint"]
    assert license_text == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert {name.split("/")[0] for name in names} == {"dlint", info}
