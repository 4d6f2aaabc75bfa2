"""CI reporters: SARIF 2.1.0, GitHub workflow commands, GitLab Code Quality, Checkstyle XML.

Snapshots live in fixtures/snapshots/reporters/; run with DLINT_UPDATE_SNAPSHOTS=1 to rewrite
them after an intended change (the assertions always compare exactly).
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft4Validator
from referencing import Registry
from referencing.exceptions import NoSuchResource

from dlint.engine.rule import Rule
from dlint.models.finding import Edit, Finding, Fix, Severity
from dlint.models.span import LineIndex, Span
from dlint.reporters import checkstyle, github, gitlab, sarif
from dlint.reporters.escape import printable, well_formed

REPO = Path(__file__).resolve().parent.parent
SNAPSHOTS = REPO / "fixtures" / "snapshots" / "reporters"
SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
ROOT = Path("/repo")
VERSION = "1.2.3"
FORMATS = {"sarif": sarif, "github": github, "gitlab": gitlab, "checkstyle": checkstyle}
SNAPSHOT_SUFFIX = {"sarif": "sarif", "github": "github.txt", "gitlab": "gitlab.json", "checkstyle": "checkstyle.xml"}


# -- rules and findings used throughout --------------------------------------------------


class UntaggedImage(Rule):
    """Base image has no tag.

    ## Why is this bad?
    Without a tag the image changes under you.

    ## Example
    ```dockerfile
    FROM ubuntu
    ```
    """

    code = "DL3006"
    name = "untagged-base-image"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    fix_available = True

    def check_dockerfile(self, ctx):
        return ()


class SecretInEnv(Rule):
    """Secret stored in an environment variable.

    ## Why is this bad?
    Image layers keep it for anyone who pulls the image.
    """

    code = "DL3999"
    name = "secret-in-env"
    severity = Severity.ERROR
    category = "security"
    kind = "dockerfile"
    tags = ("secrets",)
    security_severity = 8.5

    def check_dockerfile(self, ctx):
        return ()


class LongRun(Rule):
    """RUN spans many lines."""

    code = "DL9001"
    name = "long-run"
    severity = Severity.INFO
    category = "maintainability"
    kind = "dockerfile"

    def check_dockerfile(self, ctx):
        return ()


class KeyOrder(Rule):
    """Compose keys are out of order."""

    code = "DC0001"
    name = "key-order"
    severity = Severity.STYLE
    category = "style"
    kind = "compose"

    def check_compose_file(self, ctx):
        return ()


RULES = (UntaggedImage, SecretInEnv, LongRun, KeyOrder)
BY_CODE = {rule.code: rule for rule in RULES}

DOCKERFILE = "FROM ubuntu\nENV API_KEY=s3cr3t\nRUN apt-get update && \\\n    apt-get install -y curl\n"
DEV_DOCKERFILE = "FROM alpine:3\nRUN a && \\\n    b\n"
COMPOSE = "services:\n  web:\n    image: nginx\n"
SOURCES = {
    "/repo/Dockerfile": DOCKERFILE,
    "/repo/dir with space/Dockerfile.dév": DEV_DOCKERFILE,
    "/repo/compose.yaml": COMPOSE,
}


def finding(code: str, path: str, text: str, start: int, end: int, message: str, fix: Fix | None = None) -> Finding:
    rule = BY_CODE[code]
    return Finding(
        code=code,
        name=rule.name,
        severity=rule.severity,
        message=message,
        path=path,
        span=LineIndex(text).span(start, end),
        fix=fix,
    )


def sample_findings() -> list[Finding]:
    pin = Fix(message="Pin the tag", edits=(Edit(span=LineIndex(DOCKERFILE).span(11, 11), replacement=":24.04"),))
    found = [
        finding("DL3006", "/repo/Dockerfile", DOCKERFILE, 5, 11, "Image 'ubuntu' has no tag", pin),
        finding(
            "DL3999",
            "/repo/Dockerfile",
            DOCKERFILE,
            16,
            30,
            'Secret "API_KEY" in ENV, 100% visible:\nuse <build secrets> & \x1b mounts',
        ),
        finding("DL9001", "/repo/Dockerfile", DOCKERFILE, 31, len(DOCKERFILE), "RUN spans 2 lines"),
        finding("DC0001", "/repo/compose.yaml", COMPOSE, 12, 16, "Key 'web' out of order"),
        finding("DL9001", "/repo/dir with space/Dockerfile.dév", DEV_DOCKERFILE, 14, 31, "RUN spans 2 lines"),
    ]
    return sorted(found, key=lambda item: item.sort_key)


def render(fmt: str, findings, rules=RULES, *, root=ROOT, sources=SOURCES) -> str:
    return FORMATS[fmt].render(findings, rules, root=root, sources=sources, tool_version=VERSION)


def assert_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("DLINT_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert actual == path.read_text(encoding="utf-8")


# -- snapshots ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_output_matches_snapshot(fmt):
    assert_snapshot(f"sample.{SNAPSHOT_SUFFIX[fmt]}", render(fmt, sample_findings()))


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_output_matches_snapshot(fmt):
    assert_snapshot(f"empty.{SNAPSHOT_SUFFIX[fmt]}", render(fmt, [], rules=(UntaggedImage,), sources=None))


# -- SARIF --------------------------------------------------------------------------------


def _refuse(uri: str):
    raise NoSuchResource(ref=uri)


def assert_valid_sarif(log: dict) -> None:
    """Schema-valid, with no network: unknown references are refused, not fetched."""
    validator = Draft4Validator(SCHEMA, registry=Registry(retrieve=_refuse))
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(error.path)}: {error.message}" for error in errors[:5])


def assert_github_code_scanning_ready(log: dict) -> None:
    """The requirements GitHub code scanning documents for uploaded SARIF."""
    assert log["version"] == "2.1.0"
    assert log["$schema"]
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert driver["name"] == "dlint"
        rule_ids = [rule["id"] for rule in driver.get("rules", [])]
        assert len(rule_ids) == len(set(rule_ids))
        for rule in driver.get("rules", []):
            assert rule["shortDescription"]["text"]
            assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
            properties = rule.get("properties", {})
            if "security-severity" in properties:
                assert isinstance(properties["security-severity"], str)
                assert 0.0 <= float(properties["security-severity"]) <= 10.0
                assert "security" in properties["tags"]
        assert len(run.get("results", [])) <= 25_000
        for result in run.get("results", []):
            assert result["ruleId"] in rule_ids
            assert rule_ids[result["ruleIndex"]] == result["ruleId"]
            assert result["message"]["text"]
            assert result["level"] in {"error", "warning", "note"}
            assert result["partialFingerprints"]
            physical = result["locations"][0]["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert not uri.startswith(("/", "file:")) and "://" not in uri and "\\" not in uri
            assert physical["artifactLocation"]["uriBaseId"] in run["originalUriBaseIds"]
            region = physical["region"]
            assert region["startLine"] >= 1 and region["startColumn"] >= 1
            assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])


def sarif_log(findings, rules=RULES, **kwargs) -> dict:
    return json.loads(render("sarif", findings, rules, **kwargs))


@pytest.mark.parametrize("findings", [[], sample_findings()], ids=["empty", "sample"])
def test_sarif_is_schema_valid_and_fit_for_github(findings):
    log = sarif_log(findings)
    assert_valid_sarif(log)
    assert_github_code_scanning_ready(log)


def test_sarif_schema_check_rejects_a_broken_log():
    log = sarif_log(sample_findings())
    del log["runs"][0]["tool"]["driver"]["name"]
    with pytest.raises(AssertionError):
        assert_valid_sarif(log)


def test_sarif_run_header():
    run = sarif_log([])["runs"][0]
    assert run["tool"]["driver"]["version"] == VERSION
    assert run["tool"]["driver"]["informationUri"] == sarif.INFORMATION_URI
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///repo/"}}
    assert run["results"] == []


def test_sarif_rule_descriptors():
    rules = {rule["id"]: rule for rule in sarif_log([])["runs"][0]["tool"]["driver"]["rules"]}
    assert list(rules) == ["DL3006", "DL3999", "DL9001", "DC0001"]
    secret = rules["DL3999"]
    assert secret["name"] == "secret-in-env"
    assert secret["shortDescription"] == {"text": "Secret stored in an environment variable."}
    assert secret["fullDescription"] == {"text": "Image layers keep it for anyone who pulls the image."}
    assert secret["help"]["markdown"] == SecretInEnv.docs()
    assert secret["helpUri"] == "https://github.com/dlint-project/dlint/blob/main/rules/DL3999.md"
    assert secret["properties"] == {"tags": ["security", "secrets"], "security-severity": "8.5", "precision": "high"}
    assert rules["DL9001"]["fullDescription"] == {"text": "RUN spans many lines."}
    levels = {code: rule["defaultConfiguration"]["level"] for code, rule in rules.items()}
    assert levels == {"DL3006": "warning", "DL3999": "error", "DL9001": "note", "DC0001": "note"}


def test_sarif_result_levels_follow_the_finding_severity():
    results = sarif_log(sample_findings())["runs"][0]["results"]
    assert [(result["ruleId"], result["level"]) for result in results] == [
        ("DL3006", "warning"),
        ("DL3999", "error"),
        ("DL9001", "note"),
        ("DC0001", "note"),
        ("DL9001", "note"),
    ]


def test_sarif_uris_are_relative_and_percent_encoded():
    results = sarif_log(sample_findings())["runs"][0]["results"]
    uris = [result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in results]
    assert uris == [
        "Dockerfile",
        "Dockerfile",
        "Dockerfile",
        "compose.yaml",
        "dir%20with%20space/Dockerfile.d%C3%A9v",
    ]


def test_sarif_paths_relative_to_the_current_directory(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    found = finding("DL3006", "Dockerfile#1", DOCKERFILE, 5, 11, "no tag")
    log = sarif_log([found], root=tmp_path, sources=None)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "sub/Dockerfile%231", "uriBaseId": "%SRCROOT%"}
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    assert_valid_sarif(log)


def test_sarif_path_outside_the_root_gets_an_absolute_uri():
    found = finding("DL3006", "/elsewhere/Dockerfile", DOCKERFILE, 5, 11, "no tag")
    log = sarif_log([found], sources=None)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "file:///elsewhere/Dockerfile"}
    assert_valid_sarif(log)


def test_sarif_region_and_fix():
    result = sarif_log(sample_findings())["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 6,
        "endLine": 1,
        "endColumn": 12,
    }
    assert result["fixes"] == [
        {
            "description": {"text": "Pin the tag"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "Dockerfile", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {"startLine": 1, "startColumn": 12, "endLine": 1, "endColumn": 12},
                            "insertedContent": {"text": ":24.04"},
                        }
                    ],
                }
            ],
            "properties": {"applicability": "safe"},
        }
    ]


def test_sarif_lists_each_rule_code_once():
    driver = sarif_log([], rules=(KeyOrder, UntaggedImage, KeyOrder))["runs"][0]["tool"]["driver"]
    assert [rule["id"] for rule in driver["rules"]] == ["DC0001", "DL3006"]


def test_sarif_result_of_an_unlisted_rule_has_no_rule_index():
    result = sarif_log(sample_findings()[3:4], rules=(UntaggedImage,))["runs"][0]["results"][0]
    assert result["ruleId"] == "DC0001" and "ruleIndex" not in result


def test_sarif_results_are_capped_for_github(monkeypatch):
    assert sarif.MAX_RESULTS == 25_000  # GitHub code scanning's limit per run
    monkeypatch.setattr(sarif, "MAX_RESULTS", 4)
    many = [
        Finding.model_construct(
            code="DL3006",
            name="untagged-base-image",
            severity=Severity.WARNING,
            message=f"finding {number}",
            path="/repo/Dockerfile",
            span=Span.model_construct(start=0, end=1, line=number + 1, column=1, end_line=number + 1, end_column=2),
            fix=None,
        )
        for number in range(7)
    ]
    log = sarif_log(many, rules=(UntaggedImage,), sources=None)
    assert_valid_sarif(log)
    run = log["runs"][0]
    assert [result["message"]["text"] for result in run["results"]] == [f"finding {n}" for n in range(4)]
    assert run["invocations"] == [
        {
            "executionSuccessful": True,
            "toolExecutionNotifications": [
                {
                    "level": "warning",
                    "message": {"text": "3 more results were left out: a run may hold at most 4 results."},
                }
            ],
        }
    ]


def _sarif_run(findings=(), **options) -> dict:
    log = json.loads(sarif.render(list(findings), RULES, root=ROOT, sources=SOURCES, tool_version=VERSION, **options))
    assert_valid_sarif(log)
    return log["runs"][0]


def test_sarif_run_with_errors_is_unsuccessful_and_lists_them(monkeypatch):
    monkeypatch.setattr(sarif, "MAX_RESULTS", 1)
    errors = ["missing: no such file or directory", "Dockerfile.broken: cannot read: Permission denied"]
    run = _sarif_run(sample_findings()[:2], errors=errors)
    assert run["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": "missing: no such file or directory"}},
                {"level": "error", "message": {"text": "Dockerfile.broken: cannot read: Permission denied"}},
                {
                    "level": "warning",
                    "message": {"text": "1 more results were left out: a run may hold at most 1 results."},
                },
            ],
        }
    ]


def test_sarif_run_without_errors_is_successful():
    assert _sarif_run(sample_findings(), errors=[])["invocations"] == [{"executionSuccessful": True}]


@pytest.mark.parametrize(
    ("category", "expected"),
    [("dlint", {"id": "dlint/"}), ("dlint/dockerfiles", {"id": "dlint/dockerfiles/"}), ("ci/", {"id": "ci/"})],
)
def test_sarif_category_is_the_automation_id_with_its_trailing_slash(category, expected):
    assert _sarif_run(category=category)["automationDetails"] == expected


def test_sarif_without_category_has_no_automation_details():
    assert "automationDetails" not in _sarif_run(sample_findings())


def test_sarif_fix_with_several_edits_over_lines_is_schema_valid():
    text = DEV_DOCKERFILE  # the edits: " \\\n    " between "&&" and "b", and "FROM"
    index = LineIndex(text)
    join = Fix(
        message="Join the lines",
        edits=(Edit(span=index.span(22, 29), replacement=" "), Edit(span=index.span(0, 4), replacement="FROM")),
        applicability="unsafe",
    )
    found = finding("DL9001", "/repo/Dockerfile", text, 14, 31, "RUN spans 2 lines", join)
    (result,) = _sarif_run([found])["results"]
    assert result["fixes"] == [
        {
            "description": {"text": "Join the lines"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "Dockerfile", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {"startLine": 2, "startColumn": 9, "endLine": 3, "endColumn": 5},
                            "insertedContent": {"text": " "},
                        },
                        {
                            "deletedRegion": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 5},
                            "insertedContent": {"text": "FROM"},
                        },
                    ],
                }
            ],
            "properties": {"applicability": "unsafe"},
        }
    ]


def test_sarif_fix_outside_the_root_names_the_file_uri():
    pin = Fix(message="Pin", edits=(Edit(span=LineIndex(DOCKERFILE).span(11, 11), replacement=":1"),))
    found = finding("DL3006", "/elsewhere/Dockerfile", DOCKERFILE, 5, 11, "no tag", pin)
    (result,) = _sarif_run([found])["results"]
    assert result["fixes"][0]["artifactChanges"][0]["artifactLocation"] == {"uri": "file:///elsewhere/Dockerfile"}


# -- the repository root --------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["dir", "file"])
def test_work_tree_root_is_the_nearest_folder_holding_git(tmp_path, marker):
    from dlint.reporters._location import work_tree_root

    repo = tmp_path / "repo"
    (repo / "a" / "b").mkdir(parents=True)
    if marker == "dir":
        (repo / ".git").mkdir()
    else:  # a linked work tree or a submodule: .git is a file naming the git directory
        (repo / ".git").write_text("gitdir: /elsewhere/.git/worktrees/repo\n")
    assert work_tree_root(repo / "a" / "b") == repo
    assert work_tree_root(repo) == repo


def test_work_tree_root_outside_any_work_tree_and_bounded(tmp_path, monkeypatch):
    from dlint.reporters import _location

    if _location.work_tree_root(tmp_path) is not None:
        pytest.skip("the temporary folder lies inside a git work tree")
    deep = tmp_path.joinpath(*"abcdef")
    deep.mkdir(parents=True)
    assert _location.work_tree_root(deep) is None
    (tmp_path / ".git").mkdir()
    assert _location.work_tree_root(deep) == tmp_path
    monkeypatch.setattr(_location, "MAX_CLIMB", 6)  # deep and its five parents below tmp_path
    assert _location.work_tree_root(deep) is None
    monkeypatch.setattr(_location, "MAX_CLIMB", 7)
    assert _location.work_tree_root(deep) == tmp_path


def test_to_json_uses_sarif_names_and_drops_unset_and_default_values():
    import sarif_om as om

    region = om.Region(start_line=3, end_column=4)
    assert sarif.to_json(region) == {"startLine": 3, "endColumn": 4}
    assert sarif.to_json(om.ReportingConfiguration(level="warning")) == {"level": "warning"}
    assert sarif.to_json(om.ReportingConfiguration(enabled=False, level="note")) == {"enabled": False, "level": "note"}
    bag = om.PropertyBag(tags=[])
    bag.custom = {"nested": [om.Message(text="hi")]}
    assert sarif.to_json(bag) == {"custom": {"nested": [{"text": "hi"}]}}
    bag.unknown = None  # a custom key is written as it is, even empty
    assert sarif.to_json(bag) == {"custom": {"nested": [{"text": "hi"}]}, "unknown": None}


# -- fingerprints -------------------------------------------------------------------------


def _fingerprint(fmt: str, text: str, word: str = "ubuntu", code: str = "DL3006") -> str:
    """The fingerprint of a finding at ``word`` in ``text``."""
    start = text.index(word)
    found = finding(code, "/repo/Dockerfile", text, start, start + len(word), "same message")
    output = render(fmt, [found], sources={"/repo/Dockerfile": text})
    if fmt == "sarif":
        return json.loads(output)["runs"][0]["results"][0]["partialFingerprints"]["dlint/v1"]
    return json.loads(output)[0]["fingerprint"]


@pytest.mark.parametrize("fmt", ["sarif", "gitlab"])
def test_fingerprint_survives_lines_inserted_above(fmt):
    before = _fingerprint(fmt, "FROM ubuntu\n")
    after = _fingerprint(fmt, "# build image\n\n\nFROM ubuntu\n")
    assert before == after


@pytest.mark.parametrize("fmt", ["sarif", "gitlab"])
def test_fingerprint_ignores_whitespace_changes_but_not_text_changes(fmt):
    original = _fingerprint(fmt, "FROM ubuntu AS base\n")
    assert _fingerprint(fmt, "FROM   ubuntu  AS base  \n") == original
    assert _fingerprint(fmt, "FROM debian AS base\n", word="debian") != original
    assert _fingerprint(fmt, "FROM ubuntu AS base\n", code="DL3999") != original


def test_fingerprint_formats():
    assert re.fullmatch(r"[0-9a-f]{64}", _fingerprint("sarif", "FROM ubuntu\n"))
    assert re.fullmatch(r"[0-9a-f]{32}", _fingerprint("gitlab", "FROM ubuntu\n"))


def test_identical_findings_get_distinct_stable_fingerprints():
    def digests(text: str) -> list[str]:
        """Fingerprints of a finding at every "ubuntu" in ``text``."""
        starts = [match.start() for match in re.finditer("ubuntu", text)]
        found = [finding("DL3006", "/repo/Dockerfile", text, start, start + 6, "m") for start in starts]
        issues = json.loads(render("gitlab", found, sources={"/repo/Dockerfile": text}))
        return [issue["fingerprint"] for issue in issues]

    first = digests("FROM ubuntu\nFROM ubuntu\n")
    assert len(set(first)) == 2
    assert digests("\nFROM ubuntu\n\nFROM ubuntu\n") == first


def test_fingerprint_does_not_depend_on_how_the_path_was_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    relative = finding("DL3006", "Dockerfile", DOCKERFILE, 5, 11, "m")
    absolute = finding("DL3006", str(tmp_path / "Dockerfile"), DOCKERFILE, 5, 11, "m")
    outputs = [
        json.loads(render("gitlab", [item], root=tmp_path, sources={item.path: DOCKERFILE}))[0]["fingerprint"]
        for item in (relative, absolute)
    ]
    assert outputs[0] == outputs[1]


def test_fingerprint_without_source_uses_the_message():
    found = finding("DL3006", "/repo/Dockerfile", DOCKERFILE, 5, 11, "Image 'ubuntu' has no tag")
    other = found.model_copy(update={"message": "Image 'debian' has no tag"})
    moved = found.model_copy(update={"span": LineIndex("\n" + DOCKERFILE).span(6, 12)})

    def digest(item):
        return json.loads(render("gitlab", [item], sources=None))[0]["fingerprint"]

    assert digest(found) == digest(moved) != digest(other)


def test_fingerprint_reads_at_most_the_first_flagged_characters():
    from dlint.reporters._fingerprint import MAX_FLAGGED_CHARS

    assert MAX_FLAGGED_CHARS == 4096
    line = "RUN " + "a" * 5000 + "\n"

    def digest(text: str) -> str:
        return _fingerprint("gitlab", text, word=text[:-1])

    beyond = line[:4200] + "b" + line[4201:]
    within = line[:100] + "b" + line[101:]
    assert digest(beyond) == digest(line) != digest(within)


def test_undecodable_file_names_give_valid_reports_in_every_format():
    names = ["/repo/t/Dockerfile.bad\udcff", "/repo/t/Dockerfile.bad\udcfe"]
    found = [finding("DL3006", name, DOCKERFILE, 5, 11, "no tag") for name in names]
    sources = {name: DOCKERFILE for name in names}
    outputs = {fmt: render(fmt, found, sources=sources) for fmt in FORMATS}
    for output in outputs.values():
        output.encode("utf-8")
    log = json.loads(outputs["sarif"])
    results = log["runs"][0]["results"]
    uris = [result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in results]
    assert uris == ["t/Dockerfile.bad%FF", "t/Dockerfile.bad%FE"]
    assert results[0]["partialFingerprints"] != results[1]["partialFingerprints"]
    assert_valid_sarif(log)
    issues = json.loads(outputs["gitlab"])
    assert [issue["location"]["path"] for issue in issues] == ["t/Dockerfile.bad\ufffd"] * 2
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]
    assert [line.split(",", 1)[0] for line in outputs["github"].splitlines()] == [
        "::warning file=t/Dockerfile.bad\\xff",
        "::warning file=t/Dockerfile.bad\\xfe",
    ]
    document = ET.fromstring(outputs["checkstyle"].encode("utf-8"))
    assert [element.get("name") for element in document] == ["t/Dockerfile.bad\ufffd"]


def test_undecodable_file_name_outside_the_root_gets_its_bytes_in_the_file_uri():
    log = sarif_log([finding("DL3006", "/elsewhere/Dockerfile\udcff", DOCKERFILE, 5, 11, "m")], sources=None)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "file:///elsewhere/Dockerfile%FF"}


def test_checkstyle_is_well_formed_xml_whatever_the_message():
    message = "nul\x00 esc\x1b bel\x07 del\x7f nel\x85 rlo\u202e lone\udcff \ufffe tab\t end"
    output = render("checkstyle", [finding("DL3006", "/repo/Dockerfile", DOCKERFILE, 5, 11, message)])
    error = ET.fromstring(output.encode("utf-8")).find("file/error")
    assert error.get("message") == "nul\ufffd esc\ufffd bel\ufffd del\x7f nel\x85 rlo\u202e lone\ufffd \ufffd tab\t end"


# -- GitHub workflow commands -------------------------------------------------------------


def test_github_escapes_properties_and_message():
    found = finding("DL3999", "/repo/a,b:c%.Dockerfile", "ENV A=1\n", 4, 7, "100% bad:\r\nuse, secrets: now")
    assert render("github", [found]) == (
        "::error file=a%2Cb%3Ac%25.Dockerfile,line=1,endLine=1,col=5,endColumn=7,"
        "title=DL3999 secret-in-env::100%25 bad:\\x0d\\x0ause, secrets: now\n"
    )


def test_github_message_cannot_start_a_second_command_or_drive_the_terminal():
    message = "tag `a\n::error file=x::forged` \x1b]0;title\x07 \x1b[1A\x1b[2K \u202egnp.exe \x85 \u2028 end"
    found = finding("DL3999", "/repo/\x1b[2Jx,y=1::z\nDockerfile", "ENV A=1\n", 4, 7, message)
    assert render("github", [found]) == (
        "::error file=\\x1b[2Jx%2Cy=1%3A%3Az\\x0aDockerfile,line=1,endLine=1,col=5,endColumn=7,title=DL3999 secret-in-env"
        "::tag `a\\x0a::error file=x::forged` \\x1b]0;title\\x07 \\x1b[1A\\x1b[2K \\u202egnp.exe \\x85 \\u2028 end\n"
    )


def test_github_commands_by_severity():
    lines = render("github", sample_findings()).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::warning", "::error", "::notice", "::notice", "::notice"]


def test_github_multi_line_and_end_of_line_spans_annotate_whole_lines():
    text = "RUN a && \\\n    b\nFROM x\n"
    multi = finding("DL9001", "/repo/Dockerfile", text, 0, 17, "m")
    through_newline = finding("DL9001", "/repo/Dockerfile", text, 17, 24, "m")
    point = finding("DL9001", "/repo/Dockerfile", text, 4, 4, "m")
    assert render("github", [multi, through_newline, point]) == (
        "::notice file=Dockerfile,line=1,endLine=2,title=DL9001 long-run::m\n"
        "::notice file=Dockerfile,line=3,endLine=3,title=DL9001 long-run::m\n"
        "::notice file=Dockerfile,line=1,endLine=1,col=5,endColumn=5,title=DL9001 long-run::m\n"
    )


def test_github_empty_output_is_empty():
    assert render("github", []) == ""


# -- GitLab Code Quality ------------------------------------------------------------------


def test_gitlab_issue_shape():
    issues = json.loads(render("gitlab", sample_findings()))
    assert [set(issue) for issue in issues] == [
        {"description", "check_name", "fingerprint", "severity", "location"}
    ] * 5
    assert issues[0]["description"] == "DL3006: Image 'ubuntu' has no tag"
    assert issues[0]["check_name"] == "DL3006"
    assert [issue["location"] for issue in issues] == [
        {"path": "Dockerfile", "lines": {"begin": 1, "end": 1}},
        {"path": "Dockerfile", "lines": {"begin": 2, "end": 2}},
        {"path": "Dockerfile", "lines": {"begin": 3, "end": 4}},
        {"path": "compose.yaml", "lines": {"begin": 2, "end": 2}},
        {"path": "dir with space/Dockerfile.dév", "lines": {"begin": 2, "end": 3}},
    ]
    assert len({issue["fingerprint"] for issue in issues}) == 5


@pytest.mark.parametrize(
    ("code", "severity", "security_severity", "expected"),
    [
        ("DL3006", Severity.ERROR, None, "major"),
        ("DL3006", Severity.WARNING, None, "minor"),
        ("DL3006", Severity.INFO, None, "info"),
        ("DL3006", Severity.STYLE, None, "info"),
        ("DL3999", Severity.ERROR, 6.9, "major"),
        ("DL3999", Severity.ERROR, 7.0, "critical"),
        ("DL3999", Severity.ERROR, 9.0, "blocker"),
        ("DL3999", Severity.WARNING, 9.8, "minor"),
    ],
)
def test_gitlab_severity(code, severity, security_severity, expected, monkeypatch):
    monkeypatch.setattr(SecretInEnv, "security_severity", security_severity or 8.5)
    found = finding(code, "/repo/Dockerfile", DOCKERFILE, 5, 11, "m").model_copy(update={"severity": severity})
    assert json.loads(render("gitlab", [found]))[0]["severity"] == expected


def test_gitlab_empty_output_is_an_empty_array():
    assert render("gitlab", []) == "[]\n"


# -- Checkstyle ---------------------------------------------------------------------------


def test_checkstyle_round_trips_through_an_xml_parser():
    document = ET.fromstring(render("checkstyle", sample_findings()).encode("utf-8"))
    assert document.tag == "checkstyle" and document.get("version") == "4.3"
    files = {element.get("name"): element for element in document}
    assert list(files) == ["Dockerfile", "compose.yaml", "dir with space/Dockerfile.dév"]
    errors = [error.attrib for error in files["Dockerfile"]]
    assert errors[1] == {
        "line": "2",
        "column": "5",
        "severity": "error",
        "message": 'Secret "API_KEY" in ENV, 100% visible:\nuse <build secrets> & \ufffd mounts',
        "source": "dlint.DL3999",
    }
    assert [error["severity"] for error in errors] == ["warning", "error", "info"]


def test_checkstyle_empty_document():
    output = render("checkstyle", [])
    assert output == '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3" />\n'
    assert ET.fromstring(output.encode("utf-8")).tag == "checkstyle"


def test_sarif_describes_every_registered_rule_validly():
    from dlint.engine.registry import all_rules

    registered = all_rules()
    taken = {rule.code for rule in registered}
    rules = (*registered, *(rule for rule in RULES if rule.code not in taken))
    text = "FROM ubuntu\n"
    findings = [
        Finding(
            code=rule.code,
            name=rule.name,
            severity=rule.severity,
            message=rule.summary(),
            path="/repo/Dockerfile",
            span=LineIndex(text).span(5, 11),
        )
        for rule in rules
    ]
    log = sarif_log(findings, rules=rules, sources={"/repo/Dockerfile": text})
    assert_valid_sarif(log)
    assert_github_code_scanning_ready(log)
    descriptors = log["runs"][0]["tool"]["driver"]["rules"]
    assert [descriptor["id"] for descriptor in descriptors] == [rule.code for rule in rules]
    for rule, descriptor in zip(rules, descriptors, strict=True):
        assert descriptor["shortDescription"]["text"] == rule.summary()
        assert ("security-severity" in descriptor["properties"]) == (rule.security_severity is not None)


# -- any message and path survive every format --------------------------------------------

_UNESCAPES = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}


def _unescape(text: str) -> str:
    return re.sub("%(25|0D|0A|3A|2C)", lambda match: _UNESCAPES[match.group()], text)


#: any text, lone surrogates included (a file name that is not UTF-8 reaches Python as surrogates)
_TEXT = st.text(st.characters(exclude_categories=()), min_size=1)
_FILE_NAMES = _TEXT.filter(lambda name: "\x00" not in name and "/" not in name)


@given(message=_TEXT, name=_FILE_NAMES)
def test_any_message_and_file_name_round_trip(message, name):
    found = finding("DL3006", f"/repo/{name}", "FROM ubuntu\n", 5, 11, message)
    relative = Path(os.path.abspath(f"/repo/{name}")).relative_to("/repo").as_posix()
    outputs = {fmt: render(fmt, [found]) for fmt in FORMATS}
    for output in outputs.values():
        output.encode("utf-8")  # no lone surrogate: every report is UTF-8 text

    command = outputs["github"]
    assert command.endswith("\n") and "\n" not in command[:-1] and "\r" not in command
    assert printable(command[:-1]) == command[:-1]  # nothing left to drive a terminal
    properties, data = command[len("::warning ") : -1].split("::", 1)
    assert _unescape(data) == printable(message)
    assert _unescape(dict(item.split("=", 1) for item in properties.split(","))["file"]) == printable(relative)

    issue = json.loads(outputs["gitlab"])[0]
    assert issue["description"] == f"DL3006: {well_formed(message)}"
    assert issue["location"]["path"] == well_formed(relative)

    log = json.loads(outputs["sarif"])
    assert log["runs"][0]["results"][0]["message"]["text"] == well_formed(message)
    assert_valid_sarif(log)

    error = ET.fromstring(outputs["checkstyle"].encode("utf-8")).find("file/error")
    assert error.get("message") == re.sub("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "\ufffd", message)


# -- the rules as the reports that list them all read them ----------------------------------


def test_reports_listing_every_rule_read_the_same_from_the_descriptions_as_from_the_classes(tmp_path: Path) -> None:
    """SARIF, GitLab and SonarQube reports are written alike from the rule classes and from
    the generated descriptions the command line gives them (which import no rule)."""
    from dlint.engine.lint import lint_text
    from dlint.engine.registry import all_rules
    from dlint.engine.rule_description import described_rules
    from dlint.reporters import sonarqube

    compose = "services:\n  web:\n    image: nginx\n    privileged: true\n    ports:\n      - 8080:80\n"
    findings = [*lint_text(DOCKERFILE, path="/repo/Dockerfile"), *lint_text(compose, path="/repo/compose.yaml", kind="compose")]
    assert {"DL3006", "DC001", "DC036"} <= {finding.code for finding in findings}
    sources = {"/repo/Dockerfile": DOCKERFILE, "/repo/compose.yaml": compose}
    for reporter in (sarif, gitlab, sonarqube):
        written = [reporter.render(findings, rules, root=ROOT, sources=sources, tool_version=VERSION) for rules in (all_rules(), described_rules())]
        assert written[0] == written[1], reporter.__name__


def test_a_sarif_report_of_one_file_imports_only_the_rules_that_ran(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "Dockerfile").write_text("FROM debian:12\nUSER 1000\n")
    code = (
        "import sys; from dlint.cli import run; sys.argv = ['dlint', 'check', '--format', 'sarif', 'Dockerfile']\n"
        "run()\n"
        "print(sorted(name for name in sys.modules if name.startswith('dlint.rules.compose.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    log = json.loads("\n".join(result.stdout.splitlines()[:-1]))
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) >= 150  # every rule described
    assert result.stdout.splitlines()[-1] == "[]"
