"""What a rule sees: one context per file (or per project), shared by all rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dlint.models.base import Model, field
from dlint.models.finding import Edit, Fix
from dlint.models.span import Span

if TYPE_CHECKING:
    from dlint.models.dockerfile import Dockerfile


class _SourceContext:
    path: str
    source: str

    def replace(self, span: Span, replacement: str, message: str, *, safe: bool = True) -> Fix:
        """A fix of one edit."""
        return self.fix(message, [(span, replacement)], safe=safe)

    @staticmethod
    def fix(message: str, edits: list[tuple[Span, str]], *, safe: bool = True) -> Fix:
        """A fix of several edits, each ``(span, replacement)`` (built without
        validation: the parts are already typed)."""
        return Fix.model_construct(
            message=message,
            edits=tuple(Edit.model_construct(span=span, replacement=replacement) for span, replacement in edits),
            applicability="safe" if safe else "unsafe",
        )

    def text(self, span: Span) -> str:
        return self.source[span.start : span.end]


class DockerfileContext(_SourceContext, Model):
    """One Dockerfile: ``path`` as displayed, its text and its model."""

    path: str
    source: str
    dockerfile: Dockerfile
    #: facts about the files around it that rules may use (e.g. ``.dockerignore``
    #: patterns of the build context, files present in it); filled by the engine
    surroundings: dict[str, Any] = field(default_factory=dict)
    #: facts about this file that shared rule helpers derive once for all rules
    #: (keyed by the helper; values depend only on the file)
    derived: dict[str, Any] = field(default_factory=dict)

    def span(self, start: int, end: int) -> Span:
        return self.dockerfile.lines.span(start, end)


class ComposeFileContext(_SourceContext, Model):
    """One Compose file as written."""

    path: str
    source: str
    compose: Any  # dlint.models.compose model of this file
    surroundings: dict[str, Any] = field(default_factory=dict)


class ComposeProjectContext(Model):
    """The merged Compose project (several files, extends and include followed)."""

    project: Any
    surroundings: dict[str, Any] = field(default_factory=dict)


class ServiceBuild(Model):
    """What the engine found on disk for one service's ``build`` (rules do not look themselves)."""

    service: str
    context: str | None  # absolute folder; None when a variable decides it or it is remote
    context_exists: bool
    dockerfile: str | None  # absolute path; None for dockerfile_inline or an unknown context
    dockerfile_exists: bool
    model: Dockerfile | None  # the parsed Dockerfile (or dockerfile_inline), when there is one


class ProjectContext(Model):
    """A Compose project together with the Dockerfiles and build contexts it uses."""

    project: Any
    dockerfiles: dict[str, Dockerfile] = field(default_factory=dict)  # by resolved path
    surroundings: dict[str, Any] = field(default_factory=dict)
    builds: dict[str, ServiceBuild] = field(default_factory=dict)  # by service name
