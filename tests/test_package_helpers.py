"""Helpers of the package-manager rules: option reading, pin checks, cache paths."""

from __future__ import annotations

import pytest

from dlint.knowledge.apk import apk_version_pinned
from dlint.knowledge.apt import APT_SYNTAX, apt_version_pinned, assumes_yes, quiet_level, read_apt, skips_recommends
from dlint.knowledge.go import GO_SYNTAX, go_version_pinned
from dlint.knowledge.npm import npm_version_pinned
from dlint.knowledge.packages import OptionSyntax, read_invocation, read_options, unpinned
from dlint.knowledge.pip import pip_version_pinned, read_pip
from dlint.parsers.shell import analyse_shell
from dlint.views.dockerfile.run_paths import covers, normal_path


def command(text: str):
    return analyse_shell(text).commands[0]


def test_bundled_short_options_and_their_values() -> None:
    words = command("x -yqt stable -ofoo=1 -q=2 --opt=v --target-release sid pkg -- -notflag").arguments
    options, operands, tail = read_options(words, APT_SYNTAX)
    assert [(o.name, o.value) for o in options] == [
        ("-y", None), ("-q", None), ("-t", "stable"), ("-o", "foo=1"), ("-q", "2"), ("--opt", "v"),
        ("--target-release", "sid"),
    ]  # fmt: skip
    assert [w.text for w in operands] == ["pkg", "-notflag"]
    assert [w.text for w in tail] == ["-notflag"]


def test_go_style_options_do_not_bundle() -> None:
    invocation = read_invocation(command("go install -ldflags '-s -w' -trimpath example.com/x@v1"), "go", GO_SYNTAX)
    assert [(o.name, o.value) for o in invocation.options] == [("-ldflags", "-s -w"), ("-trimpath", None)]
    assert [w.text for w in invocation.operands] == ["install", "example.com/x@v1"]


def test_unknown_long_options_may_take_the_next_word() -> None:
    syntax = OptionSyntax(unknown_long_valued=True, known_long=frozenset({"--switch"}))
    _, operands, _ = read_options(command("x --build-opt value --switch a").arguments, syntax)
    assert [w.text for w in operands] == ["a"]


@pytest.mark.parametrize(
    ("line", "yes", "quiet"),
    [
        ("apt-get install x", False, 0),
        ("apt-get -yq install x", True, 1),
        ("apt-get install -qq x", True, 2),
        ("apt-get install -q -q x", True, 2),
        ("apt-get install --quiet=2 x", True, 2),
        ("apt-get install --assume-yes x", True, 0),
        ("apt-get install -o APT::Get::Assume-Yes=true x", True, 0),
        ("apt-get install --yes=no x", False, 0),
    ],
)
def test_apt_get_answers_prompts(line: str, yes: bool, quiet: int) -> None:
    invocation = read_apt(command(line))
    assert invocation is not None
    assert (assumes_yes(invocation), quiet_level(invocation)) == (yes, quiet)


def test_apt_recommends_from_options_and_written_settings() -> None:
    assert skips_recommends(read_apt(command("apt-get -o APT::Install-Recommends=0 install x")))
    assert not skips_recommends(read_apt(command("apt-get install x")))
    assert skips_recommends(read_apt(command("apt-get install x")), {"apt::install-recommends": "false"})
    assert not skips_recommends(
        read_apt(command("apt-get -o APT::Install-Recommends=true install x")), {"apt::install-recommends": "false"}
    )


def test_flag_like_command_words_are_not_programs() -> None:
    flag_named = command("'--mount=type=cache,target=/var/cache/apt' update")
    assert flag_named.program == "apt" and read_apt(flag_named, frozenset({"apt"})) is None


def test_python_module_pip() -> None:
    invocation = read_pip(command("python3.12 -u -m pip install --no-cache-dir x"))
    assert invocation is not None and invocation.tool == "pip"
    assert [w.text for w in invocation.operands] == ["install", "x"]
    assert read_pip(command("python3 script.py -m pip install x")) is None
    assert read_pip(command("python3 -c 'import pip' -m pip")) is None


@pytest.mark.parametrize(
    ("check", "pinned", "unpinned_words"),
    [
        (apt_version_pinned, ["curl=7.88*", "./x.deb", "git=1:2.5.0*"], ["curl", "curl/bookworm", "x.deb"]),
        (apk_version_pinned, ["a=1", "a~1", "a~=1", "a=~1", "a>1", "a<1", "x.apk"], ["curl", "curl@edge"]),
        (
            pip_version_pinned,
            ["a==1", "a>=1", "a~=1", "a!=1", ".", "./lib", "a.whl", "a.tar.gz", "https://x/a.zip",
             "git+https://h/r.git@v1#egg=r"],
            ["a", "a[extra]", "git+https://h/r.git#egg=r", "git+ssh://git@h/r.git"],
        ),
        (
            npm_version_pinned,
            ["a@1", "@s/a@1", "a.tgz", "./d", "~/d", "git+https://h/r.git#v1"],
            ["a", "@s/a", "@", "git://h/r.git"],
        ),
        (go_version_pinned, ["m@v1.2.3", ".", "./cmd/...", "/src/x", "main.go"], ["m", "m@latest", "m@upgrade", "m@"]),
    ],
)  # fmt: skip
def test_pin_checks(check, pinned: list[str], unpinned_words: list[str]) -> None:
    assert [word for word in pinned if not check(word)] == []
    assert [word for word in unpinned_words if check(word)] == []


def test_unpinned_splits_unquoted_variables_only() -> None:
    words = command('x $PKGS "$PKGS" $ONE $UNKNOWN').arguments
    scope = {"PKGS": "a=1 b", "ONE": "c"}

    class Scope(dict):
        def __contains__(self, name: object) -> bool:
            return True

        def __missing__(self, name: str) -> None:
            return None

    found = [(word.raw, shown) for word, shown in unpinned(words, Scope(scope), apt_version_pinned)]
    assert found == [("$PKGS", "`$PKGS` (`b`)"), ("$ONE", "`$ONE` (`c`)")]


def test_cache_paths() -> None:
    assert normal_path("/var/cache/apk/*") == "/var/cache/apk"
    assert normal_path("/var/cache/apk/") == "/var/cache/apk"
    assert normal_path("/") == "/"
    assert covers("/var/cache", "/var/cache/apk") and covers("/var/cache/apk/*", "/var/cache/apk")
    assert not covers("/var/cache/apk/x", "/var/cache/apk") and not covers("/var/cac", "/var/cache")
    assert covers("/", "/var/cache/apk")


def test_apt_settings_written_earlier_are_read_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each RUN's commands are read once per file, not once per later apt-get (no quadratic time)."""
    from dlint.engine.config import Settings
    from dlint.engine.lint import Linter, SourceFile
    from dlint.engine.registry import find_rule
    from dlint.knowledge import apt as _apt

    calls = []
    original = _apt._written_by
    monkeypatch.setattr(_apt, "_written_by", lambda command: calls.append(command) or original(command))
    runs = "".join(f"RUN apt-get install -y --no-install-recommends pkg{i}=1.0\n" for i in range(60))
    text = "FROM debian:12\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/90norec\n" + runs
    linter = Linter(Settings(), rules=[find_rule("DL3015"), find_rule("DL3008")])
    assert linter.lint([SourceFile("Dockerfile", "dockerfile", text)]).findings == []
    assert len(calls) <= 4 * 61  # a few reads per command, not one per earlier RUN for each of 60 RUNs (about 1,800)
