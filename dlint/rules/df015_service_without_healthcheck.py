"""DF015: a long-running service image has no HEALTHCHECK."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.rules._base_images import chain_instructions, command_words, final_chain, last_in_chain

#: programs that start a long-running server
SERVER_PROGRAMS = frozenset({
    "nginx", "httpd", "apache2", "apache2ctl", "caddy", "traefik", "haproxy", "envoy",
    "gunicorn", "uvicorn", "hypercorn", "daphne", "waitress-serve", "uwsgi", "flask", "fastapi",
    "php-fpm", "php-fpm8", "puma", "unicorn", "rails", "rackup",
    "postgres", "mysqld", "mongod", "redis-server", "memcached", "rabbitmq-server",
    "catalina.sh", "java", "dotnet", "node", "npm", "yarn", "pnpm", "bun", "deno",
})
#: programs that run servers and one-shot scripts alike: they need a server-like word
_RUNTIMES = frozenset({"java", "dotnet", "node", "npm", "yarn", "pnpm", "bun", "deno", "flask", "rails"})
_SERVER_WORDS = frozenset({"runserver", "serve", "server", "start", "run", "s", "server.js", "main.js", "app.js", "-jar"})


def _starts_server(words: list[str]) -> bool:
    if not words or words[0] not in SERVER_PROGRAMS:
        return False
    return words[0] not in _RUNTIMES or bool(_SERVER_WORDS.intersection(words[1:]))


def looks_like_service(chain) -> bool:
    """EXPOSE somewhere in the image, or a CMD/ENTRYPOINT that starts a server."""
    if chain_instructions(chain, "EXPOSE"):
        return True
    return any(
        _starts_server([word.rsplit("/", 1)[-1].lower() for word in command_words(last_in_chain(chain, keyword))])
        for keyword in ("ENTRYPOINT", "CMD")
    )


class ServiceWithoutHealthcheck(Rule):
    """A long-running service image has no `HEALTHCHECK`.

    ## Why is this bad?
    Without a health check Docker only knows whether the process is running,
    not whether it answers: a hung server stays "up", orchestrators keep
    sending it traffic, and Compose's `depends_on: condition: service_healthy`
    cannot wait for it. Images that look like services — they `EXPOSE` a
    port or start a server (nginx, gunicorn, uvicorn, node, java -jar …) —
    should declare one. A `HEALTHCHECK` in a stage the final stage builds on
    counts; `HEALTHCHECK NONE` is an explicit opt-out. One-shot tool images
    are not reported. (hadolint's DL3057, off by default, asks it of every
    image.)

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
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        chain = final_chain(ctx.dockerfile)
        if not chain or chain_instructions(chain, "HEALTHCHECK") or not looks_like_service(chain):
            return
        final = chain[0].from_instruction
        yield Violation(final.keyword_token.span, "this image runs a service but has no HEALTHCHECK: add one (or HEALTHCHECK NONE to opt out)")
