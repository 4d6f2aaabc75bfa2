"""Typed model of a parsed Dockerfile.

Every node carries a :class:`~dlint.models.span.Span` in the file. Nodes are
:class:`~dlint.models.base.Model` dataclasses: the parser fills them directly
(it has already checked the data), and pydantic validates or dumps them on
demand (``dlint debug dockerfile``, tests).
"""

from __future__ import annotations

from bisect import bisect_right
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple

from dlint.models.base import Model, OnFirstUse, field
from dlint.models.span import LineIndex, Span, record_schema

if TYPE_CHECKING:
    from dlint.models.shell import ShellScript


class Node(Model):
    """Base of the Dockerfile models."""


class SourceSlice(Node):
    """A piece of source text that may be scattered over several lines, with a
    map from each of its characters back to an offset of the file.

    ``text`` is what Docker sees: for a shell-form command, the command with
    line continuations joined (escape character and line break removed,
    comment lines and empty lines inside the continuation dropped); for a
    heredoc, the body (tabs stripped for ``<<-``). ``segments`` lists the runs
    of ``text`` that are contiguous in the file as ``(text_start, file_start,
    length)`` triples, ordered by ``text_start`` and covering ``text`` without
    gaps. Characters of the file that are not in ``text`` (escape characters,
    comment lines, stripped tabs) belong to no segment.

    Use :meth:`to_file_offset` for the start of something and
    :meth:`to_file_end` for an exclusive end, then ``dockerfile.lines.span``.
    """

    text: str
    segments: list[tuple[int, int, int]]

    def to_file_offset(self, index: int) -> int:
        """File offset of character ``index`` of ``text`` (``len(text)`` maps to
        the end of the last segment)."""
        segments = self.segments
        if not segments:
            return 0
        if len(segments) == 1:
            text_start, file_start, _ = segments[0]
            return file_start + index - text_start
        position = bisect_right(segments, index, key=_segment_start) - 1
        text_start, file_start, length = segments[max(position, 0)]
        if index >= text_start + length and position == len(segments) - 1:
            return file_start + length + (index - text_start - length)
        return file_start + index - text_start

    def to_file_end(self, index: int) -> int:
        """File offset just after character ``index - 1``: the exclusive end of
        ``text[start:index]`` (so it never jumps over a line break that follows)."""
        if index <= 0:
            return self.to_file_offset(0)
        return self.to_file_offset(index - 1) + 1

    def file_span(self, lines: LineIndex, start: int, end: int) -> Span:
        """Span in the file of ``text[start:end]``."""
        return lines.span(self.to_file_offset(start), max(self.to_file_end(end), self.to_file_offset(start)))


def _segment_start(segment: tuple[int, int, int]) -> int:
    return segment[0]


_new_tuple = tuple.__new__


class Token(NamedTuple):
    """A word of the source: ``value`` is the text with quotes and escapes
    removed (as Docker reads it), ``raw`` the text as written.

    A named tuple holding its position flat (a file has hundreds of tokens; one
    object each instead of three); :attr:`span` gives the position as a
    :class:`Span`. pydantic reads and writes it as ``{value, raw, span}``.
    """

    value: str
    raw: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    @property
    def span(self) -> Span:
        return _new_tuple(Span, self[2:])

    @classmethod
    def at(cls, value: str, raw: str, span: Span) -> Token:
        """The token ``value``/``raw`` at ``span``."""
        return _new_tuple(cls, (value, raw, *span))

    def as_mapping(self) -> dict[str, Any]:
        return {"value": self.value, "raw": self.raw, "span": self.span}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        return record_schema(
            cls, handler, {"value": str, "raw": str, "span": Span}, cls.as_mapping, lambda data: cls.at(**data)
        )


def keyword_token_at(written: str, span: Span) -> Token:
    """The keyword token of an instruction whose ``span`` starts with the keyword
    as ``written``, on one line."""
    start, _, line, column = span[:4]
    width = len(written)
    return _new_tuple(Token, (written, written, start, start + width, line, column, line, column + width))


class Flag(Node):
    """An instruction flag such as ``--from=build`` or ``--link``."""

    name: str  # lower-case, without the leading dashes: "from", "mount"
    value: str | None  # None for a bare ``--link``
    span: Span  # the whole flag
    name_span: Span
    value_span: Span | None = None


class Mount(Node):
    """A parsed ``RUN --mount=...`` flag."""

    type: str  # bind (the default), cache, tmpfs, secret, ssh
    options: dict[str, str | None]  # every key=value of the flag, type included
    flag: Flag

    @property
    def target(self) -> str | None:
        return self.options.get("target") or self.options.get("dst") or self.options.get("destination")


class Heredoc(Node):
    """A here-document of RUN, COPY or ADD."""

    delimiter: str
    quoted: bool  # <<"EOF" or <<'EOF': no variable expansion
    strip_tabs: bool  # <<-EOF
    body: str  # the body as Docker passes it on (tabs stripped for <<-)
    marker_span: Span  # the ``<<EOF`` word in the instruction line
    body_span: Span  # the body lines, without the terminator line
    terminator_span: Span | None  # None when the heredoc is not terminated
    interpreter: str | None = None  # "python3" for ``RUN <<EOF python3`` or a ``#!`` line
    #: ``source.text == body``; maps each body character to its file offset
    #: (tabs removed by ``<<-`` belong to no segment)
    source: SourceSlice | None = None
    #: RUN only: True when the body is the script itself (``RUN <<EOF`` alone, or
    #: ``RUN <<EOF python3``), False when it is data fed to a command (``RUN cat <<EOF >f``)
    script: bool = False

    @property
    def terminated(self) -> bool:
        return self.terminator_span is not None


class Command(Node):
    """The command of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD."""

    form: Literal["exec", "shell"]
    exec_args: list[Token] | None = None  # the JSON array items in exec form
    shell: Token | None = None  # the command text in shell form, continuations joined
    #: shell form only: ``source.text == shell.value`` with the offset map the
    #: shell analysis uses to place its words in the file
    source: SourceSlice | None = None
    invalid_json: bool = False  # looked like a JSON array but is not one: Docker runs it as shell
    span: Span


class KeyValue(Node):
    """One ``key=value`` (or legacy ``key value``) of ENV, LABEL or ARG."""

    key: Token
    value: Token | None  # None for ``ARG NAME`` without default
    legacy: bool = False  # written in the old ``ENV key value`` form
    span: Span


class ImageRef(Node):
    """The image reference of FROM or ``COPY --from`` after variable substitution."""

    raw: str  # as written, e.g. "${BASE}" or "python:3.12-slim"
    value: str  # after substitution ("" when unresolved parts remain)
    resolved: bool  # False when a variable in ``raw`` had no known value
    registry: str | None = None  # "ghcr.io", None for Docker Hub
    repository: str | None = None  # "library/python" style path as written: "python", "org/app"
    tag: str | None = None
    digest: str | None = None
    is_scratch: bool = False
    stage: int | None = None  # index of the earlier stage it names, if any
    span: Span


class Instruction(Node):
    """Any instruction; keyword-specific subclasses add typed fields."""

    keyword: str  # upper-case: "RUN"
    keyword_token: Token  # as written: "run"
    span: Span  # the whole instruction, continuation lines and heredoc bodies included
    flags: list[Flag] = field(default_factory=list)
    arguments: list[Token] = field(default_factory=list)  # words after the flags, as written
    text: str = ""  # the instruction's argument text, continuations joined, comments removed
    stage_index: int | None = None  # None before the first FROM
    onbuild: bool = False  # True for the trigger instruction inside ONBUILD

    #: The parser may leave two fields out, to be made on first use (most rules
    #: never read them; see :class:`~dlint.models.base.OnFirstUse` below the
    #: class): ``arguments``, with ``(function, *args)`` that make them under
    #: ``_lazy_arguments`` in the instance's ``__dict__``; ``keyword_token`` when the
    #: keyword is on the first line of ``span`` and starts it, written as
    #: ``keyword`` or as ``_written``.

    def materialize(self) -> None:
        """Make the lazy fields (also of an ONBUILD trigger) so that dumping sees them."""
        self.arguments  # noqa: B018
        self.keyword_token  # noqa: B018
        trigger = self.__dict__.get("trigger")
        if trigger is not None:
            trigger.materialize()

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        self.materialize()
        return super().model_dump(**kwargs)

    def model_dump_json(self, **kwargs: Any) -> str:
        self.materialize()
        return super().model_dump_json(**kwargs)

    @property
    def written_keyword(self) -> str:
        """The keyword as written (``keyword_token.raw``), without making the token."""
        data = self.__dict__
        if "keyword_token" in data or "span" not in data:
            return self.keyword_token.raw
        return data.get("_written", data["keyword"])

    def flag(self, name: str) -> Flag | None:
        """The last flag called ``name`` (Docker lets a later flag win)."""
        for flag in reversed(self.flags):
            if flag.name == name:
                return flag
        return None


def _make_arguments(instruction: Instruction) -> list[Token]:
    pending = instruction.__dict__.pop("_lazy_arguments", None)
    return [] if pending is None else pending[0](*pending[1:])


def _make_keyword_token(instruction: Instruction) -> Token:
    data = instruction.__dict__
    if "span" not in data:
        raise AttributeError("keyword_token")
    return keyword_token_at(data.pop("_written", data["keyword"]), data["span"])


Instruction.arguments = OnFirstUse("arguments", _make_arguments)  # type: ignore[assignment]
Instruction.keyword_token = OnFirstUse("keyword_token", _make_keyword_token)  # type: ignore[assignment]


class FromInstruction(Instruction):
    image: ImageRef
    stage_name: Token | None = None
    as_token: Token | None = None  # the ``AS`` keyword as written
    platform: Flag | None = None


class RunInstruction(Instruction):
    command: Command
    heredocs: list[Heredoc] = field(default_factory=list)
    mounts: list[Mount] = field(default_factory=list)
    shell_program: list[str] = field(default_factory=lambda: ["/bin/sh", "-c"])  # SHELL in force


class CmdInstruction(Instruction):
    command: Command
    shell_program: list[str] = field(default_factory=lambda: ["/bin/sh", "-c"])


class EntrypointInstruction(Instruction):
    command: Command
    shell_program: list[str] = field(default_factory=lambda: ["/bin/sh", "-c"])


class ShellInstruction(Instruction):
    program: list[Token]  # the JSON array
    invalid_json: bool = False


class HealthcheckInstruction(Instruction):
    none: bool = False  # HEALTHCHECK NONE
    command: Command | None = None  # None for NONE
    options: dict[str, Flag] = field(default_factory=dict)  # interval, timeout, start-period, start-interval, retries
    shell_program: list[str] = field(default_factory=lambda: ["/bin/sh", "-c"])


class CopyInstruction(Instruction):
    """COPY and ADD (``keyword`` tells which)."""

    sources: list[Token] = field(default_factory=list)
    destination: Token | None = None
    heredocs: list[Heredoc] = field(default_factory=list)
    json_form: bool = False
    source_stage: ImageRef | None = None  # ``--from`` resolved: an earlier stage, an index or an image


class KeyValueInstruction(Instruction):
    """ENV, LABEL and ARG."""

    pairs: list[KeyValue] = field(default_factory=list)


class ExposeInstruction(Instruction):
    ports: list[Token] = field(default_factory=list)


class UserInstruction(Instruction):
    user: Token | None = None
    group: Token | None = None


class WorkdirInstruction(Instruction):
    path: Token | None = None


class VolumeInstruction(Instruction):
    paths: list[Token] = field(default_factory=list)
    json_form: bool = False


class OnbuildInstruction(Instruction):
    trigger: Instruction | None = None


class GenericInstruction(Instruction):
    """STOPSIGNAL, MAINTAINER and instructions without typed fields."""


class Comment(Node):
    text: str  # without the leading ``#`` and surrounding blanks
    span: Span


class Directive(Node):
    """A parser directive: ``# syntax=``, ``# escape=``, ``# check=``."""

    name: str  # lower-case
    value: str
    span: Span


class SyntaxIssue(Node):
    """A problem the parser found; the engine reports it as a syntax finding."""

    message: str
    span: Span


class Stage(Node):
    index: int
    name: str | None  # lower-cased as BuildKit compares it
    from_instruction: FromInstruction
    instructions: list[Instruction] = field(default_factory=list)  # after FROM, in order
    base_stage: int | None = None  # index of the earlier stage FROM builds on

    @property
    def image(self) -> ImageRef:
        return self.from_instruction.image


class Dockerfile(Node):
    """A whole Dockerfile: instructions in order, stages, comments, directives."""

    path: str
    source: str
    escape: str = "\\"
    directives: list[Directive] = field(default_factory=list)
    instructions: list[Instruction] = field(default_factory=list)
    global_args: list[KeyValueInstruction] = field(default_factory=list)  # ARG before the first FROM
    stages: list[Stage] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    syntax_issues: list[SyntaxIssue] = field(default_factory=list)
    decode_replaced: bool = False  # bytes that were not UTF-8 were replaced with U+FFFD

    # not fields: set on the instance by the parser and by first use
    _lines: ClassVar[LineIndex | None] = None
    _shell: ClassVar[Any] = None
    #: the parser's shell analyser (Dockerfile → analyses by ``id()`` of each node): the
    #: parse step attaches it, so the model never imports a parser
    _analyser: ClassVar[Any] = None
    #: variables in scope by ``id()`` of each instruction (the parser gives each file its own dict)
    _scopes: ClassVar[Any] = MappingProxyType({})

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        for instruction in self.instructions:
            instruction.materialize()
        return super().model_dump(**kwargs)

    def model_dump_json(self, **kwargs: Any) -> str:
        for instruction in self.instructions:
            instruction.materialize()
        return super().model_dump_json(**kwargs)

    def variables_at(self, instruction: Instruction) -> dict[str, str | None]:
        """ARG/ENV names in scope at ``instruction`` with their values (None: unknown).

        Filled by the parser; a name missing from the mapping is not defined there.
        """
        return self._scopes.get(id(instruction), {})

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.source)
        return self._lines

    def stage_named(self, name: str) -> Stage | None:
        """The first stage called ``name`` (names compare lower-cased), found in a map
        made on first use (rules ask once per COPY --from: no scan of every stage)."""
        named = self.__dict__.get("_stage_names")
        if named is None:
            named = {}
            for stage in self.stages:
                if stage.name is not None:
                    named.setdefault(stage.name, stage)
            self.__dict__["_stage_names"] = named
        return named.get(name.lower())

    def base_stages(self) -> frozenset[int]:
        """Indexes of the stages that another stage builds ``FROM`` (made on first use)."""
        bases = self.__dict__.get("_base_stages")
        if bases is None:
            bases = self.__dict__["_base_stages"] = frozenset(
                stage.base_stage for stage in self.stages if stage.base_stage is not None
            )
        return bases

    @property
    def final_stage(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    def shell(self, node: Instruction | Heredoc) -> ShellScript | None:
        """Shell analysis of a RUN/CMD/ENTRYPOINT/HEALTHCHECK or heredoc.

        None for exec form, a non-POSIX SHELL (PowerShell, cmd) or a heredoc
        whose interpreter is not a POSIX shell. The first call analyses every
        shell source of the file at once and caches the result.
        """
        if self._shell is None:
            self._shell = self._analyser(self) if self._analyser is not None else {}
        return self._shell.get(id(node))
