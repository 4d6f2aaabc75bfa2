"""Shell analysis of a plain string, or of every shell source of a Dockerfile in one parse."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dlint.models.shell import ShellScript
from dlint.models.span import LineIndex
from dlint.parsers.gc_pause import gc_paused
from dlint.parsers.shell.grammar import ParseAbandoned, parse
from dlint.parsers.shell.placement import Placement
from dlint.parsers.shell.sources import ShellSource, shell_sources
from dlint.parsers.shell.walker import Collected, Walker

if TYPE_CHECKING:
    from dlint.models.dockerfile import Dockerfile


def analyse_shell(
    text: str,
    *,
    pipefail: bool = False,
    lines: LineIndex | None = None,
    segments: list[tuple[int, int, int]] | None = None,
) -> ShellScript:
    """Analyse one shell script.

    Spans are positions in ``text`` unless ``lines`` (the index of the file
    ``text`` comes from) and ``segments`` (``(text_start, file_start, length)``
    runs, as in :class:`~dlint.models.dockerfile.SourceSlice`) place it in a file.
    ``pipefail``: the shell runs with ``-o pipefail`` from the start.
    """
    placement = Placement(lines or LineIndex(text), segments if segments is not None else [(0, 0, len(text))])
    with gc_paused():
        walker = Walker(Collected(), text, placement, pipefail)
        try:
            nodes = parse(text).root_node.named_children
        except ParseAbandoned:  # not analysed: no commands, and it counts as having errors
            walker.collected.has_errors = True
            nodes = []
        return _collect(walker, nodes, len(text), 0)


def analyse_dockerfile(dockerfile: Dockerfile) -> dict[int, ShellScript]:
    """Shell analysis of every RUN, CMD, ENTRYPOINT, HEALTHCHECK (shell form,
    ONBUILD triggers included) and shell heredoc of ``dockerfile``, keyed by
    ``id()`` of the instruction or heredoc. All sources are parsed together."""
    with gc_paused():
        return _analyse_sources(list(shell_sources(dockerfile)), dockerfile.lines)


def _analyse_sources(sources: list[ShellSource], lines: LineIndex) -> dict[int, ShellScript]:
    if not sources:
        return {}
    buffer = "\n".join(source.text for source in sources)
    try:
        # one parse per file: a small buffer needs no read budget (see grammar.parse)
        groups = _group_by_source(parse(buffer, budget=False).root_node.named_children, sources)
    except ParseAbandoned:
        groups = None
    if groups is None:  # a construct ran from one source into the next, or one is too costly: one by one
        return {id(source.node): _analyse_alone(source, lines) for source in sources}
    result: dict[int, ShellScript] = {}
    base = 0
    for source, nodes in zip(sources, groups):
        placement = Placement(lines, source.segments, base)
        walker = Walker(Collected(), buffer, placement, source.pipefail)
        result[id(source.node)] = _collect(walker, nodes, len(source.text), base)
        base += len(source.text) + 1
    return result


def _analyse_alone(source: ShellSource, lines: LineIndex) -> ShellScript:
    return analyse_shell(source.text, pipefail=source.pipefail, lines=lines, segments=source.segments)


def _collect(walker: Walker, nodes: list[Any], length: int, base: int) -> ShellScript:
    collected = walker.collected
    for node in nodes:
        if node.has_error:
            collected.has_errors = True
        walker.visit(node, None, 0)
    return collected.script((walker.placement, base, base + length))


def _group_by_source(nodes: list[Any], sources: list[ShellSource]) -> list[list[Any]] | None:
    """The top-level nodes of each source, or None when a node crosses from one
    source into the next."""
    groups: list[list[Any]] = [[] for _ in sources]
    ends: list[int] = []
    position = 0
    for source in sources:
        position += len(source.text)
        ends.append(position)
        position += 1
    current = 0
    for node in nodes:
        start, end = node.start_byte, node.end_byte
        while current < len(ends) and start >= ends[current]:
            current += 1
        if current == len(ends) or end > ends[current]:
            return None
        groups[current].append(node)
    return groups
