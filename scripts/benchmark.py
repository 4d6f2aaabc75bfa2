#!/usr/bin/env python3
"""dlint benchmarks: one function per benchmark, ``--only NAME`` runs one.

    python scripts/benchmark.py                 # every benchmark
    python scripts/benchmark.py --only dockerfile
    python scripts/benchmark.py --only corpus --corpus DIR   # real Dockerfiles and Compose files, vs hadolint and dclint
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
    """``dlint check`` over a folder's Dockerfiles in one process, with the ShellCheck
    checks and without, and hadolint over the same files when it is on ``PATH``; then
    the same for the folder's Compose files against dclint (npm's ``dclint``) when it is
    on ``PATH``: CPU time (the process and what it starts, ShellCheck included) and wall
    time per file, the median of interleaved rounds. Without ``--corpus``, 200 generated
    variants of the typical Dockerfile (each with RUN lines of its own, so no script is
    checked twice; its here-document written as a plain RUN, which hadolint cannot parse)."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        if corpus is None:
            corpus = _generated(Path(folder), 200)
        paths = sorted(path for path in corpus.rglob("*") if path.is_file())
        dockerfiles = [str(path) for path in paths if _is_dockerfile(path.name)]
        compose_files = [str(path) for path in paths if _is_compose_file(path.name)]
        if not dockerfiles and not compose_files:
            print(f"corpus: no Dockerfile or Compose file under {corpus}")
            return
        rounds = max(3, min(count, 5))
        if dockerfiles:
            hadolint = shutil.which("hadolint")
            peer = ("hadolint", [hadolint, "--no-fail", "--format", "json", *dockerfiles]) if hadolint else None
            _corpus_rows("Dockerfiles", "dockerfile", dockerfiles, peer, rounds)
        if compose_files:
            dclint = shutil.which("dclint")
            peer = ("dclint", [dclint, "--formatter", "json", *compose_files]) if dclint else None
            _corpus_rows("Compose files", "compose", compose_files, peer, rounds)


def _corpus_rows(label: str, kind: str, files: list[str], peer: tuple[str, list[str]] | None, rounds: int) -> None:
    """CPU and wall time per file of dlint (with ShellCheck and without) and of a peer
    linter over ``files``, interleaved rounds; then dlint's CPU as a share of the peer's."""
    import os
    import statistics

    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    dlint = [sys.executable, "-m", "dlint", "check", "--format", "json", "--fail-on", "none", "--kind", kind, "--jobs", "1"]
    commands = {"dlint": [*dlint, *files], "dlint, no ShellCheck": [*dlint, "--ignore", "shellcheck", *files]}
    if peer is not None:
        commands[peer[0]] = peer[1]
    measured: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for command in commands.values():
        _timed(command, env)  # warm up: bytecode, file cache
    for _ in range(rounds):
        for name, command in commands.items():
            measured[name].append(_timed(command, env))
    print(f"corpus ({len(files)} {label}, {rounds} interleaved rounds, median)")
    cpu = {name: statistics.median(sample[0] for sample in samples) for name, samples in measured.items()}
    for name, samples in measured.items():
        wall = statistics.median(sample[1] for sample in samples) / len(files) * 1000
        print(f"  {name}: cpu {cpu[name] / len(files) * 1000:.2f} ms per file, wall {wall:.2f} ms per file")
    if peer is not None:
        name = peer[0]
        print(f"  dlint / {name} CPU: {cpu['dlint'] / cpu[name]:.3f}x (without ShellCheck {cpu['dlint, no ShellCheck'] / cpu[name]:.3f}x)")


def _is_compose_file(name: str) -> bool:
    """The names ``docker compose`` looks for and their override and variant spellings."""
    stem, dot, extension = name.rpartition(".")
    return bool(dot) and extension in ("yaml", "yml") and (stem in ("compose", "docker-compose") or stem.startswith(("compose.", "docker-compose.", "docker-compose-")))


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


SMALL_COMPOSE = """\
services:
  web:
    image: nginx:1.27
    ports:
      - "127.0.0.1:8080:80"
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
"""


def bench_cold(count: int) -> None:
    """A cold ``dlint check`` of one 10-line Dockerfile and of one small Compose file
    (wall time of a fresh process, median), beside hadolint when it is on ``PATH``, and
    beside the floor under it: the interpreter alone, and the interpreter importing the
    modules from outside dlint (standard library, tree-sitter) that the Dockerfile's
    check imports, recorded from a run of it."""
    import os
    import shutil
    import statistics
    import tempfile

    runs = max(5, min(count, 21))
    dockerfile = "\n".join(TYPICAL_DOCKERFILE.splitlines()[12:22]) + "\n"
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "Dockerfile").write_text(dockerfile)
        Path(folder, "compose.yaml").write_text(SMALL_COMPOSE)
        # the ``dlint`` command as installed (what pre-commit and CI run); ``python -m dlint``
        # costs ≈ 3 ms more (runpy)
        dlint = [str(Path(sys.executable).with_name("dlint"))] if Path(sys.executable).with_name("dlint").exists() else [sys.executable, "-m", "dlint"]
        outside = _modules_outside_dlint([*dlint, "check", str(Path(folder, "Dockerfile"))], env)
        commands = {
            "dlint, 10-line Dockerfile": [*dlint, "check", str(Path(folder, "Dockerfile"))],
            "dlint, small Compose file": [*dlint, "check", str(Path(folder, "compose.yaml"))],
            "python -c pass (the interpreter alone)": [sys.executable, "-c", "pass"],
            f"the interpreter importing the {len(outside)} modules outside dlint that the Dockerfile check imports": [
                sys.executable,
                "-c",
                _IMPORT_RECORDED,
                *outside,
            ],
        }
        if shutil.which("hadolint"):
            commands["hadolint, 10-line Dockerfile"] = [shutil.which("hadolint"), str(Path(folder, "Dockerfile"))]
        for command in commands.values():
            _timed(command, env)
        walls: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                walls[name].append(_timed(command, env)[1])
    print(f"cold start ({runs} interleaved runs, median wall)")
    medians = {name: statistics.median(samples) for name, samples in walls.items()}
    for name, median in medians.items():
        print(f"  {name}: {median * 1000:.0f} ms")
    hadolint = medians.get("hadolint, 10-line Dockerfile")
    if hadolint:
        floor = next(median for name, median in medians.items() if name.startswith("the interpreter importing"))
        print(f"  dlint / hadolint wall: {medians['dlint, 10-line Dockerfile'] / hadolint:.2f}x (those imports alone: {floor / hadolint:.2f}x)")


#: where a probe run writes the names of the modules it imported, one per line
_RECORD = "DLINT_BENCH_MODULES"
#: runs ``dlint`` (its arguments follow) and, as it ends, records the modules outside
#: dlint it imported that ``python -c pass`` does not: ``os._exit`` ends a check, so it
#: is wrapped (``runpy``, the probe's own way in, is left out)
_RECORD_MODULES = """\
import sys
before = {*sys.modules, "runpy"}
import os, runpy
exit = os._exit
def record(status):
    with open(os.environ["DLINT_BENCH_MODULES"], "w") as out:
        out.writelines(f"{name}\\n" for name in list(sys.modules) if name not in before and name.partition(".")[0] != "dlint")
    exit(status)
os._exit = record
sys.argv = ["dlint", *sys.argv[1:]]
runpy.run_module("dlint", run_name="__main__")
"""
#: imports the modules named as arguments, in that order; one whose package is not
#: among them (dlint loads tree-sitter-bash's binding without its package) from its
#: package's folder without running the package, as dlint does
_IMPORT_RECORDED = """\
import importlib, sys
from importlib.machinery import PathFinder
recorded = set(sys.argv[1:])
for name in sys.argv[1:]:
    parent = name.rpartition(".")[0]
    if name in sys.modules:
        continue
    if parent and parent not in recorded:
        package = PathFinder.find_spec(parent)
        spec = PathFinder.find_spec(name, package.submodule_search_locations)
        module = spec.loader.create_module(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    else:
        importlib.import_module(name)
"""


def _modules_outside_dlint(command: list[str], env: dict[str, str]) -> list[str]:
    """The modules outside dlint, standard library and third-party, that ``command``
    (a ``dlint`` command line) imports and ``python -c pass`` does not, in the order
    imported; checked to import on their own."""
    import subprocess
    import tempfile

    arguments = command[1:] if command[0] != sys.executable else command[3:]
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as record:
        subprocess.run([sys.executable, "-c", _RECORD_MODULES, *arguments], capture_output=True, env={**env, _RECORD: record.name}, check=False)
        modules = record.read().splitlines()
    imported = subprocess.run([sys.executable, "-c", _IMPORT_RECORDED, *modules], capture_output=True, text=True, env=env, check=False)
    if not modules or imported.returncode != 0:  # a floor that failed half-way would look fast
        raise SystemExit(f"cold: importing the modules a check imports failed: {imported.stderr.strip().splitlines()[-1:]}")
    return modules


def bench_jobs(count: int, corpus: Path | None = None) -> None:
    """``--jobs``: wall time of one process against one per core over a corpus (default:
    400 generated Dockerfiles), and the peak memory of each."""
    import os
    import tempfile

    from dlint.engine.parallel import available_cores

    with tempfile.TemporaryDirectory() as folder:
        target = corpus or _generated(Path(folder), 400)
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        base = [sys.executable, "-m", "dlint", "check", "--format", "json", "--fail-on", "none", str(target)]
        cores = available_cores()
        _timed([*base, "--jobs", "1"], env)
        print(f"jobs ({target if corpus else '400 generated Dockerfiles'}, best of 3)")
        for label, extra in (("with ShellCheck", []), ("without ShellCheck", ["--ignore", "shellcheck"])):
            one = min(_timed([*base, *extra, "--jobs", "1"], env)[1] for _ in range(3))
            many = min(_timed([*base, *extra, "--jobs", str(cores)], env)[1] for _ in range(3))
            memory = _peak_memory([*base, *extra, "--jobs", "1"], env)
            print(f"  {label}: --jobs 1 {one:.2f} s wall (peak {memory / 1024:.0f} MiB), --jobs {cores} {many:.2f} s ({one / many:.2f}x)")


def bench_scaling(count: int) -> None:
    """Linear growth: each row lints an input and one ten times its size (files,
    lines of one Dockerfile, services of one Compose file, stages) and gives the ratio."""
    import os
    import tempfile

    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    base = [sys.executable, "-m", "dlint", "check", "--format", "json", "--fail-on", "none", "--jobs", "1"]
    rows = {
        "files": lambda folder, n: _generated(folder, n),
        "lines": lambda folder, n: _one_file(folder, "Dockerfile", "FROM debian:12\n" + "".join(f"RUN echo {i} && apt-get update\n" for i in range(n))),
        "services": lambda folder, n: _one_file(folder, "compose.yaml", "services:\n" + "".join(
            f"  s{i}:\n    image: nginx:1.27\n    ports:\n      - \"{10000 + i}:80\"\n" for i in range(n))),
        "stages": lambda folder, n: _one_file(folder, "Dockerfile", "".join(
            f"FROM debian:12 AS s{i}\n" + (f"COPY --from=s{i - 1} /a /a\n" if i else "") + f"RUN echo {i}\n" for i in range(n))),
    }
    sizes = {"files": (40, 400), "lines": (300, 3000), "services": (300, 3000), "stages": (100, 1000)}
    print("scaling (wall time of one run, input ×10)")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in rows.items():
            small, large = sizes[name]
            times = []
            for size in (small, large):
                target = make(Path(folder, f"{name}{size}"), size)
                _timed([*base, str(target)], env)
                times.append(min(_timed([*base, str(target)], env)[1] for _ in range(2)))
            print(f"  {name} {small} → {large}: {times[0]:.2f} s → {times[1]:.2f} s ({times[1] / times[0]:.1f}x)")


def _generated(folder: Path, count: int) -> Path:
    """``count`` variants of the typical Dockerfile, one per folder, under ``folder``."""
    heredoc = TYPICAL_DOCKERFILE[TYPICAL_DOCKERFILE.index("RUN <<EOF") : TYPICAL_DOCKERFILE.index("EXPOSE")]
    for index in range(count):
        text = TYPICAL_DOCKERFILE.replace(heredoc, f"RUN set -eux; mkdir -p /app/data{index}; chown app:app /app/data{index}\n")
        text = text.replace("libpq5 curl", f"libpq5 curl && echo $HOME/{index}")
        (folder / f"app{index}").mkdir(parents=True)
        (folder / f"app{index}" / "Dockerfile").write_text(text)
    return folder


def _one_file(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / name).write_text(text)
    return folder


def _peak_memory(command: list[str], env: dict[str, str]) -> int:
    """The peak resident memory (KiB) of one run of ``command``, measured in a fresh
    parent (the children's maximum is otherwise that of every run so far)."""
    import subprocess

    probe = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, env=env, check=True)
    return int(done.stdout.strip())


#: run in a fresh interpreter by :func:`bench_phases`: times the phases of one
#: ``dlint check`` (wrapping the functions that mark them) and prints them as JSON
_PHASE_PROBE = """
import json, sys, time
started = time.perf_counter()
from pathlib import Path
import dlint.cli_core as cli_core
imported_cli = time.perf_counter()
import dlint.engine.lint as lint, dlint.engine.registry as registry
imported_engine = time.perf_counter()
spent = {"rule modules": 0.0, "lint": 0.0, "waiting for ShellCheck": 0.0}
def timed(owner, name, key):
    function = getattr(owner, name)
    def wrapper(*args, **kwargs):
        begun = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] += time.perf_counter() - begun
    setattr(owner, name, wrapper)
timed(registry, "_load", "rule modules")
parts = lint.Linter.lint_parts
def timed_parts(*args, **kwargs):
    generator = parts(*args, **kwargs)
    while True:
        begun = time.perf_counter()
        try:
            part = next(generator)
        except StopIteration:
            return
        finally:
            spent["lint"] += time.perf_counter() - begun
        yield part
lint.Linter.lint_parts = timed_parts
import dlint.engine.shell_checks as shell_checks
timed(shell_checks.ShellChecks, "findings", "waiting for ShellCheck")
began = time.perf_counter()
cli_core.guarded(lambda: cli_core.check(paths=[Path(sys.argv[1])]))
ended = time.perf_counter()
sys.stdout.flush()
print(json.dumps({
    "command line imports": imported_cli - started,
    "engine imports": imported_engine - imported_cli,
    "rule modules": spent["rule modules"],
    "parse, rules, ShellCheck": spent["lint"] - spent["rule modules"] - spent["waiting for ShellCheck"],
    "waiting for ShellCheck": spent["waiting for ShellCheck"],
    "configuration, discovery, report": (ended - began) - spent["lint"],
}), file=sys.stderr)
"""


def bench_phases(count: int) -> None:
    """Where a cold ``dlint check`` of the 10-line Dockerfile spends its time, phase by
    phase (median over fresh processes; the interpreter's own start-up beside it).
    ``python -X importtime`` misses the rule modules a run imports through importlib:
    this times them where they are loaded."""
    import json
    import os
    import statistics
    import subprocess
    import tempfile

    runs = max(5, min(count, 21))
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    dockerfile = "\n".join(TYPICAL_DOCKERFILE.splitlines()[12:22]) + "\n"
    samples: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "Dockerfile").write_text(dockerfile)
        command = [sys.executable, "-c", _PHASE_PROBE, str(Path(folder, "Dockerfile"))]
        subprocess.run(command, capture_output=True, env=env, check=False)
        for _ in range(runs):
            interpreter = _timed([sys.executable, "-c", "pass"], env)[1]
            probe = subprocess.run(command, capture_output=True, env=env, text=True, check=False)
            phases = json.loads(probe.stderr.strip().splitlines()[-1])
            for name, seconds in {"interpreter start-up": interpreter, **phases}.items():
                samples.setdefault(name, []).append(seconds)
    print(f"cold dlint check, 10-line Dockerfile, by phase ({runs} runs, median ms)")
    total = 0.0
    for name, values in samples.items():
        median = statistics.median(values) * 1000
        total += median
        print(f"  {name}: {median:.1f}")
    print(f"  (sum of medians: {total:.1f})")


BENCHMARKS: dict[str, Callable[..., None]] = {"dockerfile": bench_dockerfile, "compose": bench_compose, "cli": bench_cli}
BENCHMARKS["shell"] = bench_shell
BENCHMARKS["corpus"] = bench_corpus
BENCHMARKS["cold"] = bench_cold
BENCHMARKS["phases"] = bench_phases
BENCHMARKS["jobs"] = bench_jobs
BENCHMARKS["scaling"] = bench_scaling


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=sorted(BENCHMARKS), help="run one benchmark")
    parser.add_argument("--count", type=int, default=2000, help="files per measurement")
    parser.add_argument("--corpus", type=Path, help="corpus: a folder of real Dockerfiles and Compose files (default: generated Dockerfiles)")
    args = parser.parse_args(argv)
    for name, bench in BENCHMARKS.items():
        if args.only is None or args.only == name:
            if name in ("corpus", "jobs"):
                bench(args.count, args.corpus)
            else:
                bench(args.count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
