"""The shell scripts of a Dockerfile, as ShellCheck is given them.

Each RUN a POSIX shell runs gives one script (ONBUILD triggers included):

- shell form: the command as Docker passes it to the shell (continuations joined);
  here-documents the command reads (``RUN cat <<EOF >file``) follow it, as the shell
  gets them;
- a here-document that is the script itself (``RUN <<EOF`` alone, or fed to a shell:
  ``RUN <<EOF bash``) is a script of its own, under its ``#!`` line's shell when it
  has one;
- exec form running a shell with ``-c`` (``["bash", "-c", "…"]``): the string after
  the flag, under that shell.

A script declares the ARG and ENV names in scope where it runs (a global ARG only
where the stage declares it again: elsewhere it is empty) and the proxy variables
Docker always passes; an ONBUILD trigger runs in an image built later and declares
only those.
"""

from __future__ import annotations

from itertools import islice

from dlint.models.dockerfile import Dockerfile, Heredoc, Instruction, RunInstruction, Token
from dlint.regex import regex
from dlint.views.dockerfile.shell_dialect import shellcheck_dialect
from dlint.views.embedded_script import EmbeddedScript, program_dialect

#: what every RUN has: the build arguments Docker predefines (``--build-arg`` needs no
#: ARG for them) and HOSTNAME, which the builder sets
DOCKER_VARIABLES = (
    "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy",
    "ALL_PROXY", "all_proxy", "HOSTNAME",
)
#: the most variable names a script declares (a hostile file may define thousands)
MAX_DECLARED = 1000
_MARKER = regex(r"<<-?(?:\"[^\"]*\"|'[^']*'|[^\s<>|&;]+)")
_SHEBANG = regex(r"#!\s*(\S+)(?:[ \t]+(\S+))?")
#: an option cluster of a shell that takes the script from the next argument (-c, -ec, -euxc …)
_C_FLAG = regex(r"-[a-zA-Z]*c[a-zA-Z]*")


def dockerfile_scripts(dockerfile: Dockerfile) -> list[tuple[RunInstruction, EmbeddedScript]]:
    """Every shell script of the Dockerfile's RUN instructions, in file order."""
    found = []
    preamble = _Preamble()
    for instruction in dockerfile.instructions:
        if instruction.stage_index is None:
            preamble.read(instruction)
        trigger = getattr(instruction, "trigger", None)
        run = trigger if trigger is not None else instruction
        if not isinstance(run, RunInstruction):
            continue
        declared = declared_names(dockerfile, run, preamble)
        if run.command.form == "exec":
            script = _exec_script(run, declared)
            if script is not None:
                found.append((run, script))
            continue
        dialect = shellcheck_dialect(dockerfile, run, preamble.shell if run.stage_index is None else None)
        if dialect is not None:
            found.extend((run, script) for script in _shell_form_scripts(run, dialect, declared))
    return found


class _Preamble:
    """What the instructions before the first FROM set (a file without FROM is no valid
    build, but hadolint reads its ENV and SHELL as a stage's, and so does this)."""

    def __init__(self) -> None:
        self.env: dict[str, None] = {}
        self.shell: list[str] | None = None

    def read(self, instruction: Instruction) -> None:
        if instruction.keyword == "ENV":
            for pair in instruction.pairs:
                if len(self.env) < MAX_DECLARED:
                    self.env[pair.key.value] = None
        elif instruction.keyword == "SHELL" and instruction.program:
            self.shell = [token.value for token in instruction.program]


def declared_names(dockerfile: Dockerfile, instruction: Instruction, preamble: _Preamble | None = None) -> tuple[str, ...]:
    """The variable names set where ``instruction`` runs (see the module's docs), at
    most :data:`MAX_DECLARED`."""
    names = dict.fromkeys(DOCKER_VARIABLES)
    if not getattr(instruction, "onbuild", False):
        names.update(dict.fromkeys(islice(dockerfile.variables_at(instruction), MAX_DECLARED)))
        if instruction.stage_index is None and preamble is not None:
            names.update(preamble.env)
    return tuple(islice(names, MAX_DECLARED))


def _script(text: str, dialect: str, declared: tuple[str, ...], segments: list[tuple[int, int, int]],
            anchor: tuple[int, int], edit_style="verbatim", forbidden="\n") -> EmbeddedScript:  # noqa: ANN001
    return EmbeddedScript(text, dialect, tuple(segments), anchor, declared, edit_style=edit_style, forbidden=forbidden)


def _shell_form_scripts(instruction: RunInstruction, dialect: str, declared: tuple[str, ...]) -> list[EmbeddedScript]:
    source = instruction.command.source
    if source is None:
        return []
    span = instruction.command.span
    heredocs = instruction.heredocs
    rest = _MARKER.sub(" ", source.text).split()
    if heredocs and (not rest or (program_dialect(rest[0]) is not None and all(word.startswith("-") for word in rest[1:]))):
        fed_to = program_dialect(rest[0]) if rest else None
        scripts = []
        for heredoc in heredocs:
            script = _heredoc_script(heredoc, fed_to or dialect, declared, shebang=not rest)
            if script is not None:
                scripts.append(script)
        return scripts
    if not source.text.strip():
        return []
    text, segments = source.text, list(source.segments)
    for heredoc in heredocs:  # data the command reads: the shell gets it after the command line
        text, segments = _append(text, segments, "\n", ())
        if heredoc.source is not None:
            text, segments = _append(text, segments, heredoc.source.text, heredoc.source.segments)
        if heredoc.terminator_span is not None:
            terminator = [(0, heredoc.terminator_span.start, len(heredoc.delimiter))]
            text, segments = _append(text, segments, heredoc.delimiter, terminator)
    end = max((h.terminator_span or h.body_span).end for h in heredocs) if heredocs else span.end
    return [_script(text, dialect, declared, segments, (span.start, end))]


def _append(text: str, segments: list, piece: str, piece_segments) -> tuple[str, list]:  # noqa: ANN001
    """``text + piece`` and its segments (``piece_segments``: those of ``piece`` alone)."""
    segments.extend((len(text) + start, file_start, length) for start, file_start, length in piece_segments)
    return text + piece, segments


def _heredoc_script(heredoc: Heredoc, dialect: str, declared: tuple[str, ...], *, shebang: bool) -> EmbeddedScript | None:
    if heredoc.source is None or not heredoc.body.strip():
        return None
    if shebang and heredoc.body.startswith("#!"):
        match = _SHEBANG.match(heredoc.body)
        program = (match.group(2) if match and match.group(1).endswith("/env") else match.group(1) if match else None) or ""
        dialect = program_dialect(program)
        if dialect is None:  # a Python, Perl … script
            return None
    body = heredoc.body_span
    return _script(heredoc.body, dialect, declared, list(heredoc.source.segments), (body.start, body.end), forbidden="")


def _exec_script(instruction: RunInstruction, declared: tuple[str, ...]) -> EmbeddedScript | None:
    """The ``-c`` string of an exec-form RUN that runs a shell."""
    args = instruction.command.exec_args or []
    dialect = program_dialect(args[0].value) if args else None
    if dialect is None:
        return None
    index = 1
    while index < len(args):
        value = args[index].value
        if value in ("-o", "+o", "-O", "+O"):
            index += 2
            continue
        if _C_FLAG.fullmatch(value):
            break
        if not value.startswith(("-", "+")) or value == "--":
            return None  # a script file, not a command string
        index += 1
    if index + 1 >= len(args):
        return None
    token = args[index + 1]
    if not token.value.strip():
        return None
    return _script(token.value, dialect, declared, _json_segments(token), (token.start, token.end), edit_style="json", forbidden="")


def _json_segments(token: Token) -> list[tuple[int, int, int]]:
    """Segments of a JSON string token's value: the runs of characters written as they
    are (escapes belong to no segment)."""
    raw, value = token.raw, token.value
    if len(raw) < 2 or raw[0] != '"':
        return []
    segments: list[tuple[int, int, int]] = []
    text_index, raw_index, run_start = 0, 1, None
    end = len(raw) - 1
    while raw_index < end and text_index < len(value):
        char = raw[raw_index]
        if char == "\\":
            if run_start is not None:
                segments.append((run_start[0], token.start + run_start[1], text_index - run_start[0]))
                run_start = None
            raw_index += 6 if raw[raw_index + 1 : raw_index + 2] == "u" else 2
            text_index += 1
            continue
        if run_start is None:
            run_start = (text_index, raw_index)
        raw_index += 1
        text_index += 1
    if run_start is not None:
        segments.append((run_start[0], token.start + run_start[1], text_index - run_start[0]))
    if text_index != len(value) or any(
        value[start : start + length] != raw[file_start - token.start : file_start - token.start + length]
        for start, file_start, length in segments
    ):
        return []  # escapes read other than one character each (a surrogate pair)
    return segments
