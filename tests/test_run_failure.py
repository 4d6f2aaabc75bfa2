"""Whether a command's failure fails its RUN (dlint/views/dockerfile/run_failure.py)."""

from __future__ import annotations

import pytest

from dlint.engine.context import DockerfileContext
from dlint.parsers.dockerfile import parse_dockerfile
from dlint.views.dockerfile.run import commands
from dlint.views.dockerfile.run_failure import failure_fails_run


def decided(run: str) -> list[bool]:
    """For each `chmod` of the RUN, whether its failure fails the RUN."""
    source = f"FROM alpine:3.20\n{run}\n"
    dockerfile = parse_dockerfile(source, "Dockerfile")
    ctx = DockerfileContext("Dockerfile", source, dockerfile)
    instruction = dockerfile.instructions[1]
    return [failure_fails_run(ctx, instruction, command) for command in commands(ctx, instruction) if command.program == "chmod"]


@pytest.mark.parametrize(
    ("run", "fails"),
    [
        ("RUN chmod +x /a", [True]),
        ("RUN chmod +x /a && echo ok", [True]),
        ("RUN echo a && chmod +x /a;", [True]),
        ("RUN chmod +x /a > /dev/null 2>&1 && \\\n    # a comment line\n    echo ok", [True]),
        ('RUN ["chmod", "+x", "/a"]', [True]),
        ("RUN cat <<EOF > /x && chmod +x /a\nhello\nEOF", [True]),
        ("RUN echo $(chmod +x /b) && chmod +x /a", [False, True]),
        ("RUN chmod +x /a; echo carried on", [False]),
        ("RUN chmod +x /a || true", [False]),
        ("RUN true || chmod +x /a", [False]),
        ("RUN chmod +x /a &", [False]),
        ("RUN chmod +x /a | tee /log", [False]),
        ("RUN ! chmod +x /a", [False]),
        ("RUN if true; then chmod +x /a; fi", [False]),
        ("RUN { chmod +x /a; }", [False]),
        ("RUN (chmod +x /a)", [False]),
        ("RUN sudo chmod +x /a", [False]),
        ("RUN sh -c 'chmod +x /a'", [False]),
    ],
)
def test_the_last_and_chain_decides(run: str, fails: list[bool]) -> None:
    assert decided(run) == fails


@pytest.mark.parametrize(
    ("run", "fails"),
    [
        ("RUN set -e; chmod +x /a; echo ok", [True]),
        ("RUN set -euo pipefail; chmod +x /a; echo ok", [True]),
        ("RUN set -o errexit && echo x; chmod +x /a; echo ok", [True]),
        ("RUN <<EOF\nset -eux\nchmod +x /a\necho done\nEOF", [True]),
        ("RUN <<EOF\nchmod +x /a\necho done\nEOF", [False]),
        ("RUN set -e; chmod +x /a && echo ok; echo more", [False]),  # errexit spares all but a chain's last
        ("RUN set -e; set +e; chmod +x /a; echo", [False]),
        ("RUN set -o errexit; set +o errexit; chmod +x /a; echo", [False]),
        ("RUN set -e || true; chmod +x /a; echo", [False]),
    ],
)
def test_errexit_makes_every_chain_end_decide(run: str, fails: list[bool]) -> None:
    assert decided(run) == fails
