/**
 * The language server protocol library, in one module: `npm run build` bundles this file into
 * one (scripts/bundle-worker.mjs), which loads in a third of the time its hundred CommonJS
 * files take, before the server can answer the editor. Each name is exported by name: a bundle
 * cannot pass on `export *` of a CommonJS module.
 */
export {
  CodeActionKind,
  CodeLens,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DocumentLink,
  DocumentSymbol,
  Location,
  MarkupKind,
  ResponseError,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node.js';
export type {
  CodeAction,
  CodeActionParams,
  Connection,
  Diagnostic,
  Hover,
  InitializeParams,
  InitializeResult,
  Position,
  Range,
  ServerCapabilities,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node.js';
export { TextDocument } from 'vscode-languageserver-textdocument';
