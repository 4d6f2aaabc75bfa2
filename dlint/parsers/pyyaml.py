"""PyYAML, imported with its reader's pattern of non-printable characters already
compiled, in an equivalent form that costs next to nothing.

Importing ``yaml`` compiles ``yaml.reader.Reader.NON_PRINTABLE``, a negated class
whose ranges reach U+10FFFF: CPython's regex compiler spends ≈ 5 ms on it, a third of
what the import costs and an eighth of linting one small Compose file. dlint never
uses that reader (libyaml reads the text). The same set written as what it leaves
out compiles in microseconds; kept in :mod:`re`'s cache under PyYAML's text, it is
what PyYAML's ``re.compile`` returns. Where the cache is not the dictionary this
expects (another Python), PyYAML compiles its own, as usual.
"""

import re
import sys

#: the pattern as ``yaml.reader`` writes it (PyYAML 5 and 6)
PYYAML_NON_PRINTABLE = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"
#: the same characters, named directly: controls but tab and line ends, DEL to U+009F
#: but NEL, surrogates, U+FFFE and U+FFFF
NON_PRINTABLE = "[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]"

_cache = getattr(re, "_cache", None)
if isinstance(_cache, dict) and "yaml" not in sys.modules:
    _cache.setdefault((str, PYYAML_NON_PRINTABLE, 0), re.compile(NON_PRINTABLE))

import yaml  # noqa: E402 - after the pattern is in the cache

__all__ = ["yaml"]
