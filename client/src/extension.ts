// VS Code side of Apache SSL: starts the bundled language server (dist/server.js)
// and switches plain-text documents that are really Apache configs to apacheconf.

import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { APACHE_LANGUAGE_ID, ApacheContentDetector } from './detectApacheByContent';
import { registerEffectiveConfiguration } from './showEffectiveConfiguration';
import { registerCreateTestPki } from './createTestPki';
import { registerCopyTestCommands } from './copyTestCommands';
import { registerRunConfigTest } from './runConfigTest';

let client: LanguageClient | undefined;

/** Lines handed to content detection: it only needs the beginning of a file. */
const DETECTION_LINES = 1000;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Apache SSL', { log: true });
  context.subscriptions.push(outputChannel);

  startContentDetection(context, outputChannel);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: APACHE_LANGUAGE_ID },
      { scheme: 'untitled', language: APACHE_LANGUAGE_ID },
    ],
    // File watching is registered by the server itself, as for any LSP client.
    synchronize: { configurationSection: 'apacheSsl' },
    // The server runs Apache's config test only where the user trusts the workspace.
    initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted }),
    outputChannel,
  };
  const createClient = (): LanguageClient => new LanguageClient('apacheSsl', 'Apache SSL', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('apacheSsl.restartServer', async () => {
      try {
        await restartServer(createClient);
        outputChannel.info('Apache SSL language server restarted.');
      } catch (error) {
        reportStartFailure(outputChannel, error);
      }
    }),
  );

  registerEffectiveConfiguration(context, () => client);
  registerCreateTestPki(context, () => client);
  registerCopyTestCommands(context, () => client);
  registerRunConfigTest(context, () => client);

  client = createClient();
  try {
    await client.start();
  } catch (error) {
    // Keep the extension (restart command, content detection) alive.
    reportStartFailure(outputChannel, error);
  }
}

async function restartServer(createClient: () => LanguageClient): Promise<void> {
  const current = client;
  // Let a start in progress finish: stop() refuses a client that is not running yet.
  if (current?.state === State.Starting) await current.start().catch(() => undefined);
  if (current?.isRunning()) {
    await current.restart();
    return;
  }
  // Stopped, or failed to start: a client whose start failed cannot be started
  // again, so replace it with a fresh one.
  if (current) await current.dispose().catch(() => undefined);
  client = createClient();
  await client.start();
}

export async function deactivate(): Promise<void> {
  const stopping = client;
  client = undefined;
  if (stopping?.needsStop()) {
    try {
      await stopping.stop();
    } catch {
      // Still starting: nothing to shut down cleanly; VS Code kills the process.
    }
  }
}

function reportStartFailure(outputChannel: vscode.LogOutputChannel, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  outputChannel.error(`Apache SSL language server failed to start: ${message}`);
  void vscode.window.showErrorMessage(`Apache SSL: the language server failed to start (${message}).`);
}

/** Switches already-open and newly opened documents whose content is an Apache config. */
function startContentDetection(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): void {
  const detector = new ApacheContentDetector();
  const consider = (document: vscode.TextDocument): void => {
    // Only real files and new buffers; not git:, output:, settings documents …
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return;
    const enabled = vscode.workspace.getConfiguration('apacheSsl', document.uri).get<boolean>('detectByContent', true);
    const head = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, DETECTION_LINES), 0));
    if (!detector.decide(document.uri.toString(), document.languageId, document.fileName, head, enabled)) return;
    vscode.languages.setTextDocumentLanguage(document, APACHE_LANGUAGE_ID).then(
      () => outputChannel.info(`Detected an Apache configuration by its content: ${document.uri.fsPath}`),
      (error: unknown) => outputChannel.warn(`Could not switch ${document.uri.toString()} to ${APACHE_LANGUAGE_ID}: ${String(error)}`),
    );
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(consider),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('apacheSsl.detectByContent')) vscode.workspace.textDocuments.forEach(consider);
    }),
  );
  vscode.workspace.textDocuments.forEach(consider);
}
