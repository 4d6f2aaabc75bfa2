"""Facts about a Compose service's runtime confinement (host devices, kernel sysctls) and
the comment-safe edit that adds a key to a service, shared by the hardening rules."""

from __future__ import annotations

from typing import Any

from dlint.models.finding import Edit, Fix
from dlint.models.span import LineIndex, Span
from dlint.regex import regex
from dlint.views.compose.nodes import written_pairs

#: host device paths that give the container the host's disks, memory or I/O ports;
#: each pattern with what the device exposes
HOST_DEVICES = (
    (regex(r"^/dev/?$"), "every device of the host"),
    (regex(r"^/dev/(?:mem|kmem)$"), "the host's physical or kernel memory"),
    (regex(r"^/dev/port$"), "the host's I/O ports"),
    (regex(r"^/dev/cpu/(?:\d+|\*)/msr$"), "the CPU's model-specific registers"),
    (
        regex(r"^/dev/(?:[shv]d[a-z]+|xvd[a-z]+|nvme\d+(?:n\d+(?:p\d+)?)?|mmcblk\d+(?:p\d+)?|dm-\d+|md\d+)\d*$"),
        "a raw disk of the host (every file on it, bypassing permissions)",
    ),
    (regex(r"^/dev/mapper/(?!control$).+$"), "a raw disk volume of the host (every file on it, bypassing permissions)"),
    (regex(r"^/dev/disk/by-[a-z]+/.+$"), "a raw disk of the host (every file on it, bypassing permissions)"),
)


def host_device_exposure(host_path: str) -> str | None:
    """What mapping the host device ``host_path`` into a container exposes, or None for
    devices that are not a way into the host (``/dev/fuse``, ``/dev/net/tun``, GPUs …)."""
    for pattern, exposed in HOST_DEVICES:
        if pattern.match(host_path):
            return exposed
    return None


#: kernel parameters runc (Docker's runtime) accepts in a container: those of the IPC
#: namespace (needs a private ``ipc``), ``net.*`` (needs a private network) and
#: ``kernel.domainname`` (needs a private ``uts``); any other is refused at start
IPC_SYSCTLS = frozenset(
    {"kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"}
)
#: sysctls whose handling by runtimes is not settled enough to judge
_UNSURE_SYSCTLS = frozenset({"kernel.ns_last_pid"})


def sysctl_refusal(name: str, *, host_network: bool, host_ipc: bool, host_uts: bool) -> str | None:
    """Why Docker's runtime refuses to start a container setting sysctl ``name``, or None
    when it is accepted (or when dlint does not know)."""
    key = name.strip().replace("/", ".")
    if key in _UNSURE_SYSCTLS or not key:
        return None
    if key in IPC_SYSCTLS or key.startswith("fs.mqueue."):
        return "it belongs to the IPC namespace and the service uses the host's (ipc: host)" if host_ipc else None
    if key.startswith("net."):
        return "the service uses the host's network (network_mode: host), where network sysctls are refused" if host_network else None
    if key == "kernel.domainname":
        return "the service uses the host's UTS namespace (uts: host)" if host_uts else None
    if key == "kernel.hostname":
        return "the hostname is set with the hostname key, not as a sysctl"
    if key.split(".", 1)[0] in ("kernel", "vm", "fs", "dev", "abi", "debug", "crypto", "user", "sunrpc"):
        return "it is not in a kernel namespace: it would change the whole host, so it has to be set on the host"
    return None


def service_node(project: Any, service: Any) -> tuple[Any, Any]:
    """The Compose file ``service`` (merged) is first written in, and the service's mapping
    node there; ``(None, None)`` when not found."""
    for compose in project.files:
        if compose.path == service.path:
            written = compose.services.get(service.name)
            if written is None or written.node is None or written.node.start < written.name_span.end:
                return None, None  # absent, or an alias of a mapping written elsewhere
            return compose, written.node
    return None, None


def added_key(source: str, node: Any, text: str) -> tuple[Span, str] | None:
    """An insertion of the line ``key: value`` (``text``) as the first key of the block
    mapping ``node`` written in ``source``: the new line goes before the first key's line
    with the same indentation, so comments and the other keys stay as they are. None when
    the mapping is not a block mapping whose first key starts its own line."""
    if node is None or node.kind != "map" or not node.value or source[node.start : node.start + 1] == "{":
        return None
    pairs = written_pairs(node)  # not the keys a merge key brings in from elsewhere
    if not pairs:
        return None
    first = pairs[0][0]
    line_start = source.rfind("\n", 0, first.start) + 1
    indent = source[line_start : first.start]
    if indent.strip(" "):
        return None  # the key shares its line with something else
    span = LineIndex(source).span(line_start, line_start)
    return span, f"{indent}{text}\n"


def added_key_fix(project: Any, service: Any, text: str, message: str, *, safe: bool = False) -> Fix | None:
    """A fix adding the line ``text`` (``key: value``) to ``service`` in the file it is
    first written in (see :func:`added_key`); None when no comment-safe edit exists."""
    compose, node = service_node(project, service)
    if compose is None:
        return None
    edit = added_key(compose.source, node, text)
    if edit is None:
        return None
    span, replacement = edit
    return Fix.model_construct(
        message=message,
        edits=(Edit.model_construct(span=span, replacement=replacement),),
        applicability="safe" if safe else "unsafe",
    )


def hardening_services(project: Any) -> list[Any]:
    """The services the hardening rules judge: every service of a project whose files
    dlint sees whole (none of a fragment: a file dlint cannot tell the base file of)."""
    return [] if project.fragment else list(project.services.values())
