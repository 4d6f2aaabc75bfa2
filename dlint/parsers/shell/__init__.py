"""Shell analysis: the simple commands and pipelines of shell scripts (tree-sitter bash)."""

from dlint.parsers.shell.analysis import analyse_dockerfile, analyse_shell

__all__ = ["analyse_dockerfile", "analyse_shell"]
