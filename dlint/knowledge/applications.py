"""Whether an image holds an application of its own (DF016), as opposed to a base-image
repository: an official-style Dockerfile that installs a language or toolchain (often
built from a downloaded source tarball with ``make``) and copies in at most its own
helper scripts (``docker-entrypoint.sh``), such as docker-library's ``python`` and
``ruby`` images built ``FROM buildpack-deps``.

An image holds an application when its chain of stages

- copies sources from the build context (files other than shell scripts) and runs a
  build step on them (also ``cargo install --path .``, ``go install ./cmd/app``) (:data:`BUILD_PROGRAMS`, :data:`BUILD_SUBCOMMANDS`), or
- runs what a build step wrote (``go build -o /app`` and ``CMD ["/app"]``), or
- runs a file copied into it from the context or from another stage (``COPY
  --from=build /app.jar /app.jar`` and ``CMD ["java", "-jar", "/app.jar"]``).

An image holds content of its own (DF010) when it holds an application or copies in
files that are not helper scripts, from the build context or from an earlier stage:
a base-image repository copies at most its scripts (docker-library's
``docker-php-ext-*``, nginx's ``docker-entrypoint.sh`` and ``*.sh`` snippets), which
a ``.sh`` name, an ``entrypoint`` name or a ``#!`` first line of the file in the
build context tells.
"""

from __future__ import annotations

import fnmatch

from dlint.engine.context import DockerfileContext
from dlint.models.dockerfile import CopyInstruction, Stage
from dlint.models.shell import SimpleCommand
from dlint.regex import regex
from dlint.views.dockerfile.build_context import build_context
from dlint.views.dockerfile.image_chain import command_words, last_in_chain
from dlint.views.dockerfile.paths import is_remote
from dlint.views.dockerfile.run import commands

#: programs whose every run is a build (compilers, make and its kin)
BUILD_PROGRAMS = frozenset({"make", "gmake", "ninja", "javac", "gcc", "g++", "cc", "c++", "clang", "clang++", "rustc", "tsc"})
#: program → subcommands or goals that build the project in the working folder
BUILD_SUBCOMMANDS = {
    "go": frozenset({"build"}),
    "cargo": frozenset({"build"}),
    "mvn": frozenset({"package", "install", "verify"}),
    "mvnw": frozenset({"package", "install", "verify"}),
    "gradle": frozenset({"build", "assemble", "bootjar", "installdist", "jar", "shadowjar"}),
    "gradlew": frozenset({"build", "assemble", "bootjar", "installdist", "jar", "shadowjar"}),
    "dotnet": frozenset({"build", "publish"}),
    "sbt": frozenset({"package", "assembly", "stage"}),
    "mix": frozenset({"release", "compile"}),
    "cmake": frozenset({"--build"}),
}
#: JavaScript package managers: ``npm run build``, ``yarn build``
_SCRIPT_RUNNERS = frozenset({"npm", "pnpm", "yarn", "bun"})
_OUTPUT_OPTIONS = frozenset({"-o", "--output", "--out"})


def holds_application(ctx: DockerfileContext, chain: list[Stage]) -> bool:
    """Whether the image ``chain`` builds copies or builds an application (see the module;
    worked out once per chain: DF010 and DF016 both ask)."""
    key = ("holds_application", tuple(stage.index for stage in chain))
    found = ctx.derived.get(key)
    if found is None:
        found = ctx.derived[key] = _holds_application(ctx, chain)
    return found


def _holds_application(ctx: DockerfileContext, chain: list[Stage]) -> bool:
    copies = [
        instruction
        for stage in chain
        for instruction in stage.instructions
        if isinstance(instruction, CopyInstruction) and not instruction.onbuild
    ]
    context = build_context(ctx)
    placed = _placed_files(copies, context)
    outputs: set[str] = set()
    builds = False
    for stage in chain:
        for instruction in stage.instructions:
            if instruction.keyword != "RUN" or instruction.onbuild:
                continue
            for command in commands(ctx, instruction):
                if _builds(command):
                    builds = True
                    outputs |= _outputs(command)
    run = [word for keyword in ("ENTRYPOINT", "CMD") for word in command_words(last_in_chain(chain, keyword))]
    if builds and any(_copies_sources(copy, context) for copy in copies):
        return True
    return any(_names_file(word, placed | outputs) for word in run)


def _builds(command: SimpleCommand) -> bool:
    program = command.program or ""
    if program in BUILD_PROGRAMS:
        return True
    if program not in _SCRIPT_RUNNERS and program not in BUILD_SUBCOMMANDS:
        return False
    words = [word.text for word in command.arguments]
    if program in _SCRIPT_RUNNERS:
        script = words[1:2] if words[:1] == ["run"] else words[:1]
        return bool(script) and script[0].startswith("build")
    wanted = BUILD_SUBCOMMANDS[program]
    if program in ("go", "cargo", "dotnet", "mix"):
        if words[:1] == ["install"]:  # of the project itself: cargo install --path ., go install ./cmd/app
            return "--path" in words or any(word.startswith(".") for word in words[1:])
        return bool(words) and words[0] in wanted
    return any(word.lower() in wanted for word in words)


def _outputs(command: SimpleCommand) -> set[str]:
    """Paths a build step writes its result to (``-o /app``, ``--output=dist``)."""
    found = set()
    words = [word.text for word in command.arguments]
    for index, word in enumerate(words):
        if word in _OUTPUT_OPTIONS and index + 1 < len(words):
            found.add(words[index + 1])
        elif word.startswith(("-o=", "--output=")):
            found.add(word.split("=", 1)[1])
    return {path for path in found if path and "$" not in path}


def _script(path: str) -> bool:
    """A shell script or an entrypoint helper: not an application's sources."""
    name = path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1].lower()
    return name.endswith((".sh", ".envsh", ".bash", ".ps1")) or "entrypoint" in name


def _copies_sources(copy: CopyInstruction, context) -> bool:
    """A COPY/ADD of files of the build context that are not only helper scripts."""
    if copy.flag("from") is not None:
        return False
    return any(
        not source.raw.startswith("<<") and not is_remote(source.value) and not _helper(context, source.value)
        for source in copy.sources
    )


def _helper(context, path: str) -> bool:
    """A helper script of the build context: by its name, or (when the context can be
    read) by the shell ``#!`` line that starts the file, or every file a root-level
    pattern such as ``docker-php-ext-*`` matches (a Python or Node script with a
    ``#!`` line is an application)."""
    if _script(path):
        return True
    if context is None:
        return False
    path = path.lstrip("/").removeprefix("./")
    if not any(character in path for character in "*?["):
        return _shell_script(context.head(path, _SHEBANG_SIZE))
    if "/" in path:
        return False
    names = fnmatch.filter(context.names(), path)
    return bool(names) and all(_shell_script(context.head(name, _SHEBANG_SIZE)) for name in names)


_SHEBANG_SIZE = 128
#: ``#!/bin/sh``, ``#!/usr/bin/env bash``, ``#! /bin/bash -e``
_SHELL_SHEBANG = regex(rb"#!\s*(?:\S*/)?(?:env\s+(?:-\S+\s+)*)?(?:sh|bash|ash|dash|zsh|ksh)(?:\s|$)")


def _shell_script(head: bytes | None) -> bool:
    """The file starts with a ``#!`` line that runs a POSIX shell."""
    return head is not None and _SHELL_SHEBANG.match(head.split(b"\n", 1)[0]) is not None


def _placed_files(copies: list[CopyInstruction], context) -> set[str]:
    """Where COPY/ADD put files that are not helper scripts (by name; a file of the
    build context also by its ``#!`` line): the destination, and each source's name
    under a destination folder."""
    placed: set[str] = set()
    for copy in copies:
        if copy.destination is None:
            continue
        for source in copy.sources:
            if source.raw.startswith("<<") or _script(source.value):
                continue
            if copy.flag("from") is None and not is_remote(source.value) and _helper(context, source.value):
                continue
            placed.add(_placed_path(copy, source.value))
    return {path for path in placed if path and "$" not in path and path not in (".", "/", "./")}


def _names_file(word: str, paths: set[str]) -> bool:
    """``word`` of the image's command is one of ``paths`` (by path, or by name when the
    command runs a program found through PATH)."""
    if "$" in word:
        return False
    normal = word.removeprefix("./")
    for path in paths:
        stripped = path.removeprefix("./")
        if normal == stripped or normal.endswith("/" + stripped) or stripped.endswith("/" + normal):
            return True
    return False


def holds_content(ctx: DockerfileContext, chain: list[Stage]) -> bool:
    """Whether the image ``chain`` builds holds an application or files of its own
    beyond helper scripts (see the module)."""
    if holds_application(ctx, chain):
        return True
    context = build_context(ctx)
    for stage in chain:
        for copy in stage.instructions:
            if not isinstance(copy, CopyInstruction) or copy.onbuild:
                continue
            if copy.flag("from") is None:
                if _copies_sources(copy, context):
                    return True
            elif copy.source_stage is not None and copy.source_stage.stage is not None:
                return True  # a build stage's artifacts (not a tool from another image)
    return False


def copied_from_context(chain: list[Stage], word: str) -> str | None:
    """The build-context path of the file a COPY/ADD placed where ``word`` (a path, or a
    name found through PATH) of the image's command points; None when none did."""
    if "$" in word:
        return None
    for stage in chain:
        for copy in reversed(stage.instructions):
            if not isinstance(copy, CopyInstruction) or copy.onbuild or copy.flag("from") is not None:
                continue
            if copy.destination is None:
                continue
            for source in copy.sources:
                if source.raw.startswith("<<") or is_remote(source.value):
                    continue
                if _names_file(word, {_placed_path(copy, source.value)}):
                    return source.value
    return None


def _placed_path(copy: CopyInstruction, source: str) -> str:
    """Where ``copy`` puts its ``source``: the destination, or the source's name under
    it when the destination is a folder (ends with ``/`` or receives several sources)."""
    destination = copy.destination.value
    name = source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    if destination.endswith("/") or len(copy.sources) > 1:
        return destination.rstrip("/") + "/" + name
    return destination
