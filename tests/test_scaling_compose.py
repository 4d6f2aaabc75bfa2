"""Compose checks on large projects: exact findings, and no return to quadratic time.

DC013 compared every port with every other, and DC015/DC057 read every service of the
project for each service (one_shot_reason → completed_dependencies): 5,000 services took
over 10 s. The big case keeps its input generation here so the bound means something.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from dlint.engine.config import settings_from_dlint
from dlint.engine.lint import Linter, SourceFile
from dlint.engine.registry import find_rule
from dlint.views.compose.ports import HostPortIndex, PortBinding, addresses_clash, ranges_overlap

SERVICES = 5000
CODES = ("DC013", "DC015", "DC041", "DC045", "DC057")


def _lint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> list[tuple[int, str, str]]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "compose.yaml").write_text(text, encoding="utf-8")
    settings = settings_from_dlint({}, tmp_path, None, "test config")
    linter = Linter(settings, rules=[find_rule(code) for code in CODES])
    result = linter.lint([SourceFile("compose.yaml", "compose", text, tmp_path / "compose.yaml")])
    assert result.errors == []
    return [(finding.span.line, finding.code, finding.message) for finding in result.findings]


def _service(index: int, lines: list[str], marks: dict[tuple[int, str], int]) -> None:
    """One service: every 1000th is a database (500), a migration job (250), has a slow
    healthcheck timeout (100), or also publishes the port of a service 999 before it (999).
    It depends on the one before it: every tenth waits for it to complete."""
    marks[index, "name"] = len(lines) + 1
    lines.append(f"  s{index}:")
    lines.append(f"    image: {'postgres:17' if index % 1000 == 500 else 'nginx:1.27'}")
    if index % 1000 == 250:
        lines.append('    command: ["python", "manage.py", "migrate"]')
    lines.append("    ports:")
    marks[index, "port"] = len(lines) + 1
    lines.append(f'      - "{10000 + index}:80"')
    if index % 1000 == 999:
        marks[index, "shared"] = len(lines) + 1
        lines.append(f'      - "{10000 + index - 999}:81"')
    lines += ["    healthcheck:", '      test: ["CMD", "true"]', "      interval: 10s"]
    if index % 1000 == 100:
        marks[index, "timeout"] = len(lines) + 1
        lines.append("      timeout: 20s")
    if index and index % 10 == 0:
        lines += ["    depends_on:", f"      s{index - 1}:", "        condition: service_completed_successfully"]
    elif index:
        lines.append("    depends_on:")
        marks[index, "depends"] = len(lines) + 1
        lines.append(f"      - s{index - 1}")


def _expected(marks: dict[tuple[int, str], int]) -> list[tuple[int, str, str]]:
    expected = []
    for index in range(SERVICES):
        # a one-shot job: another service waits for it to complete, or it runs migrations
        job = (index + 1) % 10 == 0 and index + 1 < SERVICES or index % 1000 == 250
        if not job:
            expected.append((marks[index, "name"], "DC041",
                             f"service s{index} has no restart policy: when it crashes or the host reboots it stays down; set restart: unless-stopped"))
        if (index, "timeout") in marks:
            expected.append((marks[index, "timeout"], "DC045",
                             f"healthcheck timeout 20s of service s{index} is longer than its interval 10s: a hung check delays the next ones"))
        if (index, "depends") in marks and index % 1000 == 501:
            expected.append((marks[index, "depends"], "DC057",
                             f"service s{index} starts when postgres service s{index - 1} has started, not when it accepts connections: "
                             "wait with condition: service_healthy"))
        for kind, port in (("port", 10000 + index), ("shared", 10000 + index - 999)):
            if (index, kind) not in marks:
                continue
            if kind == "shared":
                expected.append((marks[index, kind], "DC013",
                                 f"host port {port}/tcp of service s{index} is already published by service s{index - 999}: the second container cannot bind it"))
            if not job:
                expected.append((marks[index, kind], "DC015",
                                 f"port {port} of service s{index} is published on every host interface; "
                                 "bind it to an address (127.0.0.1 for local use) unless it is meant to be public"))
    return sorted(expected)


def test_five_thousand_services(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines, marks = ["services:"], {}
    for index in range(SERVICES):
        _service(index, lines, marks)
    started = time.perf_counter()
    found = _lint(tmp_path, monkeypatch, "\n".join(lines) + "\n")
    elapsed = time.perf_counter() - started
    assert sorted(found) == _expected(marks)
    assert [item for item in found if item[1] == "DC013"][:2] == [
        (marks[999, "shared"], "DC013", "host port 10000/tcp of service s999 is already published by service s0: the second container cannot bind it"),
        (marks[1999, "shared"], "DC013", "host port 11000/tcp of service s1999 is already published by service s1000: the second container cannot bind it"),
    ]
    assert elapsed < 15, f"{SERVICES} services took {elapsed:.1f} s: quadratic again?"


def test_completed_dependencies_do_not_leak_between_projects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same service names, once waited on to complete and once not: only the second is judged."""
    waited = 'services:\n  a:\n    image: nginx:1.27\n    ports: ["8080:80"]\n  b:\n    image: nginx:1.27\n    depends_on:\n      a:\n        condition: service_completed_successfully\n'
    started = waited.replace("service_completed_successfully", "service_started")
    assert [code for _, code, _ in _lint(tmp_path, monkeypatch, waited)] == ["DC041"]
    assert [code for _, code, _ in _lint(tmp_path, monkeypatch, started)] == ["DC041", "DC015", "DC041"]
    assert [code for _, code, _ in _lint(tmp_path, monkeypatch, waited)] == ["DC041"]


def _random_binding(chance: random.Random) -> PortBinding:
    first = chance.randrange(8000, 8040)
    span = chance.choice([0, 0, 0, 1, 5, 300, -3])  # 300: compared with every port; -3: reversed
    host_ip = chance.choice([None, None, "0.0.0.0", "::", "127.0.0.1", "10.0.0.1", "::1", "fe80::1"])
    return PortBinding(host_ip, True, (first, first + span), True, (80, 80), chance.choice(["tcp", "tcp", "udp"]))


def test_port_index_finds_what_comparing_every_pair_finds() -> None:
    chance = random.Random(13)
    index, seen = HostPortIndex(), []
    for number in range(2000):
        bound = _random_binding(chance)
        pairwise = [
            (value, other) for value, other in seen
            if other.protocol == bound.protocol and ranges_overlap(other.published, bound.published) and addresses_clash(other.host_ip, bound.host_ip)
        ]
        assert list(index.clashing(bound)) == pairwise
        index.add(number, bound)
        seen.append((number, bound))
