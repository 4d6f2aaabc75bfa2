"""The ``dlint`` command and ``python -m dlint``."""

import gc
import os
import sys

#: net allocations between two passes of the cyclic collector over the youngest objects
#: (Python's default is 700; cyclic garbage still goes, at most this many objects later).
#: A batch's models are freed when it ends, so what a pass would find is mostly the rule
#: modules the first batch imported and the findings waiting to be written: at 20,000 a
#: pass over them took 12 ms in a run over 681 Dockerfiles, and 60 ms over 6,810 files
YOUNG_THRESHOLD = 200_000


def main() -> None:
    """Import the command line with the cyclic garbage collector off, then move
    everything imported out of its reach (``gc.freeze``): start-up makes tens of
    thousands of long-lived objects that its passes would only walk again. Its
    youngest generation is then examined every :data:`YOUNG_THRESHOLD` allocations
    instead of 700: the models of a run hold no reference cycles, and most of what a
    pass would walk (the findings of a batch of files) is freed once written. A
    ``dlint check`` that typer need not parse runs without importing typer at all.

    An installation too broken to import the command line ends like any other
    internal error: one line on stderr and exit 2 (the traceback with DLINT_DEBUG=1).
    """
    gc.disable()
    try:
        from dlint.cli_core import main_plain_check, plain_check

        if plain_check(sys.argv[1:]):  # a check command line typer need not parse: no typer
            _collect_less()
            main_plain_check(sys.argv[1:])
        from dlint.cli import main as cli_main
    except Exception as error:
        debugging = os.environ.get("DLINT_DEBUG", "") not in ("", "0")
        if debugging:
            import traceback

            traceback.print_exc()
        hint = "" if debugging else " (run with DLINT_DEBUG=1 for the traceback)"
        if sys.stderr is not None:
            sys.stderr.write(f"dlint: internal error: cannot load dlint: {type(error).__name__}: {error}{hint}\n")
        raise SystemExit(2) from None
    _collect_less()
    cli_main()


def _collect_less() -> None:
    """Move what start-up made out of the collector's reach, and let it run less often."""
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    gc.enable()


if __name__ == "__main__":
    main()
