"""The ShellCheck dialect of a RUN: the stage's SHELL (inherited through FROM <stage>),
sh for ONBUILD triggers, none for Windows shells and shells ShellCheck does not read."""

from __future__ import annotations

from dlint.models.dockerfile import OnbuildInstruction
from dlint.parsers.dockerfile import parse_dockerfile
from dlint.views.dockerfile.shell_dialect import shellcheck_dialect

DOCKERFILE = """\
FROM alpine:3.20 AS base
RUN true
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN true
ONBUILD RUN true
FROM base
RUN true
FROM alpine:3.20
RUN true
SHELL ["/bin/ash", "-c"]
RUN true
SHELL ["/usr/bin/zsh", "-c"]
RUN true
FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN dir
SHELL ["powershell", "-Command"]
RUN Get-ChildItem
"""


def _runs(text: str) -> list[tuple[int, str | None]]:
    dockerfile = parse_dockerfile(text)
    found = []
    for stage in dockerfile.stages:
        for instruction in stage.instructions:
            if isinstance(instruction, OnbuildInstruction):
                instruction = instruction.trigger
            if instruction is not None and instruction.keyword == "RUN":
                found.append((instruction.span.line, shellcheck_dialect(dockerfile, instruction)))
    return found


def test_each_run_gets_the_dialect_of_its_shell() -> None:
    assert _runs(DOCKERFILE) == [
        (2, "sh"),
        (4, "bash"),
        (5, "sh"),  # ONBUILD: the later image's SHELL is unknown
        (7, "bash"),  # FROM base keeps base's SHELL
        (9, "sh"),  # a new FROM starts with /bin/sh again
        (11, "busybox"),  # ash is BusyBox's shell
        (13, None),  # zsh: not a dialect ShellCheck reads
        (15, None),  # cmd on a Windows image
        (17, None),  # PowerShell
    ]
