// `apache-ssl pki create` and `apache-ssl test-commands` as a shell runs them:
// the built dist/cli.js is spawned (no shell) and only its exit status,
// stdout, stderr and the files it leaves are looked at. Run `npm run build` first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { writeTree } from '../support/tempTree';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function tempFolder(files: Record<string, string> = {}): string {
  const folder = writeTree(files, 'apache-ssl-cli-pki-');
  folders.push(folder);
  return folder;
}

/** Every line of base64 body in the PEM files of a folder: none may be printed. */
function keyMaterial(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.key'))
    .flatMap((name) => readFileSync(join(folder, name), 'utf8').split('\n'))
    .filter((line) => line.length > 20 && !line.startsWith('-----'));
}

test('pki create writes the seven files, prints their paths and the directives, and no key material or password', () => {
  const dir = join(tempFolder(), 'pki');
  const run = cli(['pki', 'create', '--dir', dir, '--host', 'shop.example.test', '--client', 'alice', '--p12-password', 'Pa55-word!']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.deepEqual(readdirSync(dir).sort(), ['ca.crt', 'ca.key', 'client.crt', 'client.key', 'client.p12', 'server.crt', 'server.key']);
  for (const name of readdirSync(dir)) assert.ok(run.stdout.includes(`  ${join(dir, name)}\n`), `${name} listed`);
  for (const line of [
    'SSLEngine on',
    `SSLCertificateFile ${join(dir, 'server.crt')}`,
    `SSLCertificateKeyFile ${join(dir, 'server.key')}`,
    `SSLCACertificateFile ${join(dir, 'ca.crt')}`,
    'SSLVerifyClient require',
    'SSLVerifyDepth 1',
  ]) {
    assert.ok(run.stdout.includes(`  ${line}\n`), `prints ${line}`);
  }
  assert.doesNotMatch(run.stdout, /PRIVATE KEY|Pa55-word!/);
  for (const line of keyMaterial(dir)) assert.ok(!run.stdout.includes(line), 'no line of a key is printed');
  const server = spawnSync('openssl', ['x509', '-in', join(dir, 'server.crt'), '-noout', '-ext', 'subjectAltName'], { encoding: 'utf8', timeout: 20_000 });
  assert.match(server.stdout, /DNS:shop\.example\.test/);
});

test('pki create without --p12-password writes no .p12 and says how to get one; --opt=value works', () => {
  const dir = tempFolder();
  const run = cli(['pki', 'create', `--dir=${dir}`, '--host=localhost']);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(readdirSync(dir).sort(), ['ca.crt', 'ca.key', 'client.crt', 'client.key', 'server.crt', 'server.key']);
  assert.match(run.stdout, /No client\.p12 written: give --p12-password/);
});

test('pki create refuses a folder that already holds one of the files: exit 2, nothing changed', () => {
  const dir = tempFolder({ 'ca.key': 'my CA key\n' });
  const before = statSync(join(dir, 'ca.key')).mtimeMs;
  const run = cli(['pki', 'create', '--dir', dir, '--host', 'localhost', '--p12-password', 'pw']);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /already exist/);
  assert.ok(run.stderr.includes(join(dir, 'ca.key')), run.stderr);
  assert.deepEqual(readdirSync(dir), ['ca.key']);
  assert.equal(readFileSync(join(dir, 'ca.key'), 'utf8'), 'my CA key\n');
  assert.equal(statSync(join(dir, 'ca.key')).mtimeMs, before);
});

test('pki usage errors exit 2 with a message on stderr', () => {
  const dir = tempFolder();
  for (const [args, message] of [
    [['pki'], /pki needs a command: create/],
    [['pki', 'delete'], /unknown pki command 'delete'/],
    [['pki', 'create', '--host', 'localhost'], /needs --dir DIR/],
    [['pki', 'create', '--dir', dir], /needs --host NAME/],
    [['pki', 'create', '--dir', dir, '--host'], /--host needs a value/],
    [['pki', 'create', '--dir', dir, '--host', 'localhost', '--days', '3'], /unknown argument '--days'/],
    [['pki', 'create', '--dir', dir, '--host', 'not a host'], /neither a host name nor an IP address/],
  ] as [string[], RegExp][]) {
    const run = cli(args);
    assert.equal(run.status, 2, args.join(' '));
    assert.match(run.stderr, message, args.join(' '));
    assert.equal(run.stdout, '');
  }
  assert.deepEqual(readdirSync(dir), [], 'nothing written');
});

test('--help lists check, pki create and test-commands', () => {
  const run = cli(['--help']);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /^Usage: apache-ssl check PATH\.\.\./);
  assert.match(run.stdout, /Usage: apache-ssl pki create --dir DIR --host NAME \[--client NAME\] \[--p12-password PW\]/);
  assert.match(run.stdout, /Usage: apache-ssl test-commands CONFIG_FILE --line N/);
});

test('test-commands prints the commands for the virtual host at the line, with the PKI that pki create made', () => {
  const folder = tempFolder();
  const pki = join(folder, 'pki');
  assert.equal(cli(['pki', 'create', '--dir', pki, '--host', 'localhost']).status, 0);
  const config = `Listen 127.0.0.1:8443 https
<VirtualHost 127.0.0.1:8443>
    ServerName localhost
    SSLEngine on
    SSLCertificateFile ${pki}/server.crt
    SSLCertificateKeyFile ${pki}/server.key
    SSLCACertificateFile ${pki}/ca.crt
    SSLVerifyClient require
</VirtualHost>
`;
  const path = join(writeTree({ 'site.conf': config }, 'apache-ssl-cli-site-'), 'site.conf');
  folders.push(join(path, '..'));
  const run = cli(['test-commands', path, '--line', '5']);
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.equal(lines.filter((line) => line.includes('openssl s_client')).length, 4);
  assert.equal(lines.filter((line) => line.startsWith('curl ')).length, 4);
  assert.ok(run.stdout.includes(`-connect 127.0.0.1:8443 -servername localhost -tls1_3 -CAfile ${pki}/ca.crt -verify_return_error -cert ${pki}/client.crt -key ${pki}/client.key`), run.stdout);
  assert.ok(run.stdout.includes(`--resolve localhost:8443:127.0.0.1 https://localhost:8443/`), run.stdout);
  assert.ok(lines.every((line) => line === '' || line.startsWith('#') || line.startsWith('printf ') || line.startsWith('curl ')), 'only commands and comments');

  for (const [args, message] of [
    [['test-commands', path, '--line', '1'], /site\.conf:1: no <VirtualHost> holds that position/],
    [['test-commands', path], /needs --line N/],
    [['test-commands', path, '--line', '0'], /--line takes a line number from 1/],
    [['test-commands', join(folder, 'missing.conf'), '--line', '2'], /cannot read/],
    [['test-commands', '--line', '2'], /needs a CONFIG_FILE/],
  ] as [string[], RegExp][]) {
    const failed = cli(args);
    assert.equal(failed.status, 2, args.join(' '));
    assert.match(failed.stderr, message, args.join(' '));
  }
});
