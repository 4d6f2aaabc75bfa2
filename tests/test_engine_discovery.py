"""File discovery: names, gitignore semantics, excludes, explicit files."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlint.engine.discovery import IgnoreList, compile_pattern, discover, file_kind, guess_kind, named_kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Dockerfile", "dockerfile"),
        ("dockerfile", "dockerfile"),
        ("Dockerfile.dev", "dockerfile"),
        ("api.Dockerfile", "dockerfile"),
        ("api.dockerfile", "dockerfile"),
        ("Containerfile", "dockerfile"),
        ("Containerfile.arm64", "dockerfile"),
        ("compose.yaml", "compose"),
        ("compose.yml", "compose"),
        ("compose.override.yaml", "compose"),
        ("docker-compose.yml", "compose"),
        ("docker-compose.prod.yaml", "compose"),
        ("docker-compose-dev.yml", "compose"),
        ("Dockerfile.dockerignore", None),
        ("dockerfile.py", None),
        ("app.containerfile", "dockerfile"),
        ("values.yaml", None),
        ("composer.json", None),
        ("README.md", None),
        ("Dockerfile.template", None),
        ("Dockerfile.j2", None),
        ("api.Dockerfile.tmpl", None),
        ("docker-compose.yml.j2", None),
    ],
)
def test_file_kind(name: str, kind: str | None) -> None:
    assert file_kind(name) == kind


def test_guess_kind_for_standard_input() -> None:
    assert guess_kind("build.txt") == "dockerfile"
    assert guess_kind("-") == "dockerfile"
    assert guess_kind("stack.yml") == "compose"
    assert guess_kind("Dockerfile.template") == "dockerfile"  # a template named on the command line is linted


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Dockerfile", "dockerfile"),
        ("Dockerfile.template", "dockerfile"),
        ("docker-compose.yml.j2", "compose"),
        ("stack.yml", "compose"),
        ("Dockerfile-dev", "dockerfile"),
        ("containerfile_arm64", "dockerfile"),
        ("Dockerfile.py", "dockerfile"),  # capitalised Dockerfile.* is a Dockerfile, as when walking
        ("dockerfile.py", None),
        ("build.py", None),
        ("entrypoint.sh", None),
        ("README.md", None),
        ("odd.txt", None),
        (".j2", None),
    ],
)
def test_named_kind(name: str, kind: str | None) -> None:
    assert named_kind(name) == kind


def ignored(patterns: list[str], path: str, is_dir: bool = False) -> bool | None:
    base = Path("/repo")
    return IgnoreList.from_lines(base, patterns).verdict(base / path, is_dir)


@pytest.mark.parametrize(
    ("patterns", "path", "is_dir", "verdict"),
    [
        (["build"], "build", True, True),
        (["build"], "a/b/build", False, True),
        (["/build"], "a/build", True, None),
        (["/build"], "build", True, True),
        (["build/"], "build", False, None),
        (["build/"], "x/build", True, True),
        (["*.tmp"], "a/b.tmp", False, True),
        (["a/*.tmp"], "a/b/c.tmp", False, None),
        (["a/**/c"], "a/c", True, True),
        (["a/**/c"], "a/x/y/c", True, True),
        (["**/logs"], "x/logs", True, True),
        (["logs/**"], "logs/a/b", False, True),
        (["docker/*", "!docker/keep"], "docker/keep", True, False),
        (["docker/*", "!docker/keep"], "docker/drop", True, True),
        (["Docker[fF]ile.old"], "DockerFile.old", False, True),
        (["file?"], "file1", False, True),
        (["file?"], "file10", False, None),
        (["\\#hash"], "#hash", False, True),
        (["# comment", ""], "comment", False, None),
        (["trailing   "], "trailing", False, True),
        (["x[--/]"], "x.", False, True),  # a range from "-" to "/"
        (["x[--/]"], "x0", False, None),
        (["x[a&&b]"], "x&", False, True),  # "&&" is no set operation in a glob
        (["x[~~]"], "x~", False, True),
        (["x[||]"], "x|", False, True),
    ],
)
@pytest.mark.filterwarnings("error")  # no FutureWarning about set operations from the regex compiler
def test_gitignore_semantics(patterns: list[str], path: str, is_dir: bool, verdict: bool | None) -> None:
    assert ignored(patterns, path, is_dir) is verdict


def test_blank_patterns_compile_to_nothing() -> None:
    assert compile_pattern("   ") is None
    assert compile_pattern("/") is None


def make_tree(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_walk_honours_gitignore_excludes_and_skipped_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path, {
        ".git/HEAD": "",
        ".gitignore": "build/\n*.generated.Dockerfile\n",
        "Dockerfile": "",
        "compose.yaml": "",
        "api/Dockerfile.dev": "",
        "api/.gitignore": "local/\n",
        "api/local/Dockerfile": "",
        "build/Dockerfile": "",
        "x.generated.Dockerfile": "",
        "node_modules/pkg/Dockerfile": "",
        ".venv/Dockerfile": "",
        "vendor/Dockerfile": "",
        "docs/notes.md": "",
    })
    monkeypatch.chdir(tmp_path)
    exclude = IgnoreList.from_lines(tmp_path, ["vendor/"])
    result = discover([Path(".")], exclude)
    assert [(str(f.path), f.kind) for f in result.files] == [
        ("Dockerfile", "dockerfile"),
        ("api/Dockerfile.dev", "dockerfile"),
        ("compose.yaml", "compose"),
    ]
    assert result.errors == []


def test_gitignore_above_the_walked_folder_applies_inside_a_repository(tmp_path: Path) -> None:
    make_tree(tmp_path, {".git/HEAD": "", ".gitignore": "gen/\n", "svc/gen/Dockerfile": "", "svc/Dockerfile": ""})
    result = discover([tmp_path / "svc"])
    assert [f.path.name for f in result.files] == ["Dockerfile"]
    assert result.files[0].path == tmp_path / "svc" / "Dockerfile"


def test_explicit_files_are_always_linted_and_kinds_can_be_forced(tmp_path: Path) -> None:
    make_tree(tmp_path, {".gitignore": "*\n", "Dockerfile-dev": "", "build/Dockerfile": "", "stack.yml": "", "odd.txt": ""})
    exclude = IgnoreList.from_lines(tmp_path, ["build/"])
    result = discover([tmp_path / "Dockerfile-dev", tmp_path / "build" / "Dockerfile", tmp_path / "stack.yml"], exclude)
    assert [(f.path.name, f.kind, f.explicit) for f in result.files] == [
        ("Dockerfile-dev", "dockerfile", True),
        ("Dockerfile", "dockerfile", True),
        ("stack.yml", "compose", True),
    ]
    forced = discover([tmp_path / "odd.txt"], kind="compose")
    assert [(f.path.name, f.kind) for f in forced.files] == [("odd.txt", "compose")]
    assert forced.errors == []


def test_a_named_file_of_no_known_kind_is_refused(tmp_path: Path) -> None:
    make_tree(tmp_path, {"x.py": "", "x.sh": "", "x.md": "", "Dockerfile": ""})
    result = discover([tmp_path / "x.py", tmp_path / "x.sh", tmp_path / "x.md", tmp_path / "Dockerfile"])
    assert [f.path.name for f in result.files] == ["Dockerfile"]
    assert result.errors == [
        f"{tmp_path / name}: not linted: its name is not that of a Dockerfile or Compose file "
        "(use --kind dockerfile or --kind compose to lint it)"
        for name in ("x.py", "x.sh", "x.md")
    ]


def test_missing_paths_are_errors_and_duplicates_collapse(tmp_path: Path) -> None:
    make_tree(tmp_path, {"Dockerfile": ""})
    result = discover([tmp_path, tmp_path / "Dockerfile", tmp_path / "missing"])
    assert len(result.files) == 1
    assert result.errors == [f"{tmp_path / 'missing'}: no such file or directory"]


def test_forced_kind_applies_to_named_files_only(tmp_path: Path) -> None:
    make_tree(tmp_path, {"Dockerfile": "", "compose.yaml": "", "odd": ""})
    result = discover([tmp_path, tmp_path / "odd"], kind="compose")
    assert [(f.path.name, f.kind) for f in result.files] == [
        ("Dockerfile", "dockerfile"), ("compose.yaml", "compose"), ("odd", "compose")
    ]
