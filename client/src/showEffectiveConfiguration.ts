// "Apache SSL: Show Effective Configuration": asks the server what is in force
// at the cursor and shows it beside the editor as a read-only document (a
// content provider's documents cannot be edited or saved by mistake).
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { APACHE_LANGUAGE_ID } from './detectApacheByContent';

const SCHEME = 'apache-ssl-effective';
/** Must match EFFECTIVE_CONFIGURATION_COMMAND in the server. */
const SERVER_COMMAND = 'apacheSsl.server.effectiveConfiguration';

export function registerEffectiveConfiguration(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const contents = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '',
    }),
    vscode.commands.registerCommand('apacheSsl.showEffectiveConfiguration', async () => {
      const editor = vscode.window.activeTextEditor;
      const client = getClient();
      if (!editor || editor.document.languageId !== APACHE_LANGUAGE_ID) {
        void vscode.window.showInformationMessage('Place the cursor in an Apache configuration file first.');
        return;
      }
      if (!client?.isRunning()) {
        void vscode.window.showWarningMessage('The Apache SSL language server is not running.');
        return;
      }
      const text = await client.sendRequest(ExecuteCommandRequest.type, {
        command: SERVER_COMMAND,
        arguments: [editor.document.uri.toString(), client.code2ProtocolConverter.asPosition(editor.selection.active)],
      });
      if (typeof text !== 'string') {
        void vscode.window.showWarningMessage('No effective configuration is known for this position.');
        return;
      }
      const name = editor.document.uri.path.split('/').pop() ?? 'config';
      const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${name} line ${editor.selection.active.line + 1}.conf` });
      contents.set(uri.toString(), text);
      changed.fire(uri);
      const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), APACHE_LANGUAGE_ID);
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
  );
}
