"""DL3026: an image comes from a registry that is not trusted."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.models.base import Model, field
from dlint.models.dockerfile import CopyInstruction, FromInstruction, RunInstruction
from dlint.models.finding import Severity, Violation
from dlint.parsers.dockerfile.images import split_reference
from dlint.views.dockerfile.copy_from import copy_source

DOCKER_HUB = "docker.io"
DOCKER_HUB_ALIASES = frozenset({"docker.io", "index.docker.io", "registry-1.docker.io"})


class TrustedRegistryOptions(Model):
    #: registries images may come from; ``*.example.com`` allows its subdomains, ``*`` allows all
    trusted_registries: list[str] = field(default_factory=list)


def registry_of(reference: str) -> str:
    """The registry host of an image reference; Docker Hub for ``ubuntu`` or ``org/app``."""
    registry = split_reference(reference)["registry"]
    if registry is None or registry.lower() in DOCKER_HUB_ALIASES:
        return DOCKER_HUB
    return registry.lower()


def is_trusted(registry: str, trusted: list[str]) -> bool:
    for pattern in trusted:
        pattern = pattern.strip().lower()
        if pattern == "*" or pattern == registry:
            return True
        if pattern.startswith("*.") and registry.endswith(pattern[1:]):
            return True
        if pattern in DOCKER_HUB_ALIASES and registry == DOCKER_HUB:
            return True
    return False


class UntrustedRegistry(Rule):
    """Image pulled from a registry that is not trusted.

    ## Why is this bad?
    Organisations often allow images only from registries they control or vet.
    This rule checks every image a build pulls (`FROM`, `COPY --from=<image>`,
    `RUN --mount=from=<image>`) against that list. It does nothing until the list
    is configured. Images without a registry come from Docker Hub (`docker.io`).

    ## Example
    ```toml
    [tool.dlint]
    trusted-registries = ["registry.example.com"]
    ```
    ```dockerfile
    FROM ghcr.io/example/app:1.0
    ```

    ## Use instead
    ```toml
    [tool.dlint]
    trusted-registries = ["registry.example.com"]
    ```
    ```dockerfile
    FROM registry.example.com/app:1.0
    ```

    ## Options
    - `trusted-registries` (list of strings, default empty: the rule is inactive):
      registries allowed, e.g. `["docker.io", "*.example.com"]`; `*.example.com`
      allows every subdomain, `*` allows everything. hadolint's `trustedRegistries`
      is read too.

    ## References
    - [hadolint: configure trusted registries](https://github.com/hadolint/hadolint#configure)
    """

    code = "DL3026"
    name = "untrusted-registry"
    severity = Severity.ERROR
    category = "security"
    cis = ("4.2",)
    security_severity = 5.0
    kind = "dockerfile"
    instructions = frozenset({"FROM", "COPY", "RUN"})
    Options = TrustedRegistryOptions
    configured_by = frozenset({"trusted_registries"})

    def check_instruction(self, ctx, instruction):
        trusted = self.options.trusted_registries
        if not trusted:
            return
        for reference, span in _pulled_images(ctx, instruction):
            registry = registry_of(reference)
            if not is_trusted(registry, trusted):
                yield Violation(span, f"image `{reference}` comes from `{registry}`, which is not a trusted registry")


def _pulled_images(ctx, instruction):
    """(reference, span) of each image the instruction pulls (stages excluded)."""
    earlier = _earlier_stage_names(ctx.dockerfile, instruction)
    if isinstance(instruction, FromInstruction):
        image = instruction.image
        if image.resolved and image.value and not image.is_scratch and image.stage is None:
            if image.value.lower() not in earlier:
                yield image.value, image.span
    elif isinstance(instruction, CopyInstruction):
        source = copy_source(instruction)
        if source is not None and not source.is_index and source.value.lower() not in earlier:
            yield source.value, source.span
    elif isinstance(instruction, RunInstruction):
        for mount in instruction.mounts:
            value = mount.options.get("from")
            if value and "$" not in value and not value.isdigit() and value.lower() not in earlier:
                yield value, _option_span(ctx, mount.flag, "from", value)


def _earlier_stage_names(dockerfile, instruction) -> set[str]:
    """Names of the stages before ``instruction`` (its own stage too, except for its FROM)."""
    if instruction.stage_index is None:
        return set()
    upto = instruction.stage_index + (0 if isinstance(instruction, FromInstruction) else 1)
    return {stage.name for stage in dockerfile.stages[:upto] if stage.name}


def _option_span(ctx, flag, key, value):
    """The span of ``value`` in ``key=value`` inside a ``--mount`` flag (the flag if not found)."""
    text = ctx.text(flag.span)
    at = text.find(f"{key}={value}")
    if at == -1:
        return flag.span
    start = flag.span.start + at + len(key) + 1
    return ctx.span(start, start + len(value))
