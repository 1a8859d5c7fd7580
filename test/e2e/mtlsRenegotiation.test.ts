// End to end, with a real Apache (mod_ssl, mod_proxy_http, mod_http2) in
// front of a tiny Node backend: client certificates asked for in a
// <Location>/<Directory> fail for a TLS 1.3 client without post-handshake
// authentication (what browsers are), 403 with a valid certificate. After the
// `ssl/per-dir-client-auth` quick fix (applied to the configuration text as an
// editor would), the same client gets 200, no certificate or the wrong CN gets
// 403, TLS 1.2 and HTTP/2 (curl) work.
//
// Every process runs from an argument array (no shell) with a timeout. The
// backend is a child process, not a server in this process: the clients run
// synchronously (spawnSync), which would block this process's event loop.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { quickFixes } from '../../server/src/features/codeActions';
import { freePort, startApache, type RunningApache } from '../support/apacheServer';
import { applyEdits } from '../support/applyEdits';

const TIMEOUT = 20_000;
const SEED = join(__dirname, '..', '..', 'examples', 'seed-mtls-proxy.conf');

// ---- certificates: a CA, a server certificate for localhost/127.0.0.1, clients alice and mallory ----

interface Pki {
  dir: string;
  /** PEM text by file name: ca.crt, server.crt, server.key, alice.crt, alice.key, mallory.crt, mallory.key. */
  files: Record<string, string>;
}

function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'apache-ssl-mtls-pki-'));
  const openssl = (...args: string[]) => {
    const run = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8', timeout: TIMEOUT });
    assert.equal(run.status, 0, `openssl ${args.join(' ')}\n${run.stderr ?? ''}${run.error?.message ?? ''}`);
  };
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...key, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=mTLS e2e CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  const leaves: [string, string, string][] = [
    ['server', '/CN=localhost', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
    ['alice', '/CN=alice', 'extendedKeyUsage=clientAuth'],
    ['mallory', '/CN=mallory', 'extendedKeyUsage=clientAuth'],
  ];
  leaves.forEach(([name, subject, extension], serial) => {
    openssl('req', '-new', ...key, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject, '-addext', extension);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', String(serial + 10),
      '-days', '2', '-copy_extensions', 'copy', '-out', `${name}.crt`);
  });
  const names = ['ca.crt', ...leaves.flatMap(([name]) => [`${name}.crt`, `${name}.key`])];
  return { dir, files: Object.fromEntries(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')])) };
}

// ---- the backend: a Node child answering 200 "backend ok" ----

const BACKEND = `const server = require('node:http').createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('backend ok');
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;

function startBackend(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['-e', BACKEND], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the backend did not start'));
    }, TIMEOUT);
    child.stdout?.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolve({ child, port: Number(chunk.toString().trim()) });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the backend exited with ${code}`));
    });
  });
}

/** SIGTERM, then SIGKILL if it is still there after 5 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

// ---- clients ----

type Client = 'alice' | 'mallory' | undefined;

interface Answer {
  status: number;
  body: string;
  protocol?: string;
}

/** `openssl s_client` over TLS 1.3 or 1.2, never with -enable_pha (like a browser), sending one GET. */
function sClient(port: number, path: string, tls: '-tls1_3' | '-tls1_2', client: Client): Answer {
  const certificate = client ? ['-cert', join(pki().dir, `${client}.crt`), '-key', join(pki().dir, `${client}.key`)] : [];
  const run = spawnSync(
    'openssl',
    ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', tls, '-CAfile', join(pki().dir, 'ca.crt'), ...certificate, '-quiet'],
    { input: `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`, encoding: 'utf8', timeout: TIMEOUT },
  );
  if (run.error) throw run.error;
  const status = /^HTTP\/1\.1 (\d{3})/m.exec(run.stdout ?? '');
  return { status: status ? Number(status[1]) : 0, body: (run.stdout ?? '').split('\r\n\r\n').slice(1).join('\r\n\r\n') };
}

/** curl over HTTP/2 (ALPN h2), with alice's certificate. */
function curlHttp2(port: number, path: string): Answer {
  const run = spawnSync(
    'curl',
    ['-sS', '--http2', '--max-time', '15', '--cacert', join(pki().dir, 'ca.crt'), '--cert', join(pki().dir, 'alice.crt'),
      '--key', join(pki().dir, 'alice.key'), '--resolve', `localhost:${port}:127.0.0.1`, '-w', '\n%{http_code} %{http_version}',
      `https://localhost:${port}${path}`],
    { encoding: 'utf8', timeout: TIMEOUT },
  );
  if (run.error) throw run.error;
  const lines = (run.stdout ?? '').split('\n');
  const [status, protocol] = (lines.pop() ?? '').split(' ');
  return { status: Number(status), protocol, body: lines.join('\n') };
}

// ---- the layouts ----

interface Layout {
  name: string;
  /** Files besides main.conf; ${TLS_PORT} and ${BACKEND_PORT} are Defined in main.conf. */
  files: Record<string, string>;
  /** The file whose per-directory SSLVerifyClient the finding is on (its last SSLVerifyClient line). */
  finding: string;
  path: string;
  body: string;
  checksCn: boolean;
}

function seedLayout(): Layout {
  const seed = readFileSync(SEED, 'utf8')
    .replace('<VirtualHost *:443>', '<VirtualHost 127.0.0.1:${TLS_PORT}>\nProtocols h2 http/1.1')
    .replaceAll('http://backend-server:80/', 'http://127.0.0.1:${BACKEND_PORT}/')
    .replace('/path/to/self_ca.crt', 'certs/ca.crt')
    .replace('/path/to/ca_bundle.crt', 'certs/ca.crt')
    .replaceAll('/path/to/', 'certs/')
    .replace('client-cert-name', 'alice');
  return { name: 'the seed (reverse proxy, <Location> with SSLRequireSSL and an SSLRequire CN check)', files: { 'site.conf': seed }, finding: 'site.conf', path: '/clientauth/', body: 'backend ok', checksCn: true };
}

const HOST = `<VirtualHost 127.0.0.1:\${TLS_PORT}>
    ServerName localhost
    Protocols h2 http/1.1
    SSLEngine on
    SSLProtocol -all +TLSv1.2 +TLSv1.3
    SSLCertificateFile certs/server.crt
    SSLCertificateKeyFile certs/server.key
    SSLCACertificateFile certs/ca.crt
`;

const PROXY = `    ProxyPass / http://127.0.0.1:\${BACKEND_PORT}/
    ProxyPassReverse / http://127.0.0.1:\${BACKEND_PORT}/
`;

const LAYOUTS: (() => Layout)[] = [
  seedLayout,
  () => ({
    name: 'per-path client auth on an API, SSLRequire with in {…} and eq',
    files: {
      'site.conf': `${HOST}${PROXY}    <Location /api/admin>
        SSLVerifyClient require
        SSLVerifyDepth 2
        SSLRequire %{SSL_CLIENT_S_DN_CN} in {"alice", "bob"} and %{SSL_CLIENT_VERIFY} eq "SUCCESS"
    </Location>
</VirtualHost>
`,
    },
    finding: 'site.conf',
    path: '/api/admin/users',
    body: 'backend ok',
    checksCn: true,
  }),
  () => ({
    name: 'existing Require lines, in a file the <VirtualHost> includes',
    files: {
      'site.conf': `${HOST}    SSLVerifyClient none\n${PROXY}    Include conf/ops.conf\n</VirtualHost>\n`,
      'conf/ops.conf': `<Location /ops>
    SSLVerifyClient require
    Require ip 127.0.0.1
    Require ip ::1
</Location>
`,
    },
    finding: 'conf/ops.conf',
    path: '/ops/status',
    body: 'backend ok',
    checksCn: false,
  }),
  () => ({
    name: 'a <Directory> of static files, SSLRequire CN check beside Require all granted',
    files: {
      'site.conf': `${HOST}    DocumentRoot htdocs
    <Directory "\${SERVER_ROOT}/htdocs/private">
        SSLVerifyClient require
        SSLRequire %{SSL_CLIENT_S_DN_CN} eq "alice"
        Require all granted
    </Directory>
</VirtualHost>
`,
      'htdocs/private/index.txt': 'private ok\n',
    },
    finding: 'site.conf',
    path: '/private/index.txt',
    body: 'private ok',
    checksCn: true,
  }),
];

// ---- applying the quick fix ----

const MODEL_ROOT = '/srv/e2e';

function mainConf(tlsPort: number, backendPort: number): string {
  return `Define TLS_PORT ${tlsPort}\nDefine BACKEND_PORT ${backendPort}\nListen 127.0.0.1:\${TLS_PORT} https\nInclude site.conf\n`;
}

/** The layout's files after the preferred quick fix for the finding on its per-directory SSLVerifyClient. */
function applyQuickFix(layout: Layout): { files: Record<string, string>; action: CodeAction } {
  const files = Object.fromEntries(
    Object.entries({ 'main.conf': mainConf(1, 2), ...layout.files }).map(([path, text]) => [posix.join(MODEL_ROOT, path), text]),
  );
  const model = buildConfigModel(`${MODEL_ROOT}/main.conf`, { sources: new SourceCache(memoryFileSystem(files)) });
  const path = posix.join(MODEL_ROOT, layout.finding);
  const file = model.files.get(path)?.file;
  assert.ok(file, `${layout.finding} is not in the tree`);
  const lines = files[path].split(/\r?\n/);
  const line = lines.reduce((last, l, index) => (/^\s*SSLVerifyClient\s/i.test(l) ? index : last), -1);
  const character = lines[line].search(/\S/);
  const diagnostic: Diagnostic = {
    range: { start: { line, character }, end: { line, character: lines[line].length } },
    code: 'ssl/per-dir-client-auth',
    source: 'apache-ssl',
    message: 'SSLVerifyClient in a per-directory section',
  };
  const uriOf = (p: string) => `file://${p}`;
  const actions = quickFixes([diagnostic], { file, path, uri: uriOf(path), model, uriOf }).filter((action) => action.isPreferred);
  assert.equal(actions.length, 1, actions.map((action) => action.title).join(', '));
  const fixed = { ...layout.files };
  for (const [uri, edits] of Object.entries(actions[0].edit?.changes ?? {})) {
    const relative = posix.relative(MODEL_ROOT, uri.replace(/^file:\/\//, ''));
    assert.ok(relative in fixed, `the fix edits ${relative}`);
    fixed[relative] = applyEdits(fixed[relative], edits);
  }
  return { files: fixed, action: actions[0] };
}

// ---- the run ----

let shared: Pki | undefined;
function pki(): Pki {
  shared ??= makePki();
  return shared;
}
let backend: { child: ChildProcess; port: number } | undefined;

before(async () => {
  pki();
  backend = await startBackend();
});

after(async () => {
  if (backend) await stopChild(backend.child);
  if (shared) rmSync(shared.dir, { recursive: true, force: true });
});

async function serve(files: Record<string, string>, run: (server: RunningApache, port: number) => void): Promise<void> {
  const tlsPort = await freePort();
  const certificates = Object.fromEntries(['ca.crt', 'server.crt', 'server.key'].map((name) => [`certs/${name}`, pki().files[name]]));
  const server = await startApache({ ...certificates, ...files, 'main.conf': mainConf(tlsPort, backend?.port ?? 0) }, 'main.conf');
  try {
    run(server, tlsPort);
  } finally {
    await server.stop();
  }
}

for (const make of LAYOUTS) {
  const layout = make();
  test(`${layout.name}: 403 for a TLS 1.3 client without post-handshake auth before the fix, 200 after`, { timeout: 120_000 }, async (t) => {
    assert.ok(backend, 'the backend runs');
    const observed: string[] = [];
    const note = (what: string, answer: Answer) => observed.push(`${what}: ${answer.status}${answer.protocol ? ` (HTTP ${answer.protocol})` : ''}`);

    await serve(layout.files, (server, port) => {
      const before = sClient(port, layout.path, '-tls1_3', 'alice');
      note('before, TLS 1.3 without PHA, alice', before);
      assert.equal(before.status, 403, before.body);
      assert.match(server.errorLog(), /AH10158: cannot perform post-handshake authentication/);
    });

    const { files, action } = applyQuickFix(layout);
    t.diagnostic(action.title);
    await serve(files, (server, port) => {
      const alice13 = sClient(port, layout.path, '-tls1_3', 'alice');
      note('after, TLS 1.3 without PHA, alice', alice13);
      assert.equal(alice13.status, 200, alice13.body);
      assert.ok(alice13.body.includes(layout.body), alice13.body);

      const anonymous = sClient(port, layout.path, '-tls1_3', undefined);
      note('after, TLS 1.3, no certificate', anonymous);
      assert.equal(anonymous.status, 403);

      const mallory = sClient(port, layout.path, '-tls1_3', 'mallory');
      note('after, TLS 1.3, mallory', mallory);
      assert.equal(mallory.status, layout.checksCn ? 403 : 200);

      const alice12 = sClient(port, layout.path, '-tls1_2', 'alice');
      note('after, TLS 1.2, alice', alice12);
      assert.equal(alice12.status, 200);

      const h2 = curlHttp2(port, layout.path);
      note('after, curl --http2, alice', h2);
      assert.equal(h2.status, 200, h2.body);
      assert.equal(h2.protocol, '2');
      assert.ok(h2.body.includes(layout.body), h2.body);

      assert.doesNotMatch(server.errorLog(), /AH10158|AH02261|Re-negotiation handshake failed/);
    });
    for (const line of observed) t.diagnostic(line);
  });
}
