"""DX005: a published container port is not one the built image EXPOSEs."""

from __future__ import annotations

import re

from dlint.engine.rule import Rule
from dlint.knowledge.base_images import official_name
from dlint.knowledge.compose_images import DATA_STORES, SERVERS
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.compose.builds import candidate_chains, target_stage
from dlint.views.compose.ports import binding, parse_range
from dlint.views.compose.values import text_of
from dlint.views.dockerfile.image_chain import base_image
from dlint.views.text import split_shell_words


def exposed_ports(chain) -> list[tuple[int, int, str]]:
    """``(first, last, protocol)`` of every EXPOSE in the chain (unknown values left out);
    None in place of the list when a variable makes one unknown."""
    ports: list[tuple[int, int, str]] = []
    for stage in chain:
        for instruction in stage.instructions:
            if instruction.keyword != "EXPOSE" or instruction.onbuild:
                continue
            for token in instruction.ports:
                if "$" in token.value:
                    return None
                number, _, protocol = token.value.partition("/")
                found = parse_range(number.rsplit(":", 1)[-1])
                if found is not None:
                    ports.append((found[0], found[1], (protocol or "tcp").lower()))
    return ports


def _server_base(chain) -> bool:
    """The chain starts from a web server, proxy or database image, which exposes
    ports of its own that the Dockerfile does not repeat."""
    image = base_image(chain)
    name = official_name(image) if image is not None else None
    return name is not None and (name in SERVERS or name in DATA_STORES)


#: a number standing alone in a command (not part of a version, an address or a word)
_NUMBER = regex(r"(?<![\w.])(\d{1,5})(?![\w.])")
#: a listening address: ``0.0.0.0:8000``, ``:8000``, ``localhost:8000``, ``[::]:8000``, ``*:8000``
_LISTEN_ADDRESS = regex(r"^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]*\]|localhost|\*|)?:(\d{1,5})$")
#: options that take the port: ``--port``, ``-p``, ``--http-port``, ``--server.port``
_PORT_OPTION = regex(r"^(?:-p|--?(?:[\w.]+[-.])?port)$", re.IGNORECASE)
#: options that take an address to listen on (``gunicorn -b``, ``php -S``)
_BIND_OPTION = regex(r"^(?:-b|-S|--bind|--listen|--host|--addr|--address|--http)$", re.IGNORECASE)
#: ``--port=9000``, ``PORT=9000`` before a command, ``--bind=0.0.0.0:9000``
_ASSIGNED = regex(r"^(?:(?i:--?(?:[\w.]+[-.])?port)|(?:\w+_)?PORT)=(.*)$")
_ASSIGNED_ADDRESS = regex(r"^--?[\w.-]+=(.*:\d{1,5})$")
#: Node.js inspector options (default port 9229)
_INSPECT = regex(r"^--inspect(?:-brk|-wait)?(?:=(.*))?$")
#: programs whose first argument is the port, and the port they use without one
_PORT_ARGUMENT = {"http.server": 8000, "runserver": 8000}


def _port_of(value: str) -> int | None:
    """The port of ``9000`` or of a listening address (``0.0.0.0:9000``)."""
    if value.isdecimal() and len(value) <= 5:
        return int(value)
    match = _LISTEN_ADDRESS.match(value)
    return int(match.group(1)) if match else None


def _words(command) -> list[str] | None:
    """The words of a Compose ``command``/``entrypoint`` (shell strings split, ``sh -c``
    scripts too); None when a variable (of Compose or of the shell) leaves a part unknown."""
    words: list[str] = []
    for item in command.items:
        text = text_of(item)
        if text is None or "$" in text:
            return None
        try:
            split = split_shell_words(text) if command.form == "string" else [text]
        except ValueError:
            split = text.split()
        for word in split:
            try:
                words.extend(split_shell_words(word) if " " in word else [word])  # ``sh -c "…"``
            except ValueError:
                words.extend(word.split())
    return words


def command_ports(service) -> tuple[set[int], set[int]] | None:
    """What the service's ``command`` and ``entrypoint`` overrides say about the ports the
    process listens on: ``(named, mentioned)`` — the ports they name as ones to listen on
    (``--port 9000``, ``--port=9000``, ``-p 9000``, ``--bind 0.0.0.0:9000``, ``:9000``,
    ``PORT=9000``, ``python -m http.server 9000``, ``node --inspect``), and every number
    that stands alone in them. None when a variable leaves them unknown."""
    named: set[int] = set()
    mentioned: set[int] = set()
    for command in (service.entrypoint, service.command):
        if command is None or command.form == "null":
            continue
        words = _words(command)
        if words is None:
            return None
        for index, word in enumerate(words):
            following = words[index + 1] if index + 1 < len(words) else ""
            mentioned.update(int(number) for number in _NUMBER.findall(word))
            port = None
            if _PORT_OPTION.match(word) or _BIND_OPTION.match(word):
                port = _port_of(following)
            elif (assigned := _ASSIGNED.match(word) or _ASSIGNED_ADDRESS.match(word)) is not None:
                port = _port_of(assigned.group(1))
            elif (inspect := _INSPECT.match(word)) is not None:
                value = inspect.group(1)
                port = 9229 if not value else (_port_of(value) or (None if ":" in value else 9229))
            elif word in _PORT_ARGUMENT:
                port = _port_of(following) or _PORT_ARGUMENT[word]
            else:
                port = _port_of(word) if ":" in word else None
            if port is not None:
                named.add(port)
    return named, mentioned


def environment_ports(service, chain) -> set[int] | None:
    """Ports named by ``*PORT*`` variables of the service's ``environment`` and of the
    Dockerfile's ENV (an app started with ``PORT=9000`` listens there); None when a
    variable leaves the service's value unknown."""
    ports: set[int] = set()
    for variable in service.environment.values():
        if "PORT" not in variable.name.upper() or variable.value is None:
            continue
        text = text_of(variable.value)
        if text is None:
            return None
        ports.update(int(number) for number in _NUMBER.findall(text))
    for stage in chain:
        for instruction in stage.instructions:
            if instruction.keyword == "ENV" and not instruction.onbuild:
                for pair in instruction.pairs:
                    if "PORT" in pair.key.value.upper() and pair.value is not None:
                        ports.update(int(number) for number in _NUMBER.findall(pair.value.value))
    return ports


class PublishedPortNotExposed(Rule):
    """A published container port is not one the Dockerfile `EXPOSE`s.

    ## Why is this bad?
    The classic mismatch: the app listens on 8000, the Dockerfile says
    `EXPOSE 8000`, and the Compose file maps `80:80` — the port opens on the
    host but nothing answers. The container side of a `ports` mapping must be
    the port the process listens on.

    Only checked when the listening ports are known: the Dockerfile
    `EXPOSE`s something in the built stage or a stage it builds on, with no
    variable in those `EXPOSE`s, and the image at the bottom is not a web
    server, proxy or database image (`nginx`, `httpd`, `postgres`…), which
    exposes ports of its own that dlint cannot see. Ranges and protocols are
    compared (`53/udp` is not `53/tcp`).

    A `command` or `entrypoint` in the Compose service runs another process
    than the image's: the service is checked only when it names the ports it
    listens on (`--port 9000`, `--port=9000`, `-p 9000`, `--bind
    0.0.0.0:9000`, `:9000`, `PORT=9000 …`, `python -m http.server 9000`,
    `node --inspect`), and those ports count as listened on, as does any
    other number that stands alone in it; one that names no port, or whose
    port a variable decides, leaves the ports unknown. A `*PORT*` variable of
    the service's `environment` or of the Dockerfile's `ENV` (`PORT: 9000`)
    names a port the process may listen on too (apps read `PORT`); one whose
    value a variable decides leaves the ports unknown. (`env_file` contents
    are not read.) When `build.target` names no stage (DX003) or a variable
    decides it, a port is reported only when no stage `EXPOSE`s it.

    ## Example
    ```dockerfile Dockerfile
    FROM python:3.12-slim
    EXPOSE 8000
    CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
    ```
    ```yaml
    services:
      web:
        build: .
        ports: ["8080:80"]
    ```

    ## Use instead
    ```dockerfile Dockerfile
    FROM python:3.12-slim
    EXPOSE 8000
    CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
    ```
    ```yaml
    services:
      web:
        build: .
        ports: ["8080:8000"]
    ```

    ## References
    - [Compose: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    """

    code = "DX005"
    name = "published-port-not-exposed"
    severity = Severity.WARNING
    category = "correctness"
    kind = "project"
    markers = frozenset({'build'})

    def check_project(self, ctx):
        for name, found in ctx.builds.items():
            service = ctx.project.services[name]
            if found.model is None or not service.ports:
                continue
            listened = self._listened(service, found.model)
            if listened is None:
                continue
            exposed, others = listened
            listed = ", ".join(f"{first}" if first == last else f"{first}-{last}" for first, last, _ in exposed)
            where = f"{found.model.path} exposes {listed}"
            if target_stage(found.model, service) is None:
                where = f"no stage of {found.model.path} exposes it (they expose {listed})"
            for port in service.ports:
                bound = binding(port)
                if bound.target is None:
                    continue
                first, last = bound.target
                covered = all(
                    number in others or any(low <= number <= high and protocol == bound.protocol for low, high, protocol in exposed)
                    for number in range(first, last + 1)
                )
                if not covered:
                    yield Violation(port.span, f"service {name} publishes container port {first if first == last else f'{first}-{last}'}/{bound.protocol}, but {where}", path=port.path)

    @staticmethod
    def _listened(service, dockerfile) -> tuple[list[tuple[int, int, str]], set[int]] | None:
        """The ports the stages the build may target EXPOSE (any of them), and the other
        ports the process may listen on (named by the service's command, entrypoint or a
        ``*PORT*`` variable); None when the listening ports are unknown for some stage."""
        commands = command_ports(service)
        if commands is None:
            return None
        named, mentioned = commands
        if (service.command is not None and service.command.form != "null") or (service.entrypoint is not None and service.entrypoint.form != "null"):
            if not named:
                return None  # another process than the image's, on ports it does not name
        exposed: list[tuple[int, int, str]] | None = None
        others = named | mentioned
        for chain in candidate_chains(dockerfile, service):
            ports = exposed_ports(chain)
            variables = environment_ports(service, chain)
            if not ports or _server_base(chain) or variables is None:
                return None
            others |= variables
            # a port one of the stages exposes may be the right one: reported only when none does
            exposed = [*(exposed or []), *(entry for entry in ports if entry not in (exposed or []))]
        if exposed is None:
            return None
        return exposed, others
