"""One logical line (plus its heredoc bodies) to one typed instruction node."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from dlint.models import dockerfile as m
from dlint.models.base import construct
from dlint.parsers.dockerfile.flags import BOOL, BOOL_VALUES, KNOWN_FLAGS, MOUNT_TYPES, mount_options, value_problem
from dlint.parsers.dockerfile.lexer import HeredocBody, Lexer, Logical, sub_segments
from dlint.parsers.dockerfile.positions import Positions
from dlint.parsers.dockerfile.words import parse_json_array, split_words, unquote, word_pattern
from dlint.regex import regex

new_tuple = tuple.__new__
Span = m.Span
#: sorts after any segment's other items: ``bisect_right(segments, (index, _AFTER))``
_AFTER = float("inf")

KEYWORD = regex(r"\s*(\S+)\s*")
BLANKS = regex(r"\s*")
HEREDOC_MARKER = regex(r"""(?<!\S)(\d*)<<(?!<)(-?)[ \t]*(?:"([^"\s]*)"|'([^'\s]*)'|([^\s"'<>|&;()]+))""")
COMMAND_SEPARATOR = regex(r"&&|\|\||[;|&()\n]")
REDIRECTION = regex(r"\d*(?:[<>]&?|>>|&>)")
STAGE_NAME = regex(r"[a-z][a-z0-9\-_.]*")

HEREDOC_KEYWORDS = frozenset({"RUN", "COPY", "ADD"})
#: ONBUILD triggers are read this many levels deep (``ONBUILD ONBUILD RUN x``,
#: which Docker refuses and DL3043 reports); a deeper ONBUILD keeps its trigger
#: unread, with a syntax issue (this bounds the builder's recursion)
MAX_ONBUILD_NESTING = 2


class InstructionBuilder:
    """Builds instruction nodes for one file; collects syntax issues."""

    def __init__(self, lexer: Lexer, positions: Positions, issues: list[m.SyntaxIssue]) -> None:
        self.lexer = lexer
        self.escape = lexer.escape
        self.positions = positions
        self.issues = issues
        self.words = word_pattern(lexer.escape)
        self.raw_values: dict[int, str] = {}  # flag id -> value as written (quotes kept)

    # -- positions -------------------------------------------------------------
    def span(self, start: int, end: int) -> m.Span:
        return self.positions.span(start, end)

    def text_span(self, line: Logical, start: int, end: int) -> m.Span:
        segments = line.segments
        if len(segments) == 1:  # one physical line: no bisect needed
            base = segments[0][1]
            column = base - line.line_start + 1
            return new_tuple(Span, (base + start, base + end, line.line, column + start, line.line, column + end))
        # Logical.offset(start) and Logical.end_offset(end), inlined
        text_start, file_start, _ = segments[max(bisect_right(segments, (start, _AFTER)) - 1, 0)]
        file_start += start - text_start
        if end > 0:
            text_start, file_end, _ = segments[max(bisect_right(segments, (end - 1, _AFTER)) - 1, 0)]
            file_end += end - text_start
        else:
            file_end = file_start
        return self.positions.span(file_start, max(file_end, file_start))

    def token(self, line: Logical, start: int, end: int, value: str | None = None) -> m.Token:
        raw = line.text[start:end]
        if value is None:
            escape = self.escape
            value = unquote(raw, escape) if '"' in raw or "'" in raw or escape in raw else raw
        segments = line.segments
        if len(segments) == 1:  # inlined text_span: the common case
            base = segments[0][1]
            column = base - line.line_start + 1
            number = line.line
            return new_tuple(m.Token, (value, raw, base + start, base + end, number, column + start, number, column + end))
        return new_tuple(m.Token, (value, raw, *self.text_span(line, start, end)))

    def tokens(self, line: Logical, spans: list[tuple[int, int]]) -> list[m.Token]:
        return [self.token(line, start, end) for start, end in spans]

    def tokens_between(self, line: Logical, start: int, end: int) -> list[m.Token]:
        """The words of ``line.text[start:end]`` as tokens."""
        return self.tokens(line, split_words(line.text, self.escape, start, end))

    def issue(self, message: str, span: m.Span) -> None:
        self.issues.append(construct(m.SyntaxIssue, {"message": message, "span": span}))

    # -- entry -----------------------------------------------------------------
    def read(self, line: Logical) -> m.Instruction:
        """The instruction of ``line``; reads its heredoc bodies from the lexer."""
        keyword_match = KEYWORD.match(line.text)
        assert keyword_match is not None
        written = keyword_match.group(1)
        keyword = heredoc_keyword = written.upper()
        if keyword == "ONBUILD":
            trigger = KEYWORD.match(line.text, keyword_match.end())
            heredoc_keyword = trigger.group(1).upper() if trigger and trigger.group(1) else ""
        heredocs: list[tuple[re.Match[str], HeredocBody]] = []
        if heredoc_keyword in HEREDOC_KEYWORDS and "<<" in line.text:
            for marker in HEREDOC_MARKER.finditer(line.text, keyword_match.end()):
                delimiter = marker.group(3) or marker.group(4) or marker.group(5)
                if delimiter is None or delimiter == "":
                    continue
                body = self.lexer.read_heredoc(delimiter, bool(marker.group(2)))
                heredocs.append((marker, body))
        end = line.end
        for _, body in heredocs:
            end = body.terminator[1] if body.terminator else max(end, body.body_end)
        return self.instruction(line, keyword_match, written, keyword, end, heredocs, depth=0)

    def instruction(
        self,
        line: Logical,
        keyword_match: re.Match[str],
        written: str,
        keyword: str,
        end: int,
        heredocs: list[tuple[re.Match[str], HeredocBody]],
        depth: int,
    ) -> m.Instruction:
        """The instruction whose keyword ``KEYWORD`` matched (as ``written``, upper-case
        ``keyword``); ``depth``: how many ONBUILD keywords come before it."""
        text = line.text
        keyword_start, keyword_end = keyword_match.span(1)
        segments = line.segments
        fields: dict[str, Any] = {"keyword": keyword, "onbuild": True} if depth else {"keyword": keyword}
        if len(segments) == 1 and end <= line.end:  # one physical line: no bisect needed
            base = segments[0][1]
            column = base - line.line_start + 1
            number = line.line
            fields["span"] = new_tuple(Span, (base + keyword_start, end, number, column + keyword_start, number, end - line.line_start + 1))
        else:
            fields["span"] = self.span(line.offset(keyword_start), end)
        if keyword_end <= segments[0][0] + segments[0][2] or keyword_start >= segments[-1][0]:  # keyword on one line
            if written != keyword:
                fields["_written"] = written
        else:
            fields["keyword_token"] = self.token(line, keyword_start, keyword_end, written)
        rest = keyword_match.end()
        if keyword == "ONBUILD":
            fields["arguments"] = []
            fields["text"] = text[rest:].strip()
            return construct(self.onbuild(line, fields, rest, end, heredocs, depth), fields)
        if text.startswith("--", rest):  # no flags: left out, made empty on first use (see construct)
            fields["flags"], rest = self.flags(line, keyword, rest)
        limit = len(text.rstrip()) if text[-1:].isspace() else len(text)
        fields["text"] = text[rest:limit]
        handler = _HANDLERS.get(keyword)
        # word spans only for handlers that read them (a huge RUN line is never split)
        words = split_words(text, self.escape, rest, limit) if handler not in _WORDLESS else None
        if handler is None:
            self.issue(f"unknown instruction {written!r}", _keyword_span(fields))
            cls: type[m.Instruction] = m.GenericInstruction
        else:
            cls = handler(self, line, fields, rest, limit, words, heredocs)
        if "arguments" in fields:
            return construct(cls, fields)
        # made on first use: see Instruction.__getattr__
        if words is None:
            fields["_lazy_arguments"] = (InstructionBuilder.tokens_between, self, line, rest, limit)
        else:
            fields["_lazy_arguments"] = (InstructionBuilder.tokens, self, line, words)
        return construct(cls, fields)

    # -- flags -----------------------------------------------------------------
    def flags(self, line: Logical, keyword: str, index: int) -> tuple[list[m.Flag], int]:
        text = line.text
        result: list[m.Flag] = []
        known = KNOWN_FLAGS.get(keyword, {})
        while text.startswith("--", index):
            match = self.words.match(text, index)
            if match is None:
                break
            start, stop = match.span()
            word = match.group()
            following = BLANKS.match(text, stop).end()
            if word == "--":
                index = following
                break
            name_part, equals, raw_value = word[2:].partition("=")
            name = name_part.lower()
            value = unquote(raw_value, self.escape) if equals else None
            name_end = start + 2 + len(name_part)
            span = self.text_span(line, start, stop)
            if span[2] == span[4]:  # on one line: the parts by arithmetic
                first, _, number, column, _, end_column = span
                width = name_end - start
                name_span = new_tuple(Span, (first, first + width, number, column, number, column + width))
                value_span = new_tuple(Span, (first + width + 1, span[1], number, column + width + 1, number, end_column)) if equals else None
            else:
                name_span = self.text_span(line, start, name_end)
                value_span = self.text_span(line, name_end + 1, stop) if equals else None
            flag = construct(m.Flag, {"name": name, "value": value, "span": span, "name_span": name_span, "value_span": value_span})
            result.append(flag)
            if equals:
                self.raw_values[id(flag)] = raw_value
            kind = known.get(name)
            if kind is None:
                self.issue(f"{keyword} has no flag --{name_part}", flag.span)
            elif kind == BOOL:
                if value is not None and value not in BOOL_VALUES:
                    self.issue(f"--{name} takes true or false, not {value!r}", flag.span)
            elif not value:
                self.issue(f"--{name} needs a value (--{name}=...)", flag.span)
            else:
                problem = value_problem(keyword, name, value)
                if problem:
                    self.issue(problem, flag.span)
            index = following
        return result, index

    # -- commands and heredocs -------------------------------------------------
    def command(self, line: Logical, start: int, limit: int, keyword: str) -> m.Command:
        text = line.text
        fields: dict[str, Any] = {"span": self.text_span(line, start, limit)}
        if start < limit and text[start] == "[":
            items, problem = parse_json_array(text[start:limit])
            if items is not None:
                fields["form"] = "exec"
                fields["exec_args"] = [self.token(line, start + a, start + b, value) for a, b, value in items]
                return construct(m.Command, fields)
            fields["invalid_json"] = True
            if problem:
                self.issue(f"{keyword}: {problem}", fields["span"])
        shell = text[start:limit]
        fields["form"] = "shell"
        fields["shell"] = m.Token.at(shell, shell, fields["span"])
        fields["source"] = construct(m.SourceSlice, {"text": shell, "segments": sub_segments(line.segments, start, limit)})
        return construct(m.Command, fields)

    def heredoc(self, line: Logical, marker: re.Match[str], body: HeredocBody, keyword: str, fed_to: str | None = None) -> m.Heredoc:
        """A heredoc of ``keyword``; for RUN, ``fed_to`` is the command it feeds (None: a script)."""
        quoted = marker.group(3) is not None or marker.group(4) is not None
        delimiter = marker.group(3) or marker.group(4) or marker.group(5)
        marker_span = self.text_span(line, marker.start(), marker.end())
        if body.terminator is None:
            self.issue(f"heredoc {delimiter!r} is not terminated: no line {delimiter!r} ends it", marker_span)
        interpreter, script = None, False
        if keyword == "RUN":
            interpreter = fed_to
            script = interpreter is None
        if interpreter is None and body.text.startswith("#!"):
            interpreter = _shebang_program(body.text)
        return construct(
            m.Heredoc,
            {
                "delimiter": delimiter,
                "quoted": quoted,
                "strip_tabs": bool(marker.group(2)),
                "body": body.text,
                "marker_span": marker_span,
                "body_span": self.span(body.body_start, body.body_end),
                "terminator_span": self.span(*body.terminator) if body.terminator else None,
                "interpreter": interpreter,
                "source": construct(m.SourceSlice, {"text": body.text, "segments": body.segments}),
                "script": script,
            },
        )

    # -- ONBUILD ---------------------------------------------------------------
    def onbuild(
        self,
        line: Logical,
        fields: dict[str, Any],
        rest: int,
        end: int,
        heredocs: list[tuple[re.Match[str], HeredocBody]],
        depth: int,
    ) -> type[m.OnbuildInstruction]:
        trigger = None
        if rest >= len(line.text.rstrip()):
            self.issue("ONBUILD needs an instruction to run later", _keyword_span(fields))
        elif depth == MAX_ONBUILD_NESTING:
            message = f"ONBUILD triggers nest more than {MAX_ONBUILD_NESTING} levels deep: the rest of the line is not read"
            self.issue(message, _keyword_span(fields))
        else:
            match = KEYWORD.match(line.text, rest)
            assert match is not None
            written = match.group(1)
            trigger = self.instruction(line, match, written, written.upper(), end, heredocs, depth + 1)
        fields["trigger"] = trigger
        return m.OnbuildInstruction


def _keyword_span(fields: dict[str, Any]) -> m.Span:
    """Span of the keyword of the instruction being built."""
    token = fields.get("keyword_token")
    if token is None:
        token = m.keyword_token_at(fields.get("_written", fields["keyword"]), fields["span"])
    return token.span


def _feeding_commands(text: str, command_start: int, markers: list[tuple[int, int]]) -> list[str | None]:
    """For each heredoc marker ``(start, end)`` of a RUN line, the base name of the
    command it is fed to (``python3 <<EOF``, ``<<EOF python3``); None when the
    marker stands alone (a script). Each command is read once, whatever the
    number of markers in it."""
    separators = [match.span() for match in COMMAND_SEPARATOR.finditer(text, command_start)]
    starts = [start for start, _ in separators]
    found: dict[tuple[int, int], str | None] = {}
    result = []
    for marker_start, marker_end in markers:
        previous = bisect_left(starts, marker_start) - 1
        following = bisect_left(starts, marker_end)
        before = separators[previous][1] if previous >= 0 else command_start
        after = starts[following] if following < len(starts) else len(text)
        if (before, after) not in found:
            found[before, after] = _command_name(text[before:after].split())
        result.append(found[before, after])
    return result


def _command_name(words: list[str]) -> str | None:
    """Base name of the program a command's ``words`` run, heredoc markers,
    redirections and assignments skipped; None when there is none."""
    skip_next = False
    for word in words:
        if skip_next:
            skip_next = False
            continue
        marker = word.lstrip("0123456789")
        if marker.startswith("<<"):
            skip_next = marker in ("<<", "<<-")  # ``<< EOF``: the delimiter is the next word
            continue
        redirection = REDIRECTION.match(word)
        if redirection:
            skip_next = redirection.end() == len(word)
            continue
        if "=" in word.split("/", 1)[0] and not word.startswith("="):
            continue  # an assignment such as FOO=bar
        return word.rsplit("/", 1)[-1]
    return None


def _shebang_program(body: str) -> str | None:
    words = body[2 : body.find("\n") if "\n" in body else len(body)].split()
    if not words:
        return None
    program = words[0].rsplit("/", 1)[-1]
    if program == "env":
        for word in words[1:]:
            if not word.startswith("-") and "=" not in word:
                return word.rsplit("/", 1)[-1]
        return None
    return program


# -- per keyword -----------------------------------------------------------------
Spans = list[tuple[int, int]]
Heredocs = list[tuple[re.Match[str], HeredocBody]]


def _from(b: InstructionBuilder, line: Logical, fields: dict[str, Any], rest: int, limit: int, words: Spans, _: Heredocs) -> type[m.Instruction]:
    arguments = fields["arguments"] = b.tokens(line, words)
    if not arguments:
        b.issue("FROM needs an image", _keyword_span(fields))
        image_span = b.text_span(line, limit, limit)
        image = construct(m.ImageRef, {"raw": "", "value": "", "resolved": False, "span": image_span})
    else:
        first = arguments[0]
        image = construct(m.ImageRef, {"raw": first.raw, "value": "", "resolved": False, "span": first.span})
    if len(arguments) == 2 or len(arguments) > 3 or (len(arguments) == 3 and arguments[1].value.lower() != "as"):
        b.issue("FROM takes an image and optionally AS name", fields["span"])
    elif len(arguments) == 3:
        fields["as_token"] = arguments[1]
        name = arguments[2]
        fields["stage_name"] = name
        if STAGE_NAME.fullmatch(name.value.lower()) is None:
            b.issue(f"invalid stage name {name.value!r}: use letters, digits, '-', '_' and '.'", name.span)
    fields["image"] = image
    fields["platform"] = _last_flag(fields.get("flags", ()), "platform")
    return m.FromInstruction


def _last_flag(flags: list[m.Flag], name: str) -> m.Flag | None:
    for flag in reversed(flags):
        if flag.name == name:
            return flag
    return None


def _run(b: InstructionBuilder, line: Logical, fields: dict[str, Any], rest: int, limit: int, _words: None, heredocs: Heredocs) -> type[m.Instruction]:
    # an empty RUN is no syntax error: BuildKit runs an empty command (DF040 warns)
    command = fields["command"] = b.command(line, rest, limit, "RUN")
    if command.exec_args is not None:
        fields["arguments"] = command.exec_args
    if heredocs:  # none: left out, as mounts are
        fed_to = _feeding_commands(line.text, rest, [marker.span() for marker, _ in heredocs])
        fields["heredocs"] = [b.heredoc(line, marker, body, "RUN", fed) for (marker, body), fed in zip(heredocs, fed_to, strict=True)]
    mounts = []
    for flag in fields.get("flags", ()):
        if flag.name == "mount" and flag.value:
            options = mount_options(b.raw_values.get(id(flag), flag.value), b.escape)
            if options["type"] not in MOUNT_TYPES:
                b.issue(f"unknown mount type {options['type']!r}: use bind, cache, tmpfs, secret or ssh", flag.span)
            mounts.append(construct(m.Mount, {"type": options["type"] or "bind", "options": options, "flag": flag}))
    if mounts:
        fields["mounts"] = mounts
    return m.RunInstruction


def _command_instruction(cls: type[m.Instruction]):
    def handler(b: InstructionBuilder, line: Logical, fields: dict[str, Any], rest: int, limit: int, _words: None, _: Heredocs) -> type[m.Instruction]:
        command = fields["command"] = b.command(line, rest, limit, fields["keyword"])
        if command.exec_args is not None:
            fields["arguments"] = command.exec_args
        return cls

    return handler


def _shell(b: InstructionBuilder, line: Logical, fields: dict[str, Any], rest: int, limit: int, _words: None, _: Heredocs) -> type[m.Instruction]:
    text = line.text
    items = None
    if rest < limit and text[rest] == "[":
        items, problem = parse_json_array(text[rest:limit])
    if items is None or not items:
        b.issue('SHELL needs a JSON array such as ["/bin/bash", "-c"]', fields["span"])
        fields["program"] = []
        fields["invalid_json"] = True
    else:
        fields["program"] = fields["arguments"] = [b.token(line, rest + a, rest + z, value) for a, z, value in items]
    return m.ShellInstruction


def _healthcheck(b: InstructionBuilder, line: Logical, fields: dict[str, Any], rest: int, limit: int, words: Spans, _: Heredocs) -> type[m.Instruction]:
    fields["options"] = {flag.name: flag for flag in fields.get("flags", ())}
    mode = line.text[words[0][0] : words[0][1]].upper() if words else ""
    if mode == "NONE":
        fields["none"] = True
        if len(words) > 1 or fields.get("flags"):
            b.issue("HEALTHCHECK NONE takes no other arguments or flags", fields["span"])
    elif mode == "CMD":
        start = BLANKS.match(line.text, words[0][1]).end()
        if start >= limit:
            b.issue("HEALTHCHECK CMD needs a command", fields["span"])
        command = fields["command"] = b.command(line, start, limit, "HEALTHCHECK")
        if command.exec_args is not None:
            fields["arguments"] = [b.token(line, *words[0]), *command.exec_args]
    else:
        b.issue("HEALTHCHECK needs CMD <command> or NONE", fields["span"])
    return m.HealthcheckInstruction


def _copy(b: InstructionBuilder, line: Logical, fields: dict[str, Any], rest: int, limit: int, words: Spans, heredocs: Heredocs) -> type[m.Instruction]:
    text = line.text
    keyword = fields["keyword"]
    paths: list[m.Token] = b.tokens(line, words)
    fields["arguments"] = paths
    if rest < limit and text[rest] == "[":
        items, _problem = parse_json_array(text[rest:limit])
        if items is not None:
            fields["json_form"] = True
            paths = fields["arguments"] = [b.token(line, rest + a, rest + z, value) for a, z, value in items]
    if heredocs:
        fields["heredocs"] = [b.heredoc(line, marker, body, keyword) for marker, body in heredocs]
    if len(paths) < 2 and not (heredocs and paths):
        b.issue(f"{keyword} needs at least one source and a destination", fields["span"])
        fields["sources"] = paths
    else:
        fields["sources"] = paths[:-1]
        fields["destination"] = paths[-1]
    return m.CopyInstruction


def _pairs(b: InstructionBuilder, line: Logical, fields: dict[str, Any], rest: int, limit: int, words: Spans, _: Heredocs) -> type[m.Instruction]:
    keyword = fields["keyword"]
    text = line.text
    pairs: list[m.KeyValue] = []
    spans = words
    if not spans:
        b.issue(f"{keyword} needs at least one {'NAME' if keyword == 'ARG' else 'name=value'}", _keyword_span(fields))
    elif keyword != "ARG" and text.find("=", spans[0][0], spans[0][1]) == -1:
        key = b.token(line, *spans[0])
        if len(spans) < 2:
            b.issue(f"{keyword} {key.raw} needs a value", key.span)
            value = None
        else:
            value = b.token(line, spans[1][0], limit)
        span = b.text_span(line, spans[0][0], limit if value else spans[0][1])
        pairs.append(construct(m.KeyValue, {"key": key, "value": value, "legacy": True, "span": span}))
    else:
        for start, end in spans:
            equals = text.find("=", start, end)
            if equals == -1:
                word = b.token(line, start, end)
                if keyword != "ARG":
                    b.issue(f"{keyword} expects name=value, found {word.raw!r}", word.span)
                    continue
                pairs.append(construct(m.KeyValue, {"key": word, "value": None, "span": word.span}))
                continue
            if equals == start:
                b.issue(f"{keyword}: the name before '=' is empty", b.text_span(line, start, end))
                continue
            key = b.token(line, start, equals)
            value = b.token(line, equals + 1, end)
            if end > equals + 1:  # from the key's start to the value's end
                span = new_tuple(Span, (key.start, value.end, key.line, key.column, value.end_line, value.end_column))
            else:
                span = b.text_span(line, start, end)
            pairs.append(construct(m.KeyValue, {"key": key, "value": value, "span": span}))
    fields["pairs"] = pairs
    return m.KeyValueInstruction


def _expose(b: InstructionBuilder, line: Logical, fields: dict[str, Any], rest: int, limit: int, words: Spans, _: Heredocs) -> type[m.Instruction]:
    fields["arguments"] = b.tokens(line, words)
    if not words:
        b.issue("EXPOSE needs at least one port", _keyword_span(fields))
    fields["ports"] = fields["arguments"]
    return m.ExposeInstruction


def _user(b: InstructionBuilder, line: Logical, fields: dict[str, Any], rest: int, limit: int, words: Spans, _: Heredocs) -> type[m.Instruction]:
    fields["arguments"] = b.tokens(line, words)
    if len(words) != 1:
        b.issue("USER takes exactly one user[:group]", fields["span"])
    if words:
        start, end = words[0]
        colon = line.text.find(":", start, end)
        if colon == -1:
            fields["user"] = fields["arguments"][0]
        else:
            fields["user"] = b.token(line, start, colon)
            fields["group"] = b.token(line, colon + 1, end)
    return m.UserInstruction


def _workdir(b: InstructionBuilder, line: Logical, fields: dict[str, Any], rest: int, limit: int, _words: None, _: Heredocs) -> type[m.Instruction]:
    if rest >= limit:
        b.issue("WORKDIR needs a path", _keyword_span(fields))
    else:
        fields["path"] = b.token(line, rest, limit)
    return m.WorkdirInstruction


def _volume(b: InstructionBuilder, line: Logical, fields: dict[str, Any], rest: int, limit: int, words: Spans, _: Heredocs) -> type[m.Instruction]:
    text = line.text
    paths = fields["arguments"] = b.tokens(line, words)
    if rest < limit and text[rest] == "[":
        items, _problem = parse_json_array(text[rest:limit])
        if items is not None:
            fields["json_form"] = True
            paths = fields["arguments"] = [b.token(line, rest + a, rest + z, value) for a, z, value in items]
    if not paths:
        b.issue("VOLUME needs at least one path", _keyword_span(fields))
    fields["paths"] = paths
    return m.VolumeInstruction


def _one_argument(b: InstructionBuilder, line: Logical, fields: dict[str, Any], rest: int, limit: int, _words: None, _: Heredocs) -> type[m.Instruction]:
    if rest >= limit:
        b.issue(f"{fields['keyword']} needs an argument", _keyword_span(fields))
    return m.GenericInstruction


_HANDLERS: dict[str, Any] = {
    "FROM": _from,
    "RUN": _run,
    "CMD": _command_instruction(m.CmdInstruction),
    "ENTRYPOINT": _command_instruction(m.EntrypointInstruction),
    "SHELL": _shell,
    "HEALTHCHECK": _healthcheck,
    "COPY": _copy,
    "ADD": _copy,
    "ENV": _pairs,
    "LABEL": _pairs,
    "ARG": _pairs,
    "EXPOSE": _expose,
    "USER": _user,
    "WORKDIR": _workdir,
    "VOLUME": _volume,
    "STOPSIGNAL": _one_argument,
    "MAINTAINER": _one_argument,
}
#: handlers that never read the word spans they are given (None)
_WORDLESS = frozenset({None, _run, _HANDLERS["CMD"], _HANDLERS["ENTRYPOINT"], _shell, _workdir, _one_argument})
