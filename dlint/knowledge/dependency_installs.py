"""Dependency installs that only read manifest files (DF011).

``npm ci``, ``pip install -r requirements.txt``, ``go mod download``… need the
manifest and lock files, not the source. :func:`dependency_installs` finds them
among a RUN's commands and names the files each one reads. Installs that build
or install the project itself (``pip install .``, ``cargo build``, ``go build``,
``npm install express``) are not dependency installs in this sense.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from dlint.engine.context import DockerfileContext
from dlint.knowledge.packages import Invocation, OptionSyntax, read_invocation
from dlint.knowledge.pip import read_pip
from dlint.models.dockerfile import Instruction
from dlint.models.shell import SimpleCommand
from dlint.views.dockerfile.run import commands, program


class DependencyInstall(NamedTuple):
    """One install command and the manifest files it reads."""

    command: SimpleCommand
    label: str  # how to name it in a message: "npm ci"
    manifests: tuple[str, ...]


_GENERIC = OptionSyntax()
_UV = OptionSyntax(valued=frozenset({"--python", "-p", "--project", "--directory", "--extra", "--group", "--package"}))


def dependency_installs(ctx: DockerfileContext, instruction: Instruction) -> list[DependencyInstall]:
    """The manifest-only dependency installs of a RUN, in order."""
    found = []
    for command in commands(ctx, instruction):
        install = read_dependency_install(command)
        if install is not None:
            found.append(install)
    return found


def read_dependency_install(command: SimpleCommand) -> DependencyInstall | None:
    name = program(command)
    if name is None:
        return None
    reader = _READERS.get(name)
    if reader is None:
        if name in ("mvnw", "gradlew"):
            reader = _READERS["mvn" if name == "mvnw" else "gradle"]
        elif name.startswith(("pip", "python")):
            return _pip(command)
        else:
            return None
    return reader(command)


def _operands(command: SimpleCommand, syntax: OptionSyntax = _GENERIC) -> tuple[Invocation, list[str]]:
    invocation = read_invocation(command, program(command) or "", syntax)
    return invocation, [word.text for word in invocation.operands]


def _pip(command: SimpleCommand) -> DependencyInstall | None:
    invocation = read_pip(command)
    if invocation is None or invocation.tool != "pip" or invocation.subcommand is None:
        return None
    if invocation.subcommand.text != "install" or invocation.targets:
        return None  # ``pip install .``/``pip install flask``: not from a manifest only
    files = tuple(option.value for option in invocation.options if option.name in ("-r", "--requirement") and option.value)
    if not files or any("$" in file for file in files):
        return None
    return DependencyInstall(command, "pip install -r", files)


def _uv(command: SimpleCommand) -> DependencyInstall | None:
    invocation, words = _operands(command, _UV)
    if words[:1] == ["sync"]:
        return DependencyInstall(command, "uv sync", ("pyproject.toml", "uv.lock"))
    if words[:2] == ["pip", "install"] and len(words) == 2:
        files = tuple(o.value for o in invocation.options if o.name in ("-r", "--requirement") and o.value)
        if files and not any("$" in file for file in files):
            return DependencyInstall(command, "uv pip install -r", files)
    if words[:2] == ["pip", "sync"] and len(words) == 3 and "$" not in words[2]:
        return DependencyInstall(command, "uv pip sync", (words[2],))
    return None


def _subcommand_reader(
    tool: str, subcommands: dict[str, tuple[str, ...]], bare: tuple[str, ...] | None = None
) -> Callable[[SimpleCommand], DependencyInstall | None]:
    """A reader for tools whose subcommand, with no operand after it, installs
    from fixed manifests (``npm ci``); ``bare``: the manifests of the tool run
    without a subcommand (``yarn``, ``bundle``)."""

    def read(command: SimpleCommand) -> DependencyInstall | None:
        _, words = _operands(command)
        if not words:
            return DependencyInstall(command, tool, bare) if bare is not None else None
        manifests = subcommands.get(words[0])
        if manifests is None or len(words) > 1:
            return None
        return DependencyInstall(command, f"{tool} {words[0]}", manifests)

    return read


_NPM = ("package.json", "package-lock.json")
_YARN = ("package.json", "yarn.lock")
_PNPM = ("package.json", "pnpm-lock.yaml")


def _go(command: SimpleCommand) -> DependencyInstall | None:
    _, words = _operands(command)
    if words == ["mod", "download"]:
        return DependencyInstall(command, "go mod download", ("go.mod", "go.sum"))
    return None


def _maven(command: SimpleCommand) -> DependencyInstall | None:
    _, words = _operands(command, OptionSyntax(valued=frozenset({"-f", "--file", "-s", "--settings", "-P", "-pl"})))
    goals = [word for word in words if ":" in word or word.isalpha()]
    if goals and all(goal.startswith("dependency:") for goal in goals):
        return DependencyInstall(command, f"mvn {goals[0]}", ("pom.xml",))
    return None


def _gradle(command: SimpleCommand) -> DependencyInstall | None:
    _, words = _operands(command)
    if words == ["dependencies"]:
        return DependencyInstall(command, "gradle dependencies", ("build.gradle", "settings.gradle"))
    return None


_READERS: dict[str, Callable[[SimpleCommand], DependencyInstall | None]] = {
    "uv": _uv,
    "poetry": _subcommand_reader("poetry", {"install": ("pyproject.toml", "poetry.lock")}),
    "pipenv": _subcommand_reader("pipenv", {"install": ("Pipfile", "Pipfile.lock"), "sync": ("Pipfile", "Pipfile.lock")}),
    "npm": _subcommand_reader("npm", {"install": _NPM, "i": _NPM, "ci": _NPM, "install-clean": _NPM}),
    "yarn": _subcommand_reader("yarn", {"install": _YARN}, bare=_YARN),
    "pnpm": _subcommand_reader("pnpm", {"install": _PNPM, "i": _PNPM, "fetch": ("pnpm-lock.yaml",)}),
    "bun": _subcommand_reader("bun", {"install": ("package.json", "bun.lock"), "i": ("package.json", "bun.lock")}),
    "go": _go,
    "bundle": _subcommand_reader("bundle", {"install": ("Gemfile", "Gemfile.lock")}, bare=("Gemfile", "Gemfile.lock")),
    "composer": _subcommand_reader("composer", {"install": ("composer.json", "composer.lock")}),
    "cargo": _subcommand_reader("cargo", {"fetch": ("Cargo.toml", "Cargo.lock")}),
    "mvn": _maven,
    "gradle": _gradle,
}
