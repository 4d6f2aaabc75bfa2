""".dockerignore parsing (Docker's semantics) and the build-context facts given to rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlint.engine.surroundings import BuildContext, dockerfile_surroundings
from dlint.parsers.dockerignore import clean_path, context_path, parse_dockerignore


def _excluded(text: str, path: str) -> bool:
    return parse_dockerignore(text).excluded(path)


def test_comments_blanks_and_positions() -> None:
    ignore = parse_dockerignore("# comment\n\n  node_modules  \n!keep.txt\n #not-a-comment\r\n")
    assert [(p.pattern, p.negated, p.line, p.column) for p in ignore.patterns] == [
        ("node_modules", False, 3, 3),
        ("keep.txt", True, 4, 1),
        ("#not-a-comment", False, 5, 2),
    ]
    assert ignore.patterns[1].text == "!keep.txt"


def test_byte_order_mark_and_lone_bang() -> None:
    ignore = parse_dockerignore("\ufeff.git\n!\n")
    assert [p.pattern for p in ignore.patterns] == [".git"]
    assert ignore.problems and ignore.problems[0][:2] == (2, 1)


@pytest.mark.parametrize(
    ("written", "cleaned"),
    [("/node_modules/", "node_modules"), ("./a//b/../c", "a/c"), ("dist/", "dist"), ("!/x", "x")],
)
def test_patterns_are_cleaned_and_leading_slash_dropped(written: str, cleaned: str) -> None:
    assert parse_dockerignore(written).patterns[0].pattern == cleaned


def test_clean_path_like_go() -> None:
    assert clean_path("") == "."
    assert clean_path("//a/b/") == "/a/b"
    assert context_path("./src/") == "src"
    assert context_path("/") == "."
    assert context_path(".") == "."


def test_last_matching_pattern_wins() -> None:
    assert not _excluded("*.md\n!README.md\n", "README.md")
    assert _excluded("!README.md\n*.md\n", "README.md")
    assert _excluded("*.md\n!README.md\n", "CHANGES.md")
    decided = parse_dockerignore("*.md\n!README.md\n").match("README.md")
    assert decided is not None and decided.negated and decided.line == 2


def test_root_relative_not_any_depth() -> None:
    assert _excluded("node_modules\n", "node_modules")
    assert not _excluded("node_modules\n", "web/node_modules")
    assert not _excluded("*.pyc\n", "pkg/mod.pyc")
    assert _excluded("*/*.pyc\n", "pkg/mod.pyc")


def test_double_star() -> None:
    assert _excluded("**/node_modules\n", "node_modules")
    assert _excluded("**/node_modules\n", "web/app/node_modules")
    assert _excluded("**/node_modules\n", "web/node_modules/x/index.js")
    assert _excluded("docs/**\n", "docs/a/b.md")
    assert _excluded("**\n", "anything/at/all")
    assert _excluded("a/**/b\n", "a/b")
    assert _excluded("a/**/b\n", "a/x/y/b")
    assert _excluded("**/*.log\n", "logs/x/app.log")
    assert not _excluded("**/*.log\n", "logs/app.log.gz")


def test_single_star_and_question_mark_stay_in_one_folder() -> None:
    assert _excluded("build*\n", "build-output")
    assert not _excluded("a*b\n", "a/b")
    assert _excluded("file?.txt\n", "file1.txt")
    assert not _excluded("file?.txt\n", "file/.txt")


def test_character_classes_follow_go() -> None:
    assert _excluded("[abc].txt\n", "b.txt")
    assert _excluded("[^abc].txt\n", "d.txt")
    assert not _excluded("[^abc].txt\n", "a.txt")
    assert _excluded("[!a].txt\n", "!.txt")  # Go has no [! negation
    assert _excluded("\\*.txt\n", "*.txt")
    assert not _excluded("\\*.txt\n", "a.txt")


def test_a_matched_folder_excludes_everything_below() -> None:
    assert _excluded("build\n", "build/lib/x.so")
    assert _excluded("build/\n", "build/lib/x.so")
    assert _excluded("build/\n", "build")  # the trailing / is cleaned away: files match too
    assert not _excluded("build\n", "builder/x")


def test_reinclusion_inside_an_excluded_folder() -> None:
    ignore = parse_dockerignore("config\n!config/default.yml\n")
    assert ignore.excluded("config/secret.yml")
    assert not ignore.excluded("config/default.yml")
    assert ignore.may_reinclude_below("config")
    assert not parse_dockerignore("config\n!other\n").may_reinclude_below("config")
    assert parse_dockerignore("config\n!**/*.yml\n").may_reinclude_below("config")


def test_allowlist() -> None:
    ignore = parse_dockerignore("*\n!src\n!package.json\n")
    assert ignore.excluded(".git")
    assert ignore.excluded(".git/HEAD")
    assert not ignore.excluded("src/index.js")
    assert not ignore.excluded("package.json")


def test_context_root_and_outside_never_excluded() -> None:
    ignore = parse_dockerignore("*\n")
    assert not ignore.excluded(".")
    assert not ignore.excluded("./")
    assert not ignore.excluded("../x")


# -- surroundings ---------------------------------------------------------------------


def _context(tmp_path: Path, files: dict[str, str], dockerfile: str = "Dockerfile", context: str | None = None) -> BuildContext:
    for relative, text in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    facts = dockerfile_surroundings(tmp_path / dockerfile, None if context is None else tmp_path / context)
    return facts["build_context"]


def test_stdin_has_no_surroundings() -> None:
    assert dockerfile_surroundings(None) == {}


def test_default_context_is_the_dockerfile_folder(tmp_path: Path) -> None:
    context = _context(tmp_path, {"app/Dockerfile": "FROM x\n", "app/.dockerignore": ".git\n", "app/node_modules/a": ""}, "app/Dockerfile")
    assert context.directory == tmp_path / "app"
    assert not context.explicit
    assert context.ignore_file == tmp_path / "app" / ".dockerignore"
    assert context.ignore_name == ".dockerignore"
    assert context.excluded(".git")
    assert context.exists("node_modules") and context.is_dir("node_modules")
    assert not context.exists(".venv")
    assert "node_modules" in context.names()


def test_dockerfile_specific_ignore_file_wins(tmp_path: Path) -> None:
    context = _context(
        tmp_path, {"Dockerfile.prod": "FROM x\n", "Dockerfile.prod.dockerignore": "a\n", ".dockerignore": "b\n"}, "Dockerfile.prod"
    )
    assert context.ignore_name == "Dockerfile.prod.dockerignore"
    assert context.excluded("a") and not context.excluded("b")


def test_explicit_context(tmp_path: Path) -> None:
    context = _context(
        tmp_path, {"docker/api.Dockerfile": "FROM x\n", ".dockerignore": "dist\n"}, "docker/api.Dockerfile", context="."
    )
    assert context.explicit
    assert context.directory == tmp_path
    assert context.ignore_name == "../.dockerignore"
    assert context.excluded("dist/app.js")
    assert context.nearby_ignore_file is None


def test_ignore_file_above_the_default_context_within_the_repository(tmp_path: Path) -> None:
    context = _context(
        tmp_path, {".git/HEAD": "", ".dockerignore": ".git\n", "docker/Dockerfile": "FROM x\n"}, "docker/Dockerfile"
    )
    assert context.ignore_file is None
    assert context.nearby_ignore_file == tmp_path / ".dockerignore"


def test_no_ignore_file(tmp_path: Path) -> None:
    context = _context(tmp_path, {"Dockerfile": "FROM x\n"})
    assert context.ignore_file is None and context.ignore is None and context.ignore_name is None
    assert not context.excluded("anything")
    assert context.match("anything") is None


def test_rules_stay_silent_without_a_file_on_disk() -> None:
    from dlint.engine.config import Settings
    from dlint.engine.lint import lint_text

    text = "FROM python:3.12-slim\nCOPY . /app\nCOPY requirements.txt /app/\n"
    settings = Settings(select=["DF037", "DF038", "DF039"])
    assert lint_text(text, settings=settings) == []


def test_cli_reports_a_missing_dockerignore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dlint.engine.config import Settings
    from dlint.engine.lint import Linter, read_source

    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nCOPY . /app\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = Linter(Settings(select=["DF037"])).lint([read_source(Path("Dockerfile"), "dockerfile")])
    assert [(finding.code, finding.span.line, finding.span.column) for finding in result.findings] == [("DF037", 2, 6)]
    (tmp_path / ".dockerignore").write_text(".git\n", encoding="utf-8")
    assert Linter(Settings(select=["DF037"])).lint([read_source(Path("Dockerfile"), "dockerfile")]).findings == []


def test_head_reads_regular_files_inside_the_context_only(tmp_path: Path) -> None:
    """A file is read through links that stay inside the context, never through one that
    leaves it, nor when it is itself a link, a folder or missing."""
    context = tmp_path / "app"
    (context / "bin").mkdir(parents=True)
    (context / "bin" / "run.sh").write_text("#!/bin/sh\necho run\n")
    (context / "deep" / "er").mkdir(parents=True)
    (context / "deep" / "er" / "x.sh").write_text("#!/bin/bash\n")
    (tmp_path / "outside.sh").write_text("#!/bin/sh\nsecret\n")
    (context / "tools").symlink_to(context / "bin")  # a folder link that stays inside
    (context / "away").symlink_to(tmp_path)  # a folder link that leaves the context
    (context / "alias.sh").symlink_to(context / "bin" / "run.sh")  # the file itself a link
    build = dockerfile_surroundings(context / "Dockerfile")["build_context"]
    assert build.head("bin/run.sh", 9) == b"#!/bin/sh"
    assert build.head("./bin//run.sh", 2) == b"#!"
    assert build.head("deep/er/x.sh", 11) == b"#!/bin/bash"
    assert build.head("tools/run.sh", 9) == b"#!/bin/sh"
    assert [build.head(name, 9) for name in ("away/outside.sh", "alias.sh", "bin", "nope.sh", "bin/run.sh/x", "../outside.sh")] == [None] * 6
    assert (build.exists("bin/run.sh"), build.is_dir("bin/"), build.exists("tools"), build.is_dir("tools"), build.exists("nope")) == (True, True, True, True, False)
