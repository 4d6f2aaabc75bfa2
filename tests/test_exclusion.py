"""What is left out of a run: exclude, extend-exclude and --force-exclude, vendored folders,
git's info/exclude and the user's excludes file, symlink loops across named paths."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sandbox import run_dlint

from dlint.engine.config import Settings, settings_from_dlint
from dlint.engine.discovery import discover, exclusion_for
from dlint.engine.git_excludes import core_excludes_file

FINDING = "FROM alpine\n"  # DL3006 only


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty home of the user: no git config or excludes file of the machine's user applies."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return folder


def _env(home: Path) -> dict[str, str]:
    return {"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "XDG_CONFIG_HOME": "", "GIT_CONFIG_GLOBAL": ""}


def _check(cwd: Path, home: Path, *args: str) -> tuple[int, list[str], str]:
    """Exit status, the paths of the findings (``--format json``) and stderr of ``dlint check``."""
    run = run_dlint("check", "--format", "json", "--select", "DL3006", *args, cwd=cwd, env=_env(home))
    paths = [finding["path"] for finding in json.loads(run.stdout)] if run.stdout else []
    return run.returncode, paths, run.stderr.decode()


def _found(paths: list[Path], settings: Settings, **options) -> list[str]:
    result = discover(paths, exclusion_for(settings, **options))
    assert result.errors == []
    return [str(item.path) for item in result.files]


# -- exclude, extend-exclude, --force-exclude ------------------------------------------


@pytest.fixture
def project(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "project"
    _write(folder, {
        ".dlint.toml": 'exclude = ["legacy/"]\nextend-exclude = ["gen/"]\n',
        "Dockerfile": FINDING, "legacy/Dockerfile": FINDING, "gen/Dockerfile": FINDING,
        "tmp/Dockerfile": FINDING, "vendor/Dockerfile": FINDING,
    })
    monkeypatch.chdir(folder)
    return folder


def test_named_files_are_linted_unless_force_exclude(project: Path, home: Path) -> None:
    named = ("legacy/Dockerfile", "gen/Dockerfile", "vendor/Dockerfile", "Dockerfile")
    assert _check(project, home, *named) == (1, sorted(named), "")  # the report is in path order
    assert _check(project, home, "--force-exclude", *named) == (1, ["Dockerfile"], "")
    (project / ".dlint.toml").write_text('exclude = ["legacy/"]\nforce-exclude = true\n')
    assert _check(project, home, "legacy/Dockerfile", "Dockerfile") == (1, ["Dockerfile"], "")
    assert _check(project, home, "--no-force-exclude", "legacy/Dockerfile") == (1, ["legacy/Dockerfile"], "")


def test_a_run_whose_named_files_are_all_excluded_is_clean_and_quiet(project: Path, home: Path) -> None:
    assert _check(project, home, "--force-exclude", "legacy/Dockerfile", "vendor") == (0, [], "")


def test_exclude_options_replace_and_extend_the_configured_lists(project: Path, home: Path) -> None:
    assert _check(project, home, ".") == (1, ["Dockerfile", "tmp/Dockerfile"], "")
    # --exclude replaces `exclude` (legacy/ is walked again); extend-exclude still applies
    assert _check(project, home, "--exclude", "tmp/", ".") == (1, ["Dockerfile", "legacy/Dockerfile"], "")
    assert _check(project, home, "--extend-exclude", "tmp/", "--extend-exclude", "/Dockerfile", ".") == (
        0, [], "dlint: warning: no Dockerfile or Compose file found under .\n",
    )


def test_command_line_globs_are_relative_to_the_working_folder(project: Path) -> None:
    settings = settings_from_dlint({"exclude": ["/tmp"]}, project, None, "test")
    kept = [str(project / name / "Dockerfile") for name in ("", "gen", "legacy")]
    assert _found([project], settings) == kept
    assert _found([project], settings, exclude=["/Dockerfile"]) == kept[1:] + [str(project / "tmp" / "Dockerfile")]
    os.chdir(project / "tmp")  # now "/Dockerfile" is tmp/Dockerfile
    assert _found([project], settings, exclude=["/Dockerfile"]) == kept


def test_force_exclude_leaves_out_named_folders(project: Path) -> None:
    settings = Settings(root=project, exclude=("legacy/",), force_exclude=True)
    result = discover([Path("legacy"), Path("legacy/Dockerfile")], exclusion_for(settings))
    assert (result.files, result.errors, result.excluded) == ([], [], [Path("legacy"), Path("legacy/Dockerfile")])


def test_config_keys_are_checked_and_shown(project: Path) -> None:
    from dlint.engine.config import ConfigError

    settings = settings_from_dlint({"extend-exclude": "gen/", "force-exclude": True, "vendored-folders": []}, project, None, "t")
    assert (settings.extend_exclude, settings.force_exclude, settings.vendored_folders) == (("gen/",), True, ())
    shown = settings.as_dict()
    assert (shown["extend-exclude"], shown["force-exclude"], shown["vendored-folders"]) == (["gen/"], True, [])
    assert Settings().as_dict()["vendored-folders"][:3] == ["vendor", "third_party", "node_modules"]
    with pytest.raises(ConfigError, match=r"^t: force-exclude: expected true or false, got 'yes'$"):
        settings_from_dlint({"force-exclude": "yes"}, project, None, "t")


# -- vendored folders ------------------------------------------------------------------


def test_vendored_folders_are_not_walked_unless_configured(tmp_path: Path, home: Path) -> None:
    _write(tmp_path, {
        "Dockerfile": FINDING, "vendor/Dockerfile": FINDING, "web/node_modules/x/Dockerfile": FINDING,
        "third_party/lib/Dockerfile": FINDING, "vendors/Dockerfile": FINDING,
    })
    assert _found([tmp_path], Settings(root=tmp_path)) == [str(tmp_path / "Dockerfile"), str(tmp_path / "vendors" / "Dockerfile")]
    assert _found([tmp_path], Settings(root=tmp_path, vendored_folders=("third_party",))) == [
        str(tmp_path / name / "Dockerfile") for name in ("", "vendor", "vendors", "web/node_modules/x")
    ]
    # a vendored folder named on the command line is walked
    assert _found([tmp_path / "vendor"], Settings(root=tmp_path)) == [str(tmp_path / "vendor" / "Dockerfile")]
    (tmp_path / ".dlint.toml").write_text("vendored-folders = []\n")
    assert _check(tmp_path, home, "-q", ".")[:2] == (1, [
        "Dockerfile", "third_party/lib/Dockerfile", "vendor/Dockerfile", "vendors/Dockerfile", "web/node_modules/x/Dockerfile",
    ])


def test_only_folders_below_the_root_count_as_vendored_for_force_exclude(tmp_path: Path) -> None:
    root = tmp_path / "vendor" / "project"
    _write(root, {"Dockerfile": FINDING, "vendor/Dockerfile": FINDING})
    settings = Settings(root=root, force_exclude=True)
    assert _found([root / "Dockerfile", root / "vendor" / "Dockerfile"], settings) == [str(root / "Dockerfile")]


# -- git's other ignore files ----------------------------------------------------------


def test_info_exclude_and_the_user_excludes_file_apply_like_gitignore(tmp_path: Path, home: Path) -> None:
    repo = tmp_path / "repo"
    _write(repo, {
        ".git/info/exclude": "# local\nscratch/\n",
        ".gitignore": "!keep.Dockerfile\n",
        "Dockerfile": "", "scratch/Dockerfile": "", "svc/scratch/Dockerfile": "",
        "drop.Dockerfile": "", "keep.Dockerfile": "", "svc/Dockerfile": "",
    })
    _write(home, {".config/git/ignore": "*.Dockerfile\n"})
    expected = [str(repo / "Dockerfile"), str(repo / "keep.Dockerfile"), str(repo / "svc" / "Dockerfile")]
    assert _found([repo], Settings(root=repo)) == expected
    # from a folder inside the repository: its patterns are relative to the repository's top
    assert _found([repo / "svc"], Settings(root=repo)) == [str(repo / "svc" / "Dockerfile")]


def test_core_excludes_file_wins_over_the_default_file(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    _write(repo, {".git/HEAD": "", "a.Dockerfile": "", "b.Dockerfile": "", "c.Dockerfile": ""})
    _write(home, {".config/git/ignore": "a.Dockerfile\n", "mine/ignore": "b.Dockerfile\n"})
    assert [Path(p).name for p in _found([repo], Settings(root=repo))] == ["b.Dockerfile", "c.Dockerfile"]
    _write(home, {".gitconfig": '[user]\n  excludesFile = nothing\n[core]\n\texcludesFile = "~/mine/ignore" ; set\n'})
    assert [Path(p).name for p in _found([repo], Settings(root=repo))] == ["a.Dockerfile", "c.Dockerfile"]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg"))  # the default moves; core.excludesFile still wins
    assert [Path(p).name for p in _found([repo], Settings(root=repo))] == ["a.Dockerfile", "c.Dockerfile"]
    (home / ".gitconfig").unlink()
    _write(home, {"xdg/git/ignore": "c.Dockerfile\n"})
    assert [Path(p).name for p in _found([repo], Settings(root=repo))] == ["a.Dockerfile", "b.Dockerfile"]
    # the repository's own config is read last
    _write(repo, {".git/config": "[core]\n\texcludesfile = local-ignore\n", "local-ignore": "a.Dockerfile\n"})
    assert [Path(p).name for p in _found([repo], Settings(root=repo))] == ["b.Dockerfile", "c.Dockerfile"]


def test_a_worktree_git_file_leads_to_the_common_info_exclude(tmp_path: Path, home: Path) -> None:
    _write(tmp_path, {
        "main/.git/info/exclude": "gen/\n",
        "main/.git/worktrees/wt/commondir": "../..\n",
        "wt/.git": f"gitdir: {tmp_path / 'main/.git/worktrees/wt'}\n",
        "wt/Dockerfile": "", "wt/gen/Dockerfile": "",
    })
    assert _found([tmp_path / "wt"], Settings(root=tmp_path / "wt")) == [str(tmp_path / "wt" / "Dockerfile")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("[core]\n\texcludesFile = ~/.gitignore_global\n", "~/.gitignore_global"),
        ('[CORE]\nexcludesfile="/a b/ignore" # why\n', "/a b/ignore"),
        ("[core] excludesFile = x\n[core]\nexcludesFile = y\n", "y"),
        ('[core "sub"]\nexcludesFile = x\n', None),
        ("[user]\nexcludesFile = x\n", None),
        ("excludesFile = x\n", None),
        ('[core]\nexcludesFile = "a\\"b"\n', 'a"b'),
    ],
)
def test_core_excludes_file_is_read_from_git_config(text: str, value: str | None) -> None:
    assert core_excludes_file(text) == value


# -- symlink loops across named paths --------------------------------------------------


def test_named_folders_that_reach_one_another_lint_each_file_once(tmp_path: Path, home: Path) -> None:
    _write(tmp_path, {"one/Dockerfile": FINDING, "two/Dockerfile": FINDING})
    (tmp_path / "one" / "up").symlink_to("..")
    (tmp_path / "one" / "self").symlink_to(".")
    assert _check(tmp_path, home, "one", "one/self", "one/up", "one/self/self/up") == (
        1, ["one/Dockerfile", "one/up/two/Dockerfile"], "",
    )
