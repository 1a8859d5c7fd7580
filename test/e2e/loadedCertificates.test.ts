// What mod_ssl really loads and sends, against a real Apache on 127.0.0.1:
// (a) with SSLCertificateChainFile in force, only the first certificate of
// SSLCertificateFile is loaded, so a full-chain file's intermediate is not
// sent (openssl s_client sees the server certificate and the chain file's
// root, and cannot verify); without the chain file the same full chain
// verifies. (b) A weak certificate in the server config that the only TLS
// host replaces with its own is never opened: Apache starts. Our findings on
// the same files must say the same.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { freePort, startApache } from '../support/apacheServer';
import { findingsIn, tlsSiteTree } from '../support/tlsSiteTree';
import { writeTree } from '../support/tempTree';
import { makeCertificate, makeChain, opensslCertificate } from '../support/testCertificates';

const { root, intermediate, leaf } = makeChain(['localhost']);

/** The TLS host with `lines` (site.conf line 5 on), `server` lines in main.conf, the chain's files and `more`. */
function files(port: number, lines: string[], server: string[] = [], more: Record<string, string> = {}): Record<string, string> {
  return tlsSiteTree(port, lines, { server, files: { 'certs/full.pem': leaf.cert + intermediate.cert, 'certs/server.key': leaf.key, 'certs/root.pem': root.cert, ...more } });
}

/** The subjects of the certificates the server sends, and openssl's verdict with only `trusted` (the root) trusted. */
function handshake(port: number, trusted = root.cert): { sent: string[]; verify: string } {
  const trust = writeTree({ 'root.pem': trusted }, 'apache-ssl-trust-');
  try {
    const run = spawnSync(
      'openssl',
      ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', '-showcerts', '-CAfile', join(trust, 'root.pem')],
      { input: '', encoding: 'utf8', timeout: 20_000 },
    );
    if (run.error) throw run.error;
    const sent = [...run.stdout.matchAll(/^ *\d+ s:(.*)$/gm)].map((match) => match[1].trim());
    const verify = /Verify return code: (\d+ \([^)]*\))/.exec(run.stdout)?.[1] ?? `no verdict:\n${run.stdout}${run.stderr}`;
    return { sent, verify };
  } finally {
    rmSync(trust, { recursive: true, force: true });
  }
}

test('SSLCertificateChainFile replaces the rest of SSLCertificateFile: the intermediate is not sent, clients cannot verify, cert/chain-broken says why', async (t) => {
  const port = await freePort();
  const tree = files(port, ['SSLCertificateFile certs/full.pem', 'SSLCertificateKeyFile certs/server.key', 'SSLCertificateChainFile certs/root.pem']);
  const found = findingsIn(tree, 'site.conf', 'cert/chain-broken').filter((f) => !/wasted bytes/.test(f.message));
  assert.deepEqual(found.map((f) => f.line), [7], found.map((f) => f.message).join('\n'));
  assert.match(found[0].message, /Clients never receive the intermediate that issued the server certificate .*CN=Test Intermediate CA/);

  const apache = await startApache(tree, 'main.conf');
  t.after(() => apache.stop());
  const { sent, verify } = handshake(port);
  assert.deepEqual(sent, ['CN = localhost', 'CN = Test Root CA']);
  assert.match(verify, /^(20|21) /);
});

test('the same full chain without SSLCertificateChainFile is sent whole and verifies; cert/chain-broken says nothing', async (t) => {
  const port = await freePort();
  const tree = files(port, ['SSLCertificateFile certs/full.pem', 'SSLCertificateKeyFile certs/server.key']);
  assert.deepEqual(findingsIn(tree, 'site.conf', 'cert/chain-broken'), []);

  const apache = await startApache(tree, 'main.conf');
  t.after(() => apache.stop());
  const { sent, verify } = handshake(port);
  assert.deepEqual(sent, ['CN = localhost', 'CN = Test Intermediate CA']);
  assert.equal(verify, '0 (ok)');
});

test('a 1024-bit certificate in the server config that the only TLS host replaces is never loaded: Apache starts, cert/weak-key says nothing', async (t) => {
  const weak = makeCertificate({ commonName: 'localhost', dnsNames: ['localhost'], bits: 1024 });
  const port = await freePort();
  const tree = files(port, ['SSLCertificateFile certs/full.pem', 'SSLCertificateKeyFile certs/server.key'], ['SSLCertificateFile certs/weak.pem', 'SSLCertificateKeyFile certs/weak.key'], {
    'certs/weak.pem': weak.cert,
    'certs/weak.key': weak.key,
  });
  assert.deepEqual(findingsIn(tree, 'main.conf', 'cert/weak-key'), []);

  const apache = await startApache(tree, 'main.conf');
  t.after(() => apache.stop());
  assert.equal(handshake(port).verify, '0 (ok)');
});

test('an EC certificate on P-224: Apache starts, but no handshake succeeds; cert/weak-key is an error', async (t) => {
  const small = opensslCertificate('ec', 'localhost', ['localhost'], 'secp224r1');
  const port = await freePort();
  const tree = files(port, ['SSLCertificateFile certs/small.pem', 'SSLCertificateKeyFile certs/small.key'], [], { 'certs/small.pem': small.cert, 'certs/small.key': small.key });
  const found = findingsIn(tree, 'site.conf', 'cert/weak-key');
  assert.deepEqual(found.map((f) => f.line), [5]);
  assert.match(found[0].message, /EC key on secp224r1.*no handshake succeeds/);

  const apache = await startApache(tree, 'main.conf');
  t.after(() => apache.stop());
  const { sent, verify } = handshake(port, small.cert);
  assert.deepEqual(sent, [], `a certificate was sent (verify: ${verify})`);
});
