"""DF045: chpasswd or passwd is fed a password written in the Dockerfile."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import scripts

_FEEDERS = frozenset({"echo", "printf"})
_ENCRYPTED = frozenset({"-e", "--encrypted"})


def _literal(words) -> str | None:
    """The text ``echo``/``printf`` prints, when every word of it is literal."""
    parts = []
    for word in words:
        if word.value is None:
            return None
        if not parts and word.value.startswith("-"):
            continue  # echo -e, printf's options are not printed
        parts.append(word.value)
    return " ".join(parts) if parts else None


_OPENSSL_VALUED = frozenset({"-salt", "-in"})


def _openssl_password(command):
    """The literal password word of ``openssl passwd [-1|-5|-6|-salt S] <password>``."""
    if command.program != "openssl" or not command.arguments or command.arguments[0].value != "passwd":
        return None
    operands = []
    words = command.arguments[1:]
    index = 0
    while index < len(words):
        text = words[index].value
        if text is None:
            return None  # a variable: the ARG rules' business
        if text in ("-stdin", "-in"):
            return None
        if text in _OPENSSL_VALUED:
            index += 2
            continue
        if not text.startswith("-"):
            operands.append(words[index])
        index += 1
    return operands[0] if len(operands) == 1 else None


class LiteralPasswordSet(Rule):
    """A user's password is set from a literal in the Dockerfile (`echo 'root:pw' | chpasswd`).

    ## Why is this bad?
    The password is in the Dockerfile, in the repository, and in the image:
    `docker history` shows every RUN's command line to anyone who can pull
    the image, and every container made from it shares the same password.
    An account that needs a password (rarely, in a container) should get it at
    run time from a secret, or not have one: lock it, and use `docker exec`
    to get a shell.

    Reported: `chpasswd` fed by `echo`/`printf` in a pipeline or by a
    here-string, with `user:password` written out, and `passwd` (including
    RHEL's `passwd --stdin`) fed the same way, and a password hashed with
    `openssl passwd` (`useradd -p "$(openssl passwd -6 secret)" app`). A password that comes from a
    variable (`echo "root:$ROOT_PASSWORD" | chpasswd`) is not reported here:
    the ARG/ENV that holds it is DL3064's and DF012's. `chpasswd -e` (an
    encrypted hash) is not reported.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN useradd -m app && echo 'app:changeme' | chpasswd
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    RUN useradd -m app && passwd -l app
    ```

    ## References
    - [Docker docs: build secrets](https://docs.docker.com/build/building/secrets/)
    - CIS Docker Benchmark 4.10: do not store secrets in Dockerfiles
    """

    code = "DF045"
    name = "literal-password-set"
    severity = Severity.ERROR
    category = "security"
    security_severity = 7.5
    cis = ("4.10",)
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"passwd"})  # chpasswd, openssl passwd

    def check_instruction(self, ctx, instruction):
        for script in scripts(ctx, instruction):
            for pipeline in script.pipelines:
                members = script.pipeline_commands(pipeline)
                for position, command in enumerate(members):
                    if command.program not in ("chpasswd", "passwd") or position == 0 or self._encrypted(command):
                        continue
                    before = position - 1
                    while before > 0 and script.wrapper_of(command) is members[before]:
                        command, before = members[before], before - 1  # ``… | sudo chpasswd``
                    feeder = members[before]
                    if feeder.program not in _FEEDERS or feeder.redirects:
                        continue
                    text = _literal(feeder.arguments)
                    target = members[position]
                    if text is not None and self._password(target.program, text):
                        yield Violation(target.name.span, f"`{target.program}` is given a password written in the Dockerfile: it stays in the image history")
            for command in script.commands:
                password = _openssl_password(command)
                if password is not None:
                    yield Violation(password.span, "`openssl passwd` hashes a password written in the Dockerfile: it stays in the image history")
                    continue
                if command.program not in ("chpasswd", "passwd") or self._encrypted(command):
                    continue
                for redirect in command.redirects:
                    if redirect.operator == "<<<" and redirect.target is not None and redirect.target.value is not None:
                        if self._password(command.program, redirect.target.value):
                            yield Violation(command.name.span, f"`{command.program}` is given a password written in the Dockerfile: it stays in the image history")

    @staticmethod
    def _encrypted(command) -> bool:
        return any(word.value in _ENCRYPTED for word in command.arguments)

    @staticmethod
    def _password(program: str, text: str) -> bool:
        text = text.replace("\\n", "\n")
        if program == "chpasswd":
            user, colon, password = text.partition(":")
            return bool(colon and user.strip() and password.strip())
        return bool(text.strip())
