"""Option reading for shells, ``set``, SHELL programs and wrapper commands."""

from __future__ import annotations

import pytest

from dlint.parsers.shell.programs import (
    base_name,
    is_posix_shell_program,
    pipefail_setting,
    shebang_program,
    shell_command_string,
    shell_pipefail,
    su_command_string,
    wrapped_command,
)


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["-o", "pipefail"], True),
        (["-euo", "pipefail"], True),
        (["-eo", "pipefail"], True),
        (["-e", "-u", "-x", "-o", "pipefail"], True),
        (["-o", "errexit", "-o", "pipefail"], True),
        (["+o", "pipefail"], False),
        (["-o", "pipefail", "+o", "pipefail"], False),
        (["-eux"], None),
        (["-o", "nounset"], None),
        (["--", "-o", "pipefail"], None),
        (["-c", "-o", "pipefail"], None),
        (["x", "-o", "pipefail"], None),
        ([], None),
    ],
)
def test_pipefail_setting(arguments: list[str], expected: bool | None) -> None:
    assert pipefail_setting(arguments) is expected


@pytest.mark.parametrize(
    ("program", "expected"),
    [
        (["/bin/bash", "-o", "pipefail", "-c"], True),
        (["/usr/bin/bash", "-o", "pipefail", "-c"], True),
        (["bash", "-euxo", "pipefail", "-c"], True),
        (["/bin/ash", "-eo", "pipefail", "-c"], True),
        (["zsh", "-o", "pipefail", "-c"], True),
        (["/bin/bash", "-c"], False),
        (["/bin/sh", "-c"], False),
        (["/bin/sh", "-o", "pipefail", "-c"], False),
        (["/bin/dash", "-o", "pipefail", "-c"], False),
        (["pwsh", "-o", "pipefail"], False),
        ([], False),
    ],
)
def test_shell_pipefail(program: list[str], expected: bool) -> None:
    assert shell_pipefail(program) is expected


@pytest.mark.parametrize(
    ("program", "expected"),
    [
        (["/bin/sh", "-c"], True),
        (["bash", "-c"], True),
        (["pwsh", "-Command"], False),
        (["powershell", "-command"], False),
        (["C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\PowerShell.exe", "-Command"], False),
        (["cmd", "/S", "/C"], False),
        (["cmd.exe", "/S", "/C"], False),
        ([], True),
    ],
)
def test_is_posix_shell_program(program: list[str], expected: bool) -> None:
    assert is_posix_shell_program(program) is expected


def test_base_name() -> None:
    assert base_name("/usr/bin/apt-get") == "apt-get"
    assert base_name("C:\\x\\CMD.EXE") == "cmd"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("#!/bin/bash -e", ["/bin/bash", "-e"]),
        ("#!/usr/bin/env bash", ["bash"]),
        ("#!/usr/bin/env -S bash -o pipefail", ["bash", "-o", "pipefail"]),
        ("#!", []),
        ("echo", []),
    ],
)
def test_shebang_program(line: str, expected: list[str]) -> None:
    assert shebang_program(line) == expected


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["-c", "echo"], (1, False)),
        (["-ec", "echo"], (1, False)),
        (["-o", "pipefail", "-c", "a | b"], (3, True)),
        (["-euxo", "pipefail", "-c", "a | b"], (3, True)),
        (["--login", "-c", "x"], (2, False)),
        (["-c", "--", "x"], (2, False)),
        (["script.sh", "-c"], None),
        (["-e"], None),
        (["-c"], None),
    ],
)
def test_shell_command_string(arguments: list[str], expected: tuple[int, bool] | None) -> None:
    assert shell_command_string(arguments) == expected


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["-c", "x", "app"], (1, 0)),
        (["-", "app", "-c", "x"], (3, 0)),
        (["--command=x", "app"], (0, 10)),
        (["--command", "x"], (1, 0)),
        (["-cx"], (0, 2)),
        (["app"], None),
        (["app", "--", "-c", "x"], None),
        (["-c"], None),
    ],
)
def test_su_command_string(arguments: list[str], expected: tuple[int, int] | None) -> None:
    assert su_command_string(arguments) == expected


@pytest.mark.parametrize(
    ("program", "arguments", "expected"),
    [
        ("sudo", ["apt-get", "install"], (0, 0)),
        ("sudo", ["-u", "app", "-E", "make"], (3, 3)),
        ("sudo", ["-uapp", "make"], (1, 1)),
        ("sudo", ["-Eu", "app", "make"], (2, 2)),
        ("sudo", ["--user=app", "make"], (1, 1)),
        ("sudo", ["--user", "app", "make"], (2, 2)),
        ("sudo", ["A=1", "make"], (0, 1)),
        ("sudo", ["-l"], None),
        ("sudo", ["-u", "app"], None),
        ("env", ["-i", "-u", "X", "A=1", "B=2", "node", "x"], (3, 5)),
        ("env", ["A=1"], None),
        ("env", ["-S", "a b"], None),
        ("nice", ["-n", "10", "make"], (2, 2)),
        ("nice", ["-10", "make"], (1, 1)),
        ("nohup", ["srv"], (0, 0)),
        ("time", ["-p", "make"], (1, 1)),
        ("xargs", ["-0", "-n", "1", "-I", "{}", "rm", "{}"], (5, 5)),
        ("xargs", ["--max-args=1", "rm"], (1, 1)),
        ("exec", ["-a", "name", "node"], (2, 2)),
        ("command", ["git"], (0, 0)),
        ("command", ["-v", "git"], None),
        ("timeout", ["10", "curl"], (1, 1)),
        ("timeout", ["-s", "KILL", "10s", "curl"], (3, 3)),
        ("timeout", ["10"], None),
        ("gosu", ["app", "node"], (1, 1)),
        ("chroot", ["/mnt", "sh"], (1, 1)),
        ("busybox", ["wget", "x"], (0, 0)),
        ("sudo", ["--", "make"], (1, 1)),
        ("curl", ["x"], None),
    ],
)
def test_wrapped_command(program: str, arguments: list[str], expected: tuple[int, int] | None) -> None:
    assert wrapped_command(program, arguments) == expected
