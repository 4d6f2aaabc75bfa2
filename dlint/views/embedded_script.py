"""A shell script written inside a Dockerfile or a Compose file, and the map from its
characters back to the file.

``text`` is what the shell runs (continuations joined, JSON or YAML escapes read,
Compose's ``$$`` read as ``$``); ``segments`` are the runs of ``text`` that stand
as they are in the file, ``(text_start, file_start, length)`` in ``text`` order (the
layout of :class:`~dlint.models.dockerfile.SourceSlice`). A character of ``text``
in no segment (a YAML escape, a line break Docker joined) is placed at the nearest
segment boundary; a script without segments is placed at ``anchor`` as a whole.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Literal, NamedTuple

#: shell program (base name) → the ShellCheck dialect it is checked under (``ash`` is
#: BusyBox's, the shell of Alpine images)
SHELL_DIALECTS = {"sh": "sh", "bash": "bash", "dash": "dash", "ash": "busybox", "ksh": "ksh", "mksh": "ksh"}


def program_dialect(program: str) -> str | None:
    """The ShellCheck dialect of a shell program (``/bin/bash`` → ``bash``), None when
    it is not a shell ShellCheck reads (``zsh``, ``pwsh``, ``python`` …)."""
    name = program.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].lower()
    return SHELL_DIALECTS.get(name.removesuffix(".exe"))


#: how a script's text is written in its file, for fixes: as it is (``verbatim``),
#: inside a JSON string (``json``: replacements are escaped), or not editable (None)
EditStyle = Literal["verbatim", "json"] | None


class EmbeddedScript(NamedTuple):
    """One shell script of a file, with what ShellCheck needs to check it."""

    text: str
    dialect: str  # a ShellCheck dialect: sh, bash, dash, ksh, busybox
    segments: tuple[tuple[int, int, int], ...]
    anchor: tuple[int, int]  # file offsets (start, end) of the whole script as written
    #: variable names the environment defines before the script starts (ARG/ENV in scope)
    declared: tuple[str, ...] = ()
    #: ShellCheck codes whose answer depends on what the file cannot show (SC2154 in a
    #: Compose command: the image's environment is unknown); never reported
    undecidable: frozenset[str] = frozenset()
    edit_style: EditStyle = "verbatim"
    #: characters a verbatim replacement may not hold (a line break ends a RUN line)
    forbidden: str = "\n"

    def file_offset(self, index: int) -> int | None:
        """The file offset of character ``index`` of ``text`` (``len(text)``: just past
        the last one); None when the script has no segments."""
        segments = self.segments
        if not segments:
            return None
        position = max(bisect_right(segments, index, key=_text_start) - 1, 0)
        text_start, file_start, length = segments[position]
        return file_start + min(max(index - text_start, 0), length)

    def file_range(self, start: int, end: int) -> tuple[int, int]:
        """File offsets ``(start, end)`` of ``text[start:end]`` (the anchor when unplaceable)."""
        first = self.file_offset(start)
        if first is None:
            return self.anchor
        if end <= start:
            return first, first
        last = self.file_offset(end - 1)
        return first, max(first, (last if last is not None else first) + 1)

    def exact_range(self, start: int, end: int) -> tuple[int, int] | None:
        """File offsets of ``text[start:end]`` when that piece stands in the file as
        written, inside one segment (a fix may edit it there); else None."""
        segments = self.segments
        position = bisect_right(segments, start, key=_text_start) - 1
        if position < 0:
            return None
        text_start, file_start, length = segments[position]
        if not text_start <= start <= end <= text_start + length:
            return None
        return file_start + start - text_start, file_start + end - text_start

def _text_start(segment: tuple[int, int, int]) -> int:
    return segment[0]
