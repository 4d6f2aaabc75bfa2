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
"""

from __future__ import annotations

from dlint.engine.context import DockerfileContext
from dlint.models.dockerfile import CopyInstruction, Stage
from dlint.models.shell import SimpleCommand
from dlint.rules._base_images import command_words, last_in_chain
from dlint.rules._paths import is_remote
from dlint.rules._run import commands

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
    """Whether the image ``chain`` builds copies or builds an application (see the module)."""
    copies = [
        instruction
        for stage in chain
        for instruction in stage.instructions
        if isinstance(instruction, CopyInstruction) and not instruction.onbuild
    ]
    placed = _placed_files(copies)
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
    if builds and any(_copies_sources(copy) for copy in copies):
        return True
    return any(_names_file(word, placed | outputs) for word in run)


def _builds(command: SimpleCommand) -> bool:
    program = command.program or ""
    words = [word.text for word in command.arguments]
    if program in BUILD_PROGRAMS:
        return True
    if program in _SCRIPT_RUNNERS:
        script = words[1:2] if words[:1] == ["run"] else words[:1]
        return bool(script) and script[0].startswith("build")
    wanted = BUILD_SUBCOMMANDS.get(program)
    if wanted is None:
        return False
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
    return name.endswith((".sh", ".bash", ".ps1")) or "entrypoint" in name


def _copies_sources(copy: CopyInstruction) -> bool:
    """A COPY/ADD of files of the build context that are not only helper scripts."""
    if copy.flag("from") is not None:
        return False
    return any(
        not source.raw.startswith("<<") and not is_remote(source.value) and not _script(source.value)
        for source in copy.sources
    )


def _placed_files(copies: list[CopyInstruction]) -> set[str]:
    """Where COPY/ADD put files that are not helper scripts: the destination, and each
    source's name under a destination folder."""
    placed: set[str] = set()
    for copy in copies:
        if copy.destination is None:
            continue
        destination = copy.destination.value
        for source in copy.sources:
            if source.raw.startswith("<<") or _script(source.value):
                continue
            name = source.value.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
            if destination.endswith("/") or len(copy.sources) > 1:
                placed.add(destination.rstrip("/") + "/" + name)
            else:
                placed.add(destination)
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
