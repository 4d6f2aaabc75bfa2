"""`dlint server` driven over stdio by a real LSP client (pytest-lsp, pygls's test client)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed (the test extra)")

import pytest_lsp  # noqa: E402
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="function")

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = "FROM python:3.12 AS production\nRUN apt-get install curl\n"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "dlint", "server"]))
async def client(lsp_client: LanguageClient):
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:  # the server watches config files
        lsp_client.registrations.extend(params.registrations)

    yield
    await lsp_client.shutdown_session()


async def start(client: LanguageClient, root: Path | None = None, **options) -> None:
    await client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        initialization_options={"debounce": 0, **options},
        root_uri=root.as_uri() if root is not None else None,
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="w")] if root is not None else None,
    ))


async def published(client: LanguageClient, uri: str, trigger) -> list[types.Diagnostic]:  # noqa: ANN001
    """Run ``trigger()`` and wait for the diagnostics of ``uri`` it causes."""
    client.diagnostics.pop(uri, None)
    trigger()
    async with asyncio.timeout(30):
        while uri not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


def open_document(client: LanguageClient, uri: str, text: str, language: str = "dockerfile", version: int = 1):
    return lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))


def change_document(client: LanguageClient, uri: str, text: str, version: int):
    return lambda: client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return sorted(str(item.code) for item in diagnostics)


def by_code(diagnostics: list[types.Diagnostic], code: str) -> types.Diagnostic:
    return next(item for item in diagnostics if item.code == code)


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """``text`` with LSP edits applied (ASCII text: characters are UTF-16 units)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: types.Position) -> int:
        return starts[position.line] + position.character

    for edit in sorted(edits, key=lambda item: offset(item.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def rng(line: int, start: int, end: int) -> types.Range:
    return types.Range(start=types.Position(line=line, character=start), end=types.Position(line=line, character=end))


async def test_open_publishes_exact_diagnostics(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path)
    uri = (tmp_path / "Dockerfile").as_uri()
    found = await published(client, uri, open_document(client, uri, DOCKERFILE))
    assert codes(found) == ["DF017", "DL3008", "DL3014", "DL3015"]
    item = by_code(found, "DL3014")
    assert item.range == rng(1, 4, 11)
    assert item.severity == types.DiagnosticSeverity.Warning
    assert item.source == "dlint"
    assert item.code_description.href.endswith("/rules/DL3014.md")
    assert by_code(found, "DL3008").range == rng(1, 20, 24)
    assert by_code(found, "DF017").severity == types.DiagnosticSeverity.Information


async def test_change_relints_and_close_clears(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path)
    uri = (tmp_path / "Dockerfile").as_uri()
    await published(client, uri, open_document(client, uri, DOCKERFILE))
    fixed = DOCKERFILE.replace("install curl", "install -y --no-install-recommends curl=8.0")
    found = await published(client, uri, change_document(client, uri, fixed, 2))
    assert codes(found) == ["DF017"]
    closed = await published(client, uri, lambda: client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))))
    assert list(closed) == []


async def test_quick_fix_removes_the_finding(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path)
    uri = (tmp_path / "Dockerfile").as_uri()
    found = await published(client, uri, open_document(client, uri, DOCKERFILE))
    target = by_code(found, "DL3014")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=target.range,
        context=types.CodeActionContext(diagnostics=[target])))
    titles = [action.title for action in actions]
    fix = next(action for action in actions if "DL3014" in action.title and action.kind == types.CodeActionKind.QuickFix
               and not action.title.startswith("Ignore"))
    assert fix.is_preferred
    assert any("unsafe" in title and "DL3015" in title for title in titles)  # on the same range
    text = apply(DOCKERFILE, fix.edit.changes[uri])
    assert "apt-get install -y curl" in text
    after = await published(client, uri, change_document(client, uri, text, 2))
    assert "DL3014" not in codes(after)


async def test_ignore_action_inserts_the_comment(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path)
    uri = (tmp_path / "Dockerfile").as_uri()
    found = await published(client, uri, open_document(client, uri, DOCKERFILE))
    target = by_code(found, "DL3008")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=target.range,
        context=types.CodeActionContext(diagnostics=[target])))
    ignore = next(action for action in actions if action.title == "Ignore DL3008 for this instruction")
    text = apply(DOCKERFILE, ignore.edit.changes[uri])
    assert text.splitlines()[1] == "# dlint: ignore=DL3008"
    after = await published(client, uri, change_document(client, uri, text, 2))
    assert "DL3008" not in codes(after) and "DL3014" in codes(after)


async def test_fix_all_applies_every_safe_fix(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path)
    uri = (tmp_path / "Dockerfile").as_uri()
    text = "FROM debian:12\nRUN apt-get install curl\nRUN apt-get install wget\n"
    await published(client, uri, open_document(client, uri, text))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=rng(0, 0, 0),
        context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.dlint"])))
    assert [action.kind for action in actions] == ["source.fixAll.dlint"]
    fixed = apply(text, actions[0].edit.changes[uri])
    after = await published(client, uri, change_document(client, uri, fixed, 2))
    assert "DL3014" not in codes(after)
    assert fixed.count("install -y") == 2


async def test_hover_on_finding_and_on_suppression_code(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path)
    uri = (tmp_path / "Dockerfile").as_uri()
    text = "FROM debian:12\n# dlint: ignore=DL3008\nRUN apt-get install curl\n"
    await published(client, uri, open_document(client, uri, text))
    on_finding = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=2, character=6)))
    assert "DL3014" in on_finding.contents.value and "Why is this bad?" in on_finding.contents.value
    on_comment = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=1, character=18)))
    assert on_comment.contents.value.startswith("**DL3008**")
    assert "Why is this bad?" in on_comment.contents.value
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=1)))
    assert nothing is None


async def test_compose_buffer_gets_cross_file_findings(client: LanguageClient, tmp_path: Path):
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim AS production\nCMD [\"python\"]\n")
    compose = "services:\n  api:\n    build:\n      context: .\n      target: prod\n"
    (tmp_path / "compose.yaml").write_text(compose)
    await start(client, tmp_path)
    compose_uri = (tmp_path / "compose.yaml").as_uri()
    found = await published(client, compose_uri, open_document(client, compose_uri, compose, "dockercompose"))
    dx003 = by_code(found, "DX003")
    assert dx003.range == rng(4, 14, 18)
    assert dx003.severity == types.DiagnosticSeverity.Error
    # an unsaved Dockerfile buffer wins over the file on disk, and the Compose buffer is linted again
    dockerfile_uri = (tmp_path / "Dockerfile").as_uri()
    renamed = "FROM python:3.12-slim AS prod\nCMD [\"python\"]\n"
    again = await published(client, compose_uri, open_document(client, dockerfile_uri, renamed))
    assert "DX003" not in codes(again)
    back = await published(client, compose_uri, change_document(client, dockerfile_uri, renamed.replace("AS prod", "AS base"), 2))
    assert "DX003" in codes(back)


async def test_yaml_language_id_needs_a_compose_name(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path)
    other = (tmp_path / "values.yaml").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=other, language_id="yaml", version=1, text="services: {}\n")))
    compose_uri = (tmp_path / "docker-compose.yml").as_uri()
    found = await published(client, compose_uri, open_document(client, compose_uri, "services:\n  web:\n    image: nginx\n", "yaml"))
    assert "DC041" in codes(found)
    assert other not in client.diagnostics


async def test_settings_from_initialization_options(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, ignore=["DL3008"], select=["DL"])
    uri = (tmp_path / "Dockerfile").as_uri()
    found = await published(client, uri, open_document(client, uri, DOCKERFILE))
    assert codes(found) == ["DL3014", "DL3015"]


async def test_changed_config_file_relints_open_documents(client: LanguageClient, tmp_path: Path):
    config = tmp_path / ".dlint.toml"
    config.write_text('ignore = ["DL3014"]\n')
    await start(client, tmp_path)
    uri = (tmp_path / "Dockerfile").as_uri()
    found = await published(client, uri, open_document(client, uri, DOCKERFILE))
    assert "DL3014" not in codes(found) and "DL3008" in codes(found)
    config.write_text('ignore = ["DL3008"]\n')
    after = await published(client, uri, lambda: client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)])))
    assert "DL3014" in codes(after) and "DL3008" not in codes(after)
    config.write_text('ignore = ["DL3015"]\n')
    saved = await published(client, uri, lambda: client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=config.as_uri()))))
    assert "DL3008" in codes(saved) and "DL3015" not in codes(saved)


async def test_debounced_change_lints_the_last_text_once(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path, debounce=0.2)
    uri = (tmp_path / "Dockerfile").as_uri()
    await published(client, uri, open_document(client, uri, DOCKERFILE))
    client.diagnostics.pop(uri, None)
    for version in range(2, 6):
        change_document(client, uri, DOCKERFILE + "#" * version + "\n", version)()
    found = await published(client, uri, lambda: None)
    assert "DL3014" in codes(found)
    await asyncio.sleep(0.5)
    assert client.diagnostics[uri] == found  # published once, for the last version


async def test_bad_input_never_kills_the_server(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path)
    binary = bytes(range(256)).decode("latin-1") * 4
    uri = (tmp_path / "Dockerfile").as_uri()
    await published(client, uri, open_document(client, uri, binary))
    compose_uri = (tmp_path / "compose.yaml").as_uri()
    await published(client, compose_uri, open_document(client, compose_uri, "services:\n  web:\n    image: [nginx\n  db: {", "dockercompose"))
    big = "FROM debian:12\n" + "RUN echo hello world\n" * 250_000  # 5 MB
    large_uri = (tmp_path / "Dockerfile.big").as_uri()
    found = await published(client, large_uri, open_document(client, large_uri, big))
    assert all(item.source == "dlint" for item in found)
    # still alive, and still linting
    ok = await published(client, uri, change_document(client, uri, DOCKERFILE, 2))
    assert "DL3014" in codes(ok)


async def test_shutdown_and_exit(client: LanguageClient, tmp_path: Path):
    await start(client, tmp_path)
    await client.shutdown_session()
    assert client._server.returncode == 0
    client.capabilities = None  # the fixture's teardown has nothing left to shut down


async def test_dockerfile_buffer_sees_the_open_compose_files_that_build_it(client: LanguageClient, tmp_path: Path):
    dockerfile = 'FROM alpine:3.20 AS builder\nRUN echo hi > /x\nFROM alpine:3.20 AS app\nCMD ["sh"]\n'
    (tmp_path / "Dockerfile").write_text(dockerfile)
    await start(client, tmp_path)
    dockerfile_uri = (tmp_path / "Dockerfile").as_uri()
    alone = await published(client, dockerfile_uri, open_document(client, dockerfile_uri, dockerfile))
    assert "DF029" in codes(alone)  # the builder stage looks unused
    # an unsaved Compose buffer builds that stage as its target: the Dockerfile is linted again
    compose = "services:\n  api:\n    build:\n      context: .\n      target: builder\n"
    compose_uri = (tmp_path / "compose.yaml").as_uri()
    built = await published(client, dockerfile_uri, open_document(client, compose_uri, compose, "dockercompose"))
    assert "DF029" not in codes(built)
    closed = await published(client, dockerfile_uri, lambda: client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=compose_uri))))
    assert "DF029" in codes(closed)


async def test_a_file_the_config_names_is_linted_as_compose(client: LanguageClient, tmp_path: Path):
    (tmp_path / ".dlint.toml").write_text('compose-files = ["stack.yml"]\n')
    text = "services:\n  web:\n    image: nginx\n"
    (tmp_path / "stack.yml").write_text(text)
    await start(client, tmp_path)
    uri = (tmp_path / "stack.yml").as_uri()
    found = await published(client, uri, open_document(client, uri, text, "yaml"))
    assert "DC041" in codes(found)
