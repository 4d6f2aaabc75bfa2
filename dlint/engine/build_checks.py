"""BuildKit's ``# check=skip=…`` parser directive, honoured for the dlint rules
that implement the skipped build checks (``docker build --check``).

``# check=skip=JSONArgsRecommended,StageNameCasing`` or ``# check=skip=all``;
other fields (``error=true``) and unknown check names are ignored, as BuildKit
ignores names it does not know.
"""

from __future__ import annotations

#: each ``docker build --check`` check → the dlint rules reporting the same problem
#: (``InvalidBaseImagePlatform`` has none: it needs the registry)
BUILD_CHECKS: dict[str, tuple[str, ...]] = {
    "ConsistentInstructionCasing": ("DF026",),
    "CopyIgnoredFile": ("DF039",),
    "DuplicateStageName": ("DL3024",),
    "ExposeInvalidFormat": ("DF033",),
    "ExposeProtoCasing": ("DF034",),
    "FromAsCasing": ("DF027",),
    "FromPlatformFlagConstDisallowed": ("DL3029",),
    "InvalidDefaultArgInFrom": ("DF025",),
    "JSONArgsRecommended": ("DL3025",),
    "LegacyKeyValueFormat": ("DF030",),
    "MaintainerDeprecated": ("DL4000",),
    "MultipleInstructionsDisallowed": ("DL4003", "DL4004", "DL3012"),
    "NoEmptyContinuation": ("DF031",),
    "RedundantTargetPlatform": ("DL3065",),
    "ReservedStageName": ("DL3063",),
    "SecretsUsedInArgOrEnv": ("DL3064", "DF012"),
    "StageNameCasing": ("DF028",),
    "UndefinedArgInFrom": ("DF024",),
    "UndefinedVar": ("DF023",),
    "WorkdirRelativePath": ("DL3000",),
}
SKIP_REASON = "skipped by # check=skip"
_BY_LOWER = {name.lower(): codes for name, codes in BUILD_CHECKS.items()}


def skipped_codes(value: str) -> frozenset[str]:
    """The dlint codes whose build checks the value of a ``check`` directive skips."""
    codes: set[str] = set()
    for field in value.split(";"):
        key, _, names = field.partition("=")
        if key.strip().lower() != "skip":
            continue
        for name in names.split(","):
            name = name.strip().lower()
            if name == "all":
                return frozenset(code for group in BUILD_CHECKS.values() for code in group)
            codes.update(_BY_LOWER.get(name, ()))
    return frozenset(codes)


def dockerfile_skipped(dockerfile) -> frozenset[str]:  # noqa: ANN001 - a Dockerfile model
    """The dlint codes the ``# check=`` directive of a parsed Dockerfile skips."""
    for directive in dockerfile.directives:
        if directive.name.lower() == "check":
            return skipped_codes(directive.value)
    return frozenset()
