"""JUnit XML, SonarQube generic issues and reviewdog rdjson reporters.

Exact output for a small set of findings: a fix, a line with non-ASCII characters
(byte and UTF-16 columns), a message XML 1.0 cannot carry, a linted file without
findings; rdjson is validated against reviewdog's own schema (tests/data/rdjson/).
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from referencing import Registry
from referencing.exceptions import NoSuchResource
from sandbox import run_dlint

from dlint.engine.rule import Rule
from dlint.models.finding import Edit, Finding, Fix, Severity
from dlint.models.span import LineIndex
from dlint.reporters import FORMATS, junit, rdjson, renderer, sonarqube

REPO = Path(__file__).resolve().parent.parent
RDJSON_SCHEMA = json.loads((REPO / "tests" / "data" / "rdjson" / "DiagnosticResult.json").read_text(encoding="utf-8"))
ROOT = Path("/repo")


class UntaggedImage(Rule):
    """Base image has no tag.

    ## Why is this bad?
    Without a tag the image changes under you.
    """

    code = "DL3006"
    name = "untagged-base-image"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        return ()


class LabelKey(Rule):
    """Label key breaks Docker's guidelines."""

    code = "DL3048"
    name = "invalid-label-key"
    severity = Severity.STYLE
    category = "style"
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        return ()


class SecretInEnv(Rule):
    """Secret in the environment.

    ## Why is this bad?
    Anyone who pulls the image reads it.
    """

    code = "DC0999"
    name = "secret-in-environment"
    severity = Severity.ERROR
    category = "security"
    kind = "compose"
    security_severity = 8.0

    def check_compose_file(self, ctx):
        return ()


RULES = (UntaggedImage, LabelKey, SecretInEnv)
DOCKERFILE = 'FROM ubuntu\nLABEL title="café 🐳" maintainer=x\n'
COMPOSE = "services:\n  web:\n    environment:\n      - TOKEN=abc\n"
SOURCES = {"/repo/Dockerfile": DOCKERFILE, "/repo/compose.yaml": COMPOSE, "/repo/clean/Dockerfile": "FROM alpine:3\n"}
MAINTAINER = DOCKERFILE.index("maintainer")  # character column 22, UTF-16 column 23, UTF-8 column 26
TOKEN = COMPOSE.index("- TOKEN")


def make(rule: type[Rule], path: str, start: int, end: int, message: str, fix: Fix | None = None) -> Finding:
    span = LineIndex(SOURCES[path]).span(start, end)
    return Finding(
        code=rule.code, name=rule.name, severity=rule.severity, message=message, path=path, span=span, fix=fix
    )


def sample() -> list[Finding]:
    pin = Fix(message="Pin the tag", edits=(Edit(span=LineIndex(DOCKERFILE).span(11, 11), replacement=":24.04"),))
    return [
        make(UntaggedImage, "/repo/Dockerfile", 5, 11, "Image 'ubuntu' has no tag", pin),
        make(LabelKey, "/repo/Dockerfile", MAINTAINER, MAINTAINER + 12, "Key 'maintainer' is deprecated"),
        # the whole line with its line break: Sonar is given the line only
        make(SecretInEnv, "/repo/compose.yaml", TOKEN, len(COMPOSE), 'Secret <TOKEN> & "\x1b" in env'),
    ]


def render(module, findings, rules=RULES, sources=SOURCES) -> str:
    return module.render(findings, rules, root=ROOT, sources=sources, tool_version="1.2.3")


def test_formats_are_registered():
    assert FORMATS[-3:] == ("junit", "sonarqube", "rdjson")
    assert [renderer(name) for name in FORMATS[-3:]] == [junit.render, sonarqube.render, rdjson.render]


# -- JUnit ------------------------------------------------------------------------------


JUNIT_SAMPLE = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="dlint" tests="4" failures="3" errors="0" skipped="0">
  <testsuite name="dlint" tests="4" failures="3" errors="0" skipped="0">
    <testcase classname="Dockerfile" name="DL3006 Dockerfile:1:6">
      <failure type="DL3006" message="Image 'ubuntu' has no tag">Dockerfile:1:6: DL3006 [warning] Image 'ubuntu' has no tag</failure>
    </testcase>
    <testcase classname="Dockerfile" name="DL3048 Dockerfile:2:22">
      <failure type="DL3048" message="Key 'maintainer' is deprecated">Dockerfile:2:22: DL3048 [style] Key 'maintainer' is deprecated</failure>
    </testcase>
    <testcase classname="clean/Dockerfile" name="clean/Dockerfile" />
    <testcase classname="compose.yaml" name="DC0999 compose.yaml:4:7">
      <failure type="DC0999" message="Secret &lt;TOKEN&gt; &amp; &quot;\ufffd&quot; in env">compose.yaml:4:7: DC0999 [error] Secret &lt;TOKEN&gt; &amp; "\ufffd" in env</failure>
    </testcase>
  </testsuite>
</testsuites>
"""


def test_junit_sample_is_exact():
    output = render(junit, sample())
    assert output == JUNIT_SAMPLE
    document = ET.fromstring(output.encode("utf-8"))  # well-formed XML 1.0 (ESC became U+FFFD)
    assert [case.get("name") for case in document.iter("testcase") if case.find("failure") is None] == ["clean/Dockerfile"]


def test_junit_without_sources_has_a_test_case_per_finding_only():
    output = render(junit, sample()[:1], sources=None)
    assert output == """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="dlint" tests="1" failures="1" errors="0" skipped="0">
  <testsuite name="dlint" tests="1" failures="1" errors="0" skipped="0">
    <testcase classname="Dockerfile" name="DL3006 Dockerfile:1:6">
      <failure type="DL3006" message="Image 'ubuntu' has no tag">Dockerfile:1:6: DL3006 [warning] Image 'ubuntu' has no tag</failure>
    </testcase>
  </testsuite>
</testsuites>
"""


def test_junit_clean_run_passes_every_file():
    assert render(junit, [], sources={"/repo/Dockerfile": DOCKERFILE}) == """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="dlint" tests="1" failures="0" errors="0" skipped="0">
  <testsuite name="dlint" tests="1" failures="0" errors="0" skipped="0">
    <testcase classname="Dockerfile" name="Dockerfile" />
  </testsuite>
</testsuites>
"""


# -- SonarQube ----------------------------------------------------------------------------


def sonar_rule(code, name, description, attribute, quality, severity):
    return {
        "id": code,
        "name": name,
        "description": description,
        "engineId": "dlint",
        "cleanCodeAttribute": attribute,
        "impacts": [{"softwareQuality": quality, "severity": severity}],
    }


def sonar_issue(code, message, path, text_range):
    return {"ruleId": code, "primaryLocation": {"message": message, "filePath": path, "textRange": text_range}}


def test_sonarqube_sample_is_exact():
    expected = {
        "rules": [
            sonar_rule(
                "DL3006", "untagged-base-image", "Without a tag the image changes under you.",
                "CONVENTIONAL", "MAINTAINABILITY", "MEDIUM",
            ),
            sonar_rule("DL3048", "invalid-label-key", "Label key breaks Docker's guidelines.", "FORMATTED", "MAINTAINABILITY", "LOW"),
            sonar_rule(
                "DC0999", "secret-in-environment", "Anyone who pulls the image reads it.", "TRUSTWORTHY", "SECURITY", "HIGH"
            ),
        ],
        "issues": [
            sonar_issue(
                "DL3006", "Image 'ubuntu' has no tag", "Dockerfile",
                {"startLine": 1, "endLine": 1, "startColumn": 5, "endColumn": 11},
            ),
            # 0-based UTF-16 columns: é is one unit, the whale two
            sonar_issue(
                "DL3048", "Key 'maintainer' is deprecated", "Dockerfile",
                {"startLine": 2, "endLine": 2, "startColumn": 22, "endColumn": 34},
            ),
            sonar_issue("DC0999", 'Secret <TOKEN> & "\x1b" in env', "compose.yaml", {"startLine": 4, "endLine": 4}),
        ],
    }
    assert render(sonarqube, sample()) == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


def test_sonarqube_lists_only_rules_with_findings_at_their_most_serious_severity():
    downgraded = sample()[0].model_copy(update={"severity": Severity.INFO})
    report = json.loads(render(sonarqube, [downgraded, sample()[0]]))
    assert [rule["id"] for rule in report["rules"]] == ["DL3006"]
    assert report["rules"][0]["impacts"] == [{"softwareQuality": "MAINTAINABILITY", "severity": "MEDIUM"}]
    assert json.loads(render(sonarqube, [])) == {"rules": [], "issues": []}


def test_sonarqube_without_rules_reads_the_registry_and_without_sources_counts_characters():
    report = json.loads(render(sonarqube, sample()[1:2], rules=(), sources=None))
    assert report["rules"][0]["name"] == "invalid-label-key"  # dlint's own DL3048
    assert report["rules"][0]["cleanCodeAttribute"] == "FORMATTED"
    assert report["issues"][0]["primaryLocation"]["textRange"] == {
        "startLine": 2, "endLine": 2, "startColumn": 21, "endColumn": 33,
    }


def test_sonarqube_empty_range_is_given_by_its_line():
    point = make(UntaggedImage, "/repo/Dockerfile", 11, 11, "Image 'ubuntu' has no tag")
    report = json.loads(render(sonarqube, [point]))
    assert report["issues"][0]["primaryLocation"]["textRange"] == {"startLine": 1, "endLine": 1}


# -- rdjson -------------------------------------------------------------------------------


def position(line, column):
    return {"line": line, "column": column}


def rd_range(start, end):
    return {"start": position(*start), "end": position(*end)}


RULE_PAGE = "https://github.com/dlint-project/dlint/blob/main/rules/{}.md"
RDJSON_SAMPLE = {
    "source": {"name": "dlint", "url": "https://github.com/dlint-project/dlint"},
    "diagnostics": [
        {
            "message": "Image 'ubuntu' has no tag",
            "location": {"path": "Dockerfile", "range": rd_range((1, 6), (1, 12))},
            "severity": "WARNING",
            "code": {"value": "DL3006", "url": RULE_PAGE.format("DL3006")},
            "suggestions": [{"range": rd_range((1, 12), (1, 12)), "text": ":24.04"}],
        },
        {  # 1-based UTF-8 byte columns: é is two bytes, the whale four
            "message": "Key 'maintainer' is deprecated",
            "location": {"path": "Dockerfile", "range": rd_range((2, 26), (2, 38))},
            "severity": "INFO",
            "code": {"value": "DL3048", "url": RULE_PAGE.format("DL3048")},
        },
        {
            "message": 'Secret <TOKEN> & "\x1b" in env',
            "location": {"path": "compose.yaml", "range": rd_range((4, 7), (5, 1))},
            "severity": "ERROR",
            "code": {"value": "DC0999", "url": RULE_PAGE.format("DC0999")},
        },
    ],
}


def _refuse(uri: str):
    raise NoSuchResource(ref=uri)


def rdjson_errors(document) -> list[str]:
    validator = Draft4Validator(RDJSON_SCHEMA, registry=Registry(retrieve=_refuse))
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(document)]


def test_rdjson_sample_is_exact_and_schema_valid():
    output = render(rdjson, sample())
    assert output == json.dumps(RDJSON_SAMPLE, indent=2, ensure_ascii=False) + "\n"
    assert rdjson_errors(json.loads(output)) == []


def test_rdjson_schema_catches_a_wrong_shape():
    broken = json.loads(render(rdjson, sample()))
    broken["diagnostics"][0]["location"]["range"]["start"]["column"] = "6"
    broken["diagnostics"][1]["severity"] = "NOTE"
    assert len(rdjson_errors(broken)) == 2


def test_rdjson_without_sources_keeps_character_columns():
    diagnostic = json.loads(render(rdjson, sample()[1:2], sources=None))["diagnostics"][0]
    assert diagnostic["location"]["range"] == rd_range((2, 22), (2, 34))


def test_rdjson_without_findings_has_an_empty_list():
    assert json.loads(render(rdjson, [])) == {"source": RDJSON_SAMPLE["source"], "diagnostics": []}


# -- command line -------------------------------------------------------------------------


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the repository root CI paths are relative to
    (tmp_path / "Dockerfile").write_text("FROM ubuntu\n", encoding="utf-8")
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "Dockerfile").write_text("FROM alpine:3.20\n", encoding="utf-8")
    return tmp_path


def test_cli_junit_reports_findings_and_clean_files_and_exits_1(work: Path):
    result = run_dlint("check", "--format", "junit", "--select", "DL3006", "Dockerfile", "ok/Dockerfile", cwd=work)
    message = "base image ubuntu has no tag: name a version tag so builds are repeatable"
    assert (result.returncode, result.stderr) == (1, b"")
    assert result.stdout.decode("utf-8") == f"""\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="dlint" tests="2" failures="1" errors="0" skipped="0">
  <testsuite name="dlint" tests="2" failures="1" errors="0" skipped="0">
    <testcase classname="Dockerfile" name="DL3006 Dockerfile:1:6">
      <failure type="DL3006" message="{message}">Dockerfile:1:6: DL3006 [warning] {message}</failure>
    </testcase>
    <testcase classname="ok/Dockerfile" name="ok/Dockerfile" />
  </testsuite>
</testsuites>
"""


CLEAN_OUTPUT = {
    "junit": """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="dlint" tests="1" failures="0" errors="0" skipped="0">
  <testsuite name="dlint" tests="1" failures="0" errors="0" skipped="0">
    <testcase classname="ok/Dockerfile" name="ok/Dockerfile" />
  </testsuite>
</testsuites>
""",
    "sonarqube": '{\n  "rules": [],\n  "issues": []\n}\n',
    "rdjson": json.dumps({"source": RDJSON_SAMPLE["source"], "diagnostics": []}, indent=2) + "\n",
}


@pytest.mark.parametrize("fmt", CLEAN_OUTPUT)
def test_cli_clean_run_exits_0(work: Path, fmt: str):
    result = run_dlint("check", "--format", fmt, "--select", "DL3006", "ok/Dockerfile", cwd=work)
    assert (result.returncode, result.stderr, result.stdout.decode("utf-8")) == (0, b"", CLEAN_OUTPUT[fmt])


@pytest.mark.parametrize("fmt", CLEAN_OUTPUT)
def test_cli_undecodable_name_and_control_character_give_well_formed_reports(tmp_path: Path, fmt: str):
    (tmp_path / ".git").mkdir()
    (tmp_path / os.fsdecode(b"Dockerfile.bad\xff")).write_bytes(b"FROM ubu\x1bntu\n")
    result = run_dlint("check", "--format", fmt, "--select", "DL3006", ".", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, b"")
    message = "base image ubu{}ntu has no tag: name a version tag so builds are repeatable"
    name = "Dockerfile.bad\ufffd"
    if fmt == "junit":  # XML 1.0 cannot hold ESC
        case = ET.fromstring(result.stdout).find("testsuite/testcase")
        assert (case.get("classname"), case.find("failure").get("message")) == (name, message.format("\ufffd"))
    else:  # JSON escapes it
        report = json.loads(result.stdout.decode("utf-8"))
        if fmt == "sonarqube":
            location = report["issues"][0]["primaryLocation"]
            assert (location["filePath"], location["message"]) == (name, message.format("\x1b"))
        else:
            diagnostic = report["diagnostics"][0]
            assert (diagnostic["location"]["path"], diagnostic["message"]) == (name, message.format("\x1b"))
