"""DF019: npm, Composer, Bundler or Go leave their download/build caches in the image."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from dlint.engine.rule import Rule
from dlint.knowledge.base_images import toolchain_advice
from dlint.knowledge.go import GO_SYNTAX
from dlint.knowledge.npm import NPM_SYNTAX
from dlint.knowledge.packages import INFORMATIONAL, OptionSyntax, read_invocation
from dlint.models.finding import Severity, Violation
from dlint.models.shell import SimpleCommand
from dlint.regex import regex
from dlint.views.dockerfile.image_chain import base_image, stage_chain
from dlint.views.dockerfile.run import commands, program, programs
from dlint.views.dockerfile.run_paths import covers, mounted, normal_path
from dlint.views.dockerfile.shell_scopes import variables, word_text
from dlint.views.dockerfile.stage_graph import stage_reaches_image

COMPOSER_SYNTAX = OptionSyntax(
    valued=frozenset({"-d", "--working-dir", "--prefer-install", "--format"}), informational=INFORMATIONAL | {"-V"}
)
BUNDLE_SYNTAX = OptionSyntax(
    valued=frozenset({"--gemfile", "--path", "--jobs", "-j", "--retry", "--without", "--with"}),
    informational=INFORMATIONAL | {"-v"},  # ``bundle -v``, ``bundle version`` print Bundler's version
    informational_subcommands=frozenset({"help", "version"}),
)


class Cache(NamedTuple):
    """One package manager's cache: what fills it, what empties it, where it lives."""

    tool: str  # as shown in messages
    program: str  # the command that fills it
    fills: Callable[[SimpleCommand], bool]
    cleans: Callable[[SimpleCommand], bool]
    directories: tuple[str, ...]  # default locations for root
    suffix: str  # regular expression of the location's end under any home or prefix ("/\\.npm")
    settings: tuple[str, ...]  # environment variables that move it ("GEM_HOME/cache": a folder under one)
    advice: str


def _read(command: SimpleCommand, name: str, syntax: OptionSyntax):
    """``command`` read as ``name``; None for another program or one that only
    prints its version or usage (``bundle --version``)."""
    if program(command) != name:  # most commands: no reading at all
        return None
    invocation = read_invocation(command, name, syntax)
    return None if invocation.informational else invocation


def _operands(command: SimpleCommand, name: str, syntax: OptionSyntax, count: int = 2) -> list[str] | None:
    invocation = _read(command, name, syntax)
    return None if invocation is None else [word.text for word in invocation.operands[:count]]


# -- npm ------------------------------------------------------------------------------------

_NPM_INSTALLS = frozenset(
    {
        "install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall", "add",
        "ci", "clean-install", "ic", "install-clean", "isntall-clean", "install-test", "it", "install-ci-test",
        "cit", "update", "up", "upgrade", "udpate",
    }
)  # fmt: skip


def _npm_fills(command: SimpleCommand) -> bool:
    words = _operands(command, "npm", NPM_SYNTAX, 1)
    return bool(words) and words[0] in _NPM_INSTALLS and not _read(command, "npm", NPM_SYNTAX).has("--cache")


def _npm_cleans(command: SimpleCommand) -> bool:
    return _operands(command, "npm", NPM_SYNTAX) in (["cache", "clean"], ["cache", "clear"])


# -- Composer -------------------------------------------------------------------------------

_COMPOSER_INSTALLS = frozenset({"install", "i", "update", "u", "upgrade", "require", "r", "create-project", "global"})


def _composer_fills(command: SimpleCommand) -> bool:
    invocation = _read(command, "composer", COMPOSER_SYNTAX)
    if invocation is None or invocation.has("--no-cache") or invocation.subcommand is None:
        return False
    return invocation.subcommand.text in _COMPOSER_INSTALLS


def _composer_cleans(command: SimpleCommand) -> bool:
    words = _operands(command, "composer", COMPOSER_SYNTAX, 1)
    return bool(words) and words[0] in ("clear-cache", "clearcache", "cc")


# -- Bundler --------------------------------------------------------------------------------


def _bundle_fills(command: SimpleCommand) -> bool:
    words = _operands(command, "bundle", BUNDLE_SYNTAX, 1)
    return words is not None and (not words or words[0] in ("install", "update"))


# -- Go -------------------------------------------------------------------------------------

_GO_BUILDS = frozenset({"build", "install", "test", "run", "vet", "generate"})


def _go_words(command: SimpleCommand) -> list[str] | None:
    return _operands(command, "go", GO_SYNTAX)


def _go_builds(command: SimpleCommand) -> bool:
    words = _go_words(command)
    return bool(words) and words[0] in _GO_BUILDS


def _go_downloads(command: SimpleCommand) -> bool:
    words = _go_words(command)
    if not words:
        return False
    if words[0] == "get" or words[:2] == ["mod", "download"]:
        return True
    invocation = _read(command, "go", GO_SYNTAX)
    vendored = any(option.name == "-mod" and option.value == "vendor" for option in invocation.options)
    return words[0] in ("build", "install", "test", "run") and not vendored


def _go_fills(command: SimpleCommand) -> bool:
    return _go_builds(command) or _go_downloads(command)


def _go_cleans(command: SimpleCommand) -> bool:
    words = _go_words(command)
    return bool(words) and words[0] == "clean" and command.has_flag("-cache", "-modcache")


CACHES = (
    Cache(
        "npm", "npm", _npm_fills, _npm_cleans, ("/root/.npm",), r"/\.npm(/_cacache)?", ("npm_config_cache",),
        "add `npm cache clean --force` after it in the same RUN",
    ),
    Cache(
        "Composer", "composer", _composer_fills, _composer_cleans,
        ("/root/.composer/cache", "/root/.cache/composer", "/tmp/cache"), r"/\.composer/cache|/\.cache/composer",
        ("COMPOSER_CACHE_DIR",), "add `--no-cache` or run `composer clear-cache` after it in the same RUN",
    ),
    Cache(
        "Bundler", "bundle", _bundle_fills, lambda command: False,
        ("/usr/local/bundle/cache", "/root/.bundle/cache"), r"/\.bundle(/cache)?|/bundle/cache|/ruby/[^/]+/cache",
        ("GEM_HOME/cache",),
        'remove `~/.bundle` and `"$BUNDLE_PATH"/ruby/*/cache` (or `$GEM_HOME/cache`) after it in the same RUN',
    ),
    Cache(
        "Go", "go", _go_fills, _go_cleans, ("/root/.cache/go-build", "/go/pkg/mod"), r"/\.cache/go-build|/pkg/mod",
        ("GOCACHE", "GOMODCACHE"), "build in a separate stage, or run `go clean -cache -modcache` after it in the same RUN",
    ),
)  # fmt: skip

#: values of a cache setting that switch the cache off
_NOWHERE = frozenset({"/dev/null"})
_GLOB_TAIL = regex(r"(/\*)+$")


class PackageManagerCacheKept(Rule):
    """npm, Composer, Bundler or Go leave their download or build cache in the image.

    ## Why is this bad?
    Package managers keep a copy of everything they download (and Go of
    everything it compiles) in a cache directory: `~/.npm` for npm, Composer's
    cache directory, the `.gem` archives Bundler keeps next to the installed
    gems, the Go build and module caches. In an image that copy is dead weight,
    often as large as the installed packages themselves, and a later RUN
    cannot take it out of the layer that added it. Clean the cache in the same
    RUN, switch it off (`composer --no-cache`, a cache setting of `/dev/null`),
    or mount a cache over it with `RUN --mount=type=cache,target=…`, which also
    makes rebuilds faster.

    Stages whose files never reach an image (build stages only used through
    `COPY --from`) are not reported. Other managers have rules of their own:
    apt (DL3009), apk (DL3019), pip (DL3042), yarn (DL3060), yum/dnf/zypper
    (DL3032, DL3036, DL3040). pnpm is not checked: its store is hard-linked
    into `node_modules`, so it does not double the space; neither is apt's
    archive of `.deb` files, which the official Debian and Ubuntu images
    already empty after every install. Go is only checked in images that are
    not Go toolchain images (those are DF016's).

    ## Example
    ```dockerfile
    FROM node:22-slim
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --omit=dev
    ```

    ## Use instead
    ```dockerfile
    FROM node:22-slim
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
    ```

    ## References
    - [npm docs: npm cache](https://docs.npmjs.com/cli/commands/npm-cache)
    - [Composer docs: COMPOSER_CACHE_DIR](https://getcomposer.org/doc/03-cli.md#composer-cache-dir)
    - [Go docs: build and test caching](https://pkg.go.dev/cmd/go#hdr-Build_and_test_caching)
    - [Docker docs: cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    """

    code = "DF019"
    name = "package-manager-cache-kept"
    severity = Severity.INFO
    category = "performance"
    kind = "dockerfile"
    instructions = frozenset({"RUN"})

    def check_instruction(self, ctx, instruction):
        run_programs = programs(ctx, instruction)
        caches = [cache for cache in CACHES if cache.program in run_programs]  # nothing else fills one
        if not caches or not stage_reaches_image(ctx, instruction):
            return
        run_commands = commands(ctx, instruction)
        scope = variables(ctx, instruction)
        for cache in caches:
            if cache.tool == "Go" and _toolchain_image(ctx, instruction):
                continue  # DF016's finding, or a development image that wants its caches
            settings = [_setting(scope, name) for name in cache.settings]
            if any(value in _NOWHERE for value in settings):
                continue
            directories = tuple(value for value in settings if value) or cache.directories
            pending = None  # the first command that fills the cache after the last clean
            for command in run_commands:
                if cache.fills(command) and not _disabled_inline(command, cache.settings):
                    pending = pending or command
                elif pending is not None and (cache.cleans(command) or _removes(command, cache, directories, scope)):
                    pending = None
            if pending is None or _mounted(instruction, cache, directories):
                continue
            subcommand = next((word.text for word in pending.arguments if not word.text.startswith("-")), "")
            yield Violation(
                pending.name.span,
                f"{cache.tool} keeps its cache in the image after `{pending.program} {subcommand}`: {cache.advice}",
            )


def _toolchain_image(ctx, instruction) -> bool:
    """The RUN's stage is built on a Go (or other toolchain) image."""
    if instruction.stage_index is None or instruction.onbuild:
        return False
    chain = stage_chain(ctx.dockerfile, ctx.dockerfile.stages[instruction.stage_index])
    image = base_image(chain)
    return image is not None and image.resolved and toolchain_advice(image) is not None


def _setting(scope, setting: str) -> str | None:
    """Where a cache location variable puts the cache (npm reads its settings in any case)."""
    name, _, below = setting.partition("/")
    for key, value in scope.items():
        if key == name or (name.startswith("npm_") and key.lower() == name):
            if not value or value in _NOWHERE:
                return value or None
            return normal_path(f"{value}/{below}" if below else value)
    return None


def _disabled_inline(command: SimpleCommand, settings: tuple[str, ...]) -> bool:
    """``COMPOSER_CACHE_DIR=/dev/null composer install``."""
    names = {setting.partition("/")[0].lower() for setting in settings}
    return any(
        assignment.name.lower() in names and assignment.value is not None and assignment.value.text in _NOWHERE
        for assignment in command.assignments
    )


def _removes(command: SimpleCommand, cache: Cache, directories, scope) -> bool:
    if command.program != "rm":
        return False
    for word in command.arguments:
        text = word_text(word, scope) or word.raw.strip("\"'")
        if text.startswith("-"):
            continue
        path = _GLOB_TAIL.sub("", normal_path(text))
        if any(covers(path, directory) for directory in directories) or _ends_in(path, cache):
            return True
    return False


def _ends_in(path: str, cache: Cache) -> bool:
    return re.search(f"({cache.suffix})$", path) is not None


def _mounted(instruction, cache: Cache, directories) -> bool:
    if any(mounted(instruction, directory) for directory in directories):
        return True
    return any(
        mount.type in ("cache", "tmpfs") and _ends_in(normal_path(mount.target or ""), cache)
        for mount in instruction.mounts
    )
