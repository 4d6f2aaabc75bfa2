"""Turns a positioned YAML tree of one Compose file into :mod:`dlint.models.compose` models.

The YAML has been checked against the schema already, so builders only skip
values of the wrong shape (the schema finding reports them) instead of
failing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dlint.models.compose import (
    Build,
    Command,
    ComposeFile,
    ComposeIssue,
    DependsOn,
    Deploy,
    EnvFile,
    EnvVar,
    Extends,
    FileReference,
    Healthcheck,
    Include,
    Logging,
    Port,
    Resource,
    ResourceSpec,
    RestartPolicy,
    Scalar,
    Service,
    ServiceHook,
    ServiceNetwork,
    ServiceVolume,
    Ulimit,
    Watch,
    entries_of,
)
from dlint.models.base import construct
from dlint.models.span import Span
from dlint.parsers.compose.interpolation import Interpolated, interpolate
from dlint.parsers.yaml_loader import YNode, make_span, to_python


SCALAR_KEYS = (
    "image", "network_mode", "restart", "user", "privileged", "read_only", "container_name", "pull_policy", "platform",
    "attach", "cgroup", "cgroup_parent", "cpu_count", "cpu_percent", "cpu_shares", "cpu_quota", "cpu_period",
    "cpu_rt_period", "cpu_rt_runtime", "cpus", "cpuset", "domainname", "hostname", "init", "ipc", "isolation",
    "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "oom_kill_disable",
    "oom_score_adj", "pid", "pids_limit", "pull_refresh_after", "runtime", "scale", "shm_size", "stdin_open",
    "stop_grace_period", "stop_signal", "tty", "use_api_socket", "uts", "userns_mode", "working_dir",
)
LIST_KEYS = (
    "expose", "profiles", "cap_add", "cap_drop", "device_cgroup_rules", "dns", "dns_opt", "dns_search",
    "external_links", "group_add", "label_file", "links", "security_opt", "tmpfs", "volumes_from",
)
MAP_KEYS = ("environment", "labels", "annotations", "sysctls", "storage_opt")
#: the same keys as sets, for the look-up of every key of every service
_SCALAR_KEY_SET = frozenset(SCALAR_KEYS)
_LIST_KEY_SET = frozenset(LIST_KEYS)
_MAP_KEY_SET = frozenset(MAP_KEYS)


class ModelBuilder:
    """Builds the models of one file, interpolating with ``env``."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env
        self._interpolated: dict[str, Interpolated] = {}

    def interpolate(self, text: str) -> Interpolated:
        """:func:`interpolate` of ``text`` with ``env``, worked out once per text (the
        interpolation check and the models read every value that holds a ``$``)."""
        result = self._interpolated.get(text)
        if result is None:
            result = self._interpolated[text] = interpolate(text, self.env)
        return result

    def scalar_issues(self, root: YNode) -> list[ComposeIssue]:
        """Malformed interpolation anywhere in the document (x-* extensions included)."""
        issues: list[ComposeIssue] = []
        stack = [root]
        seen: set[int] = set()
        while stack:
            node = stack.pop()
            kind = node.kind
            if kind == "scalar" and not (isinstance(node.value, str) and "$" in node.value):
                continue  # most scalars: nothing to check, nor to remember
            if id(node) in seen:
                continue
            seen.add(id(node))
            if kind == "map":
                stack.extend([value for _, value in node.value.values()])
            elif kind == "seq":
                stack.extend(node.value)
            else:
                for message, start, end in self.interpolate(node.value).errors:
                    span = _sub_span(node, start, max(end - start, 1))
                    issues.append(ComposeIssue.make(kind="interpolation", message=message, span=span, path=node.file))
        return issues

    # -- small pieces ------------------------------------------------------------------

    def scalar(self, node: YNode) -> Scalar:
        value = node.value
        if node.kind != "scalar":
            return Scalar.make(value=to_python(node), raw=None, effective=to_python(node), span=node.span, path=node.file)
        if isinstance(value, str) and "$" in value:
            result = self.interpolate(value)
            return construct(Scalar, {
                "value": value, "raw": node.text, "effective": result.value, "resolved": result.value is not None,
                "variables": result.variables, "span": node.span, "path": node.file,
            })
        # construct, not make: the hot path of the builders (every field with a factory is given)
        return construct(Scalar, {"value": value, "raw": node.text, "effective": value, "span": node.span, "path": node.file, "variables": []})

    def optional_scalar(self, node: YNode | None) -> Scalar | None:
        return None if node is None else self.scalar(node)

    def scalars(self, node: YNode | None) -> list[Scalar]:
        """A list of scalars; a single scalar counts as a list of one."""
        if node is None or node.value is None:
            return []
        if node.kind == "seq":
            return [self.scalar(item) for item in node.value if item.kind == "scalar"]
        if node.kind == "scalar":
            return [self.scalar(node)]
        return []

    def text_of(self, scalar: Scalar) -> tuple[str, bool]:
        """The effective text of a scalar (raw text when unresolved) and whether it is exact."""
        if scalar.effective is None and not scalar.resolved:
            return scalar.text, False
        return ("" if scalar.effective is None else str(scalar.effective)), True

    def name(self, node: YNode) -> tuple[str, bool]:
        """A name written as a scalar (a list item): its interpolated text and whether it is
        known (False: an unknown variable decides it, and the text is as written)."""
        scalar = self.scalar(node)
        if not scalar.resolved or scalar.effective is None:
            return scalar.text, False
        return _plain_text(scalar.effective), True

    def flag(self, node: YNode | None) -> bool | None:
        """A boolean as Compose casts it after interpolation (true/false, and YAML 1.1's
        yes/no/on/off/y/n); None when absent, unknown or not a boolean."""
        if node is None or node.kind != "scalar" or node.value is None:
            return None
        value = node.value
        if isinstance(value, str):
            value = self.scalar(node).effective if "$" in value else value
            if not isinstance(value, str):
                return None
            return _BOOLEANS.get(value.lower())
        return value if isinstance(value, bool) else None

    def data(self, node: YNode | None) -> Any:
        """Plain data of a node tree with every string interpolated (a string an unknown
        variable decides stays as written); keys as written, as Compose leaves them."""
        if node is None:
            return None
        if node.kind == "map":
            return {key: self.data(v) for key, (_, v) in node.value.items()}
        if node.kind == "seq":
            return [self.data(item) for item in node.value]
        if isinstance(node.value, str) and "$" in node.value:
            scalar = self.scalar(node)
            return scalar.effective if scalar.resolved and scalar.effective is not None else node.value
        return node.value

    def key_values(self, node: YNode | None, separator: str = "=") -> dict[str, EnvVar]:
        """``environment``-style values: a mapping, or a list of ``KEY=VALUE`` strings."""
        result: dict[str, EnvVar] = {}
        if node is None:
            return result
        if node.kind == "map":
            for key, (k, v) in node.value.items():
                value = None if v.kind == "scalar" and v.value is None else self.scalar(v)
                whole = make_span(k.start, v.end, k.line + 1, k.column + 1, v.end_line + 1, v.end_column + 1)
                result[str(key)] = construct(EnvVar, {"name": str(key), "value": value, "name_span": k.span, "span": whole, "path": k.file})
        elif node.kind == "seq":
            for item in node.value:
                if item.kind != "scalar" or item.value is None:
                    continue
                text = str(item.value)
                name, has_value, rest = text.partition(separator)
                if "$" in name:
                    # Compose interpolates the whole item, then splits it: the name is known only then
                    whole = self.scalar(item)
                    if whole.resolved and whole.effective is not None:
                        name, has_value, rest = str(whole.effective).partition(separator)
                        name = name.strip() if separator == ":" else name
                        value = Scalar.make(value=rest, raw=rest, effective=rest, span=item.span, path=item.file) if has_value else None
                    else:
                        value = Scalar.make(value=rest, raw=rest, effective=None, resolved=False, variables=whole.variables, span=item.span, path=item.file)
                    result[name] = EnvVar.make(name=name, value=value, name_span=item.span, span=item.span, path=item.file)
                    continue
                name = name.strip() if separator == ":" else name
                value = None
                if has_value:
                    offset = len(name) + len(separator)
                    sub = _sub_node(item, offset, len(text) - offset, rest)
                    value = self.scalar(sub)
                name_span = _sub_span(item, 0, len(name))
                result[name] = construct(EnvVar, {"name": name, "value": value, "name_span": name_span, "span": item.span, "path": item.file})
        return result

    def command(self, node: YNode | None) -> Command | None:
        if node is None:
            return None
        if node.kind == "seq":
            return Command.make(form="list", items=[self.scalar(i) for i in node.value if i.kind == "scalar"], span=node.span, path=node.file)
        if node.kind == "scalar" and node.value is None:
            return Command.make(form="null", items=[], span=node.span, path=node.file)
        return Command.make(form="string", items=[self.scalar(node)], span=node.span, path=node.file)

    # -- service pieces --------------------------------------------------------------------

    def port(self, node: YNode) -> Port | None:
        if node.kind == "map":
            values = {str(k): v for k, (_, v) in node.value.items()}
            fields: dict[str, Any] = {}
            resolved = True
            for key in ("target", "published", "host_ip", "protocol", "mode", "name", "app_protocol"):
                if key in values and values[key].kind == "scalar" and values[key].value is not None:
                    text, exact = self.text_of(self.scalar(values[key]))
                    resolved = resolved and exact
                    fields[key] = text
            fields.setdefault("protocol", "tcp")
            return Port.make(short=False, raw=None, resolved=resolved, span=node.span, path=node.file, **fields)
        if node.kind != "scalar" or node.value is None:
            return None
        raw = self.scalar(node)
        text, exact = self.text_of(raw)
        fields = parse_port(text)
        return Port.make(short=True, raw=raw, resolved=exact, span=node.span, path=node.file, **fields)

    def volume(self, node: YNode) -> ServiceVolume | None:
        if node.kind == "map":
            values = {str(k): v for k, (_, v) in node.value.items()}
            fields: dict[str, Any] = {}
            resolved = True
            for key in ("type", "source", "target"):
                child = values.get(key)
                if child is not None and child.kind == "scalar" and child.value is not None:
                    text, exact = self.text_of(self.scalar(child))
                    resolved = resolved and exact
                    fields[key] = text
            options = {key: self.data(values[key]) for key in ("bind", "volume", "tmpfs", "image", "consistency") if key in values}
            return ServiceVolume.make(
                type=fields.get("type") or "volume", source=fields.get("source"), target=fields.get("target"),
                read_only=bool(self.flag(values.get("read_only"))), options=options,
                short=False, resolved=resolved, span=node.span, path=node.file,
            )
        if node.kind != "scalar" or node.value is None:
            return None
        raw = self.scalar(node)
        text, exact = self.text_of(raw)
        return ServiceVolume.make(short=True, raw=raw, resolved=exact, span=node.span, path=node.file, **parse_volume(text))

    def depends_on(self, node: YNode | None) -> dict[str, DependsOn]:
        result: dict[str, DependsOn] = {}
        if node is None:
            return result
        if node.kind == "seq":
            for item in node.value:
                if item.kind == "scalar" and item.value is not None:
                    name, known = self.name(item)
                    result[name] = DependsOn.make(service=name, resolved=known, name_span=item.span, span=item.span, path=item.file)
        elif node.kind == "map":
            for key, (k, v) in node.value.items():  # keys are names as written (Compose does not interpolate keys)
                fields: dict[str, Any] = {}
                if v.kind == "map":
                    condition = v.get("condition")
                    if condition is not None and condition.kind == "scalar" and condition.value is not None:
                        fields["condition"] = self.name(condition)[0]
                    restart = v.get("restart")
                    if restart is not None:
                        fields["restart"] = bool(self.flag(restart))
                    required = v.get("required")
                    if required is not None and required.kind == "scalar" and required.value is not None:
                        fields["required"] = bool(self.flag(required))  # unknown: not required (never judged)
                result[str(key)] = DependsOn.make(service=str(key), short=False, name_span=k.span, span=v.span, path=k.file, **fields)
        return result

    def file_references(self, node: YNode | None) -> list[FileReference]:
        result = []
        for item in node.value if node is not None and node.kind == "seq" else ():
            if item.kind == "scalar" and item.value is not None:
                name, known = self.name(item)
                result.append(FileReference.make(source=name, resolved=known, source_span=item.span, span=item.span, path=item.file))
            elif item.kind == "map" and item.get("source") is not None:
                source = item.get("source")
                name, known = self.name(source) if source.kind == "scalar" else (str(to_python(source)), False)
                fields = {key: self.data(item.get(key)) for key in ("target", "uid", "gid", "mode") if item.get(key) is not None}
                result.append(
                    FileReference.make(source=name, resolved=known, short=False, source_span=source.span, span=item.span, path=item.file, **fields)
                )
        return result

    def networks(self, node: YNode | None) -> dict[str, ServiceNetwork]:
        result: dict[str, ServiceNetwork] = {}
        if node is None:
            return result
        if node.kind == "seq":
            for item in node.value:
                if item.kind == "scalar" and item.value is not None:
                    name, known = self.name(item)
                    result[name] = ServiceNetwork.make(name=name, resolved=known, name_span=item.span, span=item.span, path=item.file)
        elif node.kind == "map":
            for key, (k, v) in node.value.items():  # keys are names as written (Compose does not interpolate keys)
                fields: dict[str, Any] = {}
                if v.kind == "map":
                    fields["aliases"] = self.scalars(v.get("aliases"))
                    for option in ("ipv4_address", "ipv6_address", "priority"):
                        fields[option] = self.optional_scalar(v.get(option))
                    fields["options"] = {
                        str(o): self.data(ov) for o, (_, ov) in v.value.items()
                        if o not in ("aliases", "ipv4_address", "ipv6_address", "priority")
                    }
                result[str(key)] = ServiceNetwork.make(name=str(key), name_span=k.span, span=v.span, path=k.file, **fields)
        return result

    def env_files(self, node: YNode | None) -> list[EnvFile]:
        if node is None:
            return []
        items = node.value if node.kind == "seq" else [node]
        result = []
        for item in items:
            if item.kind == "scalar" and item.value is not None:
                result.append(EnvFile.make(file=self.scalar(item), span=item.span, path=item.file))
            elif item.kind == "map" and item.get("path") is not None:
                required = item.get("required")
                fmt = item.get("format")
                result.append(
                    EnvFile.make(
                        file=self.scalar(item.get("path")),
                        # unknown: not required, so that a missing file is never reported on a guess
                        required=True if required is None or required.value is None else bool(self.flag(required)),
                        format=None if fmt is None or fmt.kind != "scalar" or fmt.value is None else self.name(fmt)[0],
                        span=item.span, path=item.file,
                    )
                )
        return result

    def healthcheck(self, node: YNode | None) -> Healthcheck | None:
        if node is None or node.kind != "map":
            return None
        return Healthcheck.make(
            test=self.command(node.get("test")),
            disable=bool(self.flag(node.get("disable"))),
            interval=self.optional_scalar(node.get("interval")), timeout=self.optional_scalar(node.get("timeout")),
            retries=self.optional_scalar(node.get("retries")), start_period=self.optional_scalar(node.get("start_period")),
            start_interval=self.optional_scalar(node.get("start_interval")), span=node.span, path=node.file,
        )

    def build(self, node: YNode | None) -> Build | None:
        if node is None:
            return None
        if node.kind == "scalar":
            return Build.make(context=self.scalar(node), short=True, node=node, span=node.span, path=node.file)
        if node.kind != "map":
            return None
        get = node.get
        return Build.make(
            context=self.optional_scalar(get("context")), dockerfile=self.optional_scalar(get("dockerfile")),
            dockerfile_inline=self.optional_scalar(get("dockerfile_inline")), target=self.optional_scalar(get("target")),
            args=self.key_values(get("args")), labels=self.key_values(get("labels")),
            secrets=self.file_references(get("secrets")), ssh=self.scalars(get("ssh")),
            cache_from=self.scalars(get("cache_from")), cache_to=self.scalars(get("cache_to")),
            tags=self.scalars(get("tags")), platforms=self.scalars(get("platforms")),
            additional_contexts=self.key_values(get("additional_contexts")), network=self.optional_scalar(get("network")),
            node=node, span=node.span, path=node.file,
        )

    def extends(self, node: YNode | None) -> Extends | None:
        if node is None:
            return None
        if node.kind == "scalar" and node.value is not None:
            return Extends.make(service=self.scalar(node), span=node.span, path=node.file)
        if node.kind == "map" and node.get("service") is not None:
            return Extends.make(service=self.scalar(node.get("service")), file=self.optional_scalar(node.get("file")), span=node.span, path=node.file)
        return None

    def logging(self, node: YNode | None) -> Logging | None:
        if node is None or node.kind != "map":
            return None
        return Logging.make(driver=self.optional_scalar(node.get("driver")), options=self.key_values(node.get("options")), span=node.span, path=node.file)

    def ulimits(self, node: YNode | None) -> dict[str, Ulimit]:
        result: dict[str, Ulimit] = {}
        for key, (k, v) in node.value.items() if node is not None and node.kind == "map" else ():
            fields = {"single": self.scalar(v)} if v.kind == "scalar" else {
                "soft": self.optional_scalar(v.get("soft")), "hard": self.optional_scalar(v.get("hard"))
            }
            result[str(key)] = Ulimit.make(name=str(key), name_span=k.span, span=v.span, path=k.file, **fields)
        return result

    def resource_spec(self, node: YNode | None) -> ResourceSpec | None:
        if node is None or node.kind != "map":
            return None
        devices = node.get("devices")
        return ResourceSpec.make(
            cpus=self.optional_scalar(node.get("cpus")), memory=self.optional_scalar(node.get("memory")),
            pids=self.optional_scalar(node.get("pids")),
            devices=list(entries_of(devices).values()) if devices is not None and devices.kind == "map" else [
                entry for item in (devices.value if devices is not None and devices.kind == "seq" else ())
                for entry in entries_of(item).values()
            ],
            span=node.span, path=node.file,
        )

    def deploy(self, node: YNode | None) -> Deploy | None:
        if node is None or node.kind != "map":
            return None
        get = node.get
        resources = get("resources")
        policy = get("restart_policy")
        placement = get("placement")
        return Deploy.make(
            mode=self.optional_scalar(get("mode")), replicas=self.optional_scalar(get("replicas")),
            endpoint_mode=self.optional_scalar(get("endpoint_mode")), labels=self.key_values(get("labels")),
            limits=self.resource_spec(resources.get("limits")) if resources is not None else None,
            reservations=self.resource_spec(resources.get("reservations")) if resources is not None else None,
            restart_policy=RestartPolicy.make(
                condition=self.optional_scalar(policy.get("condition")), delay=self.optional_scalar(policy.get("delay")),
                max_attempts=self.optional_scalar(policy.get("max_attempts")), window=self.optional_scalar(policy.get("window")),
                span=policy.span, path=policy.file,
            ) if policy is not None and policy.kind == "map" else None,
            placement_constraints=self.scalars(placement.get("constraints")) if placement is not None else [],
            span=node.span, path=node.file,
        )

    def hook(self, node: YNode | None) -> ServiceHook | None:
        if node is None or node.kind != "map":
            return None
        return ServiceHook.make(
            command=self.command(node.get("command")), user=self.optional_scalar(node.get("user")),
            privileged=self.optional_scalar(node.get("privileged")), working_dir=self.optional_scalar(node.get("working_dir")),
            environment=self.key_values(node.get("environment")), span=node.span, path=node.file,
        )

    def hooks(self, node: YNode | None) -> list[ServiceHook]:
        items = node.value if node is not None and node.kind == "seq" else ()
        return [hook for hook in (self.hook(item) for item in items) if hook is not None]

    def watches(self, node: YNode | None) -> list[Watch]:
        watch = node.get("watch") if node is not None else None
        result = []
        for item in watch.value if watch is not None and watch.kind == "seq" else ():
            if item.kind != "map":
                continue
            result.append(
                Watch.make(
                    action=self.optional_scalar(item.get("action")), watch_path=self.optional_scalar(item.get("path")),
                    target=self.optional_scalar(item.get("target")), ignore=self.scalars(item.get("ignore")),
                    include=self.scalars(item.get("include")), initial_sync=self.optional_scalar(item.get("initial_sync")),
                    exec=self.hook(item.get("exec")), span=item.span, path=item.file,
                )
            )
        return result

    def ports(self, node: YNode) -> list[Port]:
        return [port for port in (self.port(item) for item in node.value) if port] if node.kind == "seq" else []

    def volumes(self, node: YNode) -> list[ServiceVolume]:
        return [volume for volume in (self.volume(item) for item in node.value) if volume] if node.kind == "seq" else []

    def extra_hosts(self, node: YNode) -> list[Scalar]:
        return self.scalars(node) if node.kind == "seq" else [self.scalar(value) for _, value in node.pairs()]

    def service(self, name: str, key: YNode, node: YNode) -> Service:
        fields: dict[str, Any] = {"name": name, "name_span": key.span, "span": node.span, "path": key.file}
        if node.kind == "map":
            for child_key, (_, child) in node.value.items():
                if child_key in _SCALAR_KEY_SET:
                    fields[child_key] = self.scalar(child)
                elif child_key in _LIST_KEY_SET:
                    fields[child_key] = self.scalars(child)
                elif child_key in _MAP_KEY_SET:
                    fields[child_key] = self.key_values(child)
                else:
                    typed = _TYPED_KEYS.get(child_key)
                    if typed is not None:  # (an absent key keeps the field's default)
                        fields[typed[0]] = typed[1](self, child)
        fields["node"] = node
        return Service.make(**fields)

    def resource(self, name: str, key: YNode, node: YNode) -> Resource:
        fields: dict[str, Any] = {}
        if node.kind == "map":
            external = node.get("external")
            fields["external"] = external is not None and (external.kind == "map" or bool(self.flag(external)))
            for option, field_name in (("driver", "driver"), ("file", "file"), ("environment", "environment"), ("content", "content"), ("name", "resource_name")):
                fields[field_name] = self.optional_scalar(node.get(option))
        fields["node"] = node
        return Resource.make(name=name, name_span=key.span, span=node.span, path=key.file, **fields)

    def include(self, node: YNode) -> Include | None:
        if node.kind == "scalar" and node.value is not None:
            return Include.make(paths=[self.scalar(node)], span=node.span, path=node.file)
        if node.kind == "map" and node.get("path") is not None:
            return Include.make(
                paths=self.scalars(node.get("path")), project_directory=self.optional_scalar(node.get("project_directory")),
                env_file=self.scalars(node.get("env_file")), span=node.span, path=node.file,
            )
        return None

    def file(self, compose: ComposeFile, root: YNode) -> None:
        """Fill ``compose`` from the document's root mapping."""
        get = root.get
        compose.name = self.optional_scalar(get("name"))
        compose.version = self.optional_scalar(get("version"))
        compose.node = root
        services = get("services")
        if services is not None and services.kind == "map":
            compose.services = {str(k): self.service(str(k), kn, vn) for k, (kn, vn) in services.value.items()}
        for section in ("networks", "volumes", "secrets", "configs", "models"):
            node = get(section)
            if node is not None and node.kind == "map":
                setattr(compose, section, {str(k): self.resource(str(k), kn, vn) for k, (kn, vn) in node.value.items()})
        include = get("include")
        if include is not None and include.kind == "seq":
            compose.include = [i for i in (self.include(item) for item in include.value) if i is not None]


#: the service keys with a builder of their own: the field each fills and its builder
_TYPED_KEYS = {
    "build": ("build", ModelBuilder.build), "command": ("command", ModelBuilder.command),
    "entrypoint": ("entrypoint", ModelBuilder.command), "env_file": ("env_file", ModelBuilder.env_files),
    "ports": ("ports", ModelBuilder.ports), "volumes": ("volumes", ModelBuilder.volumes),
    "depends_on": ("depends_on", ModelBuilder.depends_on), "healthcheck": ("healthcheck", ModelBuilder.healthcheck),
    "secrets": ("secrets", ModelBuilder.file_references), "configs": ("configs", ModelBuilder.file_references),
    "networks": ("networks", ModelBuilder.networks), "extends": ("extends", ModelBuilder.extends),
    "deploy": ("deploy", ModelBuilder.deploy), "logging": ("logging", ModelBuilder.logging),
    "ulimits": ("ulimits", ModelBuilder.ulimits), "develop": ("develop_watch", ModelBuilder.watches),
    "post_start": ("post_start", ModelBuilder.hooks), "pre_stop": ("pre_stop", ModelBuilder.hooks),
    "extra_hosts": ("extra_hosts", ModelBuilder.extra_hosts),
}


#: strings Compose casts to booleans (compose-go's toBoolean, YAML 1.1 words included)
_BOOLEANS = {"true": True, "false": False, "y": True, "yes": True, "on": True, "n": False, "no": False, "off": False}


def _plain_text(value: Any) -> str:
    """A scalar's value as the text Compose would compare (YAML booleans as true/false)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_port(text: str) -> dict[str, Any]:
    """Fields of a short port ``[HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]``."""
    protocol = "tcp"
    if "/" in text:
        text, _, protocol = text.rpartition("/")
    host_ip = None
    if text.startswith("["):
        close = text.find("]")
        host_ip, text = text[1:close], text[close + 2 :] if close != -1 else text
    parts = text.split(":")
    published = None
    if len(parts) == 1:
        target = parts[0]
    elif len(parts) == 2:
        published, target = parts
    else:
        host_ip = host_ip or ":".join(parts[:-2])
        published, target = parts[-2], parts[-1]
    return {"target": target or None, "published": published or None, "host_ip": host_ip or None, "protocol": protocol or "tcp"}


def parse_volume(text: str) -> dict[str, Any]:
    """Fields of a short volume ``[SOURCE:]TARGET[:MODE]``."""
    parts = text.split(":")
    if len(parts) >= 2 and len(parts[0]) == 1 and parts[0].isalpha() and parts[1][:1] in ("\\", "/"):
        parts = [parts[0] + ":" + parts[1], *parts[2:]]  # a Windows drive letter
    source = None
    mode = None
    if len(parts) == 1:
        target = parts[0]
    else:
        source, target = parts[0], parts[1]
        if len(parts) > 2:
            mode = ":".join(parts[2:])
    if source is None:
        kind = "volume"
    elif source.startswith(("/", ".", "~", "$", "\\")) or (len(source) > 1 and source[1] == ":"):
        kind = "bind"
    else:
        kind = "volume"
    read_only = mode is not None and "ro" in mode.split(",")
    return {"type": kind, "source": source or None, "target": target or None, "mode": mode, "read_only": read_only}


def _sub_span(node: YNode, offset: int, length: int) -> Span:
    """The span of ``length`` characters at ``offset`` in a scalar's text (whole node when unsure:
    over several lines, or when escapes make the text shorter than what is written)."""
    if node.line != node.end_line or node.style not in ("", "'", '"', None):
        return node.span
    quotes = 2 if node.style in ("'", '"') else 0
    if isinstance(node.text, str) and node.end - node.start - quotes != len(node.text):
        return node.span
    base = node.start + quotes // 2 + offset
    column = node.column + 1 + (base - node.start)
    return make_span(base, base + length, node.line + 1, column, node.line + 1, column + length)


class _Sub:
    """A piece of a scalar's text that behaves as a scalar node (for ``KEY=VALUE`` items)."""

    __slots__ = ("kind", "value", "text", "tag", "style", "span", "file")

    def __init__(self, value: str, span: Span, file: str) -> None:
        self.kind = "scalar"
        self.value = value
        self.text = value
        self.tag = None
        self.style = ""
        self.span = span
        self.file = file


def _sub_node(node: YNode, offset: int, length: int, value: str):
    return _Sub(value, _sub_span(node, offset, length), node.file)
