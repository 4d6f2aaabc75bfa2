"""A linted Dockerfile's objects are freed by reference counting alone: a reference
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


def test_linting_a_dockerfile_makes_no_reference_cycle() -> None:
    lint_text(DOCKERFILE)  # the first run imports rules and compiles patterns: those live on
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        findings = lint_text(DOCKERFILE)
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()
    assert {finding.code for finding in findings} >= {"DL3008", "DL3013", "DL3016", "DL3018", "DL3028", "DL3062"}
