"""The ``dlint`` command and ``python -m dlint``."""

import gc


def main() -> None:
    """Import the command line with the cyclic garbage collector off, then move
    everything imported out of its reach (``gc.freeze``): start-up makes tens of
    thousands of long-lived objects that its passes would only walk again."""
    gc.disable()
    from dlint.cli import main as cli_main

    gc.freeze()
    gc.enable()
    cli_main()


if __name__ == "__main__":
    main()
