"""Shared logic of the rpm-family package manager rules: yum (DL3030, DL3032,
DL3033), dnf/dnf5/microdnf (DL3038, DL3040, DL3041) and zypper (DL3034–DL3037).

A command of one of these managers is read (options split with
:mod:`dlint.knowledge.packages`) into an :class:`RpmInvocation`: the canonical
action (``install`` for ``in``/``localinstall``/``groupinstall``…), the scope
(``module``/``group`` for ``dnf module install``, ``yum groupinstall``) and the
operands after the action. Around that:

- :func:`missing_yes`: actions that would ask for confirmation, without the
  manager's yes flag;
- :func:`missing_clean`: a package download after which the same tool never
  cleans its cache in that RUN (``clean all``, ``rm -rf`` of the cache
  directory; a cache or tmpfs mount over the cache directory makes it moot);
- :func:`unpinned_rpm_packages` with :func:`rpm_version_pinned`,
  :func:`module_stream_pinned` and :func:`zypper_version_pinned`;
- :func:`package_scope`: the variables a package argument may use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from dlint.engine.context import DockerfileContext
from dlint.knowledge.packages import Invocation, OptionSyntax, insert_after, read_invocation, unpinned
from dlint.models.base import Frozen, field
from dlint.models.dockerfile import Dockerfile, Instruction, KeyValueInstruction
from dlint.models.finding import Fix
from dlint.models.shell import SimpleCommand, Word
from dlint.parsers.dockerfile.variables import UnknownScope
from dlint.views.dockerfile.run import commands, inserted_argument
from dlint.views.dockerfile.run_paths import mounted, removes_path
from dlint.views.dockerfile.shell_scopes import command_scopes


class Manager(Frozen):
    """How one package manager's command line reads."""

    programs: frozenset[str]
    syntax: OptionSyntax
    #: subcommand word → canonical action
    actions: Mapping[str, str]
    #: subcommand words followed by their own action (``module install``) → scope
    scopes: Mapping[str, str]
    #: one-word scoped subcommands (``groupinstall``) → (scope, action)
    scoped_actions: Mapping[str, tuple[str, str]]
    #: options that answer prompts (any of them is enough)
    yes_options: frozenset[str]
    #: actions that may ask for confirmation
    prompting: frozenset[str]
    #: actions that download packages into the cache
    downloading: frozenset[str]
    #: directories holding the manager's cache
    cache_dirs: tuple[str, ...]
    #: program names that are the same tool (``dnf5`` is ``dnf``)
    same_tool: Mapping[str, str] = field(default_factory=dict)


class RpmInvocation(Frozen):
    """One command of a package manager, read."""

    invocation: Invocation
    manager: Manager
    action: str | None  # canonical action, None when not recognised
    scope: str | None  # "module" or "group", else None
    action_word: Word | None  # the word naming the action
    operands: tuple[Word, ...]  # operands after the action word(s)

    @property
    def command(self) -> SimpleCommand:
        return self.invocation.command

    @property
    def tool(self) -> str:
        return self.invocation.tool

    @property
    def name_word(self) -> Word:
        return self.invocation.name_word

    @property
    def verb(self) -> str:
        """The program and action as written, for messages: ``dnf module install``."""
        words = [self.command.program or self.tool]
        if self.action_word is not None:
            for word in self.invocation.operands:
                words.append(word.text)
                if word is self.action_word:
                    break
        return " ".join(words)


_RPM_SYNTAX = OptionSyntax(
    valued=frozenset(
        {
            "-c", "--config", "--installroot", "--releasever", "--enablerepo", "--disablerepo",
            "--repo", "--repoid", "-x", "--exclude", "--setopt", "-d", "--debuglevel", "-e",
            "--errorlevel", "--rpmverbosity", "--forcearch", "--downloaddir", "--destdir",
            "--color", "--repofrompath", "--comment", "--advisory", "--advisories", "--bz",
            "--cve", "--sec-severity", "--secseverity", "--setvar", "--use",
        }
    )
)  # fmt: skip

_RPM_ACTIONS = {
    "install": "install", "in": "install", "localinstall": "install",
    "reinstall": "reinstall", "rei": "reinstall",
    "upgrade": "upgrade", "up": "upgrade", "update": "upgrade",
    "upgrade-minimal": "upgrade", "up-min": "upgrade", "update-minimal": "upgrade",
    "distro-sync": "upgrade", "dsync": "upgrade", "distrosync": "upgrade",
    "downgrade": "downgrade", "dg": "downgrade", "swap": "swap",
    "remove": "remove", "rm": "remove", "erase": "remove", "autoremove": "remove",
    "enable": "enable", "disable": "disable", "reset": "reset", "switch-to": "switch-to",
    "clean": "clean",
}  # fmt: skip

_RPM_SCOPES = {"module": "module", "group": "group", "groups": "group"}

_RPM_SCOPED = {
    "groupinstall": ("group", "install"),
    "groupupdate": ("group", "upgrade"),
    "groupremove": ("group", "remove"),
    "grouperase": ("group", "remove"),
}

#: where yum, dnf, dnf5 and microdnf keep downloaded packages and metadata
RPM_CACHE_DIRS = ("/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5")

_RPM_PROMPTING = frozenset(
    {"install", "reinstall", "upgrade", "downgrade", "swap", "remove", "enable", "disable", "reset", "switch-to"}
)
_RPM_DOWNLOADING = frozenset({"install", "reinstall", "upgrade", "downgrade", "swap"})

YUM = Manager(
    programs=frozenset({"yum"}),
    syntax=_RPM_SYNTAX,
    actions=_RPM_ACTIONS,
    scopes=_RPM_SCOPES,
    scoped_actions=_RPM_SCOPED,
    yes_options=frozenset({"-y", "--assumeyes"}),
    prompting=_RPM_PROMPTING,
    downloading=_RPM_DOWNLOADING,
    cache_dirs=RPM_CACHE_DIRS,
)

DNF = Manager(
    programs=frozenset({"dnf", "dnf5", "microdnf"}),
    syntax=_RPM_SYNTAX,
    actions=_RPM_ACTIONS,
    scopes=_RPM_SCOPES,
    scoped_actions=_RPM_SCOPED,
    yes_options=frozenset({"-y", "--assumeyes"}),
    prompting=_RPM_PROMPTING,
    downloading=_RPM_DOWNLOADING,
    cache_dirs=RPM_CACHE_DIRS,
    same_tool={"dnf5": "dnf"},
)

ZYPPER = Manager(
    programs=frozenset({"zypper"}),
    syntax=OptionSyntax(
        valued=frozenset(
            {
                "-c", "--config", "-R", "--root", "-D", "--reposd-dir", "-C", "--cache-dir",
                "--raw-cache-dir", "--solv-cache-dir", "--pkg-cache-dir", "-p", "--plus-repo",
                "--installroot", "--userdata", "-t", "--type", "-r", "--repo", "--from",
                "--download",
            }
        )
    ),  # fmt: skip
    actions={
        "install": "install", "in": "install",
        "remove": "remove", "rm": "remove",
        "update": "upgrade", "up": "upgrade",
        "dist-upgrade": "dist-upgrade", "dup": "dist-upgrade",
        "patch": "patch",
        "source-install": "source-install", "si": "source-install",
        "install-new-recommends": "install-new-recommends", "inr": "install-new-recommends",
        "verify": "verify", "ve": "verify",
        "clean": "clean", "cc": "clean",
    },  # fmt: skip
    scopes={},
    scoped_actions={},
    yes_options=frozenset({"-n", "--non-interactive", "-y", "--no-confirm"}),
    prompting=frozenset(
        {"install", "remove", "upgrade", "dist-upgrade", "patch", "source-install", "install-new-recommends", "verify"}
    ),
    downloading=frozenset({"install", "upgrade", "dist-upgrade", "patch", "source-install", "install-new-recommends"}),
    cache_dirs=("/var/cache/zypp",),
)


def read(command: SimpleCommand, manager: Manager) -> RpmInvocation | None:
    """``command`` read as a ``manager`` command, or None when it is not one
    (or only prints a version or usage)."""
    program = command.program
    if program not in manager.programs:
        return None
    invocation = read_invocation(command, manager.same_tool.get(program, program), manager.syntax)
    if invocation.informational:
        return None  # ``dnf --version``
    words = invocation.operands
    action: str | None = None
    scope: str | None = None
    action_word = words[0] if words else None
    rest = words[1:]
    if action_word is not None:
        first = action_word.text
        if first in manager.scoped_actions:
            scope, action = manager.scoped_actions[first]
        elif first in manager.scopes:
            scope = manager.scopes[first]
            if rest:
                action_word, rest = rest[0], rest[1:]
                action = manager.actions.get(action_word.text)
        else:
            action = manager.actions.get(first)
    return RpmInvocation(invocation, manager, action, scope, action_word, rest)


def invocations(run_commands: Iterable[SimpleCommand], manager: Manager) -> Iterator[RpmInvocation]:
    """The ``manager`` commands among ``run_commands``, read, in order."""
    for command in run_commands:
        invocation = read(command, manager)
        if invocation is not None:
            yield invocation


# -- prompts --------------------------------------------------------------------------


def missing_yes(
    ctx: DockerfileContext, instruction: Instruction, manager: Manager, option: str
) -> Iterator[tuple[RpmInvocation, Fix]]:
    """Prompting invocations without a yes option, each with a fix inserting
    ``option`` after the program name (unsafe for microdnf, whose older releases
    reject ``-y``)."""
    for invocation in invocations(commands(ctx, instruction), manager):
        if invocation.action in manager.prompting and not invocation.invocation.has(*manager.yes_options):
            text = inserted_argument(instruction, option)
            safe = invocation.tool != "microdnf"
            fix = insert_after(ctx, invocation.name_word, text, f"Add `{option}`", safe=safe)
            yield invocation, fix


# -- cache cleaning -------------------------------------------------------------------


def cleans(invocation: RpmInvocation) -> bool:
    """A ``clean all`` (yum, dnf) or ``clean``/``cc`` (zypper)."""
    if invocation.action != "clean":
        return False
    if invocation.manager is ZYPPER:
        return True
    return any(word.text == "all" for word in invocation.operands)


def uncleaned(run_commands: list[SimpleCommand], manager: Manager) -> list[RpmInvocation]:
    """Downloading invocations not followed by a clean of the same tool or an
    ``rm -r`` of a cache directory: for each tool, the first download after
    its last clean."""
    last_clean: dict[str, int] = {}
    removed_at = -1
    read_commands: list[tuple[int, RpmInvocation]] = []
    for index, command in enumerate(run_commands):
        invocation = read(command, manager)
        if invocation is None:
            if command.program == "rm" and command.has_flag("-r", "-R", "--recursive") and any(
                removes_path(command, directory) for directory in manager.cache_dirs
            ):
                removed_at = index
            continue
        if cleans(invocation):
            last_clean[invocation.tool] = index
        read_commands.append((index, invocation))
    found: list[RpmInvocation] = []
    reported: set[str] = set()
    for index, invocation in read_commands:
        if invocation.action not in manager.downloading or invocation.tool in reported:
            continue
        if index > max(last_clean.get(invocation.tool, -1), removed_at):
            found.append(invocation)
            reported.add(invocation.tool)
    return found


def missing_clean(ctx: DockerfileContext, instruction: Instruction, manager: Manager) -> list[RpmInvocation]:
    """:func:`uncleaned` for one RUN; nothing when it mounts a cache or tmpfs
    over a cache directory."""
    if any(mounted(instruction, directory) for directory in manager.cache_dirs):
        return []
    return uncleaned(commands(ctx, instruction), manager)


# -- version pins ---------------------------------------------------------------------

_VERSION_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.~^_:+")


def rpm_version_pinned(package: str) -> bool:
    """``name-version[-release]`` as yum and dnf read it: an ``.rpm`` file, or
    a name followed by ``-`` parts made of version characters, one of which
    starts with a digit (``gcc-c++-1.1.1``, ``openssl-1:1.1.1k``; not
    ``rpm-sign``)."""
    if package.endswith(".rpm"):
        return True
    parts = package.split("-")[1:]
    if not parts:
        return False
    return all(set(part) <= _VERSION_CHARS for part in parts) and any(part[:1].isdigit() for part in parts)


def module_stream_pinned(module: str) -> bool:
    """``name:stream`` (``nodejs:18``) names a module stream."""
    return ":" in module


def zypper_version_pinned(package: str) -> bool:
    """``name=version``, ``name>=version``, ``name<version``… or an ``.rpm`` file."""
    return any(operator in package for operator in ("=", "<", ">")) or package.endswith(".rpm")


class _PackageScope(dict):
    """Dockerfile variables as a package argument sees them. A name the
    Dockerfile declares somewhere but not in scope here expands to nothing; a
    name it never declares may be a shell variable (``for p in …``) or come
    from the base image, so its value is unknown."""

    def __init__(self, values: Mapping[str, str | None], declared: set[str] | None) -> None:
        super().__init__(values)
        self.declared = declared  # None: every name is unknown

    def __contains__(self, name: object) -> bool:
        return True

    def __missing__(self, name: str) -> str | None:
        return "" if self.declared is not None and name in self.declared else None

    def get(self, name: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return self[name]  # every name is in scope: ``__missing__`` decides


def package_scope(ctx: DockerfileContext, instruction: Instruction) -> Mapping[str, str | None]:
    """Variables a package argument of ``instruction`` may use, with their values.

    The ARG/ENV in scope, plus (as hadolint does) the default of an ARG
    declared earlier in another stage, and an ENV before the first FROM (see
    :class:`_PackageScope` for other names). In an ONBUILD trigger every
    variable is unknown: it expands in a later build.
    """
    known = ctx.dockerfile.variables_at(instruction)
    if instruction.onbuild or isinstance(known, UnknownScope):  # past a parser limit, nothing is known
        return _PackageScope({}, None)
    scope = dict(known)
    declarations, declared = _declarations(ctx.dockerfile)
    for start, keyword, pairs in declarations:
        if start >= instruction.span.start:
            break
        # an ENV before any FROM (an invalid file) still counts for what follows it there
        if keyword == "ARG" or instruction.stage_index is None:
            for name, value in pairs:
                scope.setdefault(name, value)
    return _PackageScope(scope, declared)


#: the Dockerfile last asked about, with its declarations (a RUN-heavy file asks once per RUN)
_last_declarations: tuple[Dockerfile, list[tuple[int, str, list[tuple[str, str | None]]]], set[str]] | None = None


def _declarations(
    dockerfile: Dockerfile,
) -> tuple[list[tuple[int, str, list[tuple[str, str | None]]]], set[str]]:
    """Every ARG and ENV of ``dockerfile`` as (offset, keyword, [(name, value)]), in
    order, and the set of names they declare."""
    global _last_declarations
    last = _last_declarations
    if last is not None and last[0] is dockerfile:
        return last[1], last[2]
    found = []
    declared: set[str] = set()
    for instruction in dockerfile.instructions:
        if isinstance(instruction, KeyValueInstruction) and instruction.keyword in ("ARG", "ENV"):
            pairs = [(pair.key.value, pair.value.value if pair.value is not None else None) for pair in instruction.pairs]
            declared.update(name for name, _ in pairs)
            found.append((instruction.span.start, instruction.keyword, pairs))
    _last_declarations = (dockerfile, found, declared)
    return found, declared


def unpinned_rpm_packages(
    ctx: DockerfileContext, instruction: Instruction, manager: Manager
) -> Iterator[tuple[RpmInvocation, list[tuple[Word, str]]]]:
    """Each ``install`` invocation (yum, dnf, zypper) with its operands that
    name no version, as :func:`~dlint.knowledge.packages.unpinned` gives them:
    packages without ``-<version>`` (zypper: ``=<version>``), modules without
    ``:<stream>``. Groups, ``@``-specs, zypper patterns (``-t pattern``) and
    words whose value is unknown are left alone; variables are expanded with
    :func:`package_scope` and the shell assignments before the command."""
    scope_of: Callable[[SimpleCommand], Mapping[str, str | None]] | None = None
    for invocation in invocations(commands(ctx, instruction), manager):
        if invocation.action != "install" or invocation.scope == "group" or _installs_other_kind(invocation):
            continue
        if scope_of is None:
            scope_of = command_scopes(ctx, instruction, package_scope(ctx, instruction))
        found = list(unpinned(invocation.operands, scope_of(invocation.command), _pin_check(invocation)))
        if found:
            yield invocation, found


def _pin_check(invocation: RpmInvocation) -> Callable[[str], bool]:
    if invocation.manager is ZYPPER:
        return zypper_version_pinned
    if invocation.scope == "module":
        return module_stream_pinned
    return lambda package: package.startswith("@") or rpm_version_pinned(package)


def _installs_other_kind(invocation: RpmInvocation) -> bool:
    """zypper's ``-t``/``--type`` names something other than packages (pattern, patch, product)."""
    if invocation.manager is not ZYPPER:
        return False
    option = invocation.invocation.option("-t", "--type")
    return option is not None and option.value is not None and option.value != "package"
