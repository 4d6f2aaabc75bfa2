"""DL3025: CMD, ENTRYPOINT or HEALTHCHECK CMD written in shell form."""


from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.text import split_shell_words

#: a command made only of these characters has no shell feature to lose
_PLAIN = regex(r"""[\w./:=,@%+\-\s'"]+""")


def exec_form(command: str) -> str | None:
    """The JSON array for a plain command (words only), None when the shell matters."""
    if not _PLAIN.fullmatch(command) or "\n" in command:
        return None
    try:
        words = split_shell_words(command)
    except ValueError:
        return None
    if not words:
        return None
    return "[" + ", ".join(_json_string(word) for word in words) + "]"


def _json_string(word: str) -> str:
    import json

    return json.dumps(word, ensure_ascii=False)


class ShellFormCommand(Rule):
    """CMD or ENTRYPOINT is not in JSON (exec) form.

    ## Why is this bad?
    In shell form Docker runs the command as `/bin/sh -c "…"`: the shell becomes
    process 1 and the program its child. `docker stop` sends SIGTERM to the
    shell, which does not pass it on, so the program is killed after the grace
    period instead of shutting down cleanly. An `ENTRYPOINT` in shell form also
    ignores the arguments of `CMD` and `docker run`. The JSON form runs the
    program directly. `HEALTHCHECK CMD` is checked as well, for consistency.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    CMD gunicorn --bind 0.0.0.0:8000 app:wsgi
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:wsgi"]
    ```

    ## Fix safety
    A fix is offered only when the command is plain words (letters, digits,
    `./:=,@%+-`, quoted words): no variables, globs, redirections, pipes or
    `&&`, which exec form would not interpret. It is unsafe because the
    program then runs as process 1 without a shell: it receives signals
    directly, the environment is no longer read through the shell, and an
    `ENTRYPOINT` starts accepting `CMD` arguments. Review before you keep it.

    ## References
    - [Dockerfile reference: CMD](https://docs.docker.com/reference/dockerfile/#cmd)
    - [Dockerfile reference: ENTRYPOINT](https://docs.docker.com/reference/dockerfile/#entrypoint)
    - [Build checks: JSONArgsRecommended](https://docs.docker.com/reference/build-checks/json-args-recommended/)
    """

    code = "DL3025"
    name = "shell-form-command"
    severity = Severity.WARNING
    category = "best-practice"
    aliases = ("JSONArgsRecommended",)
    kind = "dockerfile"
    instructions = frozenset({"CMD", "ENTRYPOINT", "HEALTHCHECK"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        command = instruction.command
        if command is None or command.form != "shell" or command.shell is None:
            return
        text = command.shell.value.strip()
        if not text:
            return
        keyword = instruction.keyword if instruction.keyword != "HEALTHCHECK" else "HEALTHCHECK CMD"
        fix = None
        replacement = exec_form(text)
        if replacement is not None:
            fix = ctx.replace(command.span, replacement, "rewrite in exec form", safe=False)
        yield Violation(command.span, f"{keyword} in shell form: write it as a JSON array (exec form)", fix)
