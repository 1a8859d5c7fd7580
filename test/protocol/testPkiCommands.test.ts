// The test PKI and test commands over the protocol, as the VS Code client
// uses them: workspace/executeCommand writes the files and the server asks
// the client to apply an edit to the <VirtualHost> (workspace/applyEdit); the
// commands for that host then name the files. Run `npm run build` first.
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { ApplyWorkspaceEditRequest, type ApplyWorkspaceEditParams } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../support/applyEdits';
import { LspClient } from '../support/lspClient';
import { writeTree } from '../support/tempTree';
import type { CreateTestPkiReply } from '../../server/src/lsp/testPkiCommands';

const SITE = 'Listen 8443 https\n<VirtualHost *:8443>\n    ServerName localhost\n    DocumentRoot /srv/www\n</VirtualHost>\n';

let client: LspClient;
let folder: string;
const edits: ApplyWorkspaceEditParams[] = [];

before(async () => {
  folder = writeTree({ 'site.conf': SITE }, 'apache-ssl-protocol-pki-');
  client = await LspClient.start();
  client.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
    edits.push(params);
    return { applied: true };
  });
});

after(async () => {
  await client.dispose();
  rmSync(folder, { recursive: true, force: true });
});

test('the server announces both commands', () => {
  const commands = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  assert.ok(commands.includes('apacheSsl.server.createTestPki') && commands.includes('apacheSsl.server.testCommands'), commands.join(', '));
});

test('createTestPki writes the files and inserts the directives into the host at the position; testCommands then names them', async () => {
  const uri = pathToFileURL(join(folder, 'site.conf')).href;
  await client.openDocument(SITE, { uri });
  const pki = join(folder, 'pki');
  const answer = await client.request<CreateTestPkiReply>('workspace/executeCommand', {
    command: 'apacheSsl.server.createTestPki',
    arguments: [pki, 'localhost', 'alice', 'pw', uri, { line: 3, character: 4 }],
  });
  assert.equal(answer.error, undefined);
  assert.deepEqual(readdirSync(pki).sort(), ['ca.crt', 'ca.key', 'client.crt', 'client.key', 'client.p12', 'server.crt', 'server.key']);
  assert.deepEqual(answer.inserted, answer.directives);
  assert.deepEqual(answer.skipped, []);
  assert.equal(JSON.stringify(answer).includes('"pw"'), false, 'the password is not sent back');
  assert.equal(edits.length, 1);
  const changes = edits[0].edit.changes?.[uri];
  assert.ok(changes, 'the edit is for the document');
  const edited = applyEdits(SITE, changes);
  assert.equal(
    edited,
    `Listen 8443 https\n<VirtualHost *:8443>\n    ServerName localhost\n    DocumentRoot /srv/www\n${(answer.directives ?? []).map((line) => `    ${line}\n`).join('')}</VirtualHost>\n`,
  );

  // The editor sends the edited text back; the commands then use the new files.
  await client.changeDocument(uri, 2, [{ text: edited }]);
  const commands = await client.request<string>('workspace/executeCommand', { command: 'apacheSsl.server.testCommands', arguments: [uri, { line: 2, character: 0 }] });
  assert.equal(typeof commands, 'string');
  assert.ok(commands.includes(`-CAfile ${join(pki, 'ca.crt')} -verify_return_error -cert ${join(pki, 'client.crt')} -key ${join(pki, 'client.key')}`), commands);
  assert.ok(commands.includes('https://localhost:8443/'), commands);
});

test('a second createTestPki into the same folder is refused; outside a host nothing is inserted', async () => {
  const again = await client.request<CreateTestPkiReply>('workspace/executeCommand', {
    command: 'apacheSsl.server.createTestPki',
    arguments: [join(folder, 'pki'), 'localhost', 'alice', 'pw'],
  });
  assert.match(again.error ?? '', /already exist/);

  const uri = pathToFileURL(join(folder, 'site.conf')).href;
  const outside = await client.request<CreateTestPkiReply>('workspace/executeCommand', {
    command: 'apacheSsl.server.createTestPki',
    arguments: [join(folder, 'other'), 'localhost', null, 'pw', uri, { line: 0, character: 0 }],
  });
  assert.equal(outside.insertError, 'The cursor is not inside a <VirtualHost>.');
  assert.ok(outside.files);
  assert.equal(edits.length, 1, 'no second edit');
  const nothing = await client.request<unknown>('workspace/executeCommand', { command: 'apacheSsl.server.testCommands', arguments: [uri, { line: 0, character: 0 }] });
  assert.deepEqual(nothing, { error: 'no <VirtualHost> holds that position' });
});
