"""The rule base class.

A rule is one class in one module of a rule folder (``dlint/rules/dockerfile/``,
``compose/``, ``project/``). It declares its code,
name and defaults as class attributes, documents itself in its docstring and
overrides one or more ``check_*`` hooks, each a generator of
:class:`~dlint.models.finding.Violation`. Rules never read configuration,
print or touch the filesystem: what they need arrives in the context and in
``self.options``.
"""

from __future__ import annotations

from functools import cache
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from dlint.models.finding import Severity, Violation
from dlint.regex import regex

if TYPE_CHECKING:
    from dlint.engine.context import (
        ComposeFileContext,
        ComposeProjectContext,
        DockerfileContext,
        ProjectContext,
    )
    from dlint.models.base import Model
    from dlint.models.dockerfile import Instruction, Stage

HOOKS = (
    "check_instruction",
    "check_stage",
    "check_dockerfile",
    "check_compose_service",
    "check_compose_file",
    "check_compose_project",
    "check_project",
)

#: the rule groups, each selectable like a code (``select = ["security"]``), with what
#: it holds. A rule's :attr:`Rule.category` is its primary group; ``maintainability``
#: rules belong to ``best-practice`` too and ``syntax`` rules to ``correctness`` (see
#: :data:`IMPLIED_CATEGORIES`), ``hardening`` rules to ``security``
CATEGORY_DESCRIPTIONS = {
    "security": "a risk to the host, the container or secrets",
    "hardening": "defence in depth a service or image does without (off by default: extend-select = [\"hardening\"])",
    "correctness": "the build or the run fails, or does not do what it says",
    "best-practice": "works, but a known way to do it better exists",
    "maintainability": "makes the file harder to read or keep up to date (also best-practice)",
    "performance": "bigger images or slower builds than needed",
    "operability": "how the service behaves in production: restarts, health, limits, logs",
    "style": "formatting and naming, no effect on the result",
    "syntax": "the file cannot be read (also correctness)",
}
CATEGORIES = frozenset(CATEGORY_DESCRIPTIONS)
#: a category → the broader categories its rules belong to as well
IMPLIED_CATEGORIES = {"maintainability": ("best-practice",), "syntax": ("correctness",), "hardening": ("security",)}
#: categories that turn on their rules that are off by default when named (the
#: others, like code prefixes, only reach rules that are on by default)
OPT_IN_CATEGORIES = frozenset({"hardening"})
_CIS_ITEM = regex(r"^[1-9]\d?(\.\d{1,2})+$")

#: the fields of a row of the rule index, in order (the names of :class:`~dlint.engine.registry.Entry`)
INDEX_FIELDS = ("default_enabled", "mandatory", "aliases", "triggers", "markers", "configured_by", "categories")

DOC_SECTIONS = ("Why is this bad?", "Example", "Use instead")
OPTIONAL_DOC_SECTIONS = ("Options", "Fix safety", "References")

_CODE = regex(r"^((DL|DF|DC|DX)\d{3,4}|SC)$")
_NAME = regex(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Rule:
    """Base class of every rule. Subclasses set the class attributes below."""

    code: ClassVar[str]
    name: ClassVar[str]  # kebab-case
    severity: ClassVar[Severity]
    category: ClassVar[str]
    kind: ClassVar[str]  # "dockerfile", "compose", "project" (across files) or "shell" (the ShellCheck family)
    default_enabled: ClassVar[bool] = True
    tags: ClassVar[tuple[str, ...]] = ()
    security_severity: ClassVar[float | None] = None  # 0.0–10.0, for SARIF; security rules only
    #: other names accepted wherever a name is: dclint's names, BuildKit's build check
    #: names (``JSONArgsRecommended``; one may name several rules), compose-lint's ids
    aliases: ClassVar[tuple[str, ...]] = ()
    #: categories the rule belongs to besides :attr:`category` (``("operability",)``)
    extra_categories: ClassVar[tuple[str, ...]] = ()
    #: the CIS Docker Benchmark (v1.6.0) items the rule checks (``("5.5",)``); shown on
    #: its page and as SARIF tags ``CIS-Docker-5.5``
    cis: ClassVar[tuple[str, ...]] = ()
    #: instruction keywords ``check_instruction`` wants; empty means all
    instructions: ClassVar[frozenset[str]] = frozenset()
    #: instruction keywords one of which a Dockerfile holds whenever the rule can report
    #: on it, for a rule reading the whole file or a stage (DL4003 needs a CMD); a file
    #: holding none is not checked by it, nor the rule imported. Empty: any file
    requires: ClassVar[frozenset[str]] = frozenset()
    #: texts one of which a Dockerfile holds whenever the rule can report on it (the
    #: programs it reads: ``apt`` for the apt-get rules); a file holding none is not
    #: checked by it, and the rule is not even imported for it. For Compose and
    #: cross-file rules, the keys one of which a Compose project's files hold whenever the
    #: rule can report on it (``privileged``; keys are never interpolated), looked for in
    #: every file the project reads. Empty: any file
    markers: ClassVar[frozenset[str]] = frozenset()
    #: fields of :attr:`Options` one of which must be set, and not empty, for the rule to
    #: report: it checks against what only the configuration gives (DL3026's trusted
    #: registries). A run whose settings give none of them, nor options of the rule's
    #: own, neither runs the rule nor imports it. Empty: the rule needs none
    configured_by: ClassVar[frozenset[str]] = frozenset()
    #: model of the rule's options (a :class:`~dlint.models.base.Model`), or None
    Options: ClassVar[type[Model] | None] = None
    #: always runs, whatever the selection, and cannot be suppressed (syntax errors)
    mandatory: ClassVar[bool] = False

    def __init__(self, options: Any = None) -> None:
        if options is None and self.Options is not None:
            # the defaults, without validation (pydantic is only imported for given options)
            options = self.Options.model_construct()
        self.options = options

    # -- hooks: override the ones the rule needs ------------------------------------

    def check_instruction(self, ctx: DockerfileContext, instruction: Instruction) -> Iterable[Violation]:
        return ()

    def check_stage(self, ctx: DockerfileContext, stage: Stage) -> Iterable[Violation]:
        return ()

    def check_dockerfile(self, ctx: DockerfileContext) -> Iterable[Violation]:
        return ()

    def check_compose_service(self, ctx: ComposeFileContext, service: Any) -> Iterable[Violation]:
        return ()

    def check_compose_file(self, ctx: ComposeFileContext) -> Iterable[Violation]:
        return ()

    def check_compose_project(self, ctx: ComposeProjectContext) -> Iterable[Violation]:
        return ()

    def check_project(self, ctx: ProjectContext) -> Iterable[Violation]:
        return ()

    # -- metadata --------------------------------------------------------------------

    @classmethod
    def hooks(cls) -> tuple[str, ...]:
        """The hooks this rule overrides (worked out once per class)."""
        return _hooks(cls)

    @classmethod
    def triggers(cls) -> tuple[str, ...] | None:
        """The instruction keywords one of which a file the rule can report on holds:
        :attr:`requires`, or the :attr:`instructions` of a rule whose only hook is
        ``check_instruction``; None: any file."""
        if cls.requires:
            return tuple(sorted(cls.requires))
        if cls.hooks() == ("check_instruction",) and cls.instructions:
            return tuple(sorted(cls.instructions))
        return None

    @classmethod
    def text_markers(cls) -> tuple[str, ...] | None:
        """:attr:`markers`, sorted; None when the rule is not limited by them."""
        return tuple(sorted(cls.markers)) if cls.markers else None

    @classmethod
    def all_categories(cls) -> tuple[str, ...]:
        """:attr:`category`, the categories it implies, then :attr:`extra_categories`
        (and theirs), each once."""
        return _categories(cls.category, tuple(cls.extra_categories))

    @classmethod
    def index_row(cls) -> tuple:
        """What the rule index (``dlint/rules/_index.py``) records of the rule, in
        :data:`INDEX_FIELDS` order."""
        return (
            cls.default_enabled, cls.mandatory, tuple(cls.aliases), cls.triggers(), cls.text_markers(),
            tuple(sorted(cls.configured_by)) or None, cls.all_categories(),
        )

    @classmethod
    def docs(cls) -> str:
        import inspect  # not at the top: a run needs no docs, and inspect costs ≈ 4 ms to import

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The docstring's first line."""
        return cls.docs().split("\n", 1)[0].strip()

    @classmethod
    def fixable(cls) -> bool:
        return bool(getattr(cls, "fix_available", False))

    @classmethod
    def problems(cls) -> list[str]:
        """What is wrong with the rule's declaration (empty when it is sound)."""
        problems = []
        for attribute in ("code", "name", "severity", "category", "kind"):
            if not hasattr(cls, attribute):
                problems.append(f"missing class attribute {attribute!r}")
        if problems:
            return problems
        if not _CODE.match(cls.code):
            problems.append(f"code {cls.code!r} is not DL/DF/DC/DX followed by digits (or SC, the ShellCheck family)")
        if not _NAME.match(cls.name):
            problems.append(f"name {cls.name!r} is not kebab-case")
        if not isinstance(cls.severity, Severity):
            problems.append("severity is not a Severity")
        for category in (cls.category, *cls.extra_categories):
            if category not in CATEGORIES:
                problems.append(f"category {category!r} is not one of {sorted(CATEGORIES)}")
        for key in (cls.name, *cls.aliases):
            if key.lower() in CATEGORIES or key.lower() == "all":
                problems.append(f"name or alias {key!r} is a category name (or ALL), which selects a group")
        for item in cls.cis:
            if not _CIS_ITEM.match(item):
                problems.append(f"cis item {item!r} is not a benchmark item number such as '5.5'")
        if cls.kind not in ("dockerfile", "compose", "project", "shell"):
            problems.append(f"kind {cls.kind!r} is not dockerfile, compose, project or shell")
        if not cls.hooks() and cls.kind != "shell":
            problems.append("overrides no check_* hook")
        if cls.category == "security" and cls.security_severity is None:
            problems.append("security rules need a security_severity")
        if cls.configured_by:
            from dlint.models.base import field_names

            fields = field_names(cls.Options) if cls.Options is not None else ()
            problems += [f"configured_by names {name!r}, which is not an option" for name in sorted(cls.configured_by - set(fields))]
        return problems


@cache
def _categories(category: str, extra: tuple[str, ...]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for name in (category, *extra):
        found[name] = None
        for implied in IMPLIED_CATEGORIES.get(name, ()):
            found[implied] = None
    return tuple(found)


@cache
def _hooks(cls: type[Rule]) -> tuple[str, ...]:
    return tuple(hook for hook in HOOKS if getattr(cls, hook) is not getattr(Rule, hook))


def doc_sections(docs: str) -> dict[str, str]:
    """Split rule docs into ``{heading: body}``; the text before the first
    ``## `` heading is returned under ``"summary"``."""
    sections: dict[str, str] = {}
    heading = "summary"
    lines: list[str] = []
    for line in docs.splitlines():
        if line.startswith("## "):
            sections[heading] = "\n".join(lines).strip()
            heading, lines = line[3:].strip(), []
        else:
            lines.append(line)
    sections[heading] = "\n".join(lines).strip()
    return sections
