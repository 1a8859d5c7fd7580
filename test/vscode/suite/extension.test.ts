/// <reference types="mocha" />
// End-to-end checks inside a real VS Code (run by test/vscode/runVscodeTests.mjs
// with test/vscode/workspace as the workspace): activation, language
// assignment, diagnostics and outline from the bundled server, content
// detection, and the restart command. Everything asynchronous is polled with
// a deadline, never waited for with a fixed sleep.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'apache-ssl.apache-ssl';
const LANGUAGE_ID = 'apacheconf';
const TIMEOUT_MS = 30_000;
const POLL_MS = 100;

/** Calls `probe` until it returns something other than undefined, or fails after `timeoutMs`. */
async function waitFor<T>(what: string | (() => string), probe: () => T | undefined | Thenable<T | undefined>, timeoutMs = TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError === undefined ? '' : ` (last error: ${String(lastError)})`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `extension ${EXTENSION_ID} is not installed in the test instance`);
  return found;
}

function workspaceFile(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test instance was started without the test/vscode/workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** The open document for `uri` as VS Code currently has it (a language change replaces the object). */
function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
}

function waitForLanguage(uri: vscode.Uri, languageId: string): Promise<vscode.TextDocument> {
  const what = (): string => `${path.basename(uri.fsPath)} to have language ${languageId} (it has ${openDocument(uri)?.languageId})`;
  return waitFor(what, () => {
    const document = openDocument(uri);
    return document?.languageId === languageId ? document : undefined;
  });
}

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  // With a codeDescription the client turns the code into { value, target }.
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

function waitForUnclosedSection(uri: vscode.Uri): Promise<vscode.Diagnostic> {
  return waitFor(`an apache-ssl syntax/unclosed-section diagnostic on ${path.basename(uri.fsPath)}`, () =>
    vscode.languages
      .getDiagnostics(uri)
      .find((diagnostic) => diagnostic.source === 'apache-ssl' && codeOf(diagnostic) === 'syntax/unclosed-section'),
  );
}

type OutlineSymbol = vscode.DocumentSymbol | vscode.SymbolInformation;

function symbolNames(symbols: readonly OutlineSymbol[]): string[] {
  return symbols.flatMap((symbol) => [symbol.name, ...('children' in symbol ? symbolNames(symbol.children) : [])]);
}

function waitForSymbol(uri: vscode.Uri, prefix: string): Promise<string> {
  return waitFor(`an outline symbol starting with ${prefix} in ${path.basename(uri.fsPath)}`, async () => {
    const symbols = await vscode.commands.executeCommand<OutlineSymbol[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    );
    return symbolNames(symbols ?? []).find((name) => name.startsWith(prefix));
  });
}

suite('Apache SSL extension', () => {
  const example = (): vscode.Uri => workspaceFile('sites-available', 'example.conf');

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('activates when an Apache config is opened', async () => {
    const document = await vscode.workspace.openTextDocument(example());
    await vscode.window.showTextDocument(document);
    const ext = extension();
    await waitFor('the extension to activate', () => (ext.isActive ? true : undefined));
    await ext.activate(); // resolves once activate() has finished (the client has started)
  });

  test('a file in sites-available has language apacheconf', async () => {
    const document = await vscode.workspace.openTextDocument(example());
    assert.equal(document.languageId, LANGUAGE_ID);
  });

  test('the server reports the unclosed <Location /x> section', async () => {
    const diagnostic = await waitForUnclosedSection(example());
    assert.equal(diagnostic.source, 'apache-ssl');
    assert.equal(codeOf(diagnostic), 'syntax/unclosed-section');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    const line = (await vscode.workspace.openTextDocument(example())).lineAt(diagnostic.range.start.line).text;
    assert.match(line, /<Location \/x>/, `diagnostic is on line ${diagnostic.range.start.line + 1}: ${line}`);
  });

  test('the outline lists the VirtualHost', async () => {
    await waitForSymbol(example(), 'VirtualHost');
  });

  test('a plain .conf with Apache content outside Apache folders is switched to apacheconf', async () => {
    const nginx = workspaceFile('app', 'nginx.conf');
    const site = workspaceFile('app', 'site.conf');
    // Opened first, so it has been looked at by the time site.conf is switched.
    const nginxDocument = await vscode.workspace.openTextDocument(nginx);
    assert.notEqual(nginxDocument.languageId, LANGUAGE_ID);
    const siteDocument = await vscode.workspace.openTextDocument(site);
    await vscode.window.showTextDocument(siteDocument);
    await waitForLanguage(site, LANGUAGE_ID);
    assert.notEqual(openDocument(nginx)?.languageId, LANGUAGE_ID, 'nginx.conf was switched to apacheconf');
    // Once apacheconf, the server analyses it like any other Apache file.
    await waitForSymbol(site, 'VirtualHost');
  });

  test('examples/seed-mtls-proxy.conf is detected as Apache and outlined', async () => {
    const seed = vscode.Uri.file(path.join(extension().extensionPath, 'examples', 'seed-mtls-proxy.conf'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(seed));
    await waitForLanguage(seed, LANGUAGE_ID);
    await waitForSymbol(seed, 'VirtualHost');
  });

  test('Apache SSL: Show Effective Configuration opens a read-only document beside the editor', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(example()));
    await waitForLanguage(example(), LANGUAGE_ID);
    const inVhost = editor.document.getText().split('\n').findIndex((line) => /^\s+ServerName/.test(line));
    assert.ok(inVhost >= 0, 'example.conf has a ServerName inside its virtual host');
    editor.selection = new vscode.Selection(inVhost, 4, inVhost, 4);
    await vscode.commands.executeCommand('apacheSsl.showEffectiveConfiguration');
    const shown = await waitFor('the effective configuration document', () =>
      vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'apache-ssl-effective'),
    );
    assert.match(shown.getText(), /^# Effective configuration at example\.conf:/);
    assert.match(shown.getText(), /ServerName /);
    assert.equal(shown.languageId, LANGUAGE_ID);
  });

  test('Apache SSL: Restart Server brings the server back', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('apacheSsl.restartServer'), 'apacheSsl.restartServer is not registered');
    await vscode.commands.executeCommand('apacheSsl.restartServer');
    // Stopping the client clears its diagnostics; the restarted server publishes them again.
    await waitForUnclosedSection(example());
    await waitForSymbol(example(), 'VirtualHost');
  });
});
