"""Hostile file content (reproductions of ../shared/robustness, inputs made here):
expansion bombs, deep nesting, backtracking regular expressions, numbers past
``int()``'s limit, rule crashes found by fuzzing, terminal escapes, huge reports.
Each run ends within a memory cap and a time limit with exact output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sandbox import run_dlint, snapshot

#: seconds a run on hostile content may take here: the fixed code takes well under one,
#: the code before it took 15 s to forever on the same input
QUICK = 20


def _lint(tmp_path: Path, text: str, *args: str, name: str = "Dockerfile", select: str = "DF000", fix: bool = False):
    (tmp_path / name).write_text(text)
    before = snapshot(tmp_path)
    run = run_dlint("check", "-q", "--select", select, *(("--fix",) if fix else ()), *args, name, cwd=tmp_path, timeout=QUICK)
    if not fix:
        assert snapshot(tmp_path) == before
    return run.returncode, run.stdout.decode(), run.stderr.decode()


def _doubling_args(count: int) -> str:
    lines = ["FROM alpine:3.20", "ARG A0=xxxxxxxxxxxxxxxx"]
    lines += [f"ARG A{i}=${{A{i - 1}}}${{A{i - 1}}}" for i in range(1, count)]
    return "\n".join([*lines, f"RUN echo ${{A{count - 1}}}", ""])


@pytest.mark.parametrize("fix", [False, True])
def test_an_arg_expansion_bomb_is_one_finding(tmp_path: Path, fix: bool) -> None:
    assert _lint(tmp_path, _doubling_args(42), fix=fix) == (
        1,
        "Dockerfile:15:9: DF000 [error] variable expansion adds more than 65,536 characters; the value is treated as unknown\n",
        "",
    )


def test_nested_variable_defaults_are_one_finding(tmp_path: Path) -> None:
    text = "FROM alpine:3.20\nENV A=" + "${B:-" * 326 + "x" + "}" * 326 + "\n"
    assert _lint(tmp_path, text) == (
        1, "Dockerfile:2:7: DF000 [error] variable defaults nest more than 32 levels deep; the value is treated as unknown\n", ""
    )


def test_deeply_nested_json_in_cmd_is_read_as_shell_form(tmp_path: Path) -> None:
    text = "FROM alpine:3.20\nCMD " + "[" * 973 + "]" * 973 + "\n"
    assert _lint(tmp_path, text, select="DF000,DL3025") == (
        1,
        "Dockerfile:2:5: DF000 [error] CMD: the JSON array nests more than 32 levels deep: it is read as shell form\n"
        "Dockerfile:2:5: DL3025 [warning] CMD in shell form: write it as a JSON array (exec form)\n",
        "",
    )


def test_onbuild_onbuild_is_read_two_levels_deep(tmp_path: Path) -> None:
    text = "FROM alpine:3.20\n" + "ONBUILD " * 488 + "RUN true\n"
    assert _lint(tmp_path, text, select="DF000,DL3043") == (
        1,
        "Dockerfile:2:9: DL3043 [error] ONBUILD is not allowed as an ONBUILD trigger\n"
        "Dockerfile:2:17: DF000 [error] ONBUILD triggers nest more than 2 levels deep: the rest of the line is not read\n",
        "",
    )


def test_a_long_base64_blob_is_scanned_for_credentials_in_linear_time(tmp_path: Path) -> None:
    blob = ("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODkrLw" * 500)[:40_000]
    assert _lint(tmp_path, f"FROM alpine:3.20\nRUN echo {blob} | base64 -d > /x\n", select="DF020,DF021") == (0, "", "")
    compose = f"services:\n  app:\n    image: nginx:1\n    environment:\n      BLOB: {blob}\n"
    assert _lint(tmp_path, compose, name="compose.yaml", select="DC038") == (0, "", "")


def test_credential_helpers_finish_on_adversarial_text() -> None:
    """Every credential helper over 40 KB strings made to make a backtracking pattern
    retry at every position; in a child process so that a regression fails, not hangs."""
    script = """
from dlint.knowledge import credentials as c
texts = ["a" * 40000, "a:" * 20000, "a:a@" * 10000, "x://" * 10000, "a" * 39990 + "://u:p@h",
         "A1+/" * 10000, ":" * 40000, "@" * 40000, "/" * 40000, "https://" + "a" * 40000]
for text in texts:
    list(c.url_credentials(text)), c.url_passwords(text), c.credentials_in(text), c.literal_secret(text), c.secret_name(text)
print(c.url_passwords("a" * 39990 + "://u:pw@host"))
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=QUICK, check=False)
    assert (run.returncode, run.stderr) == (0, b"")
    assert run.stdout == b"[(39995, 39997)]\n"


def test_a_mangled_pip_mount_does_not_crash_df022(tmp_path: Path) -> None:
    assert _lint(tmp_path, "FROM python:3.12\nRUN t{=/pip install flask\n", select="DF022") == (0, "", "")


def test_a_4301_digit_port_is_an_invalid_port(tmp_path: Path) -> None:
    status, out, err = _lint(tmp_path, "FROM alpine:3.19\nEXPOSE " + "1" * 4301 + "\n", select="DL3011")
    assert (status, err) == (1, "")
    assert out == "Dockerfile:2:8: DL3011 [error] port 111111111111111111111111111111111111111… is above 65535, the highest valid port\n"


# -- output ------------------------------------------------------------------------------


def test_terminal_escapes_in_files_are_shown_escaped(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_bytes(b'FROM "\x1b]0;pwned\x07evil\x1b[2J":1\nRUN apt-get install -y "cu\x1b[31mrl"\n')
    (tmp_path / "compose.yaml").write_text('services:\n  web:\n    image: "nginx\\e[2J\\e]0;pwned\\a"\n')
    for args in ((), ("--format", "github")):
        run = run_dlint("check", "--select", "DL3008,DC001", *args, "Dockerfile", "compose.yaml", cwd=tmp_path, env={"NO_COLOR": "1"})
        assert run.returncode == 1
        assert not any(byte in run.stdout for byte in (b"\x1b", b"\x07")), run.stdout
        assert b"cu\\x1b[31mrl" in run.stdout
    text = run_dlint("check", "--select", "DL3008", "Dockerfile", cwd=tmp_path, env={"NO_COLOR": "1"}).stdout.decode()
    assert text.splitlines()[:3] == [
        "Dockerfile:2:24: DL3008 [warning] Pin the version of `cu\\x1b[31mrl`: `apt-get install <package>=<version>`",
        '2 | RUN apt-get install -y "cu\\x1b[31mrl"',
        "  |                        ^^^^^^^^^^^^^^",
    ]


def test_excerpts_of_a_huge_line_are_cut_to_a_window(tmp_path: Path) -> None:
    codes = ",".join(f"DX{number:04d}" for number in range(20_000))
    (tmp_path / "Dockerfile").write_text(f"# dlint: ignore={codes}\nFROM alpine:3.20\n")
    run = run_dlint("check", "--select", "DF001", "Dockerfile", cwd=tmp_path, timeout=QUICK)
    assert run.returncode == 1
    lines = run.stdout.decode().splitlines()
    assert lines[3] == "Dockerfile:1:24: DF001 [warning] dlint has no rule DX0001: nothing to suppress"
    assert lines[4] == "1 | # dlint: ignore=DX0000,DX0001,DX0002,DX0003,DX0004,DX0005,DX0006,DX0007,DX0008,DX0009,DX0010,DX0011,DX0012,DX0013,DX0014…"
    assert lines[5] == "  |                        ^^^^^^"
    assert max(map(len, lines)) < 200
    assert run.stderr == b"dlint: warning: Dockerfile: 20,000 findings; only the first 10,000 are reported\n"
