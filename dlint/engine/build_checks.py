"""BuildKit's ``# check=skip=…`` parser directive, honoured for the dlint rules
that implement the skipped build checks (``docker build --check``).

``# check=skip=JSONArgsRecommended,StageNameCasing`` or ``# check=skip=all``;
other fields (``error=true``) and unknown check names are ignored, as BuildKit
ignores names it does not know.
"""

from __future__ import annotations

from functools import cache

#: every check of ``docker build --check`` (BuildKit's build checks). A dlint rule that
#: reports the same problem carries the check's name among its ``aliases``, the one
#: place the mapping is written: :func:`build_checks` reads it from the rule index.
#: ``InvalidBaseImagePlatform`` (needs the registry) and ``InvalidDefinitionDescription``
#: (an experimental check of comment wording) have no dlint rule.
BUILD_CHECK_NAMES = (
    "ConsistentInstructionCasing",
    "CopyIgnoredFile",
    "DuplicateStageName",
    "ExposeInvalidFormat",
    "ExposeProtoCasing",
    "FromAsCasing",
    "FromPlatformFlagConstDisallowed",
    "InvalidBaseImagePlatform",
    "InvalidDefaultArgInFrom",
    "InvalidDefinitionDescription",
    "JSONArgsRecommended",
    "LegacyKeyValueFormat",
    "MaintainerDeprecated",
    "MultipleInstructionsDisallowed",
    "NoEmptyContinuation",
    "RedundantTargetPlatform",
    "ReservedStageName",
    "SecretsUsedInArgOrEnv",
    "StageNameCasing",
    "UndefinedArgInFrom",
    "UndefinedVar",
    "WorkdirRelativePath",
)
SKIP_REASON = "skipped by # check=skip"


@cache
def build_checks() -> dict[str, tuple[str, ...]]:
    """Each build check → the codes of the dlint rules that carry its name as an alias
    (read from the rule index: no rule is imported); checks without a rule are left out."""
    from dlint.engine.registry import catalogue

    table: dict[str, tuple[str, ...]] = {}
    for name in BUILD_CHECK_NAMES:
        codes = tuple(entry.code for entry in catalogue() if name in entry.aliases)
        if codes:
            table[name] = codes
    return table


@cache
def _by_lower() -> dict[str, tuple[str, ...]]:
    return {name.lower(): codes for name, codes in build_checks().items()}


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
                return frozenset(code for group in build_checks().values() for code in group)
            codes.update(_by_lower().get(name, ()))
    return frozenset(codes)


def dockerfile_skipped(dockerfile) -> frozenset[str]:  # noqa: ANN001 - a Dockerfile model
    """The dlint codes the ``# check=`` directive of a parsed Dockerfile skips."""
    for directive in dockerfile.directives:
        if directive.name.lower() == "check":
            return skipped_codes(directive.value)
    return frozenset()


def __getattr__(name: str) -> object:
    """``BUILD_CHECKS``: :func:`build_checks`, worked out when first asked for."""
    if name == "BUILD_CHECKS":
        return build_checks()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
