"""Whether a Compose service runs until stopped (a server) or is a one-shot job.

Operability rules (restart policy, healthcheck, memory limit, log rotation)
only concern services that keep running. Most services do, so a service counts
as long-running unless something says it is a job or a tool:

- another service waits for it with ``condition: service_completed_successfully``;
- it says it should not be restarted: ``restart: "no"`` or ``on-failure``, or a
  ``deploy.restart_policy`` with condition ``none`` or ``on-failure`` — and it
  publishes no port;
- it only runs under ``profiles`` and shows no sign of a server (no published
  port, no server image with its default command, no restart policy that
  keeps it up);
- its command (or entrypoint) is a typical one-off task: migrations, seeding,
  tests, linters, a backup or dump, an init/setup script;
- its name is one of those jobs (``migrate``, ``db-init``, ``seed``, ``tests``…).

:func:`runs_program` reads what a service's own ``entrypoint``/``command`` starts (a
database server, or a client or script that exits), for rules about the image's program.

Operability hints are only given for projects that are set up to be operated
(:func:`operated`). Also :func:`partial_project`: a project made only of an override file (or of
fragments without image and build) cannot be judged on what it lacks.
"""

from __future__ import annotations

import os
import weakref
from typing import Any

from dlint.knowledge.compose_images import SERVER_PROGRAMS, is_server
from dlint.models.base import Model
from dlint.regex import regex
from dlint.views.compose.values import text_of
from dlint.views.text import split_shell_words

#: words of a command or a service name that make a one-off job
_JOB_WORDS = frozenset(
    {
        "migrate", "migrations", "migration", "seed", "seeder", "seeding", "fixtures", "loaddata",
        "test", "tests", "pytest", "unittest", "jest", "vitest", "mocha", "rspec", "phpunit", "go-test",
        "lint", "linter", "eslint", "flake8", "ruff", "mypy", "rubocop",
        "backup", "restore", "pg_dump", "pg_dumpall", "pg_restore", "mysqldump", "mongodump", "mongorestore",
        "init", "setup", "bootstrap", "provision", "createsuperuser", "collectstatic",
        "db:migrate", "db:seed", "db:setup", "db:create", "db:prepare",
        "upgrade",  # alembic upgrade, flask db upgrade
        "install", "build", "compile",
    }
)
#: words that keep a command running even next to job words (``migrate && runserver``, ``build --watch``)
_SERVER_WORDS = frozenset(
    {
        "serve", "server", "runserver", "start", "dev", "watch", "--watch", "up", "daemon", "worker", "run-server",
        "gunicorn", "uvicorn", "hypercorn", "daphne", "puma", "unicorn", "celery", "nginx", "httpd", "supervisord",
        "sleep", "infinity", "tail", "listen", "--reload", "next", "vite", "webpack-dev-server", "nodemon",
    }
)
_WORD = regex(r"[A-Za-z0-9_:-]+")
#: service names of jobs: the job word alone or joined to another word by - or _
_JOB_NAME = regex(
    r"(?:^|[-_])(migrate|migrations?|migrator|seed|seeder|tests?|lint|backup|restore|init|setup|bootstrap|provision|cli|tools?|console|shell|debug)(?:$|[-_])"
)


class AllProjectsOptions(Model):
    """Options of the operability rules (DC041-DC043)."""

    #: judge every project (false: only projects some service of which is set up to be operated)
    all_projects: bool = True


def _restart(service: Any) -> str | None:
    return (text_of(service.restart) or "").lower() or None


def _policy(service: Any) -> str | None:
    policy = service.deploy.restart_policy if service.deploy is not None else None
    if policy is None:
        return None
    return (text_of(policy.condition) or "any").lower()


def _command_words(service: Any) -> list[str]:
    words: list[str] = []
    for command in (service.entrypoint, service.command):
        if command is None:
            continue
        for item in command.items:
            text = text_of(item)
            if text:
                words.extend(word.lower() for word in _WORD.findall(text))
    return words


#: shells whose ``-c`` script is read word by word
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh"})
#: words that run the program after them (their own options skipped)
_LAUNCHERS = frozenset({"exec", "env", "tini", "dumb-init", "nice", "--"})
#: launchers that take a user before the program (``gosu redis redis-server``)
_USER_LAUNCHERS = frozenset({"gosu", "su-exec"})
_ASSIGNMENT = regex(r"^[A-Za-z_][A-Za-z0-9_]*=")


def _split(text: str) -> list[str]:
    try:
        return split_shell_words(text)
    except ValueError:
        return text.split()


def command_argv(service: Any) -> list[str] | None:
    """The words the service's own ``entrypoint`` then ``command`` run, as Compose splits
    them; None when it sets neither (the image decides) or a variable decides a word."""
    words: list[str] = []
    for command in (service.entrypoint, service.command):
        if command is None or command.form == "null":
            continue
        for item in command.items:
            text = text_of(item)
            if text is None:
                return None
            words.extend(_split(text) if command.form == "string" else [text])
    return words or None


def _base(word: str) -> str:
    return word.rsplit("/", 1)[-1].lower()


def _script(words: list[str]) -> str | None:
    """The script of ``sh -c SCRIPT`` (also ``-ec``, ``-lc``), else None."""
    for index, word in enumerate(words[1:], 1):
        if not word.startswith("-"):
            return None
        if "c" in word[1:] and not word.startswith("--"):
            return words[index + 1] if index + 1 < len(words) else None
    return None


def _starts(words: list[str], programs: frozenset[str], depth: int = 0) -> bool:
    index = 0
    while index < len(words):
        word, base = words[index], _base(words[index])
        if base in _LAUNCHERS or _ASSIGNMENT.match(word) or (index and word.startswith("-")):
            index += 1
        elif base in _USER_LAUNCHERS:
            index += 2
        else:
            break
    rest = words[index:]
    if not rest:
        return False
    base = _base(rest[0])
    if base in programs:
        return True
    script = _script(rest) if base in _SHELLS else None
    if script is not None and depth < 4:
        inner = _split(script)
        # a script that starts the program anywhere (``chown … && exec redis-server``)
        return any(_base(word) in programs for word in inner) or _starts(inner, programs, depth + 1)
    return False


def runs_program(service: Any, programs: frozenset[str]) -> bool | None:
    """Whether the service's own ``entrypoint``/``command`` starts one of ``programs``
    (base names), through ``exec``, ``gosu``, ``tini``, ``sh -c '…'``: True also for
    options alone (``command: --save 60 1``, handed to the image's entrypoint); False when
    it runs something else (a client such as ``mongosh``, a script, ``sleep``); None
    when it sets neither or a variable decides."""
    words = command_argv(service)
    if not words:
        return None
    if service.entrypoint is None and words[0].startswith("-"):
        return True
    return _starts(words, programs)


def command_words(service: Any) -> list[str] | None:
    """:func:`command_argv` with the script of a ``sh -c`` read as words too."""
    words = command_argv(service)
    if words is None:
        return None
    expanded: list[str] = []
    for _ in range(4):
        script = _script(words) if words and _base(words[0]) in _SHELLS else None
        if script is None:
            break
        expanded.extend(words)
        words = _split(script)
    return expanded + words


def completed_dependencies(project: Any) -> set[str]:
    """Services another service waits on with ``service_completed_successfully``."""
    names: set[str] = set()
    for service in project.services.values():
        for dependency in service.depends_on.values():
            if dependency.condition == "service_completed_successfully":
                names.add(dependency.service)
    return names


class _Facts:
    """What the rules ask about one project service after service, each worked out once:
    its completed dependencies, whether it is partial, and each service's one-shot reason."""

    __slots__ = ("project", "completed", "partial", "reasons")

    def __init__(self, project: weakref.ReferenceType) -> None:
        self.project = project
        self.completed: set[str] | None = None
        self.partial: bool | None = None
        self.reasons: dict[int, tuple[Any, str | None]] = {}  # id of a service → (it, its reason)


#: the facts of the project the rules asked about last (by weak reference: kept no longer
#: than the project); shared, not to be changed
_last: _Facts | None = None


def _facts_of(project: Any) -> _Facts:
    global _last
    facts = _last  # one read: another thread may replace it
    if facts is None or facts.project() is not project:
        facts = _last = _Facts(weakref.ref(project))
    return facts


def _completed_of(project: Any) -> set[str]:
    """:func:`completed_dependencies` of ``project``, read once while rules ask service after
    service (reading every service for each made large projects quadratic)."""
    facts = _facts_of(project)
    if facts.completed is None:
        facts.completed = completed_dependencies(project)
    return facts.completed


def one_shot_reason(project: Any, service: Any, completed: set[str] | None = None) -> str | None:
    """Why ``service`` looks like a one-shot job or a tool, or None when it looks long-running.
    ``completed``: :func:`completed_dependencies` of the project, when already known.
    Worked out once per service of the project the rules ask about."""
    reasons = _facts_of(project).reasons
    known = reasons.get(id(service))
    if known is not None and known[0] is service:
        return known[1]
    reason = _one_shot_reason(project, service, completed if completed is not None else _completed_of(project))
    reasons[id(service)] = (service, reason)
    return reason


def _one_shot_reason(project: Any, service: Any, completed: set[str]) -> str | None:
    if service.name in completed:
        return "another service waits for it to complete"
    restart, policy = _restart(service), _policy(service)
    keeps_running = restart in ("always", "unless-stopped") or policy == "any"
    server_image = service.command is None and service.entrypoint is None and is_server(service)
    if keeps_running or server_image:
        return None
    if (restart in ("no", "on-failure") or (restart is None and policy in ("none", "on-failure"))) and not service.ports:
        return "it is not restarted"
    if service.profiles and not service.ports:
        return "it only runs under a profile"
    words = _command_words(service)
    if any(word in _JOB_WORDS for word in words) and not any(word in _SERVER_WORDS for word in words):
        return "its command is a one-off task"
    if _JOB_NAME.search(service.name.lower()) and not service.ports:
        return "its name is that of a job"
    return None


def is_long_running(project: Any, service: Any) -> bool:
    return one_shot_reason(project, service) is None


def _is_override_name(path: str) -> bool:
    name = os.path.basename(path).lower()
    return ".override." in name or name.startswith("override.")


def partial_project(project: Any) -> bool:
    """The project is not the whole application: its first file is an override file
    (linted without its main file), a file with no base file in its folder, or a
    service has neither image nor build (a fragment that another file completes).
    Judged once for the project the rules ask about, service after service."""
    facts = _facts_of(project)
    if facts.partial is None:
        facts.partial = _partial(project)
    return facts.partial


def _partial(project: Any) -> bool:
    if not project.files or getattr(project, "fragment", False):
        return True
    if _is_override_name(project.files[0].path):
        return True
    return any(service.image is None and service.build is None and service.extends is None for service in project.services.values())


def operated(project: Any) -> bool:
    """Whether the project is set up to be operated: some service sets a restart policy,
    a healthcheck, a memory limit, ``deploy`` or ``logging``. A file with none of them
    is a sample or a development setup, where operability hints are noise."""
    for service in project.services.values():
        if service.restart is not None or service.mem_limit is not None or service.logging is not None:
            return True
        if service.deploy is not None:
            return True
        if service.healthcheck is not None and not service.healthcheck.disable:
            return True
    return False


def long_running_services(project: Any, *, all_projects: bool = False) -> list[Any]:
    """The services of a whole project (not a partial one) that look long-running; none
    when the project is not set up to be operated (see :func:`operated`), unless ``all_projects``."""
    if partial_project(project) or not (all_projects or operated(project)):
        return []
    completed = completed_dependencies(project)
    return [service for service in project.services.values() if one_shot_reason(project, service, completed) is None]


#: what a database service's command starts when it runs the server: the server programs,
#: and ``server``, MinIO's subcommand (its entrypoint runs ``minio server …``)
_DATABASE_SERVER_WORDS = SERVER_PROGRAMS | {"server"}


def one_shot_job(project: Any, service: Any, completed: set[str] | None = None) -> bool:
    """The service runs a job on the database image, not its server: another service
    waits for it to complete, or its own command runs another program (``mongosh``,
    ``psql``, a seeding script) — it keeps no data. ``completed``: as for :func:`one_shot_reason`."""
    if completed is None:
        completed = _completed_of(project)
    return service.name in completed or runs_program(service, _DATABASE_SERVER_WORDS) is False
