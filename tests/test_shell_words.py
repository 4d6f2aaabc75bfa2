"""Words, assignments and redirects of the shell analysis, with their positions."""

from __future__ import annotations

from dlint.models.shell import SimpleCommand, Word
from dlint.models.span import Span
from dlint.parsers.shell import analyse_shell


def where(span: Span) -> str:
    return f"{span.line}:{span.column}-{span.end_line}:{span.end_column}"


def only_command(text: str) -> SimpleCommand:
    commands = analyse_shell(text).commands
    assert len(commands) == 1
    return commands[0]


def values(words: list[Word]) -> list[str | None]:
    return [word.value for word in words]


def test_quotes_are_removed_and_expansions_give_none() -> None:
    command = only_command("""echo 'a b' "c d" e\\ f "$HOME/x" $x ${y} "q\\"r" pre"mid"'post' $'t\\tn' 42 *.txt""")
    assert values(command.arguments) == [
        "a b", "c d", "e f", None, None, None, 'q"r', "premidpost", "t\tn", "42", "*.txt",
    ]
    assert [word.raw for word in command.arguments[:4]] == ["'a b'", '"c d"', "e\\ f", '"$HOME/x"']
    assert command.arguments[3].text == '"$HOME/x"'


def test_escaped_dollar_is_literal() -> None:
    assert values(only_command(r'echo \$HOME "\$HOME"').arguments) == ["$HOME", "$HOME"]


def test_command_substitution_makes_a_word_unknown() -> None:
    command = analyse_shell('echo "v=$(cat VERSION)" x`id`').commands[0]
    assert values(command.arguments) == [None, None]


def test_word_spans() -> None:
    command = only_command("apt-get install -y 'curl'")
    assert [where(word.span) for word in [command.name, *command.arguments]] == [
        "1:1-1:8", "1:9-1:16", "1:17-1:19", "1:20-1:26",
    ]
    assert (command.span.start, command.span.end) == (0, 25)


def test_non_ascii_spans_count_characters() -> None:
    script = analyse_shell("echo 🐳 ünï && ls é")
    first, second = script.commands
    assert [where(word.span) for word in first.arguments] == ["1:6-1:7", "1:8-1:11"]
    assert where(second.arguments[0].span) == "1:18-1:19"
    assert second.arguments[0].span.start == 17


def test_assignments_before_a_command() -> None:
    command = only_command('DEBIAN_FRONTEND=noninteractive X="a b" Y= apt-get install x')
    assert [(a.name, a.value.value if a.value else None, where(a.span)) for a in command.assignments] == [
        ("DEBIAN_FRONTEND", "noninteractive", "1:1-1:31"),
        ("X", "a b", "1:32-1:39"),
        ("Y", None, "1:40-1:42"),
    ]
    assert command.program == "apt-get"


def test_bare_assignment_is_a_command_without_name() -> None:
    command = analyse_shell("A=1 B=$(date)").commands[0]
    assert command.name is None and command.program is None
    assert [(a.name, a.value.raw if a.value else None) for a in command.assignments] == [("A", "1"), ("B", "$(date)")]


def test_bare_assignment_substitution_is_visible() -> None:
    script = analyse_shell("A=$(uname -m)")
    assert [command.program for command in script.commands] == [None, "uname"]


def test_redirects() -> None:
    command = only_command("cmd <in >out 2>&1 >>log &>/dev/null 2>/dev/null")
    assert [(r.operator, r.target.text if r.target else None) for r in command.redirects] == [
        ("<", "in"), (">", "out"), ("2>&", "1"), (">>", "log"), ("&>", "/dev/null"), ("2>", "/dev/null"),
    ]
    assert where(command.redirects[1].span) == "1:9-1:13"
    assert where(command.span) == "1:1-1:48"
    herestring = only_command("read -r x <<< 'str'").redirects
    assert [(r.operator, r.target.value if r.target else None) for r in herestring] == [("<<<", "str")]


def test_heredoc_redirect_in_a_script() -> None:
    script = analyse_shell("cat <<-'EOF' >/etc/f\n\tbody $(not run)\nEOF\n")
    command = script.commands[0]
    assert [(r.operator, r.target.value if r.target else None) for r in command.redirects] == [
        ("<<-", "EOF"), (">", "/etc/f"),
    ]
    assert len(script.commands) == 1


def test_declarations() -> None:
    command = only_command('export PATH="/opt/bin:$PATH" LANG=C.UTF-8 EDITOR')
    assert command.program == "export"
    assert values(command.arguments) == [None, "LANG=C.UTF-8", "EDITOR"]
    assert [a.name for a in command.assignments] == ["PATH", "LANG"]


def test_env_assignments_become_assignments_of_the_inner_command() -> None:
    script = analyse_shell("env -u X PIP_NO_CACHE_DIR=1 A=$b pip install x")
    inner = script.commands[1]
    assert inner.program == "pip" and inner.wrapped_by == "env" and inner.wrapper == 0
    assert [(a.name, a.value.value if a.value else None, where(a.value.span) if a.value else None)
            for a in inner.assignments] == [("PIP_NO_CACHE_DIR", "1", "1:27-1:28"), ("A", None, "1:31-1:33")]
    assert inner.words() == ["install", "x"]


def test_sh_c_positions_map_through_escapes() -> None:
    """Inside the string, a character is placed where it is written: an escaped
    quote at its ``"``, not at the backslash before it."""
    script = analyse_shell('sh -c "echo \\"a b\\" && rm -f \\$X"')
    echo, rm = script.commands[1:]
    assert echo.arguments[0].value == "a b"
    assert where(echo.arguments[0].span) == "1:14-1:20"
    assert rm.arguments[1].raw == "$X" and rm.arguments[1].value is None
    assert where(rm.arguments[1].span) == "1:31-1:33"


def test_sh_c_concatenated_string() -> None:
    script = analyse_shell("""bash -ec 'apt-get install '"$PKG"' -y'""")
    inner = script.commands[1]
    assert inner.program == "apt-get" and inner.wrapped_by == "bash -c"
    assert [word.raw for word in inner.arguments] == ["install", "$PKG", "-y"]
    assert where(inner.arguments[1].span) == "1:29-1:33"
