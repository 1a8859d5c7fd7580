// "Apache SSL: Create Test PKI for Mutual TLS": asks where and for which host
// name, and a password for the browser's .p12 file, then has the server write
// the files and, if the user wants, put the directives into the
// <VirtualHost> at the cursor (through an edit the editor can undo).
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { virtualHostAt } from '../../server/src/features/insertVirtualHostDirectives';
import { parseConfig } from '../../server/src/parser/parseConfig';
import type { CreateTestPkiReply } from '../../server/src/lsp/testPkiCommands';
import { APACHE_LANGUAGE_ID } from './detectApacheByContent';

/** Must match CREATE_TEST_PKI_COMMAND in the server. */
const SERVER_COMMAND = 'apacheSsl.server.createTestPki';
const INSERT = 'Insert directives into this virtual host';
const FILES_ONLY = 'Only create the files';

export function registerCreateTestPki(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(vscode.commands.registerCommand('apacheSsl.createTestPki', () => createTestPki(getClient())));
}

async function createTestPki(client: LanguageClient | undefined): Promise<void> {
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('The Apache SSL language server is not running.');
    return;
  }
  const editor = vscode.window.activeTextEditor;
  const host = editor?.document.languageId === APACHE_LANGUAGE_ID ? hostAtCursor(editor) : undefined;
  const folders = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Create the test PKI here',
    title: 'Folder for the test PKI (ca, server and client certificates and keys)',
  });
  if (!folders?.[0]) return;
  const hostName = await vscode.window.showInputBox({
    title: 'Host name of the server certificate',
    prompt: 'The name clients connect to (a DNS name or an IP address).',
    value: host?.serverName ?? 'localhost',
    validateInput: (value) => (value.trim() === '' ? 'A host name is needed.' : undefined),
  });
  if (hostName === undefined) return;
  const password = await vscode.window.showInputBox({
    title: 'Password for client.p12',
    prompt: 'Protects the client certificate and key you import into a browser.',
    password: true,
    validateInput: (value) => (value === '' ? 'A password is needed: browsers import a protected .p12.' : undefined),
  });
  if (password === undefined) return;
  let insert = false;
  if (editor && host) {
    const choice = await vscode.window.showQuickPick([INSERT, FILES_ONLY], { title: 'Test PKI', placeHolder: `Add the directives to ${host.tag}?` });
    if (choice === undefined) return;
    insert = choice === INSERT;
  }
  const place = insert && editor ? [editor.document.uri.toString(), client.code2ProtocolConverter.asPosition(editor.selection.active)] : [];
  const answer = (await client.sendRequest(ExecuteCommandRequest.type, {
    command: SERVER_COMMAND,
    arguments: [folders[0].fsPath, hostName.trim(), 'client', password, ...place],
  })) as CreateTestPkiReply | null;
  await report(answer, insert);
}

async function report(answer: CreateTestPkiReply | null, insert: boolean): Promise<void> {
  if (!answer || answer.error || !answer.files) {
    void vscode.window.showErrorMessage(answer?.error ?? 'The test PKI was not created.');
    return;
  }
  const written = `Wrote ${Object.keys(answer.files).length} files (keys with mode 0600).`;
  const inserted = answer.inserted?.length ? ` Added ${answer.inserted.length} lines to the virtual host.` : '';
  const skipped = answer.skipped?.length ? ` Left out, as the host already has them: ${answer.skipped.join('; ')}.` : '';
  const failed = insert && answer.insertError ? ` Nothing added to the virtual host: ${answer.insertError}` : '';
  const copy = 'Copy the directives';
  const choice = await vscode.window.showInformationMessage(`${written}${inserted}${skipped}${failed}`, copy);
  if (choice === copy) await vscode.env.clipboard.writeText(`${(answer.directives ?? []).join('\n')}\n`);
}

/** The <VirtualHost> at the cursor: its tag and ServerName, the default host name. */
function hostAtCursor(editor: vscode.TextEditor): { tag: string; serverName?: string } | undefined {
  const file = parseConfig(editor.document.getText());
  const section = virtualHostAt(file, { line: editor.selection.active.line, character: editor.selection.active.character });
  if (!section) return undefined;
  const serverName = section.children.find((child) => child.kind === 'directive' && child.name.toLowerCase() === 'servername');
  const written = serverName?.kind === 'directive' ? serverName.args[0]?.value : undefined;
  // ServerName [scheme://]host[:port]: the host part.
  const name = written?.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/:\d*$/, '');
  return { tag: `<VirtualHost ${section.args.map((arg) => arg.raw).join(' ')}>`, ...(name ? { serverName: name } : {}) };
}
