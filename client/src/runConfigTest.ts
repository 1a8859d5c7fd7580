// "Apache SSL: Run Apache Config Test": has the server run apache2ctl -t (or
// the configured program) on the configuration the active file belongs to.
// Refused in an untrusted workspace: it runs a program the workspace could
// name. Apache's findings appear in the Problems panel (source "apache2 -t").
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import type { ConfigTestReply } from '../../server/src/lsp/configTestCommand';

/** Must match RUN_CONFIG_TEST_COMMAND and WORKSPACE_TRUSTED_NOTIFICATION in the server. */
const SERVER_COMMAND = 'apacheSsl.server.runConfigTest';
const TRUSTED_NOTIFICATION = 'apacheSsl/workspaceTrusted';

export function registerRunConfigTest(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('apacheSsl.runConfigTest', async () => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('Apache SSL: running Apache\'s config test runs a program. Trust this workspace first.');
        return;
      }
      const client = getClient();
      if (!client?.isRunning()) {
        void vscode.window.showWarningMessage('The Apache SSL language server is not running.');
        return;
      }
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      const reply = (await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Apache config test' },
        () => client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMAND, arguments: uri ? [uri] : [] }),
      )) as ConfigTestReply | null;
      if (!reply) return;
      if (reply.ran && reply.ok) void vscode.window.showInformationMessage(reply.summary);
      else void vscode.window.showWarningMessage(reply.summary);
    }),
    // The server runs nothing for an untrusted workspace until the user grants trust.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      const client = getClient();
      if (client?.isRunning()) void client.sendNotification(TRUSTED_NOTIFICATION);
    }),
  );
}
