// "Apache SSL: Copy Test Commands": asks the server for the openssl and curl
// commands that try the <VirtualHost> at the cursor and puts them on the
// clipboard.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { APACHE_LANGUAGE_ID } from './detectApacheByContent';

/** Must match TEST_COMMANDS_COMMAND in the server. */
const SERVER_COMMAND = 'apacheSsl.server.testCommands';

export function registerCopyTestCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('apacheSsl.copyTestCommands', async () => {
      const editor = vscode.window.activeTextEditor;
      const client = getClient();
      if (!editor || editor.document.languageId !== APACHE_LANGUAGE_ID) {
        void vscode.window.showInformationMessage('Place the cursor in a <VirtualHost> of an Apache configuration file first.');
        return;
      }
      if (!client?.isRunning()) {
        void vscode.window.showWarningMessage('The Apache SSL language server is not running.');
        return;
      }
      const answer: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
        command: SERVER_COMMAND,
        arguments: [editor.document.uri.toString(), client.code2ProtocolConverter.asPosition(editor.selection.active)],
      });
      if (typeof answer !== 'string') {
        void vscode.window.showWarningMessage('Place the cursor inside a <VirtualHost> to get its test commands.');
        return;
      }
      await vscode.env.clipboard.writeText(answer);
      void vscode.window.showInformationMessage('Copied the openssl and curl test commands for this virtual host.');
    }),
  );
}
