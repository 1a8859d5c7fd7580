// Client verification against CA and CRL files that cannot work, on a real
// Apache with real handshakes (openssl s_client with a client certificate): a
// CA that has expired (every client issued under it refused, AH02039 Error
// 10); an intermediate CA without its root (refused even when the client
// sends the intermediate, AH02039 Error 2); a CRL past its next update
// (Error 12); CRL checks on a chain whose intermediate has no CRL (Error 3).
// The same client passes once the files are right. Our rules say so on the
// CA or CRL line, and nothing on the working files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { freePort, startApache } from '../support/apacheServer';
import { findingsIn, tlsSiteTree } from '../support/tlsSiteTree';
import { writeTree } from '../support/tempTree';
import { makeCertificate, makeChain, makeCrl, type TestCertificate } from '../support/testCertificates';

const server = makeChain(['localhost']);
const CA_USAGE = { ca: true, keyUsage: ['keyCertSign' as const, 'cRLSign' as const] };
const oldRoot = makeCertificate({ commonName: 'Expired Client Root', ...CA_USAGE, notBeforeDays: -400, notAfterDays: -2 });
const dave = makeCertificate({ commonName: 'dave', issuer: oldRoot, extendedKeyUsage: ['clientAuth'] });
const clientRoot = makeCertificate({ commonName: 'Client Root', ...CA_USAGE });
const clientIntermediate = makeCertificate({ commonName: 'Client Intermediate', ...CA_USAGE, pathLength: 0, issuer: clientRoot });
const bob = makeCertificate({ commonName: 'bob', issuer: clientIntermediate, extendedKeyUsage: ['clientAuth'] });

/** A TLS host that requires client certificates checked against certs/clients.pem (site.conf line 9), then `more` lines (line 10 on). */
function files(port: number, clients: string, more: string[] = [], extra: Record<string, string> = {}): Record<string, string> {
  const lines = ['SSLCertificateFile certs/server.pem', 'SSLCertificateKeyFile certs/server.key', 'SSLVerifyClient require', 'SSLVerifyDepth 3', 'SSLCACertificateFile certs/clients.pem', ...more];
  return tlsSiteTree(port, lines, { files: { 'certs/server.pem': server.leaf.cert + server.intermediate.cert, 'certs/server.key': server.leaf.key, 'certs/clients.pem': clients, ...extra } });
}

/** Our findings of `rule` in site.conf. */
function ours(tree: Record<string, string>, rule: string): { line: number; message: string }[] {
  return findingsIn(tree, 'site.conf', rule);
}

/** One GET over TLS with `client`'s certificate (and `chain` sent after it); the HTTP status, 0 when none came back. */
function requestWith(port: number, client: TestCertificate, chain: TestCertificate[] = []): number {
  const dir = writeTree({ 'client.crt': client.cert, 'client.key': client.key, 'chain.pem': chain.map((c) => c.cert).join(''), 'root.pem': server.root.cert }, 'apache-ssl-client-');
  try {
    const run = spawnSync(
      'openssl',
      ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', '-CAfile', join(dir, 'root.pem'), '-cert', join(dir, 'client.crt'), '-key', join(dir, 'client.key'),
        ...(chain.length > 0 ? ['-cert_chain', join(dir, 'chain.pem')] : []), '-quiet'],
      { input: 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', encoding: 'utf8', timeout: 20_000 },
    );
    if (run.error) throw run.error;
    const status = /HTTP\/1\.1 (\d{3})/.exec(run.stdout ?? '');
    return status ? Number(status[1]) : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * bob, sending his intermediate, against Apache on the `refusing` tree: no
 * answer, and `logged` in the error log; then against the `answering` tree,
 * where the files are right: an answer.
 */
async function refusedThenAnswered(t: TestContext, port: number, trees: { refusing: Record<string, string>; answering: Record<string, string> }, logged: RegExp): Promise<void> {
  const refusing = await startApache(trees.refusing, 'main.conf');
  try {
    assert.equal(requestWith(port, bob, [clientIntermediate]), 0);
    assert.match(refusing.errorLog(), logged);
  } finally {
    await refusing.stop();
  }
  const answering = await startApache(trees.answering, 'main.conf');
  t.after(() => answering.stop());
  assert.notEqual(requestWith(port, bob, [clientIntermediate]), 0, 'bob is answered once the files are right');
}

test('an expired CA in SSLCACertificateFile: its client is refused with AH02039 Error (10), cert/cafile-expired says so', async (t) => {
  const tree = files(await freePort(), oldRoot.cert);
  const found = ours(tree, 'cert/cafile-expired');
  assert.deepEqual(found.map((f) => f.line), [9]);
  assert.match(found[0].message, /Expired Client Root.*Error \(10\): certificate has expired/);

  const apache = await startApache(tree, 'main.conf');
  t.after(() => apache.stop());
  assert.equal(requestWith(Number(tree['main.conf'].match(/TLS_PORT (\d+)/)?.[1]), dave), 0);
  assert.match(apache.errorLog(), /AH02039: Certificate Verification: Error \(10\): certificate has expired/);
});

test('an intermediate CA without its root: its client is refused with AH02039 Error (2) even sending the intermediate, cert/cafile-no-root says so; with the root it passes', async (t) => {
  const port = await freePort();
  const alone = files(port, clientIntermediate.cert);
  const found = ours(alone, 'cert/cafile-no-root');
  assert.deepEqual(found.map((f) => f.line), [9]);
  assert.match(found[0].message, /Client Intermediate.*Error \(2\): unable to get issuer certificate/);
  const whole = files(port, clientIntermediate.cert + clientRoot.cert);
  assert.deepEqual(ours(whole, 'cert/cafile-no-root'), []);

  await refusedThenAnswered(t, port, { refusing: alone, answering: whole }, /AH02039: Certificate Verification: Error \(2\): unable to get issuer certificate/);
});

const alice = makeCertificate({ commonName: 'alice', issuer: clientRoot, extendedKeyUsage: ['clientAuth'] });

test('a CRL past its next update under SSLCARevocationCheck chain: clients of its CA are refused with AH02039 Error (12), cert/crl-expired says so', async (t) => {
  const port = await freePort();
  const expired = makeCrl(clientRoot, { lastUpdate: '20200101000000Z', nextUpdate: '20200201000000Z' });
  const tree = files(port, clientRoot.cert, ['SSLCARevocationFile certs/clients.crl', 'SSLCARevocationCheck chain'], { 'certs/clients.crl': expired });
  const found = ours(tree, 'cert/crl-expired');
  assert.deepEqual(found.map((f) => f.line), [10]);
  assert.match(found[0].message, /from CN=Client Root, was due to be replaced on 2020-02-01.*Error \(12\): CRL has expired/);
  assert.deepEqual(ours(files(port, clientRoot.cert, ['SSLCARevocationFile certs/clients.crl', 'SSLCARevocationCheck chain'], { 'certs/clients.crl': makeCrl(clientRoot) }), 'cert/crl-expired'), []);

  const apache = await startApache(tree, 'main.conf');
  t.after(() => apache.stop());
  assert.equal(requestWith(port, alice), 0);
  assert.match(apache.errorLog(), /AH02039: Certificate Verification: Error \(12\): CRL has expired/);
});

test('CRL checks on a chain with no CRL from the intermediate: its clients are refused with AH02039 Error (3), cert/crl-missing names it; with its CRL they pass', async (t) => {
  const port = await freePort();
  const lines = ['SSLCARevocationFile certs/clients.crl', 'SSLCARevocationCheck chain'];
  const rootOnly = files(port, clientRoot.cert + clientIntermediate.cert, lines, { 'certs/clients.crl': makeCrl(clientRoot) });
  const found = ours(rootOnly, 'cert/crl-missing');
  assert.deepEqual(found.map((f) => f.line), [10]);
  assert.match(found[0].message, /no CRL from "CN=Client Intermediate" \(certificate 2\).*Error \(3\): unable to get certificate CRL/);
  const both = files(port, clientRoot.cert + clientIntermediate.cert, lines, { 'certs/clients.crl': makeCrl(clientRoot) + makeCrl(clientIntermediate) });
  assert.deepEqual(ours(both, 'cert/crl-missing'), []);

  await refusedThenAnswered(t, port, { refusing: rootOnly, answering: both }, /AH02039: Certificate Verification: Error \(3\): unable to get certificate CRL/);
});
