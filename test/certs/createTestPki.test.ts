// The test PKI: what each certificate says (chain to the CA, the server's
// names, the client's key usage), the files and their modes, the browser's
// .p12 (opened by forge and by OpenSSL 3 without its legacy provider), and
// that nothing is ever replaced.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import forge from 'node-forge';
import {
  createTestPki,
  diskPkiWriter,
  TEST_PKI_FILE_NAMES,
  type PkiFileWriter,
  type TestPki,
} from '../../server/src/analysis/certs/createTestPki';
import { writeTree } from '../support/tempTree';

/** Files kept in memory, with the mode each was created with. */
function memoryWriter(existing: string[] = []): PkiFileWriter & { files: Map<string, { contents: string | Uint8Array; mode: number }> } {
  const files = new Map<string, { contents: string | Uint8Array; mode: number }>(existing.map((path) => [path, { contents: 'old', mode: 0o644 }]));
  return {
    files,
    exists: (path) => files.has(path),
    create(path, contents, mode) {
      if (files.has(path)) throw new Error(`${path} exists`);
      files.set(path, { contents, mode });
    },
  };
}

function created(result: TestPki | { error: string }): TestPki {
  if ('error' in result) assert.fail(result.error);
  return result;
}

function certificateOf(writer: ReturnType<typeof memoryWriter>, path: string): X509Certificate {
  const file = writer.files.get(path);
  assert.ok(file, `${path} written`);
  return new X509Certificate(file.contents);
}

test('the server and client certificates are signed by the CA, which is a CA', () => {
  const writer = memoryWriter();
  const pki = created(createTestPki({ folder: '/pki', host: 'www.example.test', clientName: 'alice', p12Password: 'pw' }, writer));
  const ca = certificateOf(writer, pki.files.caCertificate);
  const server = certificateOf(writer, pki.files.serverCertificate);
  const client = certificateOf(writer, pki.files.clientCertificate);
  assert.ok(ca.ca, 'the CA has basicConstraints CA:TRUE');
  assert.ok(ca.verify(ca.publicKey), 'the CA is self-signed');
  for (const leaf of [server, client]) {
    assert.ok(leaf.checkIssued(ca), `${leaf.subject} names the CA as issuer`);
    assert.ok(leaf.verify(ca.publicKey), `${leaf.subject} is signed by the CA's key`);
    assert.equal(leaf.ca, false);
    assert.ok(new Date(leaf.validTo) > new Date(Date.now() + 300 * 86_400_000), 'valid for months');
    assert.ok(new Date(leaf.validFrom) <= new Date(), 'already valid');
  }
  assert.match(server.subject, /CN=www\.example\.test/);
  assert.equal(server.subjectAltName, 'DNS:www.example.test');
  assert.equal(server.checkHost('www.example.test'), 'www.example.test');
  assert.deepEqual(server.keyUsage, ['1.3.6.1.5.5.7.3.1'], 'server EKU: serverAuth');
  assert.match(client.subject, /CN=alice/);
  assert.deepEqual(client.keyUsage, ['1.3.6.1.5.5.7.3.2'], 'client EKU: clientAuth');
});

test('each key belongs to its certificate and is a 2048-bit RSA key in PKCS#8', () => {
  const writer = memoryWriter();
  const pki = created(createTestPki({ folder: '/pki', host: 'localhost' }, writer));
  const pairs: [string, string][] = [
    [pki.files.caCertificate, pki.files.caKey],
    [pki.files.serverCertificate, pki.files.serverKey],
    [pki.files.clientCertificate, pki.files.clientKey],
  ];
  for (const [certificatePath, keyPath] of pairs) {
    const pem = String(writer.files.get(keyPath)?.contents);
    assert.match(pem, /^-----BEGIN PRIVATE KEY-----/);
    const key = createPrivateKey(pem);
    assert.equal(key.asymmetricKeyType, 'rsa');
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048);
    assert.ok(certificateOf(writer, certificatePath).checkPrivateKey(key), `${keyPath} matches ${certificatePath}`);
  }
});

test('localhost also gets IP:127.0.0.1; an IP address host gets an IP name only; the client is "client" by default', () => {
  const local = memoryWriter();
  const localPki = created(createTestPki({ folder: '/a', host: 'localhost' }, local));
  const localServer = certificateOf(local, localPki.files.serverCertificate);
  assert.equal(localServer.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1');
  assert.equal(localServer.checkIP('127.0.0.1'), '127.0.0.1');
  assert.match(certificateOf(local, localPki.files.clientCertificate).subject, /CN=client/);

  const numeric = memoryWriter();
  const numericPki = created(createTestPki({ folder: '/b', host: '192.0.2.10' }, numeric));
  assert.equal(certificateOf(numeric, numericPki.files.serverCertificate).subjectAltName, 'IP Address:192.0.2.10');
});

test('serial numbers differ between certificates and between runs', () => {
  const serials = [memoryWriter(), memoryWriter()].flatMap((writer) => {
    const pki = created(createTestPki({ folder: '/pki', host: 'localhost' }, writer));
    return [pki.files.caCertificate, pki.files.serverCertificate, pki.files.clientCertificate].map((path) => certificateOf(writer, path).serialNumber);
  });
  assert.equal(new Set(serials).size, 6, serials.join(' '));
});

test('the directives name the files and require a client certificate from the CA', () => {
  const pki = created(createTestPki({ folder: '/srv/my pki', host: 'localhost' }, memoryWriter()));
  assert.deepEqual(pki.directives, [
    'SSLEngine on',
    'SSLCertificateFile "/srv/my pki/server.crt"',
    'SSLCertificateKeyFile "/srv/my pki/server.key"',
    'SSLCACertificateFile "/srv/my pki/ca.crt"',
    'SSLVerifyClient require',
    'SSLVerifyDepth 1',
  ]);
});

test('without a password no .p12 is written; with one, forge opens it with that password only', () => {
  const without = memoryWriter();
  const plain = created(createTestPki({ folder: '/pki', host: 'localhost' }, without));
  assert.equal(plain.files.clientP12, undefined);
  assert.deepEqual([...without.files.keys()].map((path) => path.slice('/pki/'.length)).sort(), TEST_PKI_FILE_NAMES.filter((name) => name !== 'client.p12').sort());

  const writer = memoryWriter();
  const pki = created(createTestPki({ folder: '/pki', host: 'localhost', clientName: 'alice', p12Password: 's3cret pass' }, writer));
  assert.ok(pki.files.clientP12);
  const der = writer.files.get(pki.files.clientP12)?.contents;
  assert.ok(der instanceof Uint8Array);
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')));
  assert.throws(() => forge.pkcs12.pkcs12FromAsn1(asn1, 'wrong'), /MAC|password/i);
  const p12 = forge.pkcs12.pkcs12FromAsn1(asn1, 's3cret pass');
  const keyBags = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? [];
  const certificateBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  assert.equal(keyBags.length, 1);
  assert.equal(keyBags[0].attributes.friendlyName?.[0], 'alice');
  const clientPem = String(writer.files.get(pki.files.clientCertificate)?.contents);
  const bagPems = certificateBags.map((bag) => (bag.cert ? forge.pki.certificateToPem(bag.cert) : ''));
  assert.ok(bagPems.some((pem) => new X509Certificate(pem).fingerprint256 === new X509Certificate(clientPem).fingerprint256), 'the client certificate is in it');
  const keyFromP12 = createPrivateKey(forge.pki.privateKeyToPem(keyBags[0].key as forge.pki.rsa.PrivateKey));
  assert.ok(new X509Certificate(clientPem).checkPrivateKey(keyFromP12), 'the key in the .p12 is the client key');
});

test('on disk: the seven files, keys and .p12 with mode 0600, certificates 0644; OpenSSL 3 opens the .p12 without -legacy', (t) => {
  const folder = join(writeTree({}, 'apache-ssl-pki-'), 'new', 'pki');
  t.after(() => rmSync(join(folder, '..', '..'), { recursive: true, force: true }));
  const pki = created(createTestPki({ folder, host: 'localhost', p12Password: 'pw for openssl' }, diskPkiWriter));
  const modes = Object.fromEntries(Object.values(pki.files).map((path) => [path.slice(folder.length + 1), statSync(path).mode & 0o777]));
  // Certificates are 0644 less what the umask takes away; keys are 0600 whatever it is.
  const certificateMode = 0o644 & ~process.umask();
  assert.deepEqual(modes, {
    'ca.crt': certificateMode,
    'ca.key': 0o600,
    'server.crt': certificateMode,
    'server.key': 0o600,
    'client.crt': certificateMode,
    'client.key': 0o600,
    'client.p12': 0o600,
  });
  const open = (password: string) =>
    spawnSync('openssl', ['pkcs12', '-info', '-in', join(folder, 'client.p12'), '-passin', `pass:${password}`, '-noout'], { encoding: 'utf8', timeout: 20_000 });
  const good = open('pw for openssl');
  assert.equal(good.status, 0, good.stderr);
  assert.match(good.stderr, /Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC/);
  assert.notEqual(open('wrong').status, 0);
  const verify = spawnSync('openssl', ['verify', '-CAfile', pki.files.caCertificate, pki.files.serverCertificate, pki.files.clientCertificate], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(verify.status, 0, verify.stderr);
  const purpose = spawnSync('openssl', ['verify', '-purpose', 'sslclient', '-CAfile', pki.files.caCertificate, pki.files.clientCertificate], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(purpose.status, 0, purpose.stderr);
});

test('refuses when any file exists, names them all, and writes nothing', (t) => {
  const folder = writeTree({ 'server.key': 'mine\n', 'client.p12': 'mine too' }, 'apache-ssl-pki-');
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const result = createTestPki({ folder, host: 'localhost', p12Password: 'pw' }, diskPkiWriter);
  assert.ok('error' in result);
  assert.match(result.error, /already exist/);
  assert.ok(result.error.includes(join(folder, 'server.key')) && result.error.includes(join(folder, 'client.p12')), result.error);
  assert.equal(readFileSync(join(folder, 'server.key'), 'utf8'), 'mine\n');
  for (const name of ['ca.crt', 'ca.key', 'server.crt', 'client.crt', 'client.key']) assert.throws(() => statSync(join(folder, name)), `${name} not written`);

  const memory = memoryWriter(['/pki/ca.crt']);
  assert.ok('error' in createTestPki({ folder: '/pki', host: 'localhost' }, memory));
  assert.equal(memory.files.size, 1);
});

test('a file that appears while writing is not replaced: the disk writer creates exclusively', (t) => {
  const folder = writeTree({}, 'apache-ssl-pki-');
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const racing: PkiFileWriter = {
    exists: diskPkiWriter.exists,
    create(path, contents, mode) {
      if (path.endsWith('client.crt')) writeFileSync(path, 'appeared\n');
      diskPkiWriter.create(path, contents, mode);
    },
  };
  const result = createTestPki({ folder, host: 'localhost' }, racing);
  assert.ok('error' in result);
  assert.match(result.error, /Cannot write the test PKI: .*EEXIST/);
  assert.equal(readFileSync(join(folder, 'client.crt'), 'utf8'), 'appeared\n');
});

test('bad host names, client names and empty passwords are refused before anything is written', () => {
  for (const options of [
    { host: 'bad host' },
    { host: '-dash.example' },
    { host: 'localhost', clientName: '' },
    { host: 'localhost', clientName: 'x'.repeat(65) },
    { host: 'localhost', p12Password: '' },
  ]) {
    const writer = memoryWriter();
    const result = createTestPki({ folder: '/pki', ...options }, writer);
    assert.ok('error' in result, JSON.stringify(options));
    assert.equal(writer.files.size, 0);
  }
  assert.ok(!('error' in createTestPki({ folder: '/w', host: '*.example.test' }, memoryWriter())), 'a wildcard name is a host name');
});
