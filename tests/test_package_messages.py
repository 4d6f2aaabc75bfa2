"""Messages of the package pinning rules: one finding per install command naming its unpinned packages."""

from __future__ import annotations

import pytest

from dlint.engine.config import Settings
from dlint.engine.lint import lint_text


def messages(text: str, code: str) -> list[tuple[int, int, str]]:
    findings = lint_text(text, settings=Settings(select=(code,)))
    return [(finding.span.line, finding.span.column, finding.message) for finding in findings]


@pytest.mark.parametrize(
    ("run", "code", "expected"),
    [
        (
            "apt-get install -y curl",
            "DL3008",
            "Pin the version of `curl`: `apt-get install <package>=<version>`",
        ),
        (
            "apt-get install -y curl=7.88.1-10 wget git",
            "DL3008",
            "Pin the versions of `wget` and `git`: `apt-get install <package>=<version>`",
        ),
        (
            "apt-get install -y curl wget git make gcc",
            "DL3008",
            "Pin the versions of `curl`, `wget`, `git` and 2 more: `apt-get install <package>=<version>`",
        ),
        (
            "pip install flask requests==2.31.0 gunicorn uvicorn",
            "DL3013",
            "Pin the versions of `flask`, `gunicorn` and `uvicorn`: `pip install <package>==<version>`",
        ),
        (
            "dnf module install -y nodejs perl",
            "DL3041",
            "Pin the streams of modules `nodejs` and `perl`: `dnf module install <module>:<stream>`",
        ),
    ],
)
def test_one_finding_per_command_names_its_unpinned_packages(run: str, code: str, expected: str) -> None:
    found = messages(f"FROM debian:12\nRUN {run}\n", code)
    assert [message for _, _, message in found] == [expected]
