"""The pygls server: document events → lints → diagnostics; code actions; hover."""

from __future__ import annotations

import asyncio
import functools
import traceback
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from dlint import __version__
from dlint.server.actions import FIX_ALL, code_actions
from dlint.server.diagnostics import diagnostics
from dlint.server.documents import Document, make_document, path_of
from dlint.server.hover import hover
from dlint.server.linting import Engine
from dlint.server.positions import Positions
from dlint.server.settings import CONFIG_NAMES, SettingsStore, is_config_file


class DlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("dlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.store = SettingsStore()
        self.engine = Engine(self.store, self.log)
        self.documents: dict[str, Document] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}

    # -- helpers -----------------------------------------------------------------------

    def log(self, message: str, level: types.MessageType = types.MessageType.Warning) -> None:
        try:
            self.window_log_message(types.LogMessageParams(type=level, message=f"dlint: {message}"))
        except Exception:  # noqa: BLE001 - no client to tell (not started, or gone)
            pass

    def positions(self, document: Document) -> Positions:
        encoding = getattr(self.workspace, "position_encoding", None) or "utf-16"
        return Positions(document.text, encoding)

    def publish(self, document: Document, items: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=document.uri, diagnostics=items, version=document.version)
        )

    def lint(self, uri: str, *, dependents: bool = True) -> None:
        """Lint the open buffer ``uri`` and publish its diagnostics; then the buffers whose
        findings depend on it (Compose buffers building this Dockerfile, Dockerfiles this
        Compose buffer builds)."""
        self.cancel(uri)
        document = self.documents.get(uri)
        if document is None:
            return
        before = self.engine.result(uri)
        built_before = before.builds if before is not None else frozenset()
        try:
            outcome = self.engine.lint(document, self.documents)
            items = diagnostics(outcome.findings, self.positions(document))
        except Exception as error:  # noqa: BLE001 - one buffer's failure must not end the server
            self.log(f"{document.shown}: internal error: {error!r}\n{traceback.format_exc()}", types.MessageType.Error)
            return
        self.publish(document, items)
        if not dependents:
            return
        for other in self.dependents(document, built_before | outcome.builds):
            self.lint(other.uri, dependents=False)

    def dependents(self, document: Document, builds: frozenset[str]) -> list[Document]:
        if document.kind == "dockerfile":
            return self.engine.builders(document, self.documents)
        return [other for other in self.documents.values()
                if other.kind == "dockerfile" and other.path is not None and str(other.path) in builds]

    def lint_all(self) -> None:
        for uri in [uri for uri, document in self.documents.items() if document.kind == "compose"]:
            self.lint(uri, dependents=False)  # Compose first: the Dockerfiles then know who builds them
        for uri in [uri for uri, document in self.documents.items() if document.kind != "compose"]:
            self.lint(uri, dependents=False)

    def cancel(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def schedule(self, uri: str) -> None:
        delay = self.store.debounce
        self.cancel(uri)
        if delay <= 0:
            self.lint(uri)
            return
        loop = asyncio.get_event_loop()
        self.pending[uri] = loop.call_later(delay, self.lint, uri)

    def config_changed(self) -> None:
        self.engine.clear()
        self.lint_all()


def _guarded(function):  # noqa: ANN001, ANN201
    """A handler whose exceptions are logged (the server lives on)."""

    @functools.wraps(function)
    def wrapper(server: DlintServer, params):  # noqa: ANN001, ANN202
        try:
            return function(server, params)
        except Exception as error:  # noqa: BLE001
            server.log(f"internal error in {function.__name__}: {error!r}\n{traceback.format_exc()}", types.MessageType.Error)
            return None

    return wrapper


WATCHED = "**/{" + ",".join(sorted(CONFIG_NAMES)) + "}"


def make_server() -> DlintServer:
    server = DlintServer()

    @server.feature(types.INITIALIZE)
    @_guarded
    def initialize(ls: DlintServer, params: types.InitializeParams) -> None:
        ls.store.update(params.initialization_options)
        roots = [path_of(folder.uri) for folder in params.workspace_folders or ()]
        if not roots and params.root_uri:
            roots = [path_of(params.root_uri)]
        ls.store.roots = [root for root in roots if root is not None]

    @server.feature(types.INITIALIZED)
    async def initialized(ls: DlintServer, params: types.InitializedParams) -> None:
        capabilities = ls.client_capabilities.workspace
        try:
            watch = capabilities and capabilities.did_change_watched_files
            if watch and watch.dynamic_registration:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
                    id="dlint-config-files",
                    method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=types.DidChangeWatchedFilesRegistrationOptions(
                        watchers=[types.FileSystemWatcher(glob_pattern=WATCHED)]
                    ),
                )]))
            if capabilities and capabilities.configuration:
                await pull_configuration(ls)
        except Exception as error:  # noqa: BLE001 - a client that refuses: no watching, the options given
            ls.log(f"set-up with the client: {error!r}", types.MessageType.Info)

    async def pull_configuration(ls: DlintServer) -> None:
        answer = await ls.workspace_configuration_async(
            types.ConfigurationParams(items=[types.ConfigurationItem(section="dlint")])
        )
        if answer and isinstance(answer[0], dict):
            ls.store.update(answer[0])
            ls.config_changed()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @_guarded
    def did_open(ls: DlintServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        document = make_document(item.uri, item.language_id, item.text, item.version)
        if document is None and ls.store.maps_to_compose(path_of(item.uri)):
            document = make_document(item.uri, "dockercompose", item.text, item.version)
        if document is None:
            return
        ls.documents[item.uri] = document
        ls.lint(item.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @_guarded
    def did_change(ls: DlintServer, params: types.DidChangeTextDocumentParams) -> None:
        document = ls.documents.get(params.text_document.uri)
        if document is None:
            return
        document.text = ls.workspace.get_text_document(document.uri).source
        document.version = params.text_document.version
        ls.schedule(document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    @_guarded
    def did_save(ls: DlintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = path_of(uri)
        if path is not None and is_config_file(path):
            ls.config_changed()
        elif uri in ls.documents:
            ls.lint(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @_guarded
    def did_close(ls: DlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel(uri)
        document = ls.documents.pop(uri, None)
        if document is None:
            return
        outcome = ls.engine.result(uri)
        builds = outcome.builds if outcome is not None else frozenset()
        ls.engine.forget(uri)
        ls.publish(document, [])
        for other in ls.dependents(document, builds) if document.kind == "compose" else ():
            ls.lint(other.uri, dependents=False)  # no longer built by this buffer's text
        if document.kind == "dockerfile":  # the file on disk counts again
            for other in [d for d in ls.documents.values() if d.kind == "compose"]:
                result = ls.engine.result(other.uri)
                if result is not None and document.path is not None and str(document.path) in result.builds:
                    ls.lint(other.uri, dependents=False)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @_guarded
    def watched(ls: DlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if params.changes:
            ls.config_changed()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def configuration(ls: DlintServer, params: types.DidChangeConfigurationParams) -> None:
        try:
            if isinstance(params.settings, dict):
                ls.store.update(params.settings)
                ls.config_changed()
            elif ls.client_capabilities.workspace and ls.client_capabilities.workspace.configuration:
                await pull_configuration(ls)
        except Exception as error:  # noqa: BLE001
            ls.log(f"configuration: {error!r}", types.MessageType.Error)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False),
    )
    @_guarded
    def code_action(ls: DlintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        document = ls.documents.get(params.text_document.uri)
        if document is None:
            return None
        outcome = ls.engine.lint(document, ls.documents)  # cached unless the text changed since
        return code_actions(
            document, outcome.findings, params, ls.positions(document), ls.engine.mandatory(document),
            lambda: ls.engine.fix_all(document, ls.documents),
        ) or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_guarded
    def on_hover(ls: DlintServer, params: types.HoverParams) -> types.Hover | None:
        document = ls.documents.get(params.text_document.uri)
        if document is None:
            return None
        outcome = ls.engine.lint(document, ls.documents)
        return hover(document.text, outcome.findings, ls.positions(document), params.position)

    return server
