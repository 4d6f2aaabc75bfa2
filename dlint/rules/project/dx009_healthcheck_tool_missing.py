"""DX009: a Compose healthcheck runs curl, wget or a shell that the image does not have."""

from __future__ import annotations

from typing import NamedTuple

from dlint.engine.rule import Rule
from dlint.knowledge.base_images import image_tag
from dlint.knowledge.compose_images import image_name
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.compose.builds import candidate_chains
from dlint.views.compose.values import text_of

PROBES = ("curl", "wget")


class Tools(NamedTuple):
    """What an image is known to contain."""

    shell: bool
    programs: frozenset[str]


_NOTHING = Tools(False, frozenset())
_SHELL_ONLY = Tools(True, frozenset())
_BUSYBOX = Tools(True, frozenset({"wget"}))  # Alpine's BusyBox has wget, not curl
#: official images whose Alpine variants add no curl of their own
_ALPINE_LANGUAGES = frozenset({"alpine", "python", "node", "ruby", "golang"})
#: official images whose -slim variants keep neither curl nor wget
_SLIM = frozenset({"python", "node", "ruby", "debian"})
_WORD = regex(r"[A-Za-z0-9_./-]+")
_SEPARATORS = regex(r"\|\||&&|[;|&()`]|\$\(|\bthen\b|\bdo\b|\belse\b")


def image_tools(name: str | None, tag: str | None) -> Tools | None:
    """What the image ``name`` (lower-case, without Docker Hub prefixes) with ``tag``
    contains, for the few image families where that is well known; None otherwise."""
    if not name:
        return None
    tag = (tag or "").lower()
    if name == "scratch":
        return _NOTHING
    if name.startswith("gcr.io/distroless/"):
        return _BUSYBOX if "debug" in tag else _NOTHING
    if name in _ALPINE_LANGUAGES and (name == "alpine" or "alpine" in tag):
        return _BUSYBOX
    if name in _SLIM and "slim" in tag:
        return _SHELL_ONLY
    if name in ("debian", "ubuntu") and "alpine" not in tag:
        return _SHELL_ONLY
    return None


def _dockerfile_image(image) -> tuple[str | None, str | None]:
    if not image.resolved or image.stage is not None:
        return None, None
    if image.is_scratch:
        return "scratch", None
    repository = (image.repository or "").lower()
    registry = (image.registry or "").lower()
    if registry in ("", "docker.io", "index.docker.io", "registry-1.docker.io"):
        return repository.removeprefix("library/"), image.tag
    return f"{registry}/{repository}", image.tag


def _mentioned(chain) -> set[str]:
    """The probe programs (and ``sh``) that the chain's RUN, COPY and ADD mention
    (installed, downloaded, copied); BusyBox brings a shell and wget."""
    found = set()
    for stage in chain:
        for instruction in stage.instructions:
            if instruction.keyword in ("RUN", "COPY", "ADD"):
                found.update(word.rsplit("/", 1)[-1] for word in _WORD.findall(instruction.text))
    if "busybox" in found:
        found.update(("sh", "wget"))
    return found & {*PROBES, "sh"}


def _shell_programs(command: str) -> list[str]:
    """Programs a shell command line starts (first word of each simple command)."""
    programs = []
    for part in _SEPARATORS.split(command):
        words = part.split()
        while words and ("=" in words[0] and not words[0].startswith("=") or words[0] in ("exec", "command", "!", "if", "while", "{")):
            words.pop(0)
        if words:
            programs.append(words[0].strip("'\"").rsplit("/", 1)[-1])
    return programs


class HealthcheckToolMissing(Rule):
    """Compose healthcheck runs `curl`, `wget` or a shell that the service's image does not have.

    ## Why is this bad?
    A healthcheck runs inside the container. `curl -f http://localhost/health`
    in an image built on `python:3.12-slim` fails with "executable file not
    found" every time: the service is reported unhealthy forever, and every
    `depends_on: condition: service_healthy` on it waits, then fails. The
    slim Debian images and Debian/Ubuntu themselves have neither `curl` nor
    `wget`; Alpine-based language images have BusyBox `wget` but no `curl`;
    distroless images and `scratch` have neither, nor the `/bin/sh` that a
    `CMD-SHELL` test (or a test written as a string) needs.

    Checked for services whose image is one of those families: the base image
    of the stage a service builds (`build.target` or the last stage), or the
    `image:` of a service that does not build. A program that the Dockerfile
    mentions in a `RUN`, `COPY` or `ADD` of that stage chain counts as
    installed (BusyBox brings `sh` and `wget`). A test that tries `curl … || wget …` is fine when either is
    there. Other images (`nginx`, `postgres`, your own) are not judged. When
    `build.target` names no stage (DX003) or a variable decides it, the test
    is reported only when it fails whichever stage is built.

    ## Example
    ```dockerfile Dockerfile
    FROM python:3.12-slim
    COPY . /app
    CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
    ```
    ```yaml
    services:
      web:
        build: .
        healthcheck:
          test: ["CMD", "curl", "-fsS", "http://localhost:8000/health"]
    ```

    ## Use instead
    ```dockerfile Dockerfile
    FROM python:3.12-slim
    COPY . /app
    CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
    ```
    ```yaml
    services:
      web:
        build: .
        healthcheck:
          test: ["CMD", "python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"]
    ```

    ## References
    - [Compose: healthcheck](https://docs.docker.com/reference/compose-file/services/#healthcheck)
    - [Dockerfile reference: HEALTHCHECK](https://docs.docker.com/reference/dockerfile/#healthcheck)
    """

    code = "DX009"
    name = "healthcheck-tool-missing"
    severity = Severity.WARNING
    category = "correctness"
    extra_categories = ("operability",)
    kind = "project"
    markers = frozenset({'healthcheck'})

    def check_project(self, ctx):
        for name, service in ctx.project.services.items():
            healthcheck = service.healthcheck
            if healthcheck is None or healthcheck.disable or healthcheck.test is None or not healthcheck.test.items:
                continue
            found = ctx.builds.get(name)
            if found is not None:
                if found.model is not None:
                    yield from self._check_build(healthcheck.test, candidate_chains(found.model, service), name, found.model.path)
                continue
            if service.build is None:
                text = text_of(service.image)
                tools = image_tools(image_name(service), image_tag(text)[0] if text else None)
                mentioned = set()
                where = f"the image {text}"
            else:
                continue
            if tools is None:
                continue
            yield from self._check(healthcheck.test, tools, mentioned, name, where)

    @classmethod
    def _check_build(cls, test, chains, name: str, path: str):
        """The violations the image built from ``path`` has whichever of ``chains`` the
        build targets (the first chain's message)."""
        found: list[Violation] | None = None
        for chain in chains:
            tools = image_tools(*_dockerfile_image(chain[-1].image)) if chain else None
            if tools is None:
                return
            where = f"the image built from {path} (on {chain[-1].image.value})"
            these = list(cls._check(test, tools, _mentioned(chain), name, where))
            spans = {(violation.path, violation.span.start) for violation in these}
            found = these if found is None else [violation for violation in found if (violation.path, violation.span.start) in spans]
            if not found:
                return
        yield from found or ()

    @staticmethod
    def _check(test, tools: Tools, mentioned: set[str], name: str, where: str):
        items = test.items
        first = text_of(items[0])
        if first is None:
            return
        if test.form == "string" or first.upper() == "CMD-SHELL":
            node = items[0] if test.form == "string" else (items[1] if len(items) > 1 else items[0])
            command = text_of(node)
            if command is None:
                return
            if not tools.shell and "sh" not in mentioned:
                yield Violation(node.span, f"the healthcheck of service {name} needs /bin/sh, which {where} does not have; use the CMD form", path=node.path)
                return
            programs = _shell_programs(command)
            used = [program for program in PROBES if program in programs]
        elif first.upper() == "CMD" and len(items) > 1:
            node = items[1]
            program = text_of(node)
            if program is None:
                return
            used = [program.rsplit("/", 1)[-1]] if program.rsplit("/", 1)[-1] in PROBES else []
        else:
            return
        if not used or any(program in tools.programs or program in mentioned for program in used):
            return
        has = [program for program in PROBES if program in tools.programs]
        hint = f"; it has {has[0]}" if has else ""
        yield Violation(node.span, f"the healthcheck of service {name} runs {' or '.join(used)}, which {where} does not have{hint}", path=node.path)
