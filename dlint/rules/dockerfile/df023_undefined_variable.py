"""DF023: a variable is used where no ARG or ENV defines it."""

from __future__ import annotations

from collections import Counter

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.expansions import declared_args, global_arg_names, references

#: build arguments BuildKit predefines (in FROM; in a stage only after ``ARG NAME``)
PREDEFINED_ARGS = frozenset(
    {
        "TARGETPLATFORM",
        "TARGETOS",
        "TARGETARCH",
        "TARGETVARIANT",
        "BUILDPLATFORM",
        "BUILDOS",
        "BUILDARCH",
        "BUILDVARIANT",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "FTP_PROXY",
        "NO_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "ftp_proxy",
        "no_proxy",
        "all_proxy",
    }
)
#: proxy arguments: usable without ARG in RUN only, so a stage reference to them
#: without ``ARG`` is the same mistake as a platform argument
_PROXY = frozenset(name for name in PREDEFINED_ARGS if "PROXY" in name.upper())

#: variables that base images or Docker itself commonly set
COMMON_ENV = frozenset(
    {
        "PATH",
        "HOME",
        "HOSTNAME",
        "PWD",
        "USER",
        "SHELL",
        "TERM",
        "LANG",
        "LANGUAGE",
        "LC_ALL",
        "TZ",
        "UID",
        "GID",
    }
)


class UndefinedVariable(Rule):
    """Variable is used but not defined at that point.

    ## Why is this bad?
    Docker expands `$NAME` and `${NAME}` in FROM, COPY, ADD, ENV, ARG, LABEL,
    WORKDIR, USER, EXPOSE, VOLUME and STOPSIGNAL. A name that nothing defines
    expands to an empty string without any error, so `WORKDIR $APP_DIR` quietly
    becomes `WORKDIR ""` and `COPY app $DEST` copies to the wrong place.

    The classic case is a build argument declared before the first FROM: it is
    only visible to the FROM lines. Inside a stage it must be declared again
    with `ARG NAME` (no value needed) to be usable. The same holds for the
    platform arguments BuildKit provides (`TARGETARCH`, `BUILDPLATFORM`…) and
    the proxy arguments.

    Because a base image may define environment variables dlint cannot see, a
    name used in a stage is only reported when the mistake is clear: it is a
    global or predefined build argument not redeclared in the stage, it is
    defined only later in the stage, it looks like a misspelling of a defined
    name, or the stage starts from `scratch` (which defines nothing). RUN, CMD
    and ENTRYPOINT are not checked: the shell expands those, and it knows
    variables dlint does not. `${NAME:-default}` and the other forms with a
    fallback are accepted, as are ONBUILD triggers (they run in another build).

    ## Example
    ```dockerfile
    ARG APP_VERSION=1.4.2
    FROM alpine:3.20
    LABEL org.opencontainers.image.version=$APP_VERSION
    ```

    ## Use instead
    ```dockerfile
    ARG APP_VERSION=1.4.2
    FROM alpine:3.20
    ARG APP_VERSION
    LABEL org.opencontainers.image.version=$APP_VERSION
    ```

    ## References
    - [Dockerfile reference: understand how ARG and FROM interact](https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact)
    - [Dockerfile reference: environment replacement](https://docs.docker.com/reference/dockerfile/#environment-replacement)
    - [Dockerfile reference: predefined build arguments](https://docs.docker.com/reference/dockerfile/#predefined-args)
    """

    code = "DF023"
    name = "undefined-variable"
    severity = Severity.WARNING
    category = "correctness"
    aliases = ("UndefinedVar",)
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        dockerfile = ctx.dockerfile
        declared = declared_args(dockerfile)
        global_args = global_arg_names(dockerfile)
        later = _defined_later(dockerfile)
        for stage in dockerfile.stages:
            scratch_rooted = _scratch_rooted(dockerfile, stage)
            yield from self._from_line(ctx, stage.from_instruction, declared)
            for instruction in stage.instructions:
                if instruction.onbuild or instruction.keyword == "ONBUILD":
                    continue
                scope = dockerfile.variables_at(instruction)
                same = _defined_in(instruction)
                for ref in references(ctx, instruction):
                    if ref.guarded or ref.name in scope or ref.name in same:
                        continue
                    message = _stage_message(ref.name, instruction, scope, global_args, later, scratch_rooted)
                    if message:
                        yield Violation(ref.span, message)

    def _from_line(self, ctx, instruction, declared):
        scope = ctx.dockerfile.variables_at(instruction)
        for ref in references(ctx, instruction):
            if ref.guarded or ref.name in scope or ref.name in PREDEFINED_ARGS:
                continue
            if ref.name in declared:
                continue  # declared, but after this FROM or inside a stage: DF024
            message = f"`{ref.name}` is not declared; FROM sees only ARGs declared before the first FROM"
            guess = _guess(ref.name, scope)
            if guess:
                message += f" (did you mean `{guess}`?)"
            yield Violation(ref.span, message)


def _stage_message(name, instruction, scope, global_args, later, scratch_rooted) -> str | None:
    if name in global_args:
        line = global_args[name].span.line
        return (
            f"`{name}` is a global ARG (line {line}) and is not visible inside a stage;"
            f" add `ARG {name}` to the stage to use it"
        )
    if name in PREDEFINED_ARGS:
        kind = "proxy" if name in _PROXY else "platform"
        return f"`{name}` is a predefined {kind} argument, defined in a stage only after `ARG {name}`"
    definition = later.get((instruction.stage_index, name))
    if definition is not None and definition.span.start > instruction.span.start:
        return f"`{name}` is used before it is defined on line {definition.span.line}"
    if name in COMMON_ENV:
        return None
    guess = _guess(name, {**dict.fromkeys(global_args), **scope})
    if guess:
        return f"`{name}` is not defined (did you mean `{guess}`?); it expands to an empty string"
    if scratch_rooted:
        return f"`{name}` is not defined (the stage starts from scratch); it expands to an empty string"
    return None


#: how close (difflib's ratio) a declared name must be to be suggested
_CUTOFF = 0.82


def _guess(name: str, candidates) -> str | None:
    options = [candidate for candidate in candidates if candidate != name and len(candidate) >= 3]
    if len(name) < 4 or not options:
        return None
    # a different letter case is the commonest slip; otherwise a close spelling
    for option in options:
        if option.lower() == name.lower():
            return option
    # difflib's ratio is at most 2 × the letters two names share / their lengths together
    letters = Counter(name)
    options = [option for option in options
               if 2 * (letters & Counter(option)).total() >= _CUTOFF * (len(option) + len(name))]
    if not options:
        return None
    import difflib  # only here: ≈ 2 ms to import, and most files have nothing close to compare

    matches = difflib.get_close_matches(name, options, n=1, cutoff=_CUTOFF)
    return matches[0] if matches else None


def _defined_in(instruction) -> set[str]:
    """Names the instruction itself defines (ENV self-references are DL3044's)."""
    if instruction.keyword in ("ENV", "ARG"):
        return {pair.key.value for pair in getattr(instruction, "pairs", ())}
    return set()


def _defined_later(dockerfile) -> dict:
    """(stage index, name) -> first ARG/ENV instruction of the stage defining it."""
    first: dict = {}
    for instruction in dockerfile.instructions:
        if instruction.stage_index is None or instruction.keyword not in ("ENV", "ARG"):
            continue
        for pair in getattr(instruction, "pairs", ()):
            first.setdefault((instruction.stage_index, pair.key.value), instruction)
    return first


def _scratch_rooted(dockerfile, stage) -> bool:
    """True when the stage's chain of FROM <stage> ends in ``scratch``."""
    seen = set()
    while stage is not None and stage.index not in seen:
        seen.add(stage.index)
        image = stage.image
        if image.is_scratch:
            return True
        base = stage.base_stage if stage.base_stage is not None else image.stage
        if base is None:
            return False
        stage = dockerfile.stages[base]
    return False
