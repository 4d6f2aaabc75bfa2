"""How Alpine's ``apk`` reads ``apk add`` (DL3018, DL3019): its options and which package
words pin a version (``name=1.2.3``, ``name~1.2``), from the apk-tools manual (apk-add(8))."""

from __future__ import annotations

from dlint.engine.context import DockerfileContext
from dlint.knowledge.packages import Invocation, OptionSyntax, read_invocation, run_invocations
from dlint.models.dockerfile import Instruction
from dlint.models.shell import SimpleCommand
from dlint.views.dockerfile.run import program

#: options of apk whose value may be the next word
APK_SYNTAX = OptionSyntax(
    valued=frozenset(
        {
            "-X", "--repository", "-t", "--virtual", "-p", "--root", "--keys-dir", "--repositories-file",
            "--cache-dir", "--arch", "--cache-max-age", "--timeout", "--progress-fd", "--cache-packages",
        }
    )  # fmt: skip
)

#: where apk keeps its package indexes and, if enabled, downloaded packages
APK_CACHE = "/var/cache/apk"


def read_apk(command: SimpleCommand) -> Invocation | None:
    if program(command) != "apk":
        return None
    return read_invocation(command, "apk", APK_SYNTAX)


def apk_adds(ctx: DockerfileContext, instruction: Instruction) -> list[Invocation]:
    """The ``apk add`` commands of a RUN, in order."""
    return [
        invocation
        for invocation in run_invocations(ctx, instruction, read_apk)
        if invocation.subcommand is not None and invocation.subcommand.text == "add"
    ]


def apk_version_pinned(package: str) -> bool:
    """A version constraint (``=``, ``~``, ``<``, ``>`` in any of apk's forms)
    or a local ``.apk`` file."""
    return any(operator in package for operator in "=~<>") or package.endswith(".apk")
