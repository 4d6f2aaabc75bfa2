"""DF010: the image runs as root because no USER is set anywhere."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.applications import copied_from_context, holds_content
from dlint.knowledge.base_images import dev_container_image, runs_as_non_root
from dlint.knowledge.users import ROOT_USERS
from dlint.models.dockerfile import CopyInstruction, KeyValueInstruction
from dlint.models.finding import Severity, Violation
from dlint.regex import regex
from dlint.views.dockerfile.build_context import build_context
from dlint.views.dockerfile.compose_users import compose_reports_root, compose_runs_as_user
from dlint.views.dockerfile.image_chain import base_image, chain_instructions, command_words, final_chain, last_in_chain
from dlint.views.dockerfile.run import _windows_image, commands

#: commands that start a program as another user
_DROPS = regex(
    r"(?<![\w./-])(?:gosu|su-exec|setpriv|runuser|s6-setuidgid|setuidgid|chpst\s+-u|chroot\s+--userspec"
    r"|sudo\s+(?:-\S+\s+)*-u|su(?=\s)[^\n;&|]*\s-c)(?![\w-])"
)
#: texts one of which every match of :data:`_DROPS` holds besides ``su``: a substring search
#: spares most scans of a 64 KB script with the whole pattern
_DROP_WORDS = ("gosu", "su-exec", "setpriv", "runuser", "setuidgid", "chpst", "chroot", "sudo")
_SU = regex(r"su\s")
#: tools made for dropping privileges: an image that installs one runs its program through it
_DROP_TOOLS = regex(r"(?<![\w.-])(?:gosu|su-exec)(?![\w-])")
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh"})
_SCRIPT_HEAD = 64 * 1024
#: daemons that start as root and switch to the user given by ``-u``/``--user``
#: (their manual pages: rspamd(8), memcached(1), named(8), dnsmasq(8), chronyd(8), openvpn(8))
_USER_FLAG_DAEMONS = frozenset({"rspamd", "memcached", "named", "dnsmasq", "chronyd", "openvpn"})
_USER_FLAGS = ("-u", "--user")
#: packages whose program needs root in the container: firewall tools change the
#: network namespace's tables (CAP_NET_ADMIN), the Docker SDKs drive the engine socket
_ROOT_PACKAGES = frozenset({
    "iptables", "ip6tables", "nftables", "ipset", "python-iptables", "py3-nftables", "python3-nftables",
    "docker", "aiodocker",
    # daemons that must start as root and switch to their own account themselves: Postfix's
    # master(8), Dovecot, Exim, OpenSSH's sshd (privilege separation), Unbound (`username:`)
    "postfix", "dovecot", "dovecot-core", "exim", "exim4", "exim4-daemon-light", "exim4-daemon-heavy",
    "openssh-server", "openssh", "unbound",
})
#: ``"remoteUser": "…"`` or ``"containerUser": "…"`` in a devcontainer.json (the Dev Container spec)
_DEVCONTAINER_USER = regex(rb'"(?:remoteUser|containerUser)"\s*:\s*"([^"$]+)"')
_DEVCONTAINER_HEAD = 64 * 1024
_INSTALLERS = frozenset({"apt-get", "apt", "apk", "dnf", "yum", "microdnf", "zypper", "pip", "pip3"})
_PIN = regex(r"[<>=~!\[@].*")
#: where s6-overlay looks for the services it supervises (s6-overlay's README)
_S6_SERVICES = ("etc/s6-overlay/s6-rc.d", "etc/services.d")
_S6_MAX_SERVICES = 200


class NoUser(Rule):
    """Image runs as root: no USER is ever set.

    ## Why is this bad?
    Without a `USER`, the container's process runs as root (unless the base
    image switched user itself). A flaw in the application then hands an
    attacker root inside the container, with write access to everything in it
    and a much shorter path to the host. Create an unprivileged user and switch
    to it after the steps that need root.

    Only the image the file produces counts: its last stage and the stages that
    stage builds `FROM`; a `USER` in any of them is enough (DL3002 checks that
    the last one is not root). A `scratch` image with only a static binary still
    runs it as root, so it is reported. Not reported:

    - base images known to run as a non-root user: distroless
      `:nonroot`/`:debug-nonroot`, Chainguard (`cgr.dev/…`, not `-dev` tags),
      Jupyter docker-stacks (`jupyter/*`, `quay.io/jupyter/*`), Bitnami,
      `jenkins/jenkins`, `jenkins/agent`, `jenkins/inbound-agent`,
      `*-unprivileged`, .NET `chiseled` and `distroless` images (`node` images
      run as root: they only ship a `node` user);
    - images that drop privileges when they start: the ENTRYPOINT or CMD runs
      `gosu`, `su-exec`, `setpriv`, `runuser`, `s6-setuidgid`, `chpst -u`,
      `chroot --userspec`, `sudo -u` or `su … -c`, directly or in an entrypoint
      script copied from the build context; or a RUN installs `gosu` or
      `su-exec` (the image is built to start its program through it);
    - daemons started with the user to switch to: `rspamd`, `memcached`,
      `named`, `dnsmasq`, `chronyd` or `openvpn` given `-u`/`--user`;
    - s6-overlay images (`ENTRYPOINT ["/init"]`) whose service `run` scripts,
      copied from the build context, drop privileges with `s6-setuidgid` or one
      of the tools above;
    - images whose program needs root: `DOCKER_HOST` set to the engine's unix
      socket, a Docker SDK (`docker`, `aiodocker`) or a firewall tool
      (`iptables`, `nftables`, `ipset`) installed, or a daemon that starts as
      root and switches to its own account (`postfix`, `dovecot`, `exim`,
      `openssh-server`, `unbound`);
    - dev-container Dockerfiles whose `devcontainer.json` beside them sets a
      non-root `remoteUser` or `containerUser`, or sets none on a base image of
      `mcr.microsoft.com/devcontainers/` (its metadata names the user);
    - images that every Compose service building them runs with a non-root
      `user:`, or with `user: root` while DC029 runs (it reports that `user:`,
      which decides the run: root either way is one finding, in the Compose file);
    - base-image repositories: images that copy in nothing but helper scripts
      (docker-library's `php`, `python`, `postgres`, nginx's own images), which
      run as root on purpose so that images built on them can choose; an image
      is judged when it holds content of its own (sources, configuration or a
      build stage's artifacts);
    - Windows images and base images given by an unknown variable.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    COPY app.py /app/
    CMD ["python", "/app/app.py"]
    ```

    ## Use instead
    ```dockerfile
    FROM python:3.12-slim
    RUN useradd --create-home --uid 10001 app
    COPY app.py /app/
    USER app
    CMD ["python", "/app/app.py"]
    ```

    ## References
    - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    - [Docker docs: best practices, USER](https://docs.docker.com/build/building/best-practices/#user)
    """

    code = "DF010"
    name = "no-user"
    severity = Severity.WARNING
    category = "security"
    cis = ("4.1",)
    security_severity = 5.0
    kind = "dockerfile"
    tags = ("security",)

    def check_dockerfile(self, ctx):
        chain = final_chain(ctx.dockerfile)
        image = base_image(chain)
        if image is None or chain_instructions(chain, "USER"):
            return
        if not image.resolved or runs_as_non_root(image) or _windows_image(image):
            return
        if compose_runs_as_user(ctx) or compose_reports_root(ctx) or not holds_content(ctx, chain) or _drops_privileges(ctx, chain):
            return
        if _needs_root(ctx, chain) or _devcontainer_user(ctx, image):
            return
        yield Violation(
            chain[0].from_instruction.keyword_token.span,
            "no USER is set, so the image runs as root: create an unprivileged user and switch to it with USER",
        )


def _devcontainer_user(ctx, image) -> bool:
    """A dev container works as a non-root user: the ``devcontainer.json`` beside the
    Dockerfile names one, or names none and the base image's metadata does."""
    context = build_context(ctx)
    if context is None or context.dockerfile is None:
        return False
    path = context.dockerfile.parent / "devcontainer.json"
    try:
        with path.open("rb") as file:
            head = file.read(_DEVCONTAINER_HEAD)
    except OSError:
        return False
    users = [match.group(1).decode("utf-8", "replace") for match in _DEVCONTAINER_USER.finditer(head)]
    if not users:
        return dev_container_image(image)
    return all(user.split(":")[0] not in ROOT_USERS for user in users)


def _drops_privileges(ctx, chain) -> bool:
    """The image starts its program as another user (see the rule's docs)."""
    for stage in chain:
        for instruction in stage.instructions:
            if instruction.onbuild:
                continue
            if instruction.keyword == "RUN" and _drop_tool(instruction.text):
                return True
            if isinstance(instruction, CopyInstruction) and any(_drop_tool(s.value) for s in instruction.sources):
                return True
    context = build_context(ctx)
    for keyword in ("ENTRYPOINT", "CMD"):
        instruction = last_in_chain(chain, keyword)
        if instruction is None:
            continue
        if _drops(instruction.text) or _daemon_user_flag(command_words(instruction)):
            return True
        if keyword == "ENTRYPOINT" and command_words(instruction)[:1] == ["/init"] and _s6_services_drop(chain, context):
            return True
        script = _script_word(command_words(instruction))
        source = copied_from_context(chain, script) if script and context is not None else None
        head = context.head(source.lstrip("/"), _SCRIPT_HEAD) if source is not None else None
        if head is not None and _drops(head.decode("utf-8", "replace")):
            return True
    return False


def _drops(text: str) -> bool:
    """``text`` starts a program as another user (:data:`_DROPS`)."""
    if not any(word in text for word in _DROP_WORDS) and _SU.search(text) is None:
        return False
    return _DROPS.search(text) is not None


def _drop_tool(text: str) -> bool:
    """``text`` names a tool made for dropping privileges (:data:`_DROP_TOOLS`)."""
    return ("gosu" in text or "su-exec" in text) and _DROP_TOOLS.search(text) is not None


def _script_word(words: list[str]) -> str | None:
    """The file a command runs: its first word, or the script a shell is given."""
    while words and words[0].rsplit("/", 1)[-1] in _SHELLS:
        words = [word for word in words[1:] if not word.startswith("-")]
    return words[0] if words else None


def _daemon_user_flag(words: list[str]) -> bool:
    """A daemon of :data:`_USER_FLAG_DAEMONS` told which user to become."""
    if not words or words[0].rsplit("/", 1)[-1] not in _USER_FLAG_DAEMONS:
        return False
    return any(word in _USER_FLAGS or word.startswith("--user=") for word in words[1:])


def _s6_services_drop(chain, context) -> bool:
    """A service ``run`` script s6-overlay supervises, copied from the build context,
    starts its program as another user."""
    if context is None:
        return False
    for stage in chain:
        for copy in stage.instructions:
            if not isinstance(copy, CopyInstruction) or copy.onbuild or copy.flag("from") is not None:
                continue
            if copy.destination is None or copy.destination.value.rstrip("/") not in ("", "/"):
                continue
            for source in copy.sources:
                root = source.value.strip("/").removeprefix("./")
                for services in _S6_SERVICES:
                    folder = f"{root}/{services}".lstrip("/")
                    for name in context.names_in(folder)[:_S6_MAX_SERVICES]:
                        head = context.head(f"{folder}/{name}/run", _SCRIPT_HEAD)
                        if head is not None and _drops(head.decode("utf-8", "replace")):
                            return True
    return False


def _needs_root(ctx, chain) -> bool:
    """The image's program needs root (see the rule's docs)."""
    for stage in chain:
        for instruction in stage.instructions:
            if instruction.onbuild:
                continue
            if isinstance(instruction, KeyValueInstruction) and instruction.keyword == "ENV" and any(
                pair.key.value == "DOCKER_HOST" and pair.value is not None and pair.value.value.startswith("unix://")
                for pair in instruction.pairs
            ):
                return True
            if instruction.keyword == "RUN" and any(_installs_root_package(command) for command in commands(ctx, instruction)):
                return True
    return False


def _installs_root_package(command) -> bool:
    if command.program not in _INSTALLERS:
        return False
    return any(_PIN.sub("", word.value or "") in _ROOT_PACKAGES for word in command.arguments)
