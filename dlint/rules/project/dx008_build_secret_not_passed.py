"""DX008: the Dockerfile mounts a build secret or SSH agent that the Compose build does not pass."""

from __future__ import annotations

import posixpath

from dlint.engine.rule import Rule
from dlint.models.finding import Severity, Violation
from dlint.views.compose.builds import candidate_stages
from dlint.views.compose.values import text_of
from dlint.views.dockerfile.stage_graph import reachable_from


def _mounts(dockerfile, stages) -> list[tuple[str, str, int]]:
    """``(type, id, line)`` of the secret and ssh mounts of the RUNs the build runs
    whichever of ``stages`` it targets (those of the stages each of them needs)."""
    found = []
    needed = set.intersection(*(reachable_from(dockerfile, stage) for stage in stages))
    for index in sorted(needed):
        for instruction in dockerfile.stages[index].instructions:
            if instruction.keyword != "RUN" or instruction.onbuild:
                continue
            for mount in instruction.mounts:
                if mount.type not in ("secret", "ssh"):
                    continue
                if (mount.options.get("required") or "").lower() == "false":  # meant to be optional
                    continue
                if mount.type == "ssh":
                    ident = mount.options.get("id") or "default"
                else:
                    target = mount.target
                    ident = mount.options.get("id") or (posixpath.basename(target.rstrip("/")) if target else "")
                if ident and "$" not in ident:
                    found.append((mount.type, ident, instruction.span.line))
    return found


def _ssh_ids(build) -> set[str] | None:
    """Ids of the SSH agents or keys the build passes (None when a variable hides one)."""
    ids = set()
    for item in build.ssh:
        text = text_of(item)
        if text is None:
            return None
        ids.add(text.split("=", 1)[0].strip())
    return ids


class BuildSecretNotPassed(Rule):
    """The Dockerfile mounts a build secret or SSH agent that the Compose build does not pass.

    ## Why is this bad?
    `RUN --mount=type=secret,id=npmrc` reads a secret the build is given;
    under Compose only the ids listed in the service's `build.secrets` are
    given (and `build.ssh` for `--mount=type=ssh`). When the id is missing the
    mount is silently empty (or the build stops, with `required=true`): the
    private registry login, `git clone` over SSH or API call in that `RUN`
    fails in the Compose build while it works with the `docker build --secret`
    command line the author tried.

    A secret's id is its `id=` option, or the file name of its `target`; a
    Compose build secret passes its `target` (or its `source` when there is
    none); an SSH mount uses the id `default` unless it says `id=`. Mounts with
    `required=false` are meant to be optional and are not reported. Only the
    stages the build runs count (the target or last stage, the stages it is
    built on and the stages it copies or mounts files from). When
    `build.target` names no stage (DX003) or a variable decides it, only the
    mounts of the stages every stage needs count.

    ## Example
    ```dockerfile Dockerfile
    FROM node:22-slim
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    ```
    ```yaml
    services:
      web:
        build: .
    ```

    ## Use instead
    ```dockerfile Dockerfile
    FROM node:22-slim
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    ```
    ```yaml
    services:
      web:
        build:
          context: .
          secrets: [npmrc]
    secrets:
      npmrc:
        file: ${HOME}/.npmrc
    ```

    ## References
    - [Compose Build Specification: secrets](https://docs.docker.com/reference/compose-file/build/#secrets)
    - [Compose Build Specification: ssh](https://docs.docker.com/reference/compose-file/build/#ssh)
    - [Dockerfile reference: RUN --mount=type=secret](https://docs.docker.com/reference/dockerfile/#run---mounttypesecret)
    """

    code = "DX008"
    name = "build-secret-not-passed"
    severity = Severity.WARNING
    category = "correctness"
    kind = "project"
    markers = frozenset({'build'})

    def check_project(self, ctx):
        for name, found in ctx.builds.items():
            dockerfile = found.model
            service = ctx.project.services[name]
            if dockerfile is None or dockerfile.syntax_issues:
                continue
            stages = candidate_stages(dockerfile, service)
            if not stages:
                continue
            build = service.build
            secrets = {item.target or item.source for item in build.secrets}
            ssh = _ssh_ids(build)
            reported: set[tuple[str, str]] = set()
            # one finding per place (the engine keeps one per rule and place): the
            # mounts reported at the same key are named together
            places: dict[int, tuple[object, list[tuple[str, str, int]]]] = {}
            for kind, ident, line in _mounts(dockerfile, stages):
                if (kind, ident) in reported:
                    continue
                if kind == "secret" and ident not in secrets:
                    key, what = "secrets", f"the build secret {ident}"
                elif kind == "ssh" and ssh is not None and ident not in ssh:
                    key, what = "ssh", "the SSH agent" if ident == "default" else f"the SSH key {ident}"
                else:
                    continue
                reported.add((kind, ident))
                node = build.entry(key) or service.entry("build")
                span = node.key_span if node is not None else build.span
                places.setdefault(span.start, (span, []))[1].append((key, what, line))
            for span, missing in places.values():
                keys = " or ".join(dict.fromkeys(f"build.{key}" for key, _, _ in missing))
                if len(missing) == 1:
                    _, what, line = missing[0]
                    message = f"{dockerfile.path} line {line} mounts {what}, but the build of service {name} does not pass it in {keys}"
                else:
                    listed = ", ".join(f"{what} (line {line})" for _, what, line in missing)
                    message = f"{dockerfile.path} mounts {listed}, but the build of service {name} does not pass them in {keys}"
                yield Violation(span, message, path=build.path)
