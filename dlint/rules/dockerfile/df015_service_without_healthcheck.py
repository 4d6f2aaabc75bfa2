"""DF015: a long-running service image has no HEALTHCHECK."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.dockerfile.image_chain import chain_instructions, command_words, final_chain, last_in_chain

#: programs that start a long-running server whatever their arguments
SERVER_PROGRAMS = frozenset({
    "nginx", "httpd", "httpd-foreground", "apache2", "apache2-foreground", "apache2ctl", "caddy", "traefik",
    "haproxy", "envoy", "gunicorn", "uvicorn", "hypercorn", "daphne", "waitress-serve", "uwsgi", "php-fpm",
    "php-fpm8", "puma", "unicorn", "thin", "rackup", "postgres", "mysqld", "mariadbd", "mongod", "redis-server",
    "memcached", "rabbitmq-server", "catalina.sh", "supervisord", "http-server", "pm2-runtime", "next", "nuxt",
})  # fmt: skip
#: programs that run servers and one-shot scripts alike → the arguments that say "server"
_RUNTIMES = {
    "java": frozenset({"-jar"}),
    "dotnet": frozenset({"run", "watch"}),
    "flask": frozenset({"run"}),
    "streamlit": frozenset({"run"}),
    "rails": frozenset({"s", "server"}),
    "php": frozenset({"-s", "artisan serve"}),
    "python": frozenset({"runserver", "http.server", "uvicorn", "gunicorn", "hypercorn", "daphne", "waitress", "flask"}),
    "node": frozenset({"server", "main", "app", "index", "www", "start"}),
    "npm": frozenset({"start", "serve", "dev", "preview", "start:prod", "start:dev"}),
}
for _alias, _runtime in (("python3", "python"), ("bun", "node"), ("deno", "node"), ("tsx", "node"), ("ts-node", "node"),
                         ("nodejs", "node"), ("yarn", "npm"), ("pnpm", "npm")):  # fmt: skip
    _RUNTIMES[_alias] = _RUNTIMES[_runtime]
#: words that run the next word: looked through (``bundle exec puma``, ``poetry run gunicorn``)
_RUNNERS = {"bundle": "exec", "poetry": "run", "pipenv": "run", "uv": "run", "pdm": "run", "hatch": "run"}
_SCRIPT = regex(r"\.(m?js|cjs|ts)$")
_SEPARATORS = frozenset({"&&", "||", ";", "|", "&"})


def _segments(words: list[str]) -> list[list[str]]:
    """The simple commands of ``words`` split at ``&&``, ``;`` and friends."""
    segments: list[list[str]] = [[]]
    for word in words:
        ends = word.endswith(";") and word != ";"
        word = word.rstrip(";") if ends else word
        if word in _SEPARATORS:
            segments.append([])
            continue
        segments[-1].append(word)
        if ends:
            segments.append([])
    return [segment for segment in segments if segment]


def _starts_server(words: list[str]) -> bool:
    """``words`` (one simple command) start a long-running server."""
    words = [word.rsplit("/", 1)[-1].lower() if index == 0 else word.lower() for index, word in enumerate(words)]
    while words and (words[0] in ("exec", "npx", "nohup") or (len(words) > 1 and _RUNNERS.get(words[0]) == words[1])):
        words = words[1:] if words[0] in ("exec", "npx", "nohup") else words[2:]
        if words:
            words[0] = words[0].rsplit("/", 1)[-1]
    if not words:
        return False
    program, arguments = words[0], words[1:]
    if program in SERVER_PROGRAMS:
        return True
    server_words = _RUNTIMES.get(program)
    if server_words is None:
        return False
    if program in ("python", "python3") and arguments[:2] == ["-m", "flask"]:
        return "run" in arguments
    if _RUNTIMES.get(program) is _RUNTIMES["npm"]:
        arguments = arguments[1:] if arguments[:1] == ["run"] else arguments  # npm run start
        return bool(arguments) and arguments[0] in server_words
    if _RUNTIMES.get(program) is _RUNTIMES["node"]:
        scripts = [word for word in arguments if not word.startswith("-")]
        if scripts and scripts[0] in ("run", "start", "serve"):  # deno run …, bun start
            scripts = scripts[1:] or ["start"]
        return bool(scripts) and (
            scripts[0] in ("start", "serve")
            or _SCRIPT.sub("", scripts[0].rsplit("/", 1)[-1]) in server_words
        )
    return bool(server_words.intersection(arguments)) or " ".join(arguments[:2]) in server_words


def _runs_server(words: list[str]) -> bool:
    return any(_starts_server(segment) for segment in _segments(words))


def looks_like_service(chain) -> bool:
    """EXPOSE somewhere in the image, or a CMD/ENTRYPOINT that starts a server
    (the CMD on its own, or as the arguments of an exec-form ENTRYPOINT)."""
    if chain_instructions(chain, "EXPOSE"):
        return True
    entrypoint = last_in_chain(chain, "ENTRYPOINT")
    cmd = last_in_chain(chain, "CMD")
    entrypoint_words, cmd_words = command_words(entrypoint), command_words(cmd)
    if _runs_server(entrypoint_words) or _runs_server(cmd_words):
        return True
    # an exec-form ENTRYPOINT gets an exec-form CMD as its arguments: ["java"] + ["-jar", "app.jar"]
    if entrypoint is None or cmd is None or entrypoint.command.form != "exec" or cmd.command.form != "exec":
        return False
    arguments = [token.value for token in cmd.command.exec_args or []]
    return bool(entrypoint_words and arguments) and _runs_server(entrypoint_words + arguments)


def has_healthcheck(chain) -> bool:
    """A HEALTHCHECK (or HEALTHCHECK NONE) in the image: in the final stage or a stage
    it builds on, ONBUILD triggers of those stages included (they run when built on)."""
    if chain_instructions(chain, "HEALTHCHECK"):
        return True
    return any(
        instruction.keyword == "ONBUILD" and getattr(instruction.trigger, "keyword", None) == "HEALTHCHECK"
        for stage in chain[1:]
        for instruction in stage.instructions
    )


class ServiceWithoutHealthcheck(Rule):
    """A long-running service image has no `HEALTHCHECK`.

    ## Why is this bad?
    Without a health check Docker only knows whether the process is running,
    not whether it answers: a hung server stays "up", orchestrators keep
    sending it traffic, and Compose's `depends_on: condition: service_healthy`
    cannot wait for it.

    Only images that look like long-running services are reported: the
    final image `EXPOSE`s a port, or its CMD/ENTRYPOINT starts a server
    (nginx, httpd, gunicorn, uvicorn, puma, php-fpm, postgres, redis-server,
    `java -jar`, `node server.js`, `npm start`, `flask run`, `rails server`,
    `manage.py runserver` …, also after `bundle exec`, `poetry run` or
    `migrate && …`). Tool images whose entrypoint is a one-shot program
    (`ENTRYPOINT ["jq"]`, `npm run build`, `python migrate.py`) are not. A
    `HEALTHCHECK` in a stage the final stage builds on (`FROM base`), an
    `ONBUILD HEALTHCHECK` there, and `HEALTHCHECK NONE` (an explicit opt-out)
    all count. A health check that the base image itself may define cannot
    be seen from the Dockerfile, so an image that neither exposes a port
    nor names its command (`FROM nginx` + `COPY`) is not judged.

    hadolint's DL3057 (off by default) asks every image for a HEALTHCHECK,
    tools and builders included; this rule is the narrower, on-by-default
    version. Enable one or the other.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    EXPOSE 8000
    CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    EXPOSE 8000
    HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"]
    CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
    ```

    ## References
    - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    """

    code = "DF015"
    name = "service-without-healthcheck"
    severity = Severity.INFO
    category = "best-practice"
    extra_categories = ("operability",)
    cis = ("4.6",)
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        chain = final_chain(ctx.dockerfile)
        if not chain or has_healthcheck(chain) or not looks_like_service(chain):
            return
        final = chain[0].from_instruction
        yield Violation(final.keyword_token.span, "this image runs a service but has no HEALTHCHECK: add one (or HEALTHCHECK NONE to opt out)")
