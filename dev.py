#!/usr/bin/env python3
"""Developer entry point: sets up ``.venv`` as needed, then runs a task.

    python3 dev.py example    lint the bundled example project
    python3 dev.py test       run the whole test suite (extra args go to pytest)
    python3 dev.py bench      run the benchmark script
    python3 dev.py docs       regenerate the rule index and the rule pages under rules/
    python3 dev.py fuzz [--minutes N]
                              mutation-fuzz the parsers, rules, reporters and fixes for N
                              minutes (default 20): tests/test_fuzz.py with new random
                              examples, round after round, until one fails or time is up
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".dlint-installed"
#: an editable install that is a plain path entry: setuptools' default import
#: hook costs ~10 ms at every start, which would distort the start-up benchmark
#: (an installed wheel has no such cost)
EDITABLE = ("--config-settings", "editable_mode=compat", "-e")


def ensure_environment() -> None:
    """Create .venv and install dlint with its test extras when pyproject.toml changed."""
    if sys.version_info < (3, 11):
        sys.exit("dlint needs Python 3.11 or newer")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + " ".join(EDITABLE).encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print("dev.py: creating .venv", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("dev.py: installing dlint and its test dependencies into .venv", file=sys.stderr)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, *EDITABLE, f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def run(*command: str) -> int:
    return subprocess.run(command, cwd=ROOT).returncode


#: examples per kind in one round of ``dev.py fuzz`` (a round takes about ten seconds)
FUZZ_ROUND_EXAMPLES = 500


def fuzz(python: str, argv: list[str]) -> int:
    """Rounds of the fuzz test with fresh random examples until ``--minutes`` pass or one fails."""
    minutes = float(argv[argv.index("--minutes") + 1]) if "--minutes" in argv else 20.0
    deadline = time.monotonic() + minutes * 60
    environment = {**os.environ, "DLINT_FUZZ_EXAMPLES": str(FUZZ_ROUND_EXAMPLES)}
    rounds = 0
    while time.monotonic() < deadline:
        command = [python, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "tests/test_fuzz.py"]
        status = subprocess.run(command, cwd=ROOT, env=environment).returncode
        rounds += 1
        if status != 0:
            print(f"dev.py fuzz: round {rounds} failed (the failing example is printed above)", file=sys.stderr)
            return status
    print(f"dev.py fuzz: {rounds} rounds of {FUZZ_ROUND_EXAMPLES} examples per kind, no failure", file=sys.stderr)
    return 0


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if task not in {"example", "test", "bench", "docs", "fuzz"}:
        print(__doc__)
        return 0 if task == "help" else 2
    ensure_environment()
    python = str(BIN / "python")
    if task == "example":
        return run(python, "-m", "dlint", "check", "fixtures/projects/example", *rest)
    if task == "test":
        return run(python, "-m", "pytest", *rest)
    if task == "bench":
        return run(python, "scripts/benchmark.py", *rest)
    if task == "fuzz":
        return fuzz(python, rest)
    return run(python, "-m", "dlint.engine.rule_index") or run(python, "-m", "dlint", "rules", "--write-docs", "rules", *rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
