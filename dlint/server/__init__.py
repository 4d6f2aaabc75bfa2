"""``dlint server``: a language server (LSP over stdio) for Dockerfiles and Compose files.

Built on pygls; imported only by the ``server`` command (``dlint check`` never loads
pygls). One module per job:

- :mod:`.documents`: which editor buffers are linted, as what kind, at which path;
- :mod:`.settings`: the settings of a document (its nearest config file, as on the
  command line, and what the editor passes: ``select``, ``ignore``, ``config``);
- :mod:`.linting`: linting a buffer inside its project (open buffers win over disk),
  with a warm :class:`~dlint.engine.lint.Linter` per settings and results cached per text;
- :mod:`.positions`: dlint spans to LSP ranges (UTF-16, UTF-8 or UTF-32 positions);
- :mod:`.diagnostics`: findings to LSP diagnostics;
- :mod:`.actions`: quick fixes, "ignore CODE" and ``source.fixAll.dlint``;
- :mod:`.hover`: a rule's summary and "Why is this bad?";
- :mod:`.app`: the pygls server wiring these together.
"""

from __future__ import annotations


def run() -> None:
    """Serve LSP on standard input and output until the client says exit."""
    from dlint.server.app import make_server

    make_server().start_io()
