"""The command line: check (paths, stdin, formats, exit codes, fixes), rules, rule, config, debug."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dlint import __version__
from dlint.cli import app

RUNNER = CliRunner()
BAD = "FROM debian\nUSER root\n"
ONLY_MINE = ["--select", "DL3006,DL3002,DL3007,DL3025"]


def run(args: list[str], *, input: str | None = None, env: dict | None = None):
    return RUNNER.invoke(app, args, input=input, env={"NO_COLOR": "1", **(env or {})})


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "Dockerfile").write_text(BAD)
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "Dockerfile").write_text("FROM python:3.12\nCMD python app.py\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_defaults_to_the_current_folder_and_exits_1(project: Path) -> None:
    result = run(["check", *ONLY_MINE])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "Dockerfile:1:6: DL3006 [warning] base image debian has no tag: name a version tag so builds are repeatable"
    assert "api/Dockerfile:2:5: DL3025 [warning] CMD in shell form: write it as a JSON array (exec form)" in result.stdout
    assert result.stdout.rstrip().endswith(
        "Found 3 problems (3 warnings) in 2 files; 1 fixable with --fix --unsafe-fixes."
    )


def test_clean_files_exit_0(project: Path) -> None:
    result = run(["check", "api/Dockerfile", "--select", "DL3006"])
    assert (result.exit_code, result.stdout) == (0, "No problems found in 1 file.\n")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--fail-on", "error"], 0),
        (["--fail-on", "warning"], 1),
        (["--fail-on", "none"], 0),
        (["--exit-zero"], 0),
    ],
)
def test_fail_on_threshold(project: Path, args: list[str], code: int) -> None:
    assert run(["check", "Dockerfile", *ONLY_MINE, *args]).exit_code == code


def test_info_findings_are_printed_but_fail_only_with_fail_on_info(project: Path) -> None:
    (project / ".dlint.toml").write_text("severity = { DL3002 = 'info' }\n")
    info_only = ["check", "Dockerfile", "--select", "DL3002"]
    result = run(info_only)
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("Found 1 problem (1 info) in 1 file.")
    assert run([*info_only, "--fail-on", "info"]).exit_code == 1


def test_fail_on_from_config_and_severity_override(project: Path) -> None:
    (project / ".dlint.toml").write_text("fail-on = 'error'\n")
    assert run(["check", "Dockerfile", *ONLY_MINE]).exit_code == 0
    (project / ".dlint.toml").write_text("fail-on = 'error'\nseverity = { DL3002 = 'error' }\n")
    assert run(["check", "Dockerfile", *ONLY_MINE]).exit_code == 1


def test_select_ignore_extend_select_options(project: Path) -> None:
    result = run(["check", "Dockerfile", "--format", "json", "--select", "DL3006", "--extend-select", "root-user", "--ignore", "DL3006"])
    assert [item["code"] for item in json.loads(result.stdout)] == ["DL3002"]


def test_json_output_to_a_file(project: Path) -> None:
    result = run(["check", "Dockerfile", *ONLY_MINE, "--format", "json", "--output", "report.json"])
    assert (result.exit_code, result.stdout) == (1, "")
    data = json.loads((project / "report.json").read_text())
    assert [(item["code"], item["line"], item["column"]) for item in data] == [("DL3006", 1, 6), ("DL3002", 2, 6)]


def test_stdin_with_a_filename(project: Path) -> None:
    result = run(["check", "-", "--stdin-filename", "svc/Dockerfile", "--format", "json", *ONLY_MINE], input="FROM a:latest\n")
    assert [(item["path"], item["code"]) for item in json.loads(result.stdout)] == [("svc/Dockerfile", "DL3007")]


def test_forced_kind_for_odd_names(project: Path) -> None:
    (project / "build.conf").write_text(BAD)
    result = run(["check", "build.conf", "--kind", "dockerfile", "--format", "json", "--select", "DL3002"])
    assert [item["code"] for item in json.loads(result.stdout)] == ["DL3002"]


def test_unreadable_path_is_reported_and_others_still_linted(project: Path) -> None:
    os.symlink(project / "nowhere", project / "Dockerfile.broken")
    result = run(["check", "Dockerfile", "Dockerfile.broken", "missing", *ONLY_MINE, "--format", "json"])
    assert result.exit_code == 2
    assert [item["code"] for item in json.loads(result.stdout)] == ["DL3006", "DL3002"]
    assert "dlint: Dockerfile.broken: cannot read: No such file or directory" in result.stderr
    assert "dlint: missing: no such file or directory" in result.stderr


def test_config_errors_exit_2_naming_the_key(project: Path) -> None:
    (project / ".dlint.toml").write_text("selct = ['DL3006']\n")
    result = run(["check"])
    assert result.exit_code == 2
    assert f"dlint: {project / '.dlint.toml'}: unknown key 'selct'" in result.stderr
    (project / ".dlint.toml").write_text("")
    result = run(["check", "--select", "NOPE"])
    assert (result.exit_code, result.stderr.strip()) == (2, "dlint: --select: 'NOPE' is not a rule code, name or code prefix (`dlint rules` lists the rules)")


def test_usage_errors_exit_2(project: Path) -> None:
    assert run(["check", "--format", "yaml"]).exit_code == 2
    assert run(["check", "--bogus"]).exit_code == 2


def test_hadolint_config_is_honoured(project: Path) -> None:
    (project / ".hadolint.yaml").write_text("ignored:\n  - DL3006\nfailure-threshold: error\n")
    result = run(["check", "Dockerfile", *ONLY_MINE, "--format", "json"])
    assert result.exit_code == 0
    assert [item["code"] for item in json.loads(result.stdout)] == ["DL3002"]


def test_no_suppress(project: Path) -> None:
    (project / "Dockerfile").write_text("# dlint: ignore=DL3006\nFROM debian\n")
    assert json.loads(run(["check", "Dockerfile", "--select", "DL3006", "--format", "json"]).stdout) == []
    result = run(["check", "Dockerfile", "--select", "DL3006", "--format", "json", "--no-suppress"])
    assert len(json.loads(result.stdout)) == 1


def test_statistics_and_quiet(project: Path) -> None:
    result = run(["check", *ONLY_MINE, "--statistics"])
    assert result.stdout.splitlines() == [
        "1  DL3002      root-user",
        "1  DL3006      untagged-base-image",
        "1  DL3025  [-] shell-form-command",
        "Found 3 problems (3 warnings) in 2 files; 1 fixable with --fix --unsafe-fixes.",
    ]
    quiet = run(["check", "Dockerfile", *ONLY_MINE, "--quiet"])
    assert quiet.stdout.splitlines() == [
        "Dockerfile:1:6: DL3006 [warning] base image debian has no tag: name a version tag so builds are repeatable",
        "Dockerfile:2:6: DL3002 [warning] the image runs as root: end with USER set to an unprivileged user",
    ]


def test_fix_applies_safe_fixes_only_unless_unsafe_allowed(project: Path) -> None:
    target = project / "api" / "Dockerfile"
    result = run(["check", "api/Dockerfile", "--select", "DL3025", "--fix"])
    assert result.exit_code == 1 and target.read_text() == "FROM python:3.12\nCMD python app.py\n"
    result = run(["check", "api/Dockerfile", "--select", "DL3025", "--fix", "--unsafe-fixes"])
    assert result.exit_code == 0
    assert target.read_text() == 'FROM python:3.12\nCMD ["python", "app.py"]\n'
    assert result.stdout.splitlines() == ["Fixed 1 problem.", "No problems found in 1 file."]


def test_every_format_renders(project: Path) -> None:
    for name in ("text", "json", "sarif", "github", "gitlab", "checkstyle"):
        result = run(["check", "Dockerfile", *ONLY_MINE, "--format", name])
        assert result.exit_code == 1, name
        assert "DL3006" in result.stdout, name


def test_rules_rule_and_docs(tmp_path: Path) -> None:
    listing = run(["rules"])
    assert listing.exit_code == 0
    assert any(line.split()[:3] == ["DL3006", "untagged-base-image", "warning"] for line in listing.stdout.splitlines())
    rows = json.loads(run(["rules", "--format", "json"]).stdout)
    assert {"code": "DL3025", "fixable": True}.items() <= next(r for r in rows if r["code"] == "DL3025").items()
    page = run(["rule", "root-user"])
    assert page.stdout.startswith("# DL3002 root-user\n")
    assert run(["rule", "nope"]).exit_code == 2
    assert run(["rules", "--write-docs", str(tmp_path / "pages")]).exit_code == 0
    assert (tmp_path / "pages" / "DL3006.md").is_file() and (tmp_path / "pages" / "README.md").is_file()


def test_config_command_shows_effective_settings(project: Path) -> None:
    (project / ".dlint.toml").write_text("ignore = ['DL3006']\n")
    data = json.loads(run(["config"]).stdout)
    assert data["config-file"] == str(project / ".dlint.toml")
    assert data["ignore"] == ["DL3006"]
    assert "DL3006" not in data["selected-rules"] and "DL3002" in data["selected-rules"]


def test_config_command_says_which_shellcheck_it_would_use(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dlint.engine import shellcheck

    monkeypatch.setattr(shellcheck, "find_shellcheck", lambda: None)
    monkeypatch.setattr(shellcheck, "shellcheck_version", lambda: None)
    assert json.loads(run(["config"]).stdout)["shellcheck"] == {"path": None, "version": None}
    monkeypatch.setattr(shellcheck, "find_shellcheck", lambda: "/opt/bin/shellcheck")
    monkeypatch.setattr(shellcheck, "shellcheck_version", lambda: "0.11.0")
    assert json.loads(run(["config"]).stdout)["shellcheck"] == {"path": "/opt/bin/shellcheck", "version": "0.11.0"}


def test_debug_dockerfile(project: Path) -> None:
    result = run(["debug", "dockerfile", "Dockerfile"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["path"] == "Dockerfile"
    assert run(["debug", "dockerfile", "missing"]).exit_code == 2


def test_version() -> None:
    assert run(["--version"]).stdout == f"dlint {__version__}\n"


def test_python_m_dlint_and_large_output_through_a_closed_pipe(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM debian\n" + "CMD run\n" * 3000)
    command = [sys.executable, "-m", "dlint", "check", str(dockerfile), "--select", "DL3025"]
    full = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert full.returncode == 1
    assert full.stdout.count("DL3025") == 3000
    piped = subprocess.run(
        " ".join(command) + " | head -n 1", shell=True, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}
    )
    assert piped.stdout.count("DL3025") == 1
    assert piped.stderr == ""


def test_colour_follows_force_color_and_no_color(project: Path) -> None:
    coloured = run(["check", "Dockerfile", *ONLY_MINE], env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert "\x1b[1;33mDL3006\x1b[0m" in coloured.stdout
    plain = run(["check", "Dockerfile", *ONLY_MINE], env={"FORCE_COLOR": None})
    assert "\x1b[" not in plain.stdout


def test_fix_on_stdin_prints_the_fixed_text_and_reports_on_stderr(project: Path) -> None:
    result = run(["check", "-", "--select", "DL3025,DL3006", "--fix", "--unsafe-fixes"], input="FROM debian\nCMD run --fast\n")
    assert result.exit_code == 1
    assert result.stdout == 'FROM debian\nCMD ["run", "--fast"]\n'
    assert result.stderr.splitlines()[0] == "-:1:6: DL3006 [warning] base image debian has no tag: name a version tag so builds are repeatable"


def test_checking_a_dockerfile_imports_nothing_heavy(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM debian:12\nUSER 1000\nCMD run --fast\n")  # a finding with a fix
    code = (
        "import sys; from dlint.cli import run; sys.argv = ['dlint', 'check', 'Dockerfile']\n"
        "run()\n"
        "heavy = ('pydantic', 'yaml', 'ruamel', 'tree_sitter', 'sarif_om', 'jsonschema', 'rich',\n"
        "         'typer._adapters', 'pydantic.plugin._loader', 'dlint.models.compose', 'dlint.rules.compose.dc001_compose_image_tag')\n"
        "print(sorted(name for name in heavy if name in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "[]"


def test_a_short_json_report_does_not_import_orjson(tmp_path: Path) -> None:
    """orjson's import (≈ 10 ms) pays only over a long report (see STDLIB_OBJECTS)."""
    (tmp_path / "Dockerfile").write_text("FROM debian\nUSER 1000\n")
    code = "import sys; from dlint.cli import run; sys.argv = ['dlint', 'check', '--format', 'json', 'Dockerfile']\nrun()\nprint('orjson' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert '"code": "DL3006"' in result.stdout
    assert result.stdout.splitlines()[-1] == "False"


def test_a_dockerignore_is_read_without_importing_dataclasses(tmp_path: Path) -> None:
    """A build context's ``.dockerignore`` is read by plain classes: ``dataclasses``
    (which imports ``inspect``, ≈ 5 ms) stays out of an ordinary run."""
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nUSER 1000\n")
    (tmp_path / ".dockerignore").write_text("*.txt\n.git\n")
    (tmp_path / "requirements.txt").write_text("flask==3.0.3\n")
    # the command as installed (typer, which imports dataclasses, is not on this path):
    # each import is listed on stderr as it happens, the process ending with os._exit
    command = [sys.executable, "-X", "importtime", "-m", "dlint", "check", "--format", "json", "Dockerfile"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert '"code": "DF039"' in result.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")]
    assert "dlint.parsers.dockerignore" in imported
    assert "dataclasses" not in imported


def test_compose_files_alone_do_not_import_multiprocessing(tmp_path: Path) -> None:
    """Compose projects are linted whole in one piece: with no other work for a second
    process, ``multiprocessing`` (≈ 5 ms to import) is not imported, however many files."""
    for index in range(60):
        folder = tmp_path / f"app{index:02d}"
        folder.mkdir()
        (folder / "compose.yaml").write_text("services:\n  web:\n    image: nginx\n")
    code = "import sys; from dlint.cli import run; sys.argv = ['dlint', 'check', '--jobs', '2', '--format', 'json', '.']\nrun()\nprint('multiprocessing' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout.count('"code": "DC001"') == 60
    assert result.stdout.splitlines()[-1] == "False"


def test_a_rule_limited_to_some_instructions_is_imported_for_files_that_have_one(tmp_path: Path) -> None:
    label_rule = "dlint.rules.dockerfile.dl3048_invalid_label_key"
    code = (
        "import sys; from dlint.cli import run; sys.argv = ['dlint', 'check', *sys.argv[1:], '--format', 'json']\n"
        "run()\n"
        f"print({label_rule!r} in sys.modules)"
    )
    (tmp_path / "Dockerfile").write_text("FROM debian:12\nUSER 1000\n")
    (tmp_path / "Labelled.Dockerfile").write_text("FROM debian:12\nLABEL Bad_Key=1\nUSER 1000\n")
    without = subprocess.run([sys.executable, "-c", code, "Dockerfile"], cwd=tmp_path, capture_output=True, text=True)
    assert without.stdout.splitlines()[-1] == "False"
    assert '"code": "DL3048"' not in without.stdout
    both = subprocess.run([sys.executable, "-c", code, "Dockerfile", "Labelled.Dockerfile"], cwd=tmp_path, capture_output=True, text=True)
    assert both.stdout.splitlines()[-1] == "True"
    assert '"code": "DL3048"' in both.stdout


def test_a_compose_rule_is_imported_for_projects_whose_files_hold_one_of_its_keys(tmp_path: Path) -> None:
    """DC036 (privileged) is neither imported nor run for a project none of whose files
    writes ``privileged``; the files a project reads through ``include`` and ``extends``
    count too, though they are not among the files given."""
    privileged_rule = "dlint.rules.compose.dc036_compose_privileged"
    code = (
        "import sys; from dlint.cli import run; sys.argv = ['dlint', 'check', *sys.argv[1:], '--format', 'json']\n"
        "run()\n"
        f"print({privileged_rule!r} in sys.modules)"
    )
    files = {
        "plain/compose.yaml": "services:\n  web:\n    image: nginx:1.27\n",
        "written/compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
        "included/compose.yaml": "include:\n  - agent.yaml\nservices:\n  web:\n    image: nginx:1.27\n",
        "included/agent.yaml": "services:\n  agent:\n    image: alpine:3.20\n    privileged: true\n",
        "extended/compose.yaml": "services:\n  web:\n    extends:\n      file: base.yaml\n      service: base\n",
        "extended/base.yaml": "services:\n  base:\n    image: alpine:3.20\n    privileged: true\n",
    }
    for relative, text in files.items():
        (tmp_path / relative).parent.mkdir(exist_ok=True)
        (tmp_path / relative).write_text(text)
    imported = {}
    for folder in ("plain", "written", "included", "extended"):
        result = subprocess.run([sys.executable, "-c", code, f"{folder}/compose.yaml"], cwd=tmp_path, capture_output=True, text=True)
        imported[folder] = result.stdout.splitlines()[-1]
        found = [(item["path"], item["line"]) for item in json.loads("\n".join(result.stdout.splitlines()[:-1])) if item["code"] == "DC036"]
        assert found == ([("written/compose.yaml", 4)] if folder == "written" else [])
    assert imported == {"plain": "False", "written": "True", "included": "True", "extended": "True"}


def test_diff_shows_fixes_without_writing(project: Path) -> None:
    target = project / "api" / "Dockerfile"
    before = target.read_text()
    result = run(["check", "api/Dockerfile", "--select", "DL3025", "--diff", "--unsafe-fixes"])
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/api/Dockerfile\n"
        "+++ b/api/Dockerfile\n"
        "@@ -1,2 +1,2 @@\n"
        " FROM python:3.12\n"
        "-CMD python app.py\n"
        '+CMD ["python", "app.py"]\n'
    )
    assert target.read_text() == before
    safe_only = run(["check", "api/Dockerfile", "--select", "DL3025", "--diff"])
    assert (safe_only.exit_code, safe_only.stdout) == (0, "")


def test_nothing_to_lint_is_a_warning_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["check"])
    assert (result.exit_code, result.stdout) == (0, "No problems found in 0 files.\n")
    assert result.stderr == "dlint: warning: no Dockerfile or Compose file found under .\n"


def test_report_text_with_lone_surrogates_is_written_as_utf8_to_files_and_streams(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reporter that leaves a file name's undecodable byte in (U+DCFF) still gets its
    report written, the byte shown as U+FFFD, in the file and on stdout alike."""
    import io

    from dlint import cli_core as cli

    cli._emit("Dockerfile.bad\udcff:1:1 x\n", tmp_path / "report.txt")
    assert (tmp_path / "report.txt").read_bytes() == "Dockerfile.bad\ufffd:1:1 x\n".encode()
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    monkeypatch.setattr(sys, "stdout", stdout)
    cli._emit("Dockerfile.bad\udcff:1:1 x\n")
    assert stdout.buffer.getvalue() == "Dockerfile.bad\ufffd:1:1 x\n".encode()


def test_a_report_in_pieces_is_written_in_blocks_and_stops_when_the_reader_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from dlint import cli_core as cli

    class Reader(io.BytesIO):
        """A pipe whose reader leaves after the first block."""

        blocks = 0

        def write(self, data: bytes) -> int:
            Reader.blocks += 1
            if Reader.blocks > 1:
                raise BrokenPipeError
            return super().write(data)

    monkeypatch.setattr(cli, "_WRITE_SIZE", 10)
    monkeypatch.setattr(cli, "_discard", lambda stream: None)
    taken: list[str] = []

    def pieces():
        for piece in ("abcdef", "ghijkl\udcff", "mnopqrstuv", "wxyz"):
            taken.append(piece)
            yield piece

    stdout = io.TextIOWrapper(Reader(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    cli._emit(pieces())
    assert stdout.buffer.getvalue() == "abcdefghijkl\ufffd".encode()
    assert taken == ["abcdef", "ghijkl\udcff", "mnopqrstuv"] and Reader.blocks == 2  # nothing asked for after the pipe broke


def test_a_stream_that_cannot_encode_a_character_gets_a_replacement(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from dlint import cli_core as cli

    stdout = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict")
    monkeypatch.setattr(sys, "stdout", stdout)
    cli._emit("fix \u2192 done\n")
    assert stdout.buffer.getvalue() == b"fix ? done\n"


@pytest.mark.parametrize(
    ("text", "lines"),
    [("", []), ("a", ["a"]), ("a\n", ["a\n"]), ("a\r\nb", ["a\r\n", "b"]), ("a\x0cb\rc\n", ["a\x0cb\rc\n"])],
)
def test_diff_lines_are_split_at_line_feeds_only(text: str, lines: list[str]) -> None:
    from dlint import cli_core as cli

    assert cli._lines(text) == lines


def test_errors_on_stderr_show_control_characters_as_escapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["check", "no\x1b[2Jsuch"])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "no\\x1b[2Jsuch" in result.stderr


def test_debug_dockerfile_does_not_wait_on_a_fifo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    os.mkfifo("Dockerfile")
    result = run(["debug", "dockerfile", "Dockerfile"])
    assert (result.exit_code, result.stderr) == (2, "dlint: Dockerfile: not a regular file (a FIFO), not read\n")
