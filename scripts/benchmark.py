#!/usr/bin/env python3
"""dlint benchmarks: one function per benchmark, ``--only NAME`` runs one.

    python scripts/benchmark.py                 # every benchmark
    python scripts/benchmark.py --only dockerfile
    python scripts/benchmark.py --only corpus --corpus DIR   # real Dockerfiles, vs hadolint
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: A typical 40-line multi-stage Dockerfile (comments, continuations, ARG, ENV, heredoc).
TYPICAL_DOCKERFILE = """\
# syntax=docker/dockerfile:1
ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERSION}-slim AS build
# build dependencies
RUN apt-get update \\
    && apt-get install -y --no-install-recommends gcc libpq-dev \\
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install --prefix=/install -r requirements.txt
COPY . .
RUN python -m compileall -q /src

FROM python:${PYTHON_VERSION}-slim
LABEL org.opencontainers.image.title="app" \\
      org.opencontainers.image.source="https://example.com/app"
ENV PYTHONDONTWRITEBYTECODE=1 \\
    PYTHONUNBUFFERED=1 \\
    PATH=/app/bin:$PATH
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 curl \\
    && rm -rf /var/lib/apt/lists/*
RUN groupadd -r app && useradd -r -g app -d /app app
COPY --from=build /install /usr/local
COPY --from=build --chown=app:app /src /app
WORKDIR /app
RUN <<EOF
set -eux
mkdir -p /app/data
chown app:app /app/data
EOF
EXPOSE 8000
USER app
HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:8000/health || exit 1
VOLUME ["/app/data"]
STOPSIGNAL SIGTERM
ARG VERSION
ENV APP_VERSION=${VERSION}
ENTRYPOINT ["gunicorn", "app.wsgi:application"]
CMD ["--bind", "0.0.0.0:8000", "--workers", "4"]
"""


def _rate(label: str, count: int, run: Callable[[], None], repeats: int = 3) -> float:
    """Files per second of ``run``: the best of ``repeats`` rounds of ``count`` calls
    (the best round is the least disturbed by other processes)."""
    run()  # warm up (imports, lazily built regexes and schemas)
    elapsed = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for _ in range(count):
            run()
        elapsed = min(elapsed, time.perf_counter() - started)
    rate = count / elapsed
    print(f"  {label}: {rate:,.0f} files/s ({elapsed / count * 1000:.3f} ms per file)")
    return rate


def bench_dockerfile(count: int) -> None:
    """Parse the typical 40-line Dockerfile; then parse + shell analysis of every RUN."""
    from dlint.parsers.dockerfile import parse_dockerfile

    lines = TYPICAL_DOCKERFILE.count("\n")
    print(f"dockerfile ({lines}-line file, {count} runs)")
    _rate("parse", count, lambda: parse_dockerfile(TYPICAL_DOCKERFILE))
    try:
        from dlint.parsers.shell import analyse_dockerfile  # noqa: F401
    except ImportError:
        print("  parse + shell: skipped (dlint.parsers.shell.analyse_dockerfile does not exist yet)")
        return

    def parse_and_analyse() -> None:
        dockerfile = parse_dockerfile(TYPICAL_DOCKERFILE)
        for instruction in dockerfile.instructions:
            if instruction.keyword == "RUN":
                dockerfile.shell(instruction)

    _rate("parse + shell", count, parse_and_analyse)


def bench_compose(count: int) -> None:
    """Load the typical 60-line Compose file: YAML with positions; then YAML + schema
    check + interpolation check + typed models (what linting one file needs)."""
    from dlint.parsers.compose.load import load_compose_file
    from dlint.parsers.yaml_loader import load_yaml

    text = (Path(__file__).resolve().parent.parent / "fixtures" / "parser" / "compose" / "typical.yaml").read_text()
    print(f"compose ({text.count(chr(10))}-line file, {count} runs)")
    _rate("yaml with positions", count, lambda: load_yaml(text))
    _rate("load + validate + model", count, lambda: load_compose_file("compose.yaml", text))


def bench_cli(count: int) -> None:
    """Wall time of ``dlint check`` on one small Dockerfile in a fresh process
    (interpreter start-up and imports included): the median of several runs."""
    import os
    import resource
    import statistics
    import subprocess
    import tempfile

    runs = max(5, min(count, 21))
    with tempfile.TemporaryDirectory() as folder:
        dockerfile = Path(folder) / "Dockerfile"
        dockerfile.write_text("FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\nUSER 1000\nCMD [\"flask\", \"run\"]\n")
        command = [sys.executable, "-m", "dlint", "check", str(dockerfile)]
        # as users run it: bytecode written by the warm-up run and then reused
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run(command, capture_output=True, env=env)  # warm up
        times, cpu = [], []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, env=env)
            times.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    print(f"cli (dlint check on a 4-line Dockerfile, {runs} runs)")
    print(f"  wall: median {statistics.median(times) * 1000:.0f} ms, best {min(times) * 1000:.0f} ms")
    print(f"  cpu (user + system, less disturbed by other load): median {statistics.median(cpu) * 1000:.0f} ms")


def bench_shell(count: int) -> None:
    """Shell analysis alone: every shell source of the typical Dockerfile (already
    parsed), and one plain RUN-sized script."""
    from dlint.parsers.dockerfile import parse_dockerfile
    from dlint.parsers.shell import analyse_dockerfile, analyse_shell

    dockerfile = parse_dockerfile(TYPICAL_DOCKERFILE)
    script = "apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*"
    print(f"shell ({count} runs)")
    _rate("analyse_dockerfile (typical file)", count, lambda: analyse_dockerfile(dockerfile))
    _rate("analyse_shell (one RUN)", count, lambda: analyse_shell(script))


def bench_corpus(count: int, corpus: Path | None = None) -> None:
    """``dlint check`` over a folder of Dockerfiles in one process, with the ShellCheck
    checks and without, and hadolint over the same files when it is on ``PATH``: CPU
    time (the process and what it starts, ShellCheck included) and wall time per file,
    the median of interleaved rounds. Without ``--corpus``, 200 generated variants of
    the typical Dockerfile (each with RUN lines of its own, so no script is checked
    twice; its here-document written as a plain RUN, which hadolint cannot parse)."""
    import os
    import shutil
    import statistics
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        if corpus is None:
            corpus = Path(folder)
            for index in range(200):
                heredoc = TYPICAL_DOCKERFILE[TYPICAL_DOCKERFILE.index("RUN <<EOF") : TYPICAL_DOCKERFILE.index("EXPOSE")]
                text = TYPICAL_DOCKERFILE.replace(heredoc, f"RUN set -eux; mkdir -p /app/data{index}; chown app:app /app/data{index}\n")
                text = text.replace("libpq5 curl", f"libpq5 curl && echo $HOME/{index}")
                (corpus / f"app{index}").mkdir()
                (corpus / f"app{index}" / "Dockerfile").write_text(text)
        files = sorted(str(path) for path in corpus.rglob("*") if path.is_file() and _is_dockerfile(path.name))
        if not files:
            print(f"corpus: no Dockerfile under {corpus}")
            return
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        dlint = [sys.executable, "-m", "dlint", "check", "--format", "json", "--fail-on", "none", "--kind", "dockerfile"]
        commands = {"dlint": [*dlint, *files], "dlint, no ShellCheck": [*dlint, "--ignore", "shellcheck", *files]}
        hadolint = shutil.which("hadolint")
        if hadolint is not None:
            commands["hadolint"] = [hadolint, "--no-fail", "--format", "json", *files]
        rounds = max(3, min(count, 5))
        measured: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for name, command in commands.items():
            _timed(command, env)  # warm up: bytecode, file cache
        for _ in range(rounds):
            for name, command in commands.items():
                measured[name].append(_timed(command, env))
    print(f"corpus ({len(files)} Dockerfiles, {rounds} interleaved rounds, median)")
    for name, samples in measured.items():
        cpu = statistics.median(sample[0] for sample in samples) / len(files) * 1000
        wall = statistics.median(sample[1] for sample in samples) / len(files) * 1000
        print(f"  {name}: cpu {cpu:.2f} ms per file, wall {wall:.2f} ms per file")
    if "hadolint" in measured:
        ratio = statistics.median(s[0] for s in measured["hadolint"]) / statistics.median(s[0] for s in measured["dlint"])
        print(f"  hadolint / dlint CPU: {ratio:.1f}x")


def _is_dockerfile(name: str) -> bool:
    return name == "Dockerfile" or name.startswith("Dockerfile.") or name.endswith(".Dockerfile") or name == "Containerfile"


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds of the process and its children, wall seconds) of one run."""
    import resource
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, env=env, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


BENCHMARKS: dict[str, Callable[..., None]] = {"dockerfile": bench_dockerfile, "compose": bench_compose, "cli": bench_cli}
BENCHMARKS["shell"] = bench_shell
BENCHMARKS["corpus"] = bench_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=sorted(BENCHMARKS), help="run one benchmark")
    parser.add_argument("--count", type=int, default=2000, help="files per measurement")
    parser.add_argument("--corpus", type=Path, help="corpus: a folder of real Dockerfiles (default: generated ones)")
    args = parser.parse_args(argv)
    for name, bench in BENCHMARKS.items():
        if args.only is None or args.only == name:
            if name == "corpus":
                bench(args.count, args.corpus)
            else:
                bench(args.count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
