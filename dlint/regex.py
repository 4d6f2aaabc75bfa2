"""Regular expressions compiled when first used.

dlint's modules hold about 150 patterns; compiling them all as the modules load
took about 9 ms of a small ``dlint check`` (a 10-line Dockerfile uses fewer
than half of them). :func:`regex` stands for ``re.compile`` at module level: the
pattern is compiled by the first call of one of its methods, which are then
plain attributes of the object (no indirection after that).
"""

from __future__ import annotations

import re
from typing import Any

#: the attributes of a compiled pattern, copied onto the lazy one once compiled
_ATTRIBUTES = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner", "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    """A compiled ``re.Pattern`` in waiting; see the module docstring."""

    def __init__(self, source: str | bytes, flags: int = 0) -> None:
        self._source = (source, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for attribute in _ATTRIBUTES:
            self.__dict__[attribute] = getattr(compiled, attribute)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"regex({self._source[0]!r})"


def regex(source: str | bytes, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)``, done on first use (typed as the pattern it becomes)."""
    return LazyPattern(source, flags)  # type: ignore[return-value]
