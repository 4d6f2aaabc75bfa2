"""``python -m dlint``."""

from dlint.cli import main

main()
