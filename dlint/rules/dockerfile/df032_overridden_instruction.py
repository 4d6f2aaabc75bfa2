"""DF032: a setting replaced later in the same stage before anything used it."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.variables import variable_references

#: instructions that run something with the SHELL in force
_SHELL_USERS = frozenset({"RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK", "ONBUILD"})
#: instructions that act as the USER in force (BuildKit creates WORKDIR as that user)
_USER_USERS = frozenset({"RUN", "WORKDIR", "COPY", "ADD", "ONBUILD"})


class OverriddenInstruction(Rule):
    """Setting is replaced before anything uses it.

    ## Why is this bad?
    Some instructions only set a value of the image, and a later one in the
    same stage replaces it. When nothing in between uses the first value it has
    no effect at all: it is dead code at best and, more often, a sign that one
    of the two is a mistake (a label set twice with different versions, a stop
    signal chosen twice). This rule reports the earlier one of:

    - a `LABEL` key set again later in the stage (or in the same LABEL);
    - an `ENV` variable set again before any RUN or reference used it;
    - `STOPSIGNAL` repeated;
    - `USER` switched again before any RUN, COPY, ADD or WORKDIR ran as it;
    - `SHELL` replaced before any RUN, CMD, ENTRYPOINT or HEALTHCHECK used it;
    - the same port in `EXPOSE` twice.

    Repeated CMD, ENTRYPOINT and HEALTHCHECK are reported by DL4003, DL4004
    and DL3012. ONBUILD triggers are ignored: they run in another build.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    LABEL org.opencontainers.image.version=1.2.0
    STOPSIGNAL SIGTERM
    COPY . /app
    LABEL org.opencontainers.image.version=1.3.0
    STOPSIGNAL SIGINT
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    COPY . /app
    LABEL org.opencontainers.image.version=1.3.0
    STOPSIGNAL SIGINT
    ```

    ## References
    - [Dockerfile reference: LABEL](https://docs.docker.com/reference/dockerfile/#label)
    - [Dockerfile reference: STOPSIGNAL](https://docs.docker.com/reference/dockerfile/#stopsignal)
    - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    """

    code = "DF032"
    name = "overridden-instruction"
    severity = Severity.WARNING
    category = "maintainability"
    kind = "dockerfile"

    def check_stage(self, ctx, stage):
        instructions = [instruction for instruction in stage.instructions if not instruction.onbuild]
        escape = ctx.dockerfile.escape
        labels: dict[str, object] = {}  # key -> (pair, instruction)
        envs: dict[str, object] = {}
        exposed: dict[str, object] = {}
        last: dict[str, object] = {}  # STOPSIGNAL / USER / SHELL -> pending instruction
        for instruction in instructions:
            keyword = instruction.keyword
            # uses that give pending settings an effect
            if keyword in _SHELL_USERS:
                last.pop("SHELL", None)
            if keyword in _USER_USERS:
                last.pop("USER", None)
            if keyword == "RUN" or keyword == "ONBUILD":
                envs.clear()
            elif envs:
                for name in _referenced(instruction, escape):
                    envs.pop(name, None)
            if keyword == "LABEL":
                for pair in getattr(instruction, "pairs", ()):
                    key = pair.key.value
                    if "$" in key:
                        continue
                    if key in labels:
                        earlier, _ = labels[key]
                        yield Violation(earlier.key.span, f"label `{key}` is set again on line {pair.key.span.line}; this value has no effect")
                    labels[key] = (pair, instruction)
            elif keyword == "ENV":
                for pair in getattr(instruction, "pairs", ()):
                    key = pair.key.value
                    if "$" in key:
                        continue
                    if key in envs:
                        earlier, _ = envs[key]
                        yield Violation(
                            earlier.key.span,
                            f"`{key}` is set again on line {pair.key.span.line} before anything uses this value",
                        )
                    envs[key] = (pair, instruction)
            elif keyword in ("STOPSIGNAL", "USER", "SHELL"):
                earlier = last.get(keyword)
                if earlier is not None:
                    yield Violation(earlier.keyword_token.span, _replaced(keyword, instruction))
                last[keyword] = instruction
            elif keyword == "EXPOSE":
                for token in getattr(instruction, "ports", None) or instruction.arguments:
                    port = _port_key(token.value)
                    if port is None:
                        continue
                    if port in exposed:
                        yield Violation(token.span, f"port {token.value} is already exposed on line {exposed[port].span.line}")
                    else:
                        exposed[port] = token


def _replaced(keyword: str, later) -> str:
    line = later.span.line
    if keyword == "STOPSIGNAL":
        return f"STOPSIGNAL is replaced on line {line}; only the last one of a stage takes effect"
    if keyword == "USER":
        return f"USER is switched again on line {line} before anything runs as this user"
    return f"SHELL is replaced on line {line} before any command uses it"


def _referenced(instruction, escape: str) -> set[str]:
    text = instruction.text or ""
    if "$" not in text:
        return set()
    return {name for name, _, _ in variable_references(text, escape)}


def _port_key(word: str) -> str | None:
    if "$" in word:
        return None
    port, _, protocol = word.partition("/")
    return f"{port}/{(protocol or 'tcp').lower()}"
