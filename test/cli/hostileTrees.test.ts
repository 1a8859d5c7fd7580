// Hostile configuration trees through the built CLI, as a CI pipeline would
// meet them: an include cycle, a wildcard matching 10 000 files, symbolic-link
// loops (a file and a folder), a FIFO where a certificate should be, an
// unreadable certificate, malformed and oversized certificate files, random
// bytes, NUL bytes, a 10 MB file and 3000-deep nesting inside the tree. Each
// ends (no hang) with exit status 0 or 1, clear findings and no stack trace.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeTree } from '../support/tempTree';
import { makeCertificate } from '../support/testCertificates';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const MODULES = '/usr/lib/apache2/modules';
const MAIN = ['mpm_event', 'authz_core', 'ssl'].map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so\n`).join('') + 'ServerName hostile.test\n';
const NOBODY = 65534;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function check(root: string, extra: { uid?: number } = {}): Run {
  const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--root', join(root, 'main.conf'), join(root, 'main.conf')], {
    encoding: 'utf8',
    timeout: 120_000,
    killSignal: 'SIGKILL',
    maxBuffer: 512 * 1024 * 1024,
    uid: extra.uid,
    gid: extra.uid,
  });
  assert.equal(run.error, undefined, `the CLI did not end: ${String(run.error)}`);
  assert.ok(run.status === 0 || run.status === 1, `exit status ${run.status}: ${run.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(run.stderr, /^\s+at .+\(.+:\d+:\d+\)$/m, 'no stack trace');
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `path line code` (1-based lines) of every finding, paths relative to the tree. */
function findings(root: string, run: Run): string[] {
  const json = JSON.parse(run.stdout) as { files: { path: string; diagnostics: { code: string; range: { start: { line: number } } }[] }[] };
  return json.files.flatMap(({ path, diagnostics }) =>
    diagnostics.map((d) => `${path.startsWith(root) ? path.slice(root.length + 1) : path} ${d.range.start.line + 1} ${d.code}`),
  );
}

function tree(files: Record<string, string | Buffer>, t: { after(fn: () => void): void }): string {
  const root = writeTree(files, 'apache-ssl-hostile-');
  chmodSync(root, 0o755);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

test('an include cycle is one include/recursion error, never a hang', (t) => {
  const root = tree({ 'main.conf': `${MAIN}Include a.conf\n`, 'a.conf': 'Include b.conf\n', 'b.conf': 'Include a.conf\n' }, t);
  const run = check(root);
  assert.equal(run.status, 1);
  assert.ok(findings(root, run).some((f) => / include\/recursion$/.test(f)), run.stdout);
});

test('a wildcard matching 10 000 files is read and checked', (t) => {
  const files: Record<string, string> = { 'main.conf': `${MAIN}Include conf.d/*.conf\n` };
  for (let i = 0; i < 10_000; i++) files[`conf.d/site${String(i).padStart(5, '0')}.conf`] = `Define SITE_${i} ${i}\n`;
  files['conf.d/site09999.conf'] = '<Location /a>\n';
  const root = tree(files, t);
  const run = check(root);
  assert.equal(run.status, 1);
  assert.deepEqual(findings(root, run).filter((f) => !f.endsWith('mod/modules-unknown')), ['conf.d/site09999.conf 1 syntax/unclosed-section']);
});

test('symbolic-link loops: a file linked to itself and a folder holding a link to itself', (t) => {
  const root = tree({ 'main.conf': `${MAIN}Include loop.conf\nIncludeOptional conf.d/\n`, 'conf.d/a.conf': 'ServerAlias a.test\n' }, t);
  symlinkSync('loop.conf', join(root, 'loop.conf'));
  symlinkSync('.', join(root, 'conf.d', 'again'));
  const run = check(root);
  assert.equal(run.status, 1);
  const all = findings(root, run);
  assert.ok(all.includes('main.conf 5 include/failed'), all.join('\n'));
});

test('certificate files that are a FIFO, unreadable, garbage, random bytes, or over 5 MiB: each is said, nothing blocks', (t) => {
  const certificate = makeCertificate({ commonName: 'hostile.test', dnsNames: ['hostile.test'] });
  const host = (name: string, file: string) =>
    `<VirtualHost *:443>\n    ServerName ${name}.hostile.test\n    SSLEngine on\n    SSLCertificateFile certs/${file}\n    SSLCertificateKeyFile certs/good.key\n</VirtualHost>\n`;
  const root = tree(
    {
      'main.conf': `${MAIN}Listen 443\nInclude sites.conf\n`,
      'sites.conf': ['fifo.pem', 'unreadable.pem', 'garbage.pem', 'random.pem', 'huge.pem'].map((file, i) => host(`h${i}`, file)).join(''),
      'certs/good.key': certificate.key,
      'certs/unreadable.pem': certificate.cert,
      'certs/garbage.pem': '-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n',
      'certs/random.pem': randomBytes(4096),
      'certs/huge.pem': Buffer.alloc(6 * 1024 * 1024, 'A'),
    },
    t,
  );
  chmodSync(join(root, 'certs'), 0o755);
  for (const file of ['sites.conf', 'main.conf', 'certs/good.key', 'certs/garbage.pem', 'certs/random.pem', 'certs/huge.pem']) chmodSync(join(root, file), 0o644);
  chmodSync(join(root, 'certs/unreadable.pem'), 0o000);
  const fifo = spawnSync('mkfifo', [join(root, 'certs', 'fifo.pem')]);
  assert.equal(fifo.status, 0, 'mkfifo');
  // As nobody, so that the unreadable file really is unreadable (root reads anything).
  const run = check(root, { uid: NOBODY });
  const all = findings(root, run);
  assert.equal(run.status, 1);
  const certificateFindings = all.filter((f) => / cert\//.test(f));
  assert.deepEqual(certificateFindings, [
    'sites.conf 4 cert/file-missing',
    'sites.conf 10 cert/file-not-read',
    'sites.conf 16 cert/bad-certificate-file',
    'sites.conf 22 cert/bad-certificate-file',
    'sites.conf 28 cert/file-not-read',
  ]);
  const json = JSON.parse(run.stdout) as { files: { diagnostics: { code: string; message: string; range: { start: { line: number } } }[] }[] };
  const messages = json.files.flatMap((f) => f.diagnostics).filter((d) => d.code.startsWith('cert/')).map((d) => `${d.range.start.line + 1} ${d.message}`);
  assert.ok(messages.some((m) => /^4 .*not a regular file/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /^10 .*cannot be read \(Permission denied\)/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /^28 .*5 MiB/.test(m)), messages.join('\n'));
});

test('random bytes, NUL bytes, a 10 MB file and 3000-deep nesting inside one tree', (t) => {
  const deep = '<IfDefine !NOPE>\n'.repeat(3000) + 'ServerAdmin deep@hostile.test\n' + '</IfDefine>\n'.repeat(3000);
  const big = '# filler line of a large configuration file\n'.repeat(240_000) + 'SSLVerifyClient require\n';
  const root = tree(
    {
      'main.conf': `${MAIN}Include random.conf\nInclude nul.conf\nInclude big.conf\nInclude deep.conf\n`,
      'random.conf': randomBytes(64 * 1024),
      'nul.conf': 'ServerAlias a\0b.test\n',
      'big.conf': big,
      'deep.conf': deep,
    },
    t,
  );
  const run = check(root);
  const all = findings(root, run);
  assert.ok(all.some((f) => f.startsWith('random.conf ') && f.endsWith('syntax/not-text')), all.slice(0, 20).join('\n'));
  assert.ok(all.some((f) => f.startsWith('nul.conf ') && f.endsWith('syntax/not-text')));
  assert.ok(!all.some((f) => f.startsWith('deep.conf ')), 'the deep nesting is fine');
  assert.ok(big.length > 10_000_000);
});

test('an unreadable main file is exit status 2 with a message, not a crash', (t) => {
  const root = tree({ 'main.conf': MAIN }, t);
  mkdirSync(join(root, 'sub'));
  writeFileSync(join(root, 'sub', 'x.conf'), 'ServerAlias x\n');
  chmodSync(join(root, 'main.conf'), 0o000);
  const run = spawnSync(process.execPath, [CLI, 'check', join(root, 'main.conf')], { encoding: 'utf8', timeout: 60_000, uid: NOBODY, gid: NOBODY });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /main\.conf/);
  assert.doesNotMatch(run.stderr, /^\s+at /m);
});

test('Include of a whole system folder (/usr) ends quickly with include/too-large, without reading it', (t) => {
  const root = tree({ 'main.conf': `${MAIN}Include /usr\n` }, t);
  const run = check(root);
  assert.equal(run.status, 0);
  assert.deepEqual(findings(root, run).filter((f) => !f.endsWith('mod/modules-unknown')), [`main.conf ${MAIN.split('\n').length} include/too-large`]);
});
