// The server keeps serving after hostile configuration trees in its
// workspace: an include cycle, a symbolic-link loop, 10 000 included files, a
// FIFO and random bytes where certificates should be. Each main file gets its
// diagnostics, and an ordinary document opened afterwards is still checked.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lspClient';
import { writeTree } from '../support/tempTree';

const MODULES = '/usr/lib/apache2/modules';
const PRELUDE = ['mpm_event', 'authz_core', 'ssl'].map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so\n`).join('') + 'ServerName hostile.test\n';

test('hostile trees in the workspace: diagnostics for each, and the server still answers', async (t) => {
  const files: Record<string, string | Buffer> = {
    'apache2.conf': `${PRELUDE}Include cycle/a.conf\nInclude loop.conf\nInclude many/*.conf\nInclude site.conf\n`,
    'cycle/a.conf': 'Include cycle/b.conf\n',
    'cycle/b.conf': 'Include cycle/a.conf\n',
    'site.conf': '<VirtualHost *:443>\n    ServerName h.test\n    SSLEngine on\n    SSLCertificateFile certs/fifo.pem\n    SSLCertificateKeyFile certs/random.key\n</VirtualHost>\n',
    'certs/random.key': randomBytes(4096),
    'normal.conf': '<Location /a>\n',
  };
  for (let i = 0; i < 10_000; i++) files[`many/${i}.conf`] = `# ${i}\n`;
  const root = writeTree(files, 'apache-ssl-hostile-lsp-');
  symlinkSync('loop.conf', join(root, 'loop.conf'));
  assert.equal(spawnSync('mkfifo', [join(root, 'certs', 'fifo.pem')]).status, 0);
  const client = await LspClient.start({ workspaceFolders: [root] });
  t.after(async () => {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });
  const open = async (name: string) => {
    const uri = pathToFileURL(join(root, name)).href;
    await client.openDocument(readFileSync(join(root, name), 'utf8'), { uri });
    return (await client.nextDiagnostics(uri, () => true, 120_000)).diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`);
  };
  const main = await open('apache2.conf');
  assert.ok(main.includes('6 include/failed'), main.join('\n'));
  const cycle = await open('cycle/b.conf');
  assert.ok(cycle.includes('1 include/recursion'), cycle.join('\n'));
  const site = await open('site.conf');
  // A FIFO is not a regular file (Apache refuses it at read time); random bytes are no key (AH02579 at start).
  assert.ok(site.includes('4 cert/file-missing') && site.includes('5 cert/bad-key-file'), site.join('\n'));
  assert.deepEqual(await open('normal.conf'), ['1 syntax/unclosed-section']);
  assert.ok(client.alive);
  assert.deepEqual(client.logMessages.filter((m) => m.type === 1), [], 'no handler failed');
});
