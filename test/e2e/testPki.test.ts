// End to end: `apache-ssl pki create` makes a PKI, its directives go into a
// <VirtualHost> the way the editor command puts them, a real Apache serves
// that host, and the commands `apache-ssl test-commands` prints are run
// (from the same structured data, as argument arrays, never through a
// shell): with the client certificate 200, without it a refused handshake
// (or 403), over TLS 1.3 and 1.2, with openssl and curl. The browser's .p12
// works as a client certificate too. Run `npm run build` first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { createCertificateReader } from '../../server/src/analysis/certs/certificateReader';
import { ConfigWorkspace } from '../../server/src/config/configWorkspace';
import { insertVirtualHostDirectives } from '../../server/src/features/insertVirtualHostDirectives';
import { httpRequest, renderTestCommands, testCommandsFor, testTarget, type TestCommand } from '../../server/src/features/testCommands';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { freePort, startApache } from '../support/apacheServer';
import { applyEdits } from '../support/applyEdits';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const TIMEOUT = 20_000;
const BODY = 'hello over mutual TLS';

const workFolder = mkdtempSync(join(tmpdir(), 'apache-ssl-e2e-pki-'));
after(() => rmSync(workFolder, { recursive: true, force: true }));

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The indented lines after "Add to the <VirtualHost>" in the CLI's report. */
function printedDirectives(stdout: string): string[] {
  const [, tail = ''] = stdout.split(/^Add to the <VirtualHost>.*\n/m);
  return tail.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.trim());
}

function run(command: TestCommand): { status: number | null; stdout: string; stderr: string } {
  const [program, ...args] = command.argv;
  const result = spawnSync(program, args, {
    input: command.requestHost === undefined ? '' : httpRequest(command.requestHost),
    encoding: 'utf8',
    timeout: TIMEOUT,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('a PKI from the CLI, inserted into a virtual host of a real Apache: 200 with the client certificate, refused without', { timeout: 180_000 }, async (t) => {
  const pki = join(workFolder, 'pki');
  const created = cli(['pki', 'create', '--dir', pki, '--host', 'localhost', '--client', 'alice', '--p12-password', 'e2e pass']);
  assert.equal(created.status, 0, created.stderr);
  const directives = printedDirectives(created.stdout);
  assert.equal(directives.length, 6, created.stdout);

  const port = await freePort();
  const site = `Listen 127.0.0.1:${port} https
<VirtualHost 127.0.0.1:${port}>
    ServerName localhost
    DocumentRoot "\${SERVER_ROOT}/htdocs"
    <Directory "\${SERVER_ROOT}/htdocs">
        Require all granted
    </Directory>
</VirtualHost>
`;
  const insertion = insertVirtualHostDirectives(parseConfig(site), { line: 2, character: 4 }, directives);
  assert.ok(!('error' in insertion) && insertion.edit, 'the directives go into the host');
  const edited = applyEdits(site, [insertion.edit]);
  assert.match(edited, / {4}<\/Directory>\n {4}SSLEngine on\n[\s\S]* {4}SSLVerifyClient require\n {4}SSLVerifyDepth 1\n<\/VirtualHost>\n$/);

  const server = await startApache({ 'site.conf': edited, 'htdocs/index.html': `${BODY}\n` }, 'site.conf');
  try {
    const sitePath = join(server.root, 'site.conf');
    const { model, path } = new ConfigWorkspace().locate(sitePath);
    const target = testTarget(model, path, { line: 2, character: 0 }, { certificates: createCertificateReader(), exists: existsSync });
    if ('error' in target) assert.fail(target.error);
    assert.equal(target.caFile, join(pki, 'ca.crt'));
    assert.ok(target.clientKnown, 'the client certificate beside the CA file is found');
    const commands = testCommandsFor(target);
    // What the CLI prints is these very commands.
    const printed = cli(['test-commands', sitePath, '--line', '3']);
    assert.equal(printed.status, 0, printed.stderr);
    assert.equal(printed.stdout, renderTestCommands(target, commands));

    const observed: string[] = [];
    for (const command of commands) {
      const result = run(command);
      const withCertificate = command.argv.includes('-cert') || command.argv.includes('--cert');
      const name = command.comment.slice(0, command.comment.indexOf('. Healthy'));
      if (command.argv[0] === 'openssl') {
        // s_client's own report can run into the answer: the status line is not always at a line start.
        const status = /HTTP\/1\.1 (\d{3})/.exec(result.stdout)?.[1];
        observed.push(`${name}: exit ${result.status}, HTTP ${status ?? 'none'}`);
        if (withCertificate) {
          assert.equal(status, '200', `${name}\n${result.stdout}\n${result.stderr}`);
          assert.ok(result.stdout.includes(BODY), name);
          assert.ok(command.argv.includes('-verify_return_error'), 'the server certificate was verified against the CA');
        } else {
          assert.ok(status === undefined || status === '403', `${name}: ${status ?? ''}\n${result.stdout}`);
          assert.ok(!result.stdout.includes(BODY), name);
        }
      } else {
        observed.push(`${name}: exit ${result.status}, ${result.stdout.trim()}`);
        if (withCertificate) {
          assert.equal(result.status, 0, `${name}: ${result.stderr}`);
          assert.equal(result.stdout, '200\n', name);
        } else {
          assert.ok(result.stdout === '403\n' || (result.stdout === '000\n' && result.status !== 0), `${name}: ${result.stdout} ${result.stderr}`);
        }
      }
    }
    for (const line of observed) t.diagnostic(line);

    // The browser's file: curl presents the certificate and key from client.p12.
    const p12 = spawnSync('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '--cacert', join(pki, 'ca.crt'), '--cert-type', 'P12',
      '--cert', `${join(pki, 'client.p12')}:e2e pass`, '--resolve', `localhost:${port}:127.0.0.1`, `https://localhost:${port}/`], { encoding: 'utf8', timeout: TIMEOUT });
    assert.equal(p12.stdout, '200', p12.stderr);
    assert.doesNotMatch(server.errorLog(), /\[ssl:(emerg|error)\]/, 'mod_ssl reports no error');
  } finally {
    await server.stop();
  }
});
