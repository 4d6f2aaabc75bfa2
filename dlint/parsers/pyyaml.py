"""PyYAML, imported with the regular expressions its modules compile as they load left
to be compiled when first used.

Importing ``yaml`` compiles ten patterns: the eight implicit resolvers' (booleans,
numbers, timestamps, …), the constructor's timestamp and the pure-Python reader's
non-printable characters, a class reaching U+10FFFF that alone costs CPython's regex
compiler ≈ 5 ms. dlint uses none of them: libyaml reads the text and dlint's loader
resolves scalars itself. While ``yaml`` loads, ``re.compile`` is
:func:`dlint.regex.regex` (the same pattern, compiled on its first ``match`` or
``search``: all PyYAML asks of them); it is ``re.compile`` again before anything else
runs. Imported elsewhere first, ``yaml`` is used as it is.
"""

import re
import sys

from dlint.regex import regex


def _import_yaml():  # noqa: ANN202 - the yaml module
    if "yaml" in sys.modules:
        return sys.modules["yaml"]
    compile_now = re.compile
    re.compile = regex
    try:
        import yaml
    finally:
        re.compile = compile_now
    return yaml


yaml = _import_yaml()

__all__ = ["yaml"]
