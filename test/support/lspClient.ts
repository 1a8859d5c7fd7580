// A minimal LSP client for protocol tests: starts the bundled server
// (dist/server.js) over `--stdio` or `--node-ipc`, speaks JSON-RPC to it the
// way an editor does, answers its `workspace/configuration` requests and
// records every `textDocument/publishDiagnostics` notification, so a test can
// await the next one for a document (with a deadline, never a fixed sleep).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  FoldingRangeRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  LogTraceNotification,
  ShowMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CompletionItem,
  type Hover,
  type Position,
  type ConfigurationItem,
  type DocumentSymbol,
  type FoldingRange,
  type InitializeResult,
  type LogMessageParams,
  type LogTraceParams,
  type ShowMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type SymbolInformation,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const SERVER_PATH = join(__dirname, '..', '..', 'dist', 'server.js');

/** How long a test waits for something the server should send before failing. */
export const DEFAULT_DEADLINE_MS = 30_000;

export type Transport = 'stdio' | 'node-ipc';

/** Answers one `workspace/configuration` item (may be async to hold the answer back). */
export type SettingsProvider = (item: ConfigurationItem) => unknown;

export interface StartOptions {
  transport?: Transport;
  /** Whether the client announces `workspace.configuration` (pull model). Default true. */
  configuration?: boolean;
  /** Answers `workspace/configuration`; default: `{}` for every item. Can be swapped later through `client.settings`. */
  settings?: SettingsProvider;
  /** Absolute folders opened as the workspace; none by default. */
  workspaceFolders?: string[];
  /** Diagnostic codes left out of `published` (and so of every wait), for tests about something else. */
  ignoreCodes?: string[];
  /** Whether the client offers to watch files for the server (`workspace.didChangeWatchedFiles`). Default true. */
  watchFiles?: boolean;
  /** Sent as `initializationOptions` (what VS Code's client sends: `{ workspaceTrusted }`). */
  initializationOptions?: object;
}

/** What an editor like VS Code announces, reduced to what this server can use. */
export function clientCapabilities(configuration: boolean, watchFiles = true): ClientCapabilities {
  return {
    general: { positionEncodings: ['utf-16'] },
    window: { workDoneProgress: true },
    workspace: {
      configuration,
      didChangeConfiguration: { dynamicRegistration: false },
      didChangeWatchedFiles: { dynamicRegistration: watchFiles },
      workspaceFolders: true,
    },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: true, willSave: false, willSaveWaitUntil: false },
      publishDiagnostics: {
        relatedInformation: true,
        versionSupport: true,
        codeDescriptionSupport: true,
        dataSupport: true,
        tagSupport: { valueSet: [1, 2] },
      },
      documentSymbol: {
        dynamicRegistration: false,
        hierarchicalDocumentSymbolSupport: true,
        labelSupport: true,
        symbolKind: { valueSet: Array.from({ length: 26 }, (_, i) => (i + 1) as 1) },
      },
      foldingRange: {
        dynamicRegistration: false,
        rangeLimit: 5000,
        lineFoldingOnly: true,
        foldingRangeKind: { valueSet: ['comment', 'imports', 'region'] },
      },
      hover: { dynamicRegistration: false, contentFormat: ['markdown', 'plaintext'] },
      completion: {
        dynamicRegistration: false,
        completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], tagSupport: { valueSet: [1] } },
      },
    },
  };
}

interface DiagnosticsWaiter {
  uri: string;
  accept: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
}

let documentCounter = 0;

export class LspClient {
  /** Every diagnostics notification received, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Every `workspace/configuration` request received, item lists in arrival order. */
  readonly configurationRequests: ConfigurationItem[][] = [];
  /** Every `client/registerCapability` registration received. */
  readonly registrations: Registration[] = [];
  /** Every `window/logMessage` notification received. */
  readonly logMessages: LogMessageParams[] = [];
  /** Every `$/logTrace` notification received (the server traces once asked with `$/setTrace`). */
  readonly traces: LogTraceParams[] = [];
  /** Every `window/showMessage` notification received. */
  readonly shownMessages: ShowMessageParams[] = [];
  /** What the child wrote to stderr (shown when a wait times out). */
  stderr = '';
  settings: SettingsProvider;
  initializeResult: InitializeResult | undefined;
  /** Resolves with the exit code (null when killed by a signal) once the server process ends. */
  readonly exited: Promise<number | null>;

  private readonly consumed = new Map<string, number>();
  private waiters: DiagnosticsWaiter[] = [];
  private configurationListeners: (() => void)[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly configuration: boolean,
    settings: SettingsProvider,
    ignoreCodes: string[],
  ) {
    this.settings = settings;
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
      else child.once('exit', (code) => resolve(code));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-20_000);
    });
    child.stdin?.on('error', () => {
      /* the server went away; the test notices through `exited` or a failed request */
    });

    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push({ ...params, diagnostics: params.diagnostics.filter((d) => !ignoreCodes.includes(String(d.code))) });
      this.deliver();
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logMessages.push(params);
    });
    connection.onNotification(LogTraceNotification.type, (params) => {
      this.traces.push(params);
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      this.shownMessages.push(params);
    });
    connection.onRequest(ConfigurationRequest.type, async (params) => {
      this.configurationRequests.push(params.items);
      for (const listener of this.configurationListeners.splice(0)) listener();
      return Promise.all(params.items.map((item) => this.settings(item)));
    });
    connection.onError(() => {
      /* reported through the failing request or the exit code */
    });
    connection.listen();
  }

  /** Starts the bundled server and runs `initialize` + `initialized`. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    const transport = options.transport ?? 'stdio';
    const configuration = options.configuration ?? true;
    let child: ChildProcess;
    let connection: ProtocolConnection;
    if (transport === 'stdio') {
      child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createProtocolConnection(
        new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
        new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
      );
    } else {
      // What vscode-languageclient does for TransportKind.ipc.
      child = fork(SERVER_PATH, ['--node-ipc'], { silent: true });
      child.stdout?.resume();
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    }
    const client = new LspClient(child, connection, configuration, options.settings ?? (() => ({})), options.ignoreCodes ?? []);
    client.initializeResult = await client.withDeadline(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: 'apache-ssl protocol tests', version: '1.0.0' },
        locale: 'en',
        rootUri: null,
        workspaceFolders: options.workspaceFolders?.map((folder) => ({ uri: pathToFileURL(folder).href, name: basename(folder) })) ?? null,
        capabilities: clientCapabilities(configuration, options.watchFiles ?? true),
        initializationOptions: options.initializationOptions ?? {},
        trace: 'off',
      }),
      'the initialize result',
    );
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Opens a document with a fresh `file:` uri unless one is given; returns its uri. */
  async openDocument(text: string, options: { uri?: string; version?: number; languageId?: string } = {}): Promise<string> {
    const uri = options.uri ?? `file:///work/protocol-test/site-${++documentCounter}.conf`;
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: options.languageId ?? 'apacheconf', version: options.version ?? 1, text },
    });
    return uri;
  }

  async changeDocument(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  async closeDocument(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeConfiguration(settings: unknown): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /**
   * The next diagnostics notification for `uri` that this test has not yet
   * consumed and that `accept` takes (notifications it skips are consumed too).
   * Notifications are recorded as they arrive, so none is missed between the
   * action that triggers one and the call to this function.
   */
  nextDiagnostics(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    deadlineMs = DEFAULT_DEADLINE_MS,
  ): Promise<PublishDiagnosticsParams> {
    let waiter: DiagnosticsWaiter | undefined;
    const found = new Promise<PublishDiagnosticsParams>((resolve) => {
      waiter = { uri, accept, resolve };
      this.waiters.push(waiter);
      this.deliver();
    });
    return this.withDeadline(found, `diagnostics for ${uri}`, deadlineMs, () => {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      const seen = this.published.filter((p) => p.uri === uri);
      const received = seen.map((p) => ({ version: p.version, codes: p.diagnostics.map((d) => d.code) }));
      return `received for this uri: ${JSON.stringify(received)}`;
    });
  }

  /** The next diagnostics notification for `uri` that carries `version`. */
  diagnosticsForVersion(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.nextDiagnostics(uri, (params) => params.version === version);
  }

  /** Resolves once `count` configuration requests in total have arrived. */
  configurationRequestCount(count: number): Promise<void> {
    const reached = new Promise<void>((resolve) => {
      const check = () => {
        if (this.configurationRequests.length >= count) resolve();
        else this.configurationListeners.push(check);
      };
      check();
    });
    return this.withDeadline(reached, `${count} workspace/configuration request(s)`);
  }

  async documentSymbols(
    uri: string,
    deadlineMs = DEFAULT_DEADLINE_MS,
  ): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
    return this.withDeadline(
      this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
      `document symbols of ${uri}`,
      deadlineMs,
    );
  }

  async foldingRanges(uri: string, deadlineMs = DEFAULT_DEADLINE_MS): Promise<FoldingRange[] | null> {
    return this.withDeadline(
      this.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }),
      `folding ranges of ${uri}`,
      deadlineMs,
    );
  }

  async hover(uri: string, position: Position, deadlineMs = DEFAULT_DEADLINE_MS): Promise<Hover | null> {
    return this.withDeadline(
      this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
      `hover in ${uri}`,
      deadlineMs,
    );
  }

  async completion(uri: string, position: Position, deadlineMs = DEFAULT_DEADLINE_MS): Promise<CompletionItem[]> {
    const result = await this.withDeadline(
      this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }),
      `completion in ${uri}`,
      deadlineMs,
    );
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  /** Any request the helpers above do not cover, with the same deadline. */
  async request<R>(method: string, params: unknown, deadlineMs = DEFAULT_DEADLINE_MS): Promise<R> {
    return this.withDeadline(this.connection.sendRequest<R>(method, params), method, deadlineMs);
  }

  async notify(method: string, params: unknown): Promise<void> {
    await this.connection.sendNotification(method, params);
  }

  /** `shutdown` then `exit`, as a client does; resolves with the exit code. */
  async shutdown(): Promise<number | null> {
    await this.withDeadline(this.connection.sendRequest(ShutdownRequest.type), 'the shutdown result');
    await this.connection.sendNotification(ExitNotification.type);
    return this.withDeadline(this.exited, 'the server process to exit', DEFAULT_DEADLINE_MS, undefined, true);
  }

  /** Ends the connection and kills the server if it is still running. Safe to call twice. */
  async dispose(): Promise<void> {
    this.connection.dispose();
    if (this.alive) this.child.kill();
    await this.exited;
  }

  private deliver(): void {
    for (const waiter of [...this.waiters]) {
      let index = this.consumed.get(waiter.uri) ?? 0;
      for (; index < this.published.length; index++) {
        const params = this.published[index];
        if (params.uri !== waiter.uri) continue;
        if (!waiter.accept(params)) continue;
        this.consumed.set(waiter.uri, index + 1);
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(params);
        break;
      }
    }
  }

  /**
   * `promise`, or a failure after `deadlineMs` (a safety net against a hung
   * server, not a timing assertion), or as soon as the server process ends
   * unless `expectExit`.
   */
  private withDeadline<T>(
    promise: Promise<T>,
    what: string,
    deadlineMs = DEFAULT_DEADLINE_MS,
    details?: () => string,
    expectExit = false,
  ): Promise<T> {
    const describe = (problem: string) => {
      const extra = details ? `; ${details()}` : '';
      return new Error(`${problem} while waiting for ${what}${extra}\nserver stderr: ${this.stderr.slice(-2000)}`);
    };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(describe(`Timed out after ${deadlineMs} ms`)), deadlineMs);
    });
    const contenders: Promise<T>[] = [promise, deadline];
    if (!expectExit) {
      const gone = this.exited.then((code): never => {
        throw describe(`The server exited (code ${String(code)}, signal ${String(this.child.signalCode)})`);
      });
      gone.catch(() => {
        /* only matters if it wins the race */
      });
      contenders.push(gone);
    }
    return Promise.race(contenders).finally(() => clearTimeout(timer));
  }
}
