// "Run Apache Config Test" over the protocol: the real apache2 runs on the
// workspace's tree when asked, its error lands on the innermost file and line
// (source "apache2 -t") beside our findings, is dropped once that file is
// edited, and nothing runs in a workspace the client calls untrusted. On save
// (configTest.onSave) the same happens; a missing program is said once.
// Cipher strings are expanded with `openssl ciphers` only in a trusted workspace.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { ConfigTestReply } from '../../server/src/lsp/configTestCommand';
import { preludeWithModules } from '../support/apacheOracle';
import { LspClient } from '../support/lspClient';
import { writeTree } from '../support/tempTree';

const COMMAND = 'apacheSsl.server.runConfigTest';

function workspace(): { root: string; main: string; site: string } {
  const root = writeTree({
    'sites/site.conf': '<VirtualHost *:8443>\n    ServerName site.test\n    <Location /a>\n        SSLCertificateFile /x.crt\n    </Location>\n</VirtualHost>\n',
  }, 'apache-ssl-configtest-');
  const main = join(root, 'httpd.conf');
  writeFileSync(main, `${preludeWithModules(['ssl_module'])}ServerRoot "${root}"\nInclude sites/*.conf\n`);
  return { root, main, site: join(root, 'sites', 'site.conf') };
}

const settings = (configTest: object) => () => ({ configTest: { command: '/usr/sbin/apache2', ...configTest } });

test('the command runs apache2 -t on the tree and publishes its error at the innermost line, until that file is edited', async (t) => {
  const { root, site } = workspace();
  const client = await LspClient.start({ workspaceFolders: [root], settings: settings({}) });
  t.after(async () => {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });
  const uri = pathToFileURL(site).href;
  const text = readFileSync(site, 'utf8');
  await client.openDocument(text, { uri });
  await client.nextDiagnostics(uri);
  const reply = await client.request<ConfigTestReply>('workspace/executeCommand', { command: COMMAND, arguments: [uri] });
  assert.equal(reply.ran, true);
  assert.equal(reply.ok, false);
  assert.match(reply.summary, /apache2 -t -f .*httpd\.conf: Apache refuses the configuration: 1 error/);
  const published = await client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.source === 'apache2 -t'));
  const apache = published.diagnostics.filter((d) => d.source === 'apache2 -t');
  assert.deepEqual(apache.map((d) => [d.range.start.line, d.severity, d.message]), [[3, 1, 'SSLCertificateFile not allowed in <Location> context']]);
  // Our own finding for the same line is still there.
  assert.ok(published.diagnostics.some((d) => d.code === 'ctx/not-allowed' && d.range.start.line === 3));
  // An edit makes Apache's verdict stale: it goes.
  await client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }],
  });
  const edited = await client.nextDiagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(edited.diagnostics.filter((d) => d.source === 'apache2 -t'), []);
});

test('an untrusted workspace (initializationOptions.workspaceTrusted false) runs nothing, even when asked', async (t) => {
  const { root, site } = workspace();
  const client = await LspClient.start({ workspaceFolders: [root], settings: settings({ command: join(root, 'never-run') }), initializationOptions: { workspaceTrusted: false } });
  t.after(async () => {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });
  const reply = await client.request<ConfigTestReply>('workspace/executeCommand', { command: COMMAND, arguments: [pathToFileURL(site).href] });
  assert.deepEqual(reply, { ran: false, summary: 'The workspace is not trusted: Apache\'s config test runs a program, so it is not run here.' });
  // Once the user trusts it, the same request runs (here: a program that does not exist, so it says that).
  await client.notify('apacheSsl/workspaceTrusted', {});
  const trusted = await client.request<ConfigTestReply>('workspace/executeCommand', { command: COMMAND, arguments: [pathToFileURL(site).href] });
  assert.deepEqual(trusted, { ran: false, summary: `${join(root, 'never-run')} was not found.` });
});

test('configTest.onSave: a save runs the test; a program that cannot run is reported once, not at every save', async (t) => {
  const { root, site } = workspace();
  const client = await LspClient.start({ workspaceFolders: [root], settings: settings({ onSave: true }) });
  t.after(async () => {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });
  const uri = pathToFileURL(site).href;
  await client.openDocument(readFileSync(site, 'utf8'), { uri });
  await client.nextDiagnostics(uri);
  await client.notify('textDocument/didSave', { textDocument: { uri } });
  const published = await client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.source === 'apache2 -t'));
  assert.equal(published.diagnostics.filter((d) => d.source === 'apache2 -t')[0].range.start.line, 3);

  client.settings = settings({ onSave: true, command: '/nonexistent/apache2ctl' });
  await client.notify('workspace/didChangeConfiguration', { settings: {} });
  for (let i = 0; i < 3; i++) await client.notify('textDocument/didSave', { textDocument: { uri } });
  // A request answered after the saves were handled: by then every message has been sent.
  await client.request('workspace/executeCommand', { command: COMMAND, arguments: [uri] });
  assert.deepEqual(client.shownMessages.map((m) => m.message), ['Apache SSL: /nonexistent/apache2ctl was not found.']);
});

test('cipher strings are expanded with openssl only in a trusted workspace', async (t) => {
  const root = writeTree({ 'site.conf': '<VirtualHost *:443>\n    SSLEngine on\n    SSLCipherSuite HIGH:RC4\n</VirtualHost>\n' }, 'apache-ssl-ciphers-trust-');
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const uri = pathToFileURL(join(root, 'site.conf')).href;
  const messages = async (initializationOptions: object) => {
    const client = await LspClient.start({ workspaceFolders: [root], initializationOptions });
    try {
      await client.openDocument(readFileSync(join(root, 'site.conf'), 'utf8'), { uri });
      return (await client.nextDiagnostics(uri)).diagnostics.filter((d) => d.code === 'ssl/weak-cipher').map((d) => String(d.message));
    } finally {
      await client.dispose();
    }
  };
  assert.ok((await messages({})).some((m) => /OpenSSL expands this string to/.test(m)), 'trusted: expanded');
  const untrusted = await messages({ workspaceTrusted: false });
  assert.ok(untrusted.length > 0, 'the words are still judged');
  assert.ok(!untrusted.some((m) => /OpenSSL expands/.test(m)), untrusted.join('\n'));
});
