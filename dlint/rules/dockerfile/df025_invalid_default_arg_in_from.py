"""DF025: the default value of a build argument makes a FROM image reference invalid."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.dockerfile.expansions import global_arg_names, references

_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_LABEL = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_LABEL}(?:\.{_LABEL})*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}"
REFERENCE = regex(rf"^(?:{_DOMAIN}/)?{_COMPONENT}(?:/{_COMPONENT})*(?::{_TAG})?(?:@{_DIGEST})?$")


def reference_problem(value: str) -> str | None:
    """Why ``value`` is not a valid image reference, or None when it is one."""
    if not value:
        return "is empty"
    if REFERENCE.match(value):
        return None
    if any(char.isspace() for char in value):
        return "contains white space"
    name = value.split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]
    repository = name[: len(name) - len(last)] + last.split(":", 1)[0]
    if repository.lower() != repository and REFERENCE.match(value.lower()):
        return "has upper-case letters in the repository name"
    if name.endswith(":") or not last.split(":", 1)[0]:
        return "has an empty name or tag"
    return "is not a valid image reference"


class InvalidDefaultArgInFrom(Rule):
    """Build argument default makes the FROM image invalid.

    ## Why is this bad?
    When a FROM line is built from build arguments, their default values must
    still give a valid image reference: a build that does not pass
    `--build-arg` uses them as they are. A default with a space
    (`python:3.12 slim`), upper-case letters in the repository (`Python`), an
    empty value (`ARG TAG=` in `alpine:${TAG}`) or a stray character in the tag
    makes the build fail as soon as someone runs it without arguments.

    Arguments declared without a default (`ARG BASE_IMAGE`) are accepted: they
    make the caller pass a value on purpose. Names that are not declared at all
    are DF023's and DF024's.

    ## Example
    ```dockerfile
    ARG PYTHON_IMAGE="python:3.12 slim"
    FROM ${PYTHON_IMAGE}
    ```

    ## Use instead
    ```dockerfile
    ARG PYTHON_IMAGE=python:3.12-slim
    FROM ${PYTHON_IMAGE}
    ```

    ## References
    - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    - [docker image tag: image names](https://docs.docker.com/reference/cli/docker/image/tag/)
    """

    code = "DF025"
    name = "invalid-default-arg-in-from"
    severity = Severity.ERROR
    category = "correctness"
    aliases = ("InvalidDefaultArgInFrom",)
    kind = "dockerfile"
    instructions = frozenset({"FROM"})

    def check_instruction(self, ctx, instruction):
        from dlint.parsers.dockerfile.variables import substitute

        image = getattr(instruction, "image", None)
        if image is None or not image.raw or "$" not in image.raw:
            return
        dockerfile = ctx.dockerfile
        scope = dockerfile.variables_at(instruction)
        refs = [ref for ref in references(ctx, instruction) if not ref.in_flag]
        if not refs or any(ref.name not in scope for ref in refs if not ref.guarded):
            return  # undefined names: DF023 / DF024
        value, resolved = substitute(image.raw, scope, dockerfile.escape)
        if not resolved:
            return  # an argument without default decides it
        lowered = value.lower()
        if lowered == "scratch" or any(stage.name == lowered for stage in dockerfile.stages[: instruction.stage_index]):
            return
        problem = reference_problem(value)
        if problem is None:
            return
        args = global_arg_names(dockerfile)
        named = [ref.name for ref in refs if ref.name in args]
        origin = f"the default of `ARG {named[0]}` (line {args[named[0]].span.line})" if named else "the defaults"
        yield Violation(image.span, f"with {origin}, the base image is `{value}`, which {problem}")
