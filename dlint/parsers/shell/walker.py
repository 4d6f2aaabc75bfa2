"""Walk a tree-sitter bash tree and collect simple commands and pipelines."""

from __future__ import annotations

from typing import Any

from dlint.models.base import construct
from dlint.models.shell import Assignment, Pipeline, Redirect, ShellScript, SimpleCommand, Word
from dlint.models.span import Span
from dlint.parsers.shell.grammar import ParseAbandoned, node_types, parse
from dlint.parsers.shell.placement import Placement
from dlint.parsers.shell.programs import (
    PIPEFAIL_SHELLS,
    POSIX_SHELLS,
    WRAPPERS,
    pipefail_setting,
    shell_command_string,
    su_command_string,
    wrapped_command,
)
from dlint.parsers.shell.quoting import DOUBLE_QUOTE_ESCAPES, decode_ansi_c, unescape, unescape_with_offsets

new_tuple = tuple.__new__
#: the type of a node by its kind id (``_TYPES[node.kind_id]`` is ``node.type``)
_TYPES = node_types()

#: deepest nesting followed (deeper constructs are skipped, never a RecursionError)
MAX_DEPTH = 120
#: wrappers followed in one command (``sudo env X=1 nice …``): each one adds a command
#: with the rest of the words, so a line of thousands of ``sudo`` would cost its square
MAX_WRAPPERS = 8

#: nodes that hold no command
_LEAVES = frozenset({
    "word", "number", "raw_string", "ansi_c_string", "simple_expansion", "variable_name", "comment",
    "heredoc_body", "heredoc_start", "heredoc_end", "heredoc_content", "test_operator", "file_descriptor",
    "special_variable_name", "regex", "string_content", "extglob_pattern",
})
_REDIRECTS = frozenset({"file_redirect", "heredoc_redirect", "herestring_redirect"})
#: word nodes whose value is unknown and that may hold commands
_EXPANSIONS = frozenset({"expansion", "command_substitution", "process_substitution", "arithmetic_expansion", "array"})
_DECLARATIONS = frozenset({"declaration_command", "unset_command"})
#: programs whose arguments :meth:`Walker.follow` reads
_FOLLOWED = frozenset({"set", "su", *POSIX_SHELLS, *WRAPPERS})


#: nodes that run in a child shell
_CHILD_SHELLS = frozenset({"subshell", "command_substitution", "process_substitution"})


class Collected:
    """Commands and pipelines of one script as the walkers find them."""

    __slots__ = ("commands", "pipelines", "has_errors")

    def __init__(self) -> None:
        self.commands: list[SimpleCommand] = []
        self.pipelines: list[Pipeline] = []
        self.has_errors = False

    def script(self, at: tuple[Placement, int, int]) -> ShellScript:
        """The script, whose span is ``at[0].span(at[1], at[2])`` (made on first use)."""
        fields = {"commands": self.commands, "has_errors": self.has_errors, "_at": at}
        if self.pipelines:  # none: left out, made on first use (see construct)
            fields["pipelines"] = self.pipelines
        return construct(ShellScript, fields)


def _redirects_command(node: Any) -> bool:
    """Whether redirected statement ``node`` has a command for a body (or no body)."""
    children = node.named_children
    return not children or children[0].type == "command"


def _inside_double_quotes(raw: str) -> str:
    return raw[1:-1] if len(raw) >= 2 and raw.endswith('"') else raw[1:]


class Walker:
    """Visits the nodes of one analysed text (a buffer of several sources, or the
    string of ``sh -c``) and adds what it finds to a :class:`Collected`.

    ``wrapped_by``/``wrapper`` are given to every command found (``sh -c`` strings).
    """

    __slots__ = ("collected", "text", "placement", "pipefail", "wrapped_by", "wrapper")

    def __init__(
        self,
        collected: Collected,
        text: str,
        placement: Placement,
        pipefail: bool,
        wrapped_by: str | None = None,
        wrapper: int | None = None,
    ) -> None:
        self.collected = collected
        self.text = text
        self.placement = placement
        self.pipefail = pipefail
        self.wrapped_by = wrapped_by
        self.wrapper = wrapper

    # -- positions -------------------------------------------------------------

    @staticmethod
    def bounds(node: Any) -> tuple[int, int]:
        """Character offsets of ``node`` in :attr:`text` (see :func:`~.grammar.parse`)."""
        return node.start_byte, node.end_byte

    # -- statements ------------------------------------------------------------

    def visit(self, node: Any, pipeline: int | None, depth: int) -> None:
        """Collect the commands in ``node``; ``pipeline`` is the pipeline it runs in."""
        if depth > MAX_DEPTH:
            return
        kind = _TYPES[node.kind_id]
        if kind == "command":
            self.command(node, pipeline, [], None, depth)
        elif kind in _LEAVES:
            return
        elif kind == "list" or kind == "pipeline" or kind == "redirected_statement" and not _redirects_command(node):
            self.chain(node, pipeline, depth)
        elif kind == "redirected_statement":
            self.redirected(node, pipeline, depth)
        elif kind in _CHILD_SHELLS:  # a child shell: its `set -o pipefail` does not outlive it
            inherited = self.pipefail
            inner = pipeline if kind == "subshell" else None
            for child in node.named_children:
                self.visit(child, inner, depth + 1)
            self.pipefail = inherited
        elif kind == "variable_assignment" or kind == "variable_assignments":
            self.bare_assignments(node, pipeline, depth)
        elif kind in _DECLARATIONS:
            self.declaration(node, pipeline, depth)
        else:
            for child in node.named_children:
                self.visit(child, pipeline, depth + 1)

    def open_pipeline(self, node: Any) -> int:
        collected = self.collected
        index = len(collected.pipelines)
        start, end = self.bounds(node)
        collected.pipelines.append(
            construct(Pipeline, {"commands": [], "span": self.placement.span(start, end), "pipefail": self.pipefail})
        )
        return index

    def chain(self, node: Any, pipeline: int | None, depth: int) -> None:
        """A list, a pipeline or a redirected statement whose body is not a command.

        tree-sitter-bash nests them once per operator, the first command deepest
        (``a && b > x && c`` is ``list(redirected(list(a, b), > x), c)``): the walk
        goes down those first children in a loop, so a chain of any length is one
        level of depth, and visits the rest afterwards in source order.
        """
        later: list[tuple[Any, int | None]] = []  # the nodes after each first child, the last first
        first: Any = node
        while first is not None:
            kind = _TYPES[first.kind_id]
            if kind == "redirected_statement" and not _redirects_command(first):
                children = first.named_children
                _, nested, tails, _ = self.redirect_parts(children[1:])  # the redirects of no command are not kept
                after = nested + tails
            elif kind == "list" or kind == "pipeline":
                if kind == "pipeline":
                    pipeline = self.open_pipeline(first)
                children = first.named_children
                after = children[1:]
            else:
                break
            later.extend((child, pipeline) for child in reversed(after))
            first = children[0] if children else None
        if first is not None:
            self.visit(first, pipeline, depth + 1)
        for child, index in reversed(later):
            self.visit(child, index, depth + 1)

    def redirect_parts(self, rest: list[Any]) -> tuple[list[Redirect], list[Any], list[Any], int | None]:
        """The redirects after a statement's body, the nodes inside them that may hold
        commands, the statements a heredoc swallowed, and where the last non-heredoc one ends."""
        redirects: list[Redirect] = []
        nested: list[Any] = []
        tails: list[Any] = []
        end = None
        for child in rest:
            kind = _TYPES[child.kind_id]
            if kind in _REDIRECTS:
                self.redirect(child, redirects, nested, tails)
                if kind != "heredoc_redirect":
                    end = child.end_byte
            else:
                tails.append(child)
        return redirects, nested, tails, end

    def redirected(self, node: Any, pipeline: int | None, depth: int) -> None:
        """``command > target``: the redirects belong to the command."""
        children = node.named_children
        if not children:
            return
        redirects, nested, tails, end = self.redirect_parts(children[1:])
        for tail in tails:
            if _TYPES[tail.kind_id] == "pipeline":  # ``cat <<EOF | sh``: the heredoc swallowed the pipe
                pipeline = self.open_pipeline(node)
                tails.remove(tail)
                tails.extend(tail.named_children)
                break
        self.command(children[0], pipeline, redirects, end, depth)
        for child in nested:
            self.visit(child, pipeline, depth + 1)
        for child in tails:
            self.visit(child, pipeline, depth + 1)

    def bare_assignments(self, node: Any, pipeline: int | None, depth: int) -> None:
        """``FOO=bar`` alone: a command without a name."""
        nested: list[Any] = []
        if _TYPES[node.kind_id] == "variable_assignment":
            assignments = [self.assignment(node, nested)]
        else:
            assignments = [self.assignment(child, nested) for child in node.named_children
                           if _TYPES[child.kind_id] == "variable_assignment"]
        start, end = self.bounds(node)
        self.add(None, [], assignments, [], self.placement.span(start, end), pipeline)
        for child in nested:
            self.visit(child, pipeline, depth + 1)

    def declaration(self, node: Any, pipeline: int | None, depth: int) -> None:
        """``export``/``local``/``declare``/``readonly``/``unset`` as commands."""
        name = None
        arguments: list[Word] = []
        assignments: list[Assignment] = []
        nested: list[Any] = []
        for child in node.children:
            kind = _TYPES[child.kind_id]
            if name is None:
                name = self.word(child, nested)
            elif kind == "variable_assignment":
                assignment = self.assignment(child, nested)
                assignments.append(assignment)
                value = assignment.value
                start, end = self.bounds(child)
                literal = None
                if value is None or value.value is not None:
                    literal = assignment.name + "=" + (value.value if value is not None else "")
                arguments.append(Word(self.text[start:end], literal, assignment.span))
            elif kind != "comment" and kind not in _REDIRECTS:
                arguments.append(self.word(child, nested))
        start, end = self.bounds(node)
        self.add(name, arguments, assignments, [], self.placement.span(start, end), pipeline)
        for child in nested:
            self.visit(child, pipeline, depth + 1)

    # -- simple commands -------------------------------------------------------

    def command(self, node: Any, pipeline: int | None, redirects: list[Redirect], end: int | None,
                depth: int) -> None:
        """One ``command`` node; ``redirects`` and ``end`` come from a surrounding
        redirected statement."""
        name = None
        arguments: list[Word] = []
        argument_nodes: list[Any] = []
        assignments: list[Assignment] = []
        own_redirects: list[Redirect] = []
        nested: list[Any] = []
        tails: list[Any] = []
        text = self.text
        placement = self.placement
        for child in node.children:
            kind = _TYPES[child.kind_id]
            if kind == "word":  # the common case, inlined: Walker.word and Walker.literal
                word_start, word_end = child.start_byte, child.end_byte
                raw = text[word_start:word_end]
                value = unescape(raw) if "\\" in raw else raw
                arguments.append(new_tuple(Word, (raw, value, placement, word_start, word_end)))
                argument_nodes.append(child)
            elif kind == "command_name":
                parts = child.named_children
                if len(parts) == 1:
                    part = parts[0]
                    name = self.word(part, nested, _TYPES[part.kind_id])
                else:
                    name = self.word(child, nested, kind)
            elif kind == "variable_assignment":
                assignments.append(self.assignment(child, nested))
            elif kind in _REDIRECTS:
                self.redirect(child, own_redirects, nested, tails)
            elif kind != "comment":
                arguments.append(self.word(child, nested, kind))
                argument_nodes.append(child)
        start, stop = self.bounds(node)
        if end is not None and end > stop:
            stop = end
        index = self.add(name, arguments, assignments, own_redirects + redirects if redirects else own_redirects,
                         (self.placement, start, stop), pipeline)
        if self.collected.commands[index].program in _FOLLOWED:
            self.follow(index, argument_nodes, depth)
        for child in nested:
            self.visit(child, pipeline, depth + 1)
        for child in tails:
            self.visit(child, pipeline, depth + 1)

    def add(self, name: Word | None, arguments: list[Word], assignments: list[Assignment],
            redirects: list[Redirect], span: Span | tuple[Placement, int, int], pipeline: int | None,
            wrapped_by: str | None = None, wrapper: int | None = None) -> int:
        collected = self.collected
        index = len(collected.commands)
        value = name[1] if name is not None else None
        # SimpleCommand.program and the assignments, which rules read of almost every command
        fields = {
            "name": name,
            "arguments": arguments,
            "program": value.rsplit("/", 1)[-1] if value is not None else None,
            "assignments": assignments,
        }
        if redirects:  # none: left out, made on first use (see construct)
            fields["redirects"] = redirects
        if type(span) is tuple:  # (placement, start, end): the span is made on first use (see SimpleCommand)
            fields["_at"] = span
        else:
            fields["span"] = span
        if pipeline is not None:  # the three are None by default (the class holds that)
            fields["pipeline"] = pipeline
        if wrapped_by is not None or self.wrapped_by is not None:
            fields["wrapped_by"] = wrapped_by if wrapped_by is not None else self.wrapped_by
            fields["wrapper"] = wrapper if wrapper is not None else self.wrapper
        collected.commands.append(construct(SimpleCommand, fields))
        if pipeline is not None:
            collected.pipelines[pipeline].commands.append(index)
        return index

    def follow(self, index: int, argument_nodes: list[Any], depth: int, wrappers: int = 0) -> None:
        """What running command ``index`` implies: ``set -o pipefail``, the script
        of ``sh -c``/``su -c``, the command run by a wrapper such as ``sudo``
        (``wrappers``: how many wrap command ``index``)."""
        command = self.collected.commands[index]
        program = command.program
        if program not in _FOLLOWED:
            return
        words = [word.text for word in command.arguments]
        if program == "set":
            setting = pipefail_setting(words)
            if setting is not None:
                self.pipefail = setting
        elif program in POSIX_SHELLS:
            found = shell_command_string(words)
            if found is not None:
                pipefail = found[1] and program in PIPEFAIL_SHELLS
                self.inner_script(index, argument_nodes[found[0]], 0, program + " -c", pipefail, depth)
        elif program == "su":
            string = su_command_string(words)
            if string is not None:
                self.inner_script(index, argument_nodes[string[0]], string[1], "su -c", False, depth)
        else:
            found = wrapped_command(program, words)
            if found is not None and wrappers < MAX_WRAPPERS:
                self.wrapped(index, command, argument_nodes, found, program, depth, wrappers)

    def wrapped(self, index: int, command: SimpleCommand, argument_nodes: list[Any], found: tuple[int, int],
                program: str, depth: int, wrappers: int) -> None:
        """Add the command that wrapper command ``index`` runs."""
        first, position = found
        arguments = command.arguments
        assignments = [self.split_assignment(arguments[k], argument_nodes[k]) for k in range(first, position)]
        name = arguments[position]
        span = self.placement.file_span(name.span.start, command.span.end)
        inner = self.add(name, arguments[position + 1:], assignments, command.redirects, span,
                         command.pipeline, program, index)
        if name.value is not None and depth < MAX_DEPTH:
            self.follow(inner, argument_nodes[position + 1:], depth + 1, wrappers + 1)

    def split_assignment(self, word: Word, node: Any) -> Assignment:
        """An ``env NAME=VALUE`` word as an assignment."""
        name = word.raw.split("=", 1)[0]
        start, end = self.bounds(node)
        value = None
        if end > start + len(name) + 1:
            value = Word.placed(
                word.raw[len(name) + 1:],
                word.value[len(name) + 1:] if word.value is not None else None,
                self.placement, start + len(name) + 1, end,
            )
        return construct(Assignment, {"name": name, "value": value, "span": word.span})

    def inner_script(self, index: int, node: Any, prefix: int, label: str, pipefail: bool, depth: int) -> None:
        """Parse the string of ``sh -c`` and add its commands, wrapped by ``index``."""
        if depth >= MAX_DEPTH:
            return
        text, offsets = self.shell_text(node)
        text, offsets = text[prefix:], offsets[prefix:]
        if not text.strip():
            return
        placement = Placement.from_offsets(self.placement.lines, [self.placement.offset(o) for o in offsets])
        try:
            root = parse(text).root_node
        except ParseAbandoned:
            self.collected.has_errors = True
            return
        if root.has_error:
            self.collected.has_errors = True
        walker = Walker(self.collected, text, placement, pipefail, label, index)
        for child in root.named_children:
            walker.visit(child, None, depth + 1)

    def shell_text(self, node: Any) -> tuple[str, list[int]]:
        """The string a word passes to a program, with each character's offset in
        :attr:`text`; expansions are kept as written."""
        kind = _TYPES[node.kind_id]
        start, end = self.bounds(node)
        raw = self.text[start:end]
        if kind == "raw_string":
            inner = raw[1:-1] if len(raw) >= 2 and raw.endswith("'") else raw[1:]
            return inner, list(range(start + 1, start + 1 + len(inner)))
        if kind == "string":
            return unescape_with_offsets(_inside_double_quotes(raw), start + 1, DOUBLE_QUOTE_ESCAPES)
        if kind == "ansi_c_string":
            return decode_ansi_c(raw[2:-1] if raw.endswith("'") else raw[2:], start + 2)
        if kind == "word":
            return unescape_with_offsets(raw, start)
        if kind == "concatenation":
            texts: list[str] = []
            offsets: list[int] = []
            for child in node.children:
                piece, places = self.shell_text(child)
                texts.append(piece)
                offsets.extend(places)
            return "".join(texts), offsets
        return raw, list(range(start, end))

    # -- words -----------------------------------------------------------------

    def word(self, node: Any, nested: list[Any], kind: str | None = None) -> Word:
        """A word; nodes inside it that may hold commands are added to ``nested``
        (``kind``: the node's type, when the caller has it)."""
        start, end = node.start_byte, node.end_byte
        raw = self.text[start:end]
        value = raw if raw.isalnum() else self.literal(node, kind or _TYPES[node.kind_id], raw, nested)
        return new_tuple(Word, (raw, value, self.placement, start, end))  # Word.placed, inlined

    def literal(self, node: Any, kind: str, raw: str, nested: list[Any]) -> str | None:
        """The value of a word without quotes, None when it has an expansion."""
        if kind == "word":
            return unescape(raw) if "\\" in raw else raw
        if kind == "raw_string":
            return raw[1:-1] if len(raw) >= 2 and raw.endswith("'") else raw[1:]
        if kind == "string":
            if "$" in raw or "`" in raw:
                for child in node.named_children:
                    if _TYPES[child.kind_id] != "string_content":
                        nested.append(node)
                        return None
            return unescape(_inside_double_quotes(raw), DOUBLE_QUOTE_ESCAPES)
        if kind == "number":
            return raw
        if kind == "concatenation":
            parts: list[str] = []
            known = True
            for child in node.children:
                start, end = self.bounds(child)
                part = self.literal(child, _TYPES[child.kind_id], self.text[start:end], nested)
                if part is None:
                    known = False
                elif known:
                    parts.append(part)
            return "".join(parts) if known else None
        if kind == "ansi_c_string":
            return decode_ansi_c(raw[2:-1] if raw.endswith("'") else raw[2:])[0]
        if kind == "simple_expansion":
            return None
        if kind in _EXPANSIONS:
            nested.append(node)
            return None
        if kind == "translated_string":
            children = node.named_children
            if children:
                start, end = self.bounds(children[-1])
                return self.literal(children[-1], _TYPES[children[-1].kind_id], self.text[start:end], nested)
            return raw
        if "$" in raw or "`" in raw:
            nested.append(node)
            return None
        return raw

    def assignment(self, node: Any, nested: list[Any]) -> Assignment:
        children = node.children
        start, end = self.bounds(node)
        name_start, name_end = self.bounds(children[0]) if children else (start, start)
        value = self.word(children[2], nested) if len(children) > 2 else None
        return construct(Assignment, {
            "name": self.text[name_start:name_end],
            "value": value,
            "span": self.placement.span(start, end),
        })

    def redirect(self, node: Any, redirects: list[Redirect], nested: list[Any], tails: list[Any]) -> None:
        """Add the redirects of ``node``; statements a heredoc redirect swallowed
        (``cat <<EOF && next``) go to ``tails``."""
        kind = _TYPES[node.kind_id]
        operator = ""
        target = None
        start, end = self.bounds(node)
        if kind == "heredoc_redirect":
            position = len(redirects)
            for child in node.children:
                child_kind = _TYPES[child.kind_id]
                if child_kind == "heredoc_start":
                    target_start, end = self.bounds(child)
                    raw = self.text[target_start:end]
                    value = unescape(raw.replace('"', "").replace("'", ""))
                    target = Word.placed(raw, value, self.placement, target_start, end)
                elif not child.is_named:
                    if target is None:
                        operator += self.text[slice(*self.bounds(child))]
                elif child_kind in _REDIRECTS:
                    self.redirect(child, redirects, nested, tails)
                elif child_kind not in _LEAVES:
                    tails.append(child)
            redirects.insert(position, construct(Redirect, {
                "operator": operator, "target": target, "span": self.placement.span(start, end)
            }))
            return
        for child in node.children:
            if _TYPES[child.kind_id] == "file_descriptor" or not child.is_named:
                operator += self.text[slice(*self.bounds(child))]
            elif target is None:
                target = self.word(child, nested)
        if kind == "herestring_redirect" and not operator:
            operator = "<<<"
        redirects.append(construct(Redirect, {"operator": operator, "target": target,
                                          "span": self.placement.span(start, end)}))
