"""DL3027: `apt` used in a Dockerfile instead of apt-get or apt-cache."""

from __future__ import annotations

from dlint.engine.rule import Rule
from dlint.knowledge.apt import read_apt
from dlint.knowledge.packages import insert_after
from dlint.models.finding import Severity, Violation
from dlint.views.dockerfile.run import commands, programs

#: apt subcommands apt-get runs the same way (``upgrade`` is not one: apt's
#: upgrade installs new dependencies where apt-get's holds packages back)
_APT = frozenset({"apt"})
_APT_GET_SAME = frozenset(
    {"install", "reinstall", "update", "remove", "purge", "autoremove", "autopurge", "clean", "autoclean",
     "source", "build-dep", "download", "changelog", "check", "satisfy", "dist-upgrade"}
)  # fmt: skip
#: apt subcommands that are apt-cache's
_APT_CACHE_SAME = frozenset({"search", "show", "showsrc", "policy", "depends", "rdepends", "showpkg", "pkgnames"})


class AptInsteadOfAptGet(Rule):
    """`apt` is used instead of `apt-get` or `apt-cache`.

    ## Why is this bad?
    `apt` is made for people at a terminal: its output and behaviour may change
    between releases and it warns that it "does not have a stable CLI
    interface". In scripts such as a Dockerfile, use `apt-get` to install and
    remove packages and `apt-cache` to query them.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN apt install -y --no-install-recommends curl=7.88.1-10+deb12u5
    ```

    ## Use instead
    ```dockerfile
    FROM debian:12
    RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
    ```

    ## Fix safety
    The fix renames `apt` to `apt-get` for the subcommands apt-get runs the
    same way (`install`, `update`, `remove`…) and to `apt-cache` for queries
    (`search`, `show`, `policy`…); it is safe. `apt upgrade` and
    `apt full-upgrade` get an unsafe fix (`apt-get upgrade` holds back packages
    that need new dependencies; `full-upgrade` becomes `dist-upgrade`);
    `apt list` and other subcommands without a counterpart get none.

    ## References
    - [apt(8) manual: script usage](https://manpages.debian.org/stable/apt/apt.8.en.html)
    """

    code = "DL3027"
    name = "apt-instead-of-apt-get"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})
    markers = frozenset({"apt"})
    fix_available = True

    def check_instruction(self, ctx, instruction):
        if "apt" not in programs(ctx, instruction):
            return
        for command in commands(ctx, instruction):
            invocation = read_apt(command, _APT)
            if invocation is None:
                continue
            yield Violation(
                invocation.name_word.span,
                "Use `apt-get` or `apt-cache` instead of `apt`, whose command line is not stable for scripts",
                self._fix(ctx, invocation),
            )

    @staticmethod
    def _fix(ctx, invocation):
        name = invocation.name_word
        subcommand = invocation.subcommand
        if subcommand is None or subcommand.value is None or not name.raw.endswith("apt"):
            return None
        action = subcommand.value
        if action in _APT_GET_SAME:
            return insert_after(ctx, name, "-get", "Use `apt-get`")
        if action in _APT_CACHE_SAME:
            return insert_after(ctx, name, "-cache", "Use `apt-cache`")
        if action == "upgrade":
            return insert_after(ctx, name, "-get", "Use `apt-get`", safe=False)
        if action == "full-upgrade" and subcommand.raw == "full-upgrade":
            edits = [(ctx.span(name.span.end, name.span.end), "-get"), (subcommand.span, "dist-upgrade")]
            return ctx.fix("Use `apt-get dist-upgrade`", edits, safe=False)
        return None
