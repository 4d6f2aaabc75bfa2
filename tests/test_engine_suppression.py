"""Suppression comments in Dockerfiles and Compose files, and the rules about them."""

from __future__ import annotations

from dlint.engine.config import Settings
from dlint.engine.lint import Linter, SourceFile
from dlint.engine.suppression import compose_directives


def found(text: str, *, kind: str = "dockerfile", suppress: bool = True, **settings) -> list[str]:
    settings.setdefault("select", ("DL3002", "DL3006", "DL3007", "DL3025", "DF001"))
    linter = Linter(Settings(**settings), suppress=suppress)
    name = "Dockerfile" if kind == "dockerfile" else "compose.yaml"
    result = linter.lint([SourceFile(name, kind, text)])
    return [f"{f.span.line}:{f.span.column} {f.code}" for f in result.findings]


def test_line_directive_covers_the_next_instruction_only() -> None:
    text = "FROM debian\n# dlint: ignore=DL3006\nFROM ubuntu\nFROM alpine\n"
    assert found(text) == ["1:6 DL3006", "4:6 DL3006"]


def test_directive_skips_blank_and_comment_lines_and_stacks() -> None:
    text = "FROM debian:12\n# dlint: ignore=DL3025\n\n# a note\n# dlint: ignore=DL3002\nCMD run\nUSER root\n"
    assert found(text) == ["7:6 DL3002"]
    text = "FROM debian:12\n# dlint: ignore=DL3025\n# dlint: ignore=DL3002\nUSER root\nCMD run\n"
    assert found(text) == ["5:5 DL3025"]


def test_directive_covers_continuation_lines() -> None:
    text = "FROM debian:12\n# dlint: ignore=shell-form-command\nCMD run \\\n  --flag\nCMD again\n"
    assert found(text) == ["5:5 DL3025"]


def test_directive_above_from_does_not_reach_later_instructions() -> None:
    # hadolint: "ignores the rule only if directly above the instruction"
    text = "# hadolint ignore=DL3001,DL3002\nFROM ubuntu:24.04\nUSER root\n"
    assert found(text) == ["3:6 DL3002"]


def test_hadolint_forms() -> None:
    assert found("FROM ubuntu:24.04\n# hadolint ignore=DL3002\nUSER root\n") == []
    assert found("FROM ubuntu:24.04\n# hadolint ignore=DL3002 # why\nUSER root\n") == []
    assert found("# hadolint global ignore = DL3006 , DL3002\nFROM a\nUSER root\nFROM b\n") == []
    text = "# hadolint stage ignore=DL3006\nFROM a\nFROM b\n"
    assert found(text) == ["3:6 DL3006"]
    text = "FROM a\n# hadolint stage ignore=DL3006\nFROM b\nRUN x\nFROM c\n"
    assert found(text) == ["1:6 DL3006", "5:6 DL3006"]


def test_dlint_file_and_stage_forms_and_names() -> None:
    assert found("# dlint: ignore-file=untagged-base-image\nFROM a\nFROM b\n") == []
    assert found("FROM a\n# dlint: ignore-stage=DL3006,DL3002\nFROM b\nUSER root\nFROM c\n") == ["1:6 DL3006", "5:6 DL3006"]
    assert found("#dlint:ignore=dl3006\nFROM a\n") == []


def test_unknown_word_invalidates_the_directive_and_is_reported() -> None:
    text = "FROM scratch\n# hadolint ignore=crazy,DL3002\nUSER root\n"
    assert found(text) == ["2:19 DF001", "3:6 DL3002"]


def test_no_suppress_and_disable_ignore_pragma() -> None:
    text = "# dlint: ignore=DL3006,nonsense-name\nFROM a\n"
    assert found(text, suppress=False) == ["2:6 DL3006"]
    assert found(text, disable_ignore_pragma=True) == ["2:6 DL3006"]


def test_syntax_errors_cannot_be_suppressed() -> None:
    text = "FROM a:1\n# dlint: ignore=DF000\nRUNN x\n# dlint: ignore-file=DF000\n"
    assert found(text) == ["3:1 DF000"]


def test_compose_directive_lines() -> None:
    text = (
        "services:\n"
        "  web:  # dlint: ignore=DC001\n"
        "    image: nginx\n"
        "    ports:\n"
        "    - '80:80'\n"
        "  db:\n"
        "    # dlint: ignore=DC002,DC003\n"
        "    image: postgres\n"
        "    environment:\n"
        "      A: b\n"
        "# dlint: ignore-file=DC004\n"
    )
    directives = compose_directives(text)
    assert [(d.scope, d.lines[:2], [i.code for i in d.items]) for d in directives] == [
        ("line", (2, 5), ["DC001"]),
        ("line", (8, 8), ["DC002", "DC003"]),
        ("file", (1, 1 << 31), ["DC004"]),
    ]


def test_compose_key_with_block_sequence_at_same_indent() -> None:
    text = "services:\n  web:\n    ports:  # dlint: ignore=DC001\n    - '80'\n    - '81'\n    image: x\n"
    (directive,) = compose_directives(text)
    assert directive.lines == (3, 5)


def test_compose_unknown_code_is_reported() -> None:
    text = "services:\n  web:\n    image: nginx:1  # dlint: ignore=bogus\n"
    assert found(text, kind="compose", select=("DF001",)) == ["3:37 DF001"]


def test_compose_directives_suppress_compose_findings(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = (
        "services:\n"
        "  db:  # dlint: ignore=compose-image-tag\n"
        "    image: postgres\n"
        "  cache:\n"
        "    # dlint: ignore=DC001\n"
        "    image: redis:latest\n"
        "  web:\n"
        "    image: nginx\n"
    )
    (tmp_path / "compose.yaml").write_text(text)
    linter = Linter(Settings(select=("DC001",)))
    result = linter.lint([SourceFile("compose.yaml", "compose", text, tmp_path / "compose.yaml")])
    assert [(f.span.line, f.code) for f in result.findings] == [(8, "DC001")]
    unsuppressed = Linter(Settings(select=("DC001",)), suppress=False).lint(
        [SourceFile("compose.yaml", "compose", text, tmp_path / "compose.yaml")]
    )
    assert [f.span.line for f in unsuppressed.findings] == [3, 6, 8]


# -- reasons, require-reason -----------------------------------------------------------


def suppressed(text: str, *, kind: str = "dockerfile", **settings) -> list[tuple[str, str, str | None]]:
    settings.setdefault("select", ("DL3002", "DL3006", "DL3007", "DL3025", "DF001", "DF026", "DF027"))
    name = "Dockerfile" if kind == "dockerfile" else "compose.yaml"
    result = Linter(Settings(**settings)).lint([SourceFile(name, kind, text)])
    return [(f"{f.span.line} {f.code}", why.kind, why.justification) for f, why in result.suppressed]


def test_a_reason_after_two_dashes_keeps_the_directive_working() -> None:
    text = "FROM debian:12\n# dlint: ignore=DL3025,DL3002 -- pinned by the base image\nUSER root\nCMD run\n"
    assert found(text) == ["4:5 DL3025"]
    assert suppressed(text) == [("3 DL3002", "inSource", "pinned by the base image")]
    # a '#' inside the reason is part of it; the hadolint form takes ' -- ' and a second '#'
    text = "FROM debian:12\n# hadolint ignore=DL3025 -- see #42\nCMD run\n"
    assert suppressed(text) == [("3 DL3025", "inSource", "see #42")]
    text = "FROM debian:12\n# hadolint ignore=DL3025  # legacy entrypoint\nCMD run\n"
    assert suppressed(text) == [("3 DL3025", "inSource", "legacy entrypoint")]
    assert suppressed("FROM debian:12\n# dlint: ignore=DL3025\nCMD run\n") == [("3 DL3025", "inSource", None)]
    # '--' glued to a word is no separator: the directive names an unknown item
    assert found("FROM debian:12\n# dlint: ignore=DL3025--x\nCMD run\n") == ["2:17 DF001", "3:5 DL3025"]


def test_a_reason_in_compose() -> None:
    text = "services:\n  web:\n    image: nginx  # dlint: ignore=DC001 -- vendor image, tag set at deploy\n"
    assert suppressed(text, kind="compose", select=("DC001",)) == [
        ("3 DC001", "inSource", "vendor image, tag set at deploy")
    ]


def test_require_reason_ignores_and_reports_directives_without_one() -> None:
    text = "FROM debian:12\n# dlint: ignore=DL3025\nCMD run\n# dlint: ignore=DL3002 -- needs root\nUSER root\n"
    assert found(text, require_reason=True) == ["2:1 DF001", "3:5 DL3025"]
    assert found(text) == []
    linter = Linter(Settings(select=("DL3025", "DF001"), require_reason=True))
    [report, _] = linter.lint([SourceFile("Dockerfile", "dockerfile", text)]).findings
    assert report.message == (
        "this suppression comment gives no reason and require-reason is on: it is ignored (add ` -- reason`)"
    )
    text = "services:\n  web:\n    image: nginx  # dlint: ignore=DC001\n"
    assert found(text, kind="compose", select=("DC001", "DF001"), require_reason=True) == ["3:12 DC001", "3:19 DF001"]


# -- BuildKit's # check=skip ---------------------------------------------------------------


def test_check_skip_suppresses_the_mapped_rules() -> None:
    text = "# check=skip=JSONArgsRecommended;error=true\nFROM debian:12 as base\nCMD run\n"
    assert found(text, select=("DL3025", "DF027")) == ["2:16 DF027"]
    assert suppressed(text) == [("3 DL3025", "inSource", "skipped by # check=skip")]
    text = "# check=skip=all\nFROM debian:12 as base\nCMD run\n"
    assert found(text, select=("DL3025", "DF027", "DL3006")) == []
    assert found(text, select=("DL3025",), suppress=False) == ["3:5 DL3025"]
    # only at the top, as BuildKit reads it: after an instruction it is a plain comment
    text = "FROM debian:12\n# check=skip=JSONArgsRecommended\nCMD run\n"
    assert found(text, select=("DL3025",)) == ["3:5 DL3025"]


def test_build_check_table_matches_the_readme() -> None:
    import re
    from pathlib import Path

    from dlint.engine.build_checks import BUILD_CHECKS
    from dlint.engine.registry import find_rule

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Docker build checks", 1)[1].split("\n### ", 1)[0]
    rows = dict(re.findall(r"^\| (\w+) \| ((?:D[A-Z]\d+(?:, )?)+) \|$", section, re.MULTILINE))
    assert {name: tuple(codes.split(", ")) for name, codes in rows.items()} == BUILD_CHECKS
    assert all(find_rule(code) is not None for codes in BUILD_CHECKS.values() for code in codes)
