"""Reports under hostile content: control characters of the files never reach the
terminal raw, a report's size and time per finding are bounded whatever the file,
and file names that are not UTF-8 give valid reports in every format.

Runs dlint as users do (``tests/sandbox.py``) on copies of
``fixtures/robustness/<case>/``; big inputs and odd file names are made at test time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sandbox import run_dlint

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "robustness"
#: raw bytes that drive a terminal: C0 controls but tab and line feed, DEL, and the
#: UTF-8 of C1 controls and of the bidi controls
RAW_CONTROLS = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]")
SELECT = ("--select", "DF010,DL3008,DL3000,DC001")


def copy_case(name: str, tmp_path: Path) -> Path:
    target = tmp_path / "work"
    shutil.copytree(FIXTURES / name, target)
    return target


# -- terminal-escape-injection -------------------------------------------------------


ESCAPED_TEXT = """\
Dockerfile:1:1: DF010 [warning] no USER is set, so the image runs as root: create an unprivileged user and switch to it with USER
1 | FROM "\\x1b]0;pwned\\x07evil\\x1b[2J":1
  | ^^^^
Dockerfile:2:24: DL3008 [warning] Pin the version of `cu\\x1b[31mrl`: `apt-get install <package>=<version>`
2 | RUN apt-get install -y "cu\\x1b[31mrl"
  |                        ^^^^^^^^^^^^^^
Dockerfile:3:9: DL3000 [error] WORKDIR `rel\\x1b[1A\\x1b[2Kpath` is relative; use an absolute path
3 | WORKDIR rel\\x1b[1A\\x1b[2Kpath
  |         ^^^^^^^^^^^^^^^^^^^^^
Dockerfile:4:9: DL3000 [error] WORKDIR `docs\\u202eexe.txt` is relative; use an absolute path
4 | WORKDIR docs\\u202eexe.txt
  |         ^^^^^^^^^^^^^^^^^
compose.yaml:3:12: DC001 [warning] image nginx\\x1b[2J\\x1b]0;pwned\\x07 of service web has no tag, so Compose pulls latest; pin a version
3 |     image: "nginx\\e[2J\\e]0;pwned\\a"
  |            ^^^^^^^^^^^^^^^^^^^^^^^^

Found 5 problems (2 errors, 3 warnings) in 2 files.
"""

ESCAPED_GITHUB = """\
::warning file=Dockerfile,line=1,endLine=1,col=1,endColumn=4,title=DF010 no-user::no USER is set, so the image runs as root: create an unprivileged user and switch to it with USER
::warning file=Dockerfile,line=2,endLine=2,col=24,endColumn=34,title=DL3008 apt-get-version-not-pinned::Pin the version of `cu\\x1b[31mrl`: `apt-get install <package>=<version>`
::error file=Dockerfile,line=3,endLine=3,col=9,endColumn=23,title=DL3000 relative-workdir::WORKDIR `rel\\x1b[1A\\x1b[2Kpath` is relative; use an absolute path
::error file=Dockerfile,line=4,endLine=4,col=9,endColumn=20,title=DL3000 relative-workdir::WORKDIR `docs\\u202eexe.txt` is relative; use an absolute path
::warning file=compose.yaml,line=3,endLine=3,col=12,endColumn=35,title=DC001 compose-image-tag::image nginx\\x1b[2J\\x1b]0;pwned\\x07 of service web has no tag, so Compose pulls latest; pin a version
"""


@pytest.mark.parametrize(("format_name", "expected"), [("text", ESCAPED_TEXT), ("github", ESCAPED_GITHUB)])
def test_control_characters_of_the_files_are_shown_as_escapes(format_name: str, expected: str, tmp_path: Path) -> None:
    work = copy_case("terminal-escape-injection", tmp_path)
    assert b"\x1b]0;pwned\x07" in (work / "Dockerfile").read_bytes()
    result = run_dlint("check", *SELECT, "-f", format_name, "Dockerfile", "compose.yaml", cwd=work, env={"NO_COLOR": "1"})
    assert (result.returncode, result.stderr) == (1, b"")
    assert result.stdout.decode("utf-8") == expected
    assert RAW_CONTROLS.search(result.stdout) is None


@pytest.mark.parametrize("format_name", ["text", "github"])
def test_control_characters_of_a_file_name_are_shown_as_escapes(format_name: str, tmp_path: Path) -> None:
    work = copy_case("terminal-escape-injection", tmp_path)
    (work / "Dockerfile").rename(work / "Dockerfile.\x1b[1A\x1b[2K\u202ex")
    result = run_dlint("check", "--select", "DF010", "-f", format_name, ".", cwd=work)
    assert (result.returncode, result.stderr) == (1, b"")
    assert RAW_CONTROLS.search(result.stdout) is None
    first = result.stdout.decode("utf-8").splitlines()[0]
    if format_name == "text":
        assert first.startswith("Dockerfile.\\x1b[1A\\x1b[2K\\u202ex:1:1: DF010 [warning] no USER is set")
    else:
        assert first.startswith("::warning file=Dockerfile.\\x1b[1A\\x1b[2K\\u202ex,line=1,")


def test_machine_formats_keep_their_own_escaping(tmp_path: Path) -> None:
    work = copy_case("terminal-escape-injection", tmp_path)
    run = {name: run_dlint("check", *SELECT, "-f", name, "Dockerfile", "compose.yaml", cwd=work) for name in ("json", "checkstyle")}
    assert {name: result.returncode for name, result in run.items()} == {"json": 1, "checkstyle": 1}
    messages = [item["message"] for item in json.loads(run["json"].stdout)]
    assert messages[1] == "Pin the version of `cu\x1b[31mrl`: `apt-get install <package>=<version>`"
    assert b'"Pin the version of `cu\\u001b[31mrl`' in run["json"].stdout
    document = ET.fromstring(run["checkstyle"].stdout)  # XML 1.0 cannot hold ESC: U+FFFD instead
    errors = [error.get("message") for error in document.iter("error")]
    assert errors[1] == "Pin the version of `cu\ufffd[31mrl`: `apt-get install <package>=<version>`"
    for result in run.values():  # C0 controls escaped; bidi controls are valid JSON and XML text
        assert re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", result.stdout) is None


# -- text-report-quadratic -----------------------------------------------------------


def test_eight_thousand_findings_in_eight_thousand_lines(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("# syntax=docker/dockerfile:1\n" * 8000 + "FROM alpine\nCOPY app /app\n")
    result = run_dlint("check", "Dockerfile", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, b"")
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 3 * 8001 + 2
    assert lines[-1] == "Found 8001 problems (7999 errors, 2 warnings) in 1 file."
    assert lines[-5:-1] == [
        "Dockerfile:8001:6: DL3006 [warning] base image alpine has no tag: name a version tag so builds are repeatable",
        "8001 | FROM alpine",
        "     |      ^^^^^^",
        "",
    ]


def test_a_140_kb_suppression_comment_of_unknown_codes_gives_bounded_excerpts(tmp_path: Path) -> None:
    comment = "# dlint: ignore=" + ",".join(f"DL{number}" for number in range(20_000))
    (tmp_path / "Dockerfile").write_text(comment + "\nFROM alpine:3.19\nRUN true\n")
    assert len(comment) > 140_000
    result = run_dlint("check", "--select", "DF001", "Dockerfile", cwd=tmp_path)  # 6 GB of text before
    assert result.returncode == 1
    assert b"Error" not in result.stderr and b"Traceback" not in result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    assert max(map(len, lines)) <= 130
    assert lines[:3] == [
        "Dockerfile:1:17: DF001 [warning] dlint has no rule DL0: nothing to suppress",
        "1 | " + comment[:120] + "\u2026",
        "  | " + " " * 16 + "^^^",
    ]
    column = comment.index(",DL100,") + 2
    at = lines.index(f"Dockerfile:1:{column}: DF001 [warning] dlint has no rule DL100: nothing to suppress")
    assert lines[at + 1 : at + 3] == [
        "1 | \u2026" + comment[column - 21 : column + 99] + "\u2026",
        "  | " + " " * 21 + "^^^^^",
    ]
    assert len(result.stdout) <= 300 * (len(lines) // 3 + 1)


# -- non-utf8-file-name --------------------------------------------------------------


def _folder_with_an_undecodable_name(tmp_path: Path) -> Path:
    folder = tmp_path / "t"
    folder.mkdir(parents=True)
    (folder / "Dockerfile").write_text("FROM python:3.12\nCOPY app.py /app/\n")
    with open(os.path.join(os.fsencode(folder), b"Dockerfile.bad\xff"), "w") as handle:
        handle.write("FROM python:3.12\nCOPY app.py /app/\n")
    return folder


def _report(format_name: str, tmp_path: Path) -> str:
    folder = _folder_with_an_undecodable_name(tmp_path)
    result = run_dlint("check", "--select", "DF010", "-f", format_name, ".", cwd=folder)
    assert (result.returncode, result.stderr) == (1, b"")
    return result.stdout.decode("utf-8")  # valid UTF-8


def test_undecodable_name_in_text_and_github_shows_the_byte(tmp_path: Path) -> None:
    text = _report("text", tmp_path / "text")
    assert text.splitlines()[3:6] == [
        "Dockerfile.bad\\xff:1:1: DF010 [warning] no USER is set, so the image runs as root: create an unprivileged user and switch to it with USER",
        "1 | FROM python:3.12",
        "  | ^^^^",
    ]
    github = _report("github", tmp_path / "github")
    assert github.splitlines()[1] == (
        "::warning file=Dockerfile.bad\\xff,line=1,endLine=1,col=1,endColumn=4,title=DF010 no-user"
        "::no USER is set, so the image runs as root: create an unprivileged user and switch to it with USER"
    )


def test_undecodable_name_in_json_gitlab_and_checkstyle_is_a_replacement_character(tmp_path: Path) -> None:
    assert [item["path"] for item in json.loads(_report("json", tmp_path / "json"))] == ["Dockerfile", "Dockerfile.bad\ufffd"]
    issues = json.loads(_report("gitlab", tmp_path / "gitlab"))
    assert [issue["location"]["path"] for issue in issues] == ["Dockerfile", "Dockerfile.bad\ufffd"]
    assert len({issue["fingerprint"] for issue in issues}) == 2
    document = ET.fromstring(_report("checkstyle", tmp_path / "checkstyle").encode("utf-8"))
    assert [element.get("name") for element in document] == ["Dockerfile", "Dockerfile.bad\ufffd"]


def test_undecodable_name_in_sarif_is_its_percent_encoded_byte(tmp_path: Path) -> None:
    log = json.loads(_report("sarif", tmp_path))
    locations = [result["locations"][0]["physicalLocation"]["artifactLocation"] for result in log["runs"][0]["results"]]
    assert locations == [
        {"uri": "Dockerfile", "uriBaseId": "%SRCROOT%"},
        {"uri": "Dockerfile.bad%FF", "uriBaseId": "%SRCROOT%"},
    ]
