"""DL3028: gem installed without a version."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.packages import INFORMATIONAL, OptionSyntax, pin_message, program_reader, run_invocations, unpinned
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.shell_scopes import command_scopes

#: ``gem install`` options: those taking a value, and the switches. A long
#: option gem does not know (a build option written without ``--`` before it)
#: is read as taking the next word as its value.
GEM_SYNTAX = OptionSyntax(
    valued=frozenset(
        {
            "-v", "--version", "-i", "--install-dir", "-n", "--bindir", "--document", "--build-root",
            "-P", "--trust-policy", "-s", "--source", "-p", "--platform", "-g", "--file", "--without",
            "--config-file", "--target-rbconfig", "-B", "--bulk-threshold",
        }
    ),
    unknown_long_valued=True,
    informational=INFORMATIONAL | {"-v"},  # ``gem -v``; after ``install`` it is a version pin
    known_long=frozenset(
        {
            "--no-document", "--force", "--no-force", "--user-install", "--no-user-install", "--conservative",
            "--minimal-deps", "--no-minimal-deps", "--prerelease", "--no-prerelease", "--pre", "--local",
            "--remote", "--both", "--clear-sources", "--default", "--development", "--development-all",
            "--ignore-dependencies", "--no-ignore-dependencies", "--format-executable",
            "--no-format-executable", "--wrappers", "--no-wrappers", "--env-shebang", "--no-env-shebang",
            "--lock", "--no-lock", "--suggestions", "--no-suggestions", "--post-install-message",
            "--no-post-install-message", "--explain", "--vendor", "--norc", "--verbose", "--no-verbose",
            "--quiet", "--silent", "--backtrace", "--debug", "--update-sources", "--no-update-sources",
            "--http-proxy", "--no-http-proxy", "--no-ri", "--no-rdoc", "--ri", "--rdoc",
        }
    ),
)  # fmt: skip


def gem_version_pinned(gem: str) -> bool:
    """``name:version`` or a local ``.gem`` file."""
    return ":" in gem or gem.endswith(".gem")


class GemVersionNotPinned(Rule):
    """`gem install` installs a gem without naming its version.

    ## Why is this bad?
    Without a version, each build installs whatever rubygems.org offers that
    day, so two builds of the same Dockerfile can differ. Name the version as
    `<gem>:<version>` (`bundler:2.5.6`) or with `-v`/`--version`. Words after
    `--` are build options for the gem, not gems.

    ## Example
    ```dockerfile
    FROM ruby:3.3-slim
    RUN gem install bundler
    ```

    ## Use instead
    ```dockerfile
    FROM ruby:3.3-slim
    RUN gem install bundler:2.5.6
    ```

    ## References
    - [RubyGems docs: gem install](https://guides.rubygems.org/command-reference/#gem-install)
    """

    code = "DL3028"
    name = "gem-version-not-pinned"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"gem"})

    def check_instruction(self, ctx, instruction):
        installs = [
            invocation
            for invocation in run_invocations(ctx, instruction, program_reader(("gem",), GEM_SYNTAX))
            if invocation.subcommand is not None and invocation.subcommand.text in ("install", "i")
        ]
        if not installs:
            return
        scope_of = command_scopes(ctx, instruction)
        for invocation in installs:
            if invocation.has("-v", "--version"):
                continue  # the version applies to the gem(s) named
            build_options = {id(word) for word in invocation.after_double_dash}
            gems = [word for word in invocation.targets if id(word) not in build_options]
            found = list(unpinned(gems, scope_of(invocation.command), gem_version_pinned))
            if found:
                word, text = pin_message(found)
                yield Violation(word.span, f"{text}: `gem install <gem>:<version>`")
