"""A linted file's objects are freed by reference counting alone: a reference
cycle among them would keep the whole model (every word of every command) until the
cyclic collector runs, and the run pauses it while a batch of files is linted."""

from __future__ import annotations

import gc

from dlint.engine.lint import lint_text

DOCKERFILE = """\
FROM python:3.12-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\
    && pip install --no-cache-dir flask && npm install -g yarn \\
    && apk add curl && gem install rails && go install example.com/tool@latest
RUN useradd -m -s /bin/bash app && curl -fsSL https://example.com/install.sh | sh
FROM build
COPY --from=build /app /app
USER app
CMD ["python", "-m", "app"]
"""


COMPOSE = """\
services:
  web:
    build: .
    image: example/web
    ports: ["8080:80"]
    environment:
      PASSWORD: ${PASSWORD:-hunter2}
    depends_on: [db]
  db:
    image: postgres
    volumes: ["data:/var/lib/postgresql/data"]
volumes:
  data: {}
"""


def _cyclic_garbage_of(lint) -> tuple[int, list]:  # noqa: ANN001 - a call that lints
    """The objects in reference cycles that ``lint()`` leaves behind (and what it returns)."""
    lint()  # the first run imports rules and compiles patterns: those live on
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        findings = lint()
        return gc.collect(), findings
    finally:
        if enabled:
            gc.enable()


def test_linting_a_compose_file_makes_no_reference_cycle() -> None:
    garbage, findings = _cyclic_garbage_of(lambda: lint_text(COMPOSE, path="compose.yaml", kind="compose"))
    assert garbage == 0
    assert {finding.code for finding in findings} >= {"DC001", "DC015", "DC030", "DC057"}


def test_linting_a_dockerfile_makes_no_reference_cycle() -> None:
    garbage, findings = _cyclic_garbage_of(lambda: lint_text(DOCKERFILE))
    assert garbage == 0
    assert {finding.code for finding in findings} >= {"DL3008", "DL3013", "DL3016", "DL3018", "DL3028", "DL3062"}


def test_the_command_line_runs_the_collector_less_often_and_still_runs_it() -> None:
    """Start-up's objects are frozen out of the collector's reach and its youngest
    generation waits YOUNG_THRESHOLD allocations; it stays on (cycles still go)."""
    import subprocess
    import sys

    code = (
        "import gc, sys\n"
        "import dlint.cli_core as core\n"
        "core.main_plain_check = lambda arguments: (print(gc.isenabled(), gc.get_threshold()[0], gc.get_freeze_count() > 1000), sys.exit(0))\n"
        "sys.argv = ['dlint', 'check', 'Dockerfile']\n"
        "from dlint.__main__ import YOUNG_THRESHOLD, main\n"
        "print(YOUNG_THRESHOLD)\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    threshold, state = result.stdout.splitlines()
    assert state == f"True {threshold} True" and int(threshold) > 700
