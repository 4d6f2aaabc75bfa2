"""DF020: a downloaded script is piped straight into a shell."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._run import scripts

DOWNLOADERS = frozenset({"curl", "wget", "fetch"})
SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "python", "python3", "perl", "ruby", "node"})


def _downloads(command) -> bool:
    return command.program in DOWNLOADERS


class RemoteScriptPipedToShell(Rule):
    """A downloaded script is piped straight into a shell (`curl … | sh`).

    ## Why is this bad?
    The build runs whatever the server returns at that moment: a compromised
    or changed script, a truncated download (half a script still runs), or an
    error page. Nothing records what ran, so the build cannot be reproduced.
    Download the script (or better, a release artefact) to a file, check its
    SHA-256 against a value written in the Dockerfile, then run it — or use
    `ADD --checksum=sha256:… URL`.

    ## Example
    ```dockerfile
    FROM debian:12-slim
    RUN curl -fsSL https://get.example.com/install.sh | sh
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12-slim
    ADD --checksum=sha256:5d41402abc4b2a76b9719d911017c592ae8b5c4e3f0a1b2c3d4e5f60718293a4 https://get.example.com/install-1.4.2.sh /tmp/install.sh
    RUN sh /tmp/install.sh && rm /tmp/install.sh
    ```

    ## References
    - [Docker build best practices](https://docs.docker.com/build/building/best-practices/)
    - [ADD --checksum](https://docs.docker.com/reference/dockerfile/#add---checksum)
    """

    code = "DF020"
    name = "remote-script-piped-to-shell"
    severity = Severity.WARNING
    category = "security"
    security_severity = 6.0
    kind = "dockerfile"
    instructions = frozenset({"RUN"})

    def check_instruction(self, ctx, instruction):
        for script in scripts(ctx, instruction):
            for pipeline in script.pipelines:
                members = script.pipeline_commands(pipeline)
                downloads = [command for command in members if _downloads(command)]
                runner = next((command for command in members if command.program in SHELLS), None)
                if downloads and runner is not None and members.index(runner) > members.index(downloads[0]):
                    yield Violation(pipeline.span, f"{downloads[0].program} output is piped into {runner.program}: download to a file and check its checksum first")
            for command in script.commands:
                # sh -c "$(curl …)" and bash <(curl …): the inner download runs as code
                if command.program in SHELLS and any(("$(curl" in word.raw or "$(wget" in word.raw or "<(curl" in word.raw or "<(wget" in word.raw) for word in command.arguments):
                    yield Violation(command.span, f"{command.program} runs a script downloaded on the fly: download to a file and check its checksum first")
