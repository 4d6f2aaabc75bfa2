"""DF044: the image runs or ships an SSH server, or exposes port 22."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.package_index import installed_packages
from dlint.knowledge.ssh_servers import SERVER_PACKAGES, SERVER_PROGRAMS, SERVICE_NAMES, SSH_PORT, package_name
from dlint.models.dockerfile import ExposeInstruction, RunInstruction
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.image_chain import command_words, final_chain
from dlint.views.dockerfile.run import commands


class SshServerInImage(Rule):
    """The image installs or starts an SSH server, or exposes port 22.

    ## Why is this bad?
    A container is reached with `docker exec` (or `kubectl exec`); an SSH
    server inside it is one more network service with its own keys, users and
    passwords to manage, to patch and to audit, and a common way in for
    attackers (weak or baked-in passwords, host keys shared by every container
    made from the image). It also needs a process manager to run beside the
    application, so signals and health stop meaning what they should. The
    CIS Docker Benchmark (5.7) asks that containers do not run sshd.

    The final image is judged (the last stage and the stages it is built
    `FROM`); it is reported once, at the first sign: an install of
    `openssh-server`, `dropbear` or `tinyssh`; `EXPOSE 22`; a `CMD` or
    `ENTRYPOINT` that runs `sshd`/`dropbear` or `service ssh start`. The
    client packages (`openssh-client`, and Alpine's `openssh` or Debian's
    `ssh` alone, mostly installed for `git` over SSH) are not signs.
    Images whose purpose is an SSH endpoint (a bastion, an SFTP server, a
    CI agent reached over SSH) can ignore the rule.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN apt-get update && apt-get install -y --no-install-recommends openssh-server \\
        && rm -rf /var/lib/apt/lists/*
    EXPOSE 22
    CMD ["/usr/sbin/sshd", "-D"]
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    CMD ["/usr/local/bin/app"]
    ```
    and reach the container with `docker exec -it <container> sh`.

    ## References
    - [Docker docs: docker container exec](https://docs.docker.com/reference/cli/docker/container/exec/)
    - CIS Docker Benchmark 5.7: do not run sshd within containers
    """

    code = "DF044"
    name = "ssh-server-in-image"
    severity = Severity.WARNING
    category = "security"
    security_severity = 5.0
    cis = ("5.7",)
    kind = "dockerfile"
    markers = frozenset({"ssh", "22", "dropbear"})

    def check_dockerfile(self, ctx):
        chain = final_chain(ctx.dockerfile)
        for stage in reversed(chain):  # the base of the chain comes first in the file
            for instruction in stage.instructions:
                found = self._sign(ctx, instruction)
                if found is not None:
                    span, what = found
                    yield Violation(span, f"{what}: an SSH server in a container is one more service to secure; use `docker exec`")
                    return

    def _sign(self, ctx, instruction):
        if isinstance(instruction, ExposeInstruction):
            for token in instruction.ports:
                if token.value.lower() in (SSH_PORT, f"{SSH_PORT}/tcp"):
                    return token.span, "the image exposes port 22 (SSH)"
        elif isinstance(instruction, RunInstruction):
            for command in commands(ctx, instruction):
                for word in installed_packages(command):
                    # ``openssh-server=${VERSION}``: the name is known even when the version is not
                    text = word.value if word.value is not None else word.raw.strip("'\"")
                    name = package_name(text)
                    if "$" not in name and name in SERVER_PACKAGES:
                        return word.span, f"the image installs the SSH server {name}"
        elif instruction.keyword in ("CMD", "ENTRYPOINT") and _starts_server(command_words(instruction)):
            return instruction.command.span, f"the image's {instruction.keyword} starts an SSH server"
        return None


_SEPARATORS = frozenset({"&&", "||", ";", "exec", "|"})


def _starts_server(words: list[str]) -> bool:
    """Whether the command words (``sh -c`` looked through) run an SSH server as one of
    their commands: ``sshd -D``, ``ssh-keygen -A && exec /usr/sbin/sshd -D``,
    ``service ssh start && nginx``."""
    for index, word in enumerate(words):
        if index and words[index - 1] not in _SEPARATORS:
            continue  # an argument, not a command
        name = word.rsplit("/", 1)[-1]
        if name in SERVER_PROGRAMS:
            return True
        if name in ("service", "rc-service") and index + 1 < len(words) and words[index + 1] in SERVICE_NAMES:
            return True
    return False
