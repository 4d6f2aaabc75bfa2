"""Running dlint as users do, in a child process under a memory cap and a time limit.

The robustness tests use it: hostile input must end with a clear message and a
known exit status, never a hang, a memory blow-up or a traceback.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

#: address-space cap of the child (the interpreter with dlint loaded maps ~300 MiB)
MEMORY_LIMIT = 1024 * 1024 * 1024
#: seconds a run may take before it counts as hung
TIME_LIMIT = 60


def _limits(memory: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return apply


def run_dlint(
    *args: str | os.PathLike,
    cwd: str | os.PathLike,
    stdin: bytes | None = None,
    memory: int = MEMORY_LIMIT,
    timeout: float = TIME_LIMIT,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m dlint *args`` in ``cwd``; stdout and stderr as bytes. A run past
    ``timeout`` raises ``subprocess.TimeoutExpired`` (the test fails)."""
    environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR", "DLINT_DEBUG")}
    environment["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "dlint", *map(os.fspath, args)],
        cwd=cwd,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,
        preexec_fn=_limits(memory),
        env=environment,
        check=False,
    )


def snapshot(folder: str | os.PathLike) -> dict[str, bytes]:
    """Every regular file under ``folder`` (relative POSIX path → bytes), symlinks not followed."""
    root = Path(folder)
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files
