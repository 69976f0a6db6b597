import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  CodeActionRequest,
  type CodeAction,
  type Diagnostic,
  type InitializeResult,
  type Range,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node.js';
import { CLI } from '../helpers/cli.js';

export const uri = (file: string): string => pathToFileURL(file).href;

/**
 * A language client as an editor is one: spawns `tasklint --lsp`, speaks JSON-RPC over its
 * stdio, and keeps the latest diagnostics the server published for each document.
 */
export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly serverMessages: string[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly versions = new Map<string, number>();
  private stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: ProtocolConnection,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      for (const listener of this.listeners) listener();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) =>
      this.serverMessages.push(params.message),
    );
    connection.onNotification('window/showMessage', (params: { message: string }) =>
      this.serverMessages.push(params.message),
    );
    connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
      this.serverMessages.push(params.message);
      return null;
    });
    connection.onRequest('client/registerCapability', () => null);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
  }

  static start(
    workspace: string,
    args: string[] = ['--lsp', '--stdio'],
  ): Promise<{ client: LspClient; result: InitializeResult }> {
    return LspClient.startCommand(process.execPath, [CLI, ...args], workspace);
  }

  /**
   * The server as an editor's settings name it: a command and its arguments, looked up on the
   * PATH of `options.env`. A command that is missing or exits before answering is an error.
   */
  static async startCommand(
    command: string,
    args: string[],
    workspace: string,
    options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
  ): Promise<{ client: LspClient; result: InitializeResult }> {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const failed = new Promise<never>((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => {
        reject(new Error(`${[command, ...args].join(' ')} exited (${code}) before answering initialize: ${stderr}`));
      });
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    connection.listen();
    const client = new LspClient(child, connection);
    const result = await Promise.race([
      failed,
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        // Sent as older clients do, beside the folders newer ones send.
        // eslint-disable-next-line @typescript-eslint/no-deprecated
        rootUri: uri(workspace),
        workspaceFolders: [{ uri: uri(workspace), name: 'planning' }],
        capabilities: {
          workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
          textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true } },
        },
      }),
    ]);
    failed.catch(() => undefined);
    await connection.sendNotification(InitializedNotification.type, {});
    return { client, result };
  }

  async open(file: string, text: string): Promise<void> {
    this.versions.set(file, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(file), languageId: 'markdown', version: 1, text },
    });
  }

  /** Replaces the whole text, as an editor does after a paste over everything. */
  async change(file: string, text: string): Promise<void> {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(file), version },
      contentChanges: [{ text }],
    });
  }

  /** Replaces `oldText` (its first occurrence) by `newText` with a ranged change, as typing does. */
  async edit(file: string, current: string, oldText: string, newText: string): Promise<string> {
    const offset = current.indexOf(oldText);
    if (offset < 0) throw new Error(`"${oldText}" is not in ${file}`);
    const position = (at: number) => {
      const before = current.slice(0, at).split('\n');
      return { line: before.length - 1, character: before[before.length - 1]!.length };
    };
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(file), version },
      contentChanges: [{ range: { start: position(offset), end: position(offset + oldText.length) }, text: newText }],
    });
    return current.slice(0, offset) + newText + current.slice(offset + oldText.length);
  }

  async savedOnDisk(file: string, type: FileChangeType = FileChangeType.Changed): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri(file), type }],
    });
  }

  /** Any request by its method name, as an editor sends it: `textDocument/hover`, `workspace/symbol`. */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  diagnosticsOf(file: string): Diagnostic[] {
    return this.diagnostics.get(uri(file)) ?? [];
  }

  /** The code actions the server offers for a range of a document (`only`: the kinds asked for). */
  async codeActions(file: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const actions = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file) },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
    return (actions ?? []).filter((action): action is CodeAction => 'kind' in action || 'edit' in action);
  }

  /** Resolves once `condition` holds over the published diagnostics; fails with what was published. */
  waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const listener = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        const published = JSON.stringify(Object.fromEntries(this.diagnostics), null, 1);
        reject(
          new Error(
            `timed out waiting for ${what}\npublished: ${published}\nserver said: ${this.serverMessages.join('\n')}\nstderr: ${this.stderr}`,
          ),
        );
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) =>
      this.child.once('exit', (code) => {
        resolve(code);
      }),
    );
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}
