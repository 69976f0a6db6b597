import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  TextDocument,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeParams,
  type InitializeResult,
  type Range as LspRange,
} from './protocol.js';
import { findingsByFile, type FindingInFile } from '../adapters/places.js';
import { corpusScope } from '../adapters/scope.js';
import { ConfigError } from '../config.js';
import { isInside, type Corpus } from '../corpus.js';
import { toPosix, UsageError } from '../discover.js';
import { ruleDocsUrl, VERSION } from '../package-info.js';
import type { Diagnostic, Range } from '../types.js';
import { NAVIGATION_CAPABILITIES, registerNavigation } from './navigation.js';
import { CODE_ACTION_KINDS, codeActions } from './code-actions.js';
import { isConfigFile, PlanningWorkspace } from './workspace.js';

/** tasklint positions are 1-based; LSP's are 0-based, both in UTF-16 code units. */
export function toLspRange(range: Range): LspRange {
  return {
    start: { line: Math.max(0, range.start.line - 1), character: Math.max(0, range.start.column - 1) },
    end: { line: Math.max(0, range.end.line - 1), character: Math.max(0, range.end.column - 1) },
  };
}

export function fileOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function toLspDiagnostic(finding: FindingInFile, uriOf: (file: string) => string): LspDiagnostic {
  const { diagnostic } = finding;
  return {
    range: toLspRange(finding.range),
    severity: diagnostic.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: diagnostic.ruleId,
    codeDescription: { href: ruleDocsUrl(diagnostic.ruleId) },
    source: 'tasklint',
    message: finding.message,
    relatedInformation: finding.others.map((place) => ({
      location: { uri: uriOf(place.file), range: toLspRange(place.range) },
      message: place.message || diagnostic.message,
    })),
  };
}

/**
 * The language server: one in-memory planning folder per workspace folder. An edit re-extracts
 * that document only, the rules run again, and every file whose findings changed gets its new
 * diagnostics (an edit in one file can raise or clear a finding shown in another).
 */
class TasklintServer {
  private readonly workspaces = new Map<string, Promise<PlanningWorkspace | undefined>>();
  /** Folders the client named; a file outside all of them gets the folder around it. */
  private roots: string[] = [];
  /** The URI each file was opened under, so diagnostics go back under the same spelling. */
  private readonly uris = new Map<string, string>();
  private readonly editedBuffers = new Set<string>();
  private readonly changedOnDisk = new Set<string>();
  private readonly configChanged = new Set<string>();
  /** Folders to read and lint on the next run (the client's, at start and when added). */
  private readonly newRoots = new Set<string>();
  /** Per workspace root, the diagnostics last sent for each file that had some. */
  private readonly published = new Map<string, Map<string, string>>();
  /** Per workspace root, every finding of the last run: what code actions are drawn from. */
  private readonly latest = new Map<string, Diagnostic[]>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  /** Requests waiting for the edits before them to be checked. */
  private waiters: (() => void)[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly buffers: TextDocuments<TextDocument>,
    private readonly options: ServerOptions = {},
  ) {}

  initialize(params: InitializeParams): InitializeResult {
    const folders = params.workspaceFolders?.map((folder) => fileOfUri(folder.uri)) ?? [];
    // Clients older than workspace folders send only these.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const legacyRoot = params.rootUri ? fileOfUri(params.rootUri) : (params.rootPath ?? undefined);
    this.roots = (folders.length ? folders : [legacyRoot]).filter((root): root is string => Boolean(root));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...NAVIGATION_CAPABILITIES,
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
      },
      serverInfo: { name: 'tasklint', version: VERSION },
    };
  }

  async initialized(params: InitializeParams): Promise<void> {
    if (params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      // Any file: a created or deleted file can make a link valid or broken.
      await this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] })
        .catch((error: unknown) => {
          this.connection.console.warn(
            `tasklint: the editor refused file watching (${String(error)}); saved changes show once a file is opened`,
          );
        });
    }
    for (const root of this.roots) this.newRoots.add(root);
    this.schedule();
  }

  bufferChanged(uri: string): void {
    const file = fileOfUri(uri);
    if (!file) return;
    this.uris.set(file, uri);
    this.editedBuffers.add(file);
    this.schedule();
  }

  bufferClosed(uri: string): void {
    const file = fileOfUri(uri);
    if (!file) return;
    this.editedBuffers.delete(file);
    // Closed unsaved: what is on disk is the truth again.
    this.changedOnDisk.add(file);
    this.schedule();
  }

  diskChanged(uris: string[]): void {
    for (const uri of uris) {
      const file = fileOfUri(uri);
      if (!file) continue;
      if (isConfigFile(file)) {
        for (const root of this.loadedRoots())
          if (isInside(root, path.dirname(file)) || isInside(file, root)) this.configChanged.add(root);
      }
      this.changedOnDisk.add(file);
    }
    this.schedule();
  }

  foldersChanged(added: string[], removed: string[]): void {
    this.roots = [...this.roots.filter((root) => !removed.includes(root)), ...added];
    for (const root of removed) {
      this.workspaces.delete(root);
      for (const file of this.published.get(root)?.keys() ?? [])
        void this.connection.sendDiagnostics({ uri: this.uriOf(file), diagnostics: [] });
      this.published.delete(root);
      this.latest.delete(root);
    }
    for (const root of added) this.newRoots.add(root);
    this.schedule();
  }

  private loadedRoots(): string[] {
    return [...this.workspaces.keys()];
  }

  private uriOf(file: string): string {
    return this.uris.get(file) ?? pathToFileURL(file).href;
  }

  private workspace(root: string, configFile?: string): Promise<PlanningWorkspace | undefined> {
    let pending = this.workspaces.get(root);
    if (!pending) {
      pending = PlanningWorkspace.load(root, configFile, this.options.cache, (message) => {
        this.connection.console.warn(`tasklint: ${message}`);
      }).catch((error: unknown) => {
        this.reportError(error);
        return undefined;
      });
      this.workspaces.set(root, pending);
    }
    return pending;
  }

  /** The deepest folder the client named that holds `file`, else the planning folder around it. */
  private rootOf(file: string): { root: string; configFile?: string } {
    const holding = this.roots.filter((root) => isInside(file, root)).sort((a, b) => b.length - a.length);
    if (holding[0]) return { root: holding[0] };
    return corpusScope([file], path.dirname(file));
  }

  private reportError(error: unknown): void {
    if (error instanceof ConfigError || error instanceof UsageError)
      this.connection.window.showErrorMessage(`tasklint: ${error.message}`);
    else this.connection.console.error(`tasklint: internal error: ${(error as Error).stack ?? String(error)}`);
  }

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    // The notifications of one read from the client make one run; keystrokes that arrive while a
    // run is going are taken together by the next one (drain), so no delay is added here.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, 0);
  }

  /** Resolves once every change received so far is checked: a request then reads the text it was sent after. */
  settled(): Promise<void> {
    if (!this.timer && !this.running) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The checked corpus of the planning folder holding `file`. */
  async corpusOf(file: string): Promise<Corpus | undefined> {
    await this.settled();
    const workspace = await this.workspaces.get(this.rootOf(file).root);
    return workspace && (await workspace.covers(file)) ? workspace.current : undefined;
  }

  async corpora(): Promise<Corpus[]> {
    await this.settled();
    const loaded = await Promise.all(this.workspaces.values());
    return loaded.flatMap((workspace) => (workspace?.current ? [workspace.current] : []));
  }

  private async drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.runOnce();
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- an edit during runOnce sets it
      } while (this.again);
    } catch (error) {
      this.reportError(error);
    } finally {
      this.running = false;
      if (!this.timer) for (const resolve of this.waiters.splice(0)) resolve();
    }
  }

  private async runOnce(): Promise<void> {
    const touched = new Set<string>();
    for (const root of [...this.newRoots]) {
      this.newRoots.delete(root);
      if (await this.workspace(root)) touched.add(root);
    }
    for (const root of [...this.configChanged]) {
      this.configChanged.delete(root);
      const { configFile } = this.rootOf(root);
      this.workspaces.delete(root);
      const workspace = await this.workspace(root, configFile);
      // A fresh read of the folder: put the editor's unsaved text back over it.
      for (const file of this.uris.keys())
        if (this.buffers.get(this.uriOf(file)) && isInside(file, root)) this.editedBuffers.add(file);
      if (workspace) touched.add(root);
      else this.publish(root, []);
    }
    for (const file of [...this.editedBuffers]) {
      this.editedBuffers.delete(file);
      const buffer = this.buffers.get(this.uriOf(file));
      if (!buffer) continue;
      const { root, configFile } = this.rootOf(file);
      const workspace = await this.workspace(root, configFile);
      if (!workspace || !(await workspace.covers(file))) continue;
      await workspace.setText(file, buffer.getText());
      touched.add(root);
    }
    for (const file of [...this.changedOnDisk]) {
      this.changedOnDisk.delete(file);
      for (const [root, pending] of this.workspaces) {
        const workspace = await pending;
        if (!workspace || !isInside(file, root)) continue;
        // An open buffer is the truth for its file; the disk may still change link targets.
        if (this.buffers.get(this.uriOf(file))) workspace.forgetTarget(file);
        else await workspace.reload(file);
        touched.add(root);
      }
    }
    for (const root of touched) {
      const workspace = await this.workspaces.get(root);
      if (!workspace) continue;
      const { diagnostics, affected } = await workspace.lintChanges();
      this.publish(root, diagnostics, affected);
    }
    // The diagnostics go out first; then what the next edit will need.
    await new Promise((resolve) => setImmediate(resolve));
    for (const root of touched) (await this.workspaces.get(root))?.prepareEdits();
  }

  /** The quick fixes and the fix-all of a document, from the findings last published. */
  codeActions(params: CodeActionParams): CodeAction[] {
    const file = fileOfUri(params.textDocument.uri);
    if (!file) return [];
    const rootOf = (of: string) =>
      this.loadedRoots()
        .filter((root) => isInside(of, root) && this.latest.has(root))
        .sort((a, b) => b.length - a.length)[0];
    const root = rootOf(file);
    if (!root) return [];
    const diagnostics = this.latest.get(root) ?? [];
    return codeActions(params, file, {
      findingsIn: (of) => findingsByFile(diagnostics, (other) => toPosix(path.relative(root, other))).get(of) ?? [],
      diagnosticsAround: () => diagnostics,
      textOf: (of) => {
        const buffer = this.buffers.get(this.uriOf(of));
        if (buffer) return buffer.getText();
        try {
          return readFileSync(of, 'utf8').replace(/^\uFEFF/, '');
        } catch {
          return undefined;
        }
      },
      uriOf: (of) => this.uriOf(of),
      toLsp: (finding) => toLspDiagnostic(finding, (other) => this.uriOf(other)),
      toLspRange: (finding) => toLspRange(finding.range),
    });
  }

  /** Sends each file's findings where they differ from what was sent; `affected`: only those files can differ. */
  private publish(root: string, diagnostics: Diagnostic[], affected?: Set<string>): void {
    this.latest.set(root, diagnostics);
    const sent = this.published.get(root) ?? new Map<string, string>();
    this.published.set(root, sent);
    const shown = affected
      ? diagnostics.filter((d) => affected.has(d.file) || d.related.some((related) => affected.has(related.file)))
      : diagnostics;
    const byFile = findingsByFile(shown, (file) => toPosix(path.relative(root, file)));
    const files = affected
      ? [...affected].filter((file) => byFile.has(file) || sent.has(file))
      : new Set([...byFile.keys(), ...sent.keys()]);
    for (const file of files) {
      const lsp = (byFile.get(file) ?? []).map((finding) => toLspDiagnostic(finding, (other) => this.uriOf(other)));
      const json = JSON.stringify(lsp);
      if ((sent.get(file) ?? '[]') === json) continue;
      if (lsp.length) sent.set(file, json);
      else sent.delete(file);
      void this.connection.sendDiagnostics({ uri: this.uriOf(file), diagnostics: lsp });
    }
  }
}

export interface ServerOptions {
  /** Facts of unchanged files from tasklint's cache, as `--cache` keeps it (see `LintOptions.cache`). */
  cache?: boolean | { location?: string };
}

/** Serves LSP over the given streams (stdio by default) until the client exits. */
export function startServer(
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
  options: ServerOptions = {},
): Connection {
  const connection = createConnection(input, output);
  // Standard output carries the protocol: nothing else may write to it.
  console.log = (...args: unknown[]) => {
    connection.console.log(args.map(String).join(' '));
  };
  console.info = console.log;
  console.debug = console.log;
  const buffers = new TextDocuments(TextDocument);
  const server = new TasklintServer(connection, buffers, options);
  let initializeParams: InitializeParams | undefined;
  connection.onInitialize((params) => {
    initializeParams = params;
    return server.initialize(params);
  });
  connection.onInitialized(() => {
    if (!initializeParams) return;
    const params = initializeParams;
    if (params.capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const files = (folders: { uri: string }[]) =>
          folders.map((folder) => fileOfUri(folder.uri)).filter((file): file is string => Boolean(file));
        server.foldersChanged(files(event.added), files(event.removed));
      });
    }
    void server.initialized(params);
  });
  buffers.onDidChangeContent((event) => {
    server.bufferChanged(event.document.uri);
  });
  buffers.onDidClose((event) => {
    server.bufferClosed(event.document.uri);
  });
  connection.onCodeAction((params) => server.codeActions(params));
  connection.onDidChangeWatchedFiles((params) => {
    server.diskChanged(params.changes.map((change) => change.uri));
  });
  registerNavigation(connection, {
    corpusOf: (file) => server.corpusOf(file),
    corpora: () => server.corpora(),
    // The editor's text where the file is open, else the file on disk.
    textOf: (file) => {
      const open =
        buffers.get(pathToFileURL(file).href) ?? buffers.all().find((buffer) => fileOfUri(buffer.uri) === file);
      if (open) return open.getText();
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  buffers.listen(connection);
  connection.listen();
  return connection;
}
