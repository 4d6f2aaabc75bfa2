"""The shell scripts of a Compose file's services and their map back to the file."""

from __future__ import annotations

import time

from dlint.parsers.compose.load import load_compose_file
from dlint.views.compose.shell_scripts import compose_scripts
from dlint.views.embedded_script import EmbeddedScript


def scripts(text: str) -> list[tuple[str, EmbeddedScript]]:
    """The scripts of ``text``, each checked against the segments invariant."""
    found = compose_scripts(load_compose_file("compose.yaml", text))
    for _, script in found:
        check_segments(script, text)
    return found


def check_segments(script: EmbeddedScript, source: str) -> None:
    """Segments are ordered, do not overlap, and each character equals the file's, except a
    ``_`` standing for a written ``$VAR``/``${…}`` (checked by the tests that make one)."""
    previous_text = previous_file = 0
    for text_start, file_start, length in script.segments:
        assert length > 0 and text_start >= previous_text and file_start >= previous_file
        for offset in range(length):
            char, written = script.text[text_start + offset], source[file_start + offset]
            assert char == written or (char == "_" and (written in "${}:-?+_" or written.isalnum())), (script, offset)
        previous_text, previous_file = text_start + length, file_start + length
    assert script.undecidable == frozenset({"SC2154"})


def at(source: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a file offset."""
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


def service(body: str, name: str = "app") -> str:
    return f"services:\n  {name}:\n    image: alpine\n{body}"


def test_cmd_shell_flow_list_double_quoted() -> None:
    text = service('    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://localhost || exit 1"]\n')
    [(name, script)] = scripts(text)
    start = text.index('"curl') + 1
    assert name == "app"
    assert script.text == "curl -f http://localhost || exit 1"
    assert script.dialect == "sh"
    assert script.segments == ((0, start, len(script.text)),)
    assert script.anchor == (start - 1, start + len(script.text) + 1)
    assert (script.edit_style, script.forbidden) == ("verbatim", '"\\\n')


def test_string_healthcheck_test_is_a_shell_script() -> None:
    text = service("    healthcheck:\n      test: curl -f http://localhost\n")
    [(_, script)] = scripts(text)
    start = text.index("curl")
    assert (script.text, script.dialect) == ("curl -f http://localhost", "sh")
    assert script.segments == ((0, start, 24),)
    assert (script.edit_style, script.forbidden) == ("verbatim", "\n#:")


def test_cmd_test_runs_a_shell_or_not() -> None:
    text = service('    healthcheck:\n      test: ["CMD", "bash", "-ec", "pg_isready"]\n')
    [(_, script)] = scripts(text)
    assert (script.text, script.dialect) == ("pg_isready", "bash")
    assert scripts(service('    healthcheck:\n      test: ["CMD", "curl", "-c", "x"]\n')) == []
    assert scripts(service('    healthcheck:\n      test: ["NONE"]\n')) == []


def test_bash_with_options_before_c() -> None:
    text = service('    command: ["/bin/bash", "-o", "pipefail", "-c", "set -x; run | tee log", "arg0"]\n')
    [(_, script)] = scripts(text)
    start = text.index("set -x")
    assert (script.text, script.dialect) == ("set -x; run | tee log", "bash")
    assert script.segments == ((0, start, 21),)


def test_string_command_with_a_single_quoted_word() -> None:
    text = service("    command: sh -c 'echo hi && exec x'\n")
    [(_, script)] = scripts(text)
    start = text.index("echo")
    assert (script.text, script.dialect) == ("echo hi && exec x", "sh")
    assert script.segments == ((0, start, 17),)
    assert script.anchor == (text.index("sh -c"), text.index("'\n") + 1)
    assert script.edit_style == "verbatim" and "'" in script.forbidden and "#" in script.forbidden


def test_string_command_word_with_escapes_maps_what_stands() -> None:
    text = service("    entrypoint: sh -c \"echo \\\"a\\\" b\"\n")
    [(_, script)] = scripts(text)
    assert text.count("\\") == 2 and script.text == 'echo "a" b'
    echo = text.index("echo")
    assert script.segments == ((0, echo, 5), (6, echo + 7, 1), (8, echo + 10, 2))
    assert script.edit_style is None


def test_entrypoint_shell_and_command_list() -> None:
    text = service('    entrypoint: ["sh", "-c"]\n    command: ["exec nginx -g \'daemon off;\'", "x"]\n')
    [(_, script)] = scripts(text)
    assert (script.text, script.dialect) == ("exec nginx -g 'daemon off;'", "sh")
    assert script.segments == ((0, text.index("exec"), len(script.text)),)
    assert scripts(service('    entrypoint: sh -c\n    command: ["ls"]\n'))[0][1].text == "ls"


def test_literal_block_maps_line_by_line() -> None:
    text = service("    command:\n      - bash\n      - -c\n      - |\n        set -e\n          echo two\n        done\n")
    [(_, script)] = scripts(text)
    assert script.text == "set -e\n  echo two\ndone\n"
    assert (script.dialect, script.edit_style, script.forbidden) == ("bash", "verbatim", "\n")
    second = script.text.index("echo")
    assert at(text, script.file_offset(second)) == (9, 11)
    assert text[script.file_offset(second) : script.file_offset(second) + 8] == "echo two"
    assert len(script.segments) == 3


def test_block_after_tag_and_anchor() -> None:
    text = service('    command: ["sh", "-c", !!str &s "echo hi"]\n    healthcheck:\n      test: !!str &t |\n        true\n')
    found = scripts(text)
    assert [script.text for _, script in found] == ["echo hi", "true\n"]
    assert found[0][1].segments == ((0, text.index("echo"), 7),)
    assert found[1][1].segments == ((0, text.index("true"), 5),)


def test_dollar_dollar_and_variables() -> None:
    text = service('    command: ["sh", "-c", "echo $$HOME ${POSTGRES_USER} ${A:-x{y}z} $B"]\n')
    [(_, script)] = scripts(text)
    base = text.index("echo")
    assert script.text == "echo $HOME " + "_" * 16 + " " + "_" * 11 + " __"
    assert script.segments == ((0, base, 6), (6, base + 7, len(script.text) - 6))
    user = script.text.index("_")
    assert text[script.file_offset(user) : script.file_offset(user) + 16] == "${POSTGRES_USER}"
    assert script.file_range(user, user + 16) == (base + 12, base + 28)


def test_double_quoted_escapes_are_skipped() -> None:
    text = service('    command: ["sh", "-c", "echo \\"$X\\" \\\\ done"]\n')
    [(_, script)] = scripts(text)
    base = text.index("echo")
    assert script.text == 'echo "__" \\ done'
    assert script.segments == ((0, base, 5), (6, base + 7, 2), (9, base + 11, 1), (11, base + 14, 5))
    assert script.edit_style is None


def test_plain_scalar_on_several_lines() -> None:
    text = service("    command: [sh, -c, echo one\n      two]\n")
    [(_, script)] = scripts(text)
    assert script.text == "echo one two"
    assert script.segments == ((0, text.index("echo"), 8), (9, text.index("two"), 3))
    assert script.edit_style is None


def test_folded_block_is_not_editable() -> None:
    text = service("    entrypoint: >-\n      sh -c\n      'exit 0'\n")
    [(_, script)] = scripts(text)
    assert script.text == "exit 0"
    assert script.segments == ((0, text.index("exit"), 6),)
    assert script.edit_style is None


def test_anchor_shared_by_two_services_is_reported_once() -> None:
    text = (
        "x-check: &check\n  test: [\"CMD-SHELL\", \"pg_isready -U $$USER\"]\n"
        "services:\n  one:\n    image: a\n    healthcheck: *check\n"
        "  two:\n    image: b\n    healthcheck:\n      <<: *check\n      interval: 5s\n"
    )
    found = scripts(text)
    assert [(name, script.text) for name, script in found] == [("one", "pg_isready -U $USER")]


def test_file_order_and_declared_environment() -> None:
    text = (
        "services:\n  b:\n    image: x\n    environment:\n      ZED: 1\n      ALPHA: 2\n"
        "    command: [sh, -c, 'echo $$ZED']\n"
        "  a:\n    image: x\n    environment: [KEY=v, OTHER]\n    entrypoint: [dash, -c, \"true\"]\n"
    )
    found = scripts(text)
    assert [(name, script.dialect, script.declared) for name, script in found] == [
        ("b", "sh", ("ALPHA", "HOSTNAME", "ZED")), ("a", "dash", ("HOSTNAME", "KEY", "OTHER"))
    ]
    assert (found[0][1].edit_style, found[0][1].forbidden) == ("verbatim", "'\n")


def test_shell_names_and_dialects() -> None:
    for program, dialect in [("ash", "busybox"), ("/bin/ksh", "ksh"), ("mksh", "ksh"), ("/usr/bin/dash", "dash")]:
        [(_, script)] = scripts(service(f'    command: ["{program}", "-c", "echo"]\n'))
        assert script.dialect == dialect
    for program in ("python", "node", "zsh", "busybox"):
        assert scripts(service(f'    command: ["{program}", "-c", "print(1)"]\n')) == []


def test_no_script_without_c_or_for_odd_values() -> None:
    bodies = [
        '    command: ["python", "-c", "print(1)"]\n',
        '    command: ["sh", "script.sh"]\n',
        '    command: ["sh", "-c", 3]\n',
        '    command: ["sh", "-c"]\n',
        '    command: ["sh", "-c", "   "]\n',
        "    command: null\n",
        "    command: []\n",
        "    command: 42\n",
        "    command: sh -c 'unterminated\n",
        "    command: sh -c \"echo ${}\"\n",
        '    entrypoint: ["sh", "-c"]\n    command: [5]\n',
        "    healthcheck:\n      test: []\n",
        '    healthcheck:\n      test: ["CMD-SHELL"]\n',
    ]
    for body in bodies:
        assert scripts(service(body)) == [], body


def test_hostile_long_values_stay_fast() -> None:
    size = 200_000
    texts = [
        service('    command: ["sh", "-c", "' + "${A:-x} $$ " * (size // 11) + '"]\n'),
        service("    command: sh " + "-o " * (size // 3) + "\n"),
        service('    command: ["sh", "-c", "' + "\\\\a" * (size // 3) + '"]\n'),
    ]
    loaded = [load_compose_file("compose.yaml", text) for text in texts]
    started = time.perf_counter()
    found = [compose_scripts(compose) for compose in loaded]
    assert time.perf_counter() - started < 3
    assert [len(each) for each in found] == [1, 0, 1]
