// The certificate reader: PEM bundles and DER, every key form, what cannot be
// read, and the facts hover and rules rely on, on certificates made here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { createCertificateReader } from '../../server/src/analysis/certs/certificateReader';
import { buildChain, type ChainCandidate } from '../../server/src/analysis/certs/buildChain';
import type { CertificateFileContents, CertificateFileRead } from '../../server/src/analysis/certs/readCertificateFile';
import { derOf, encryptedKey, makeCertificate, makeChain, opensslCertificate } from '../support/testCertificates';

function contentsOf(read: CertificateFileRead): CertificateFileContents {
  assert.ok('contents' in read, `expected contents, got ${'message' in read ? read.message : ''}`);
  return read.contents;
}

test('a leaf certificate: names, validity, key, usages, fingerprint, OCSP URI', () => {
  const { leaf } = makeChain(['www.example.test', 'example.test'], { ocspUri: 'http://ocsp.example.test/' });
  const reader = createCertificateReader(memoryFileSystem({ '/c/leaf.pem': leaf.cert }));
  const [certificate] = contentsOf(reader.read('/c/leaf.pem')).certificates;
  const facts = certificate.facts;
  assert.equal(facts.subject, 'CN=www.example.test');
  assert.equal(facts.issuer, 'CN=Test Intermediate CA');
  assert.equal(facts.commonName, 'www.example.test');
  assert.deepEqual(facts.dnsNames, ['www.example.test', 'example.test']);
  assert.deepEqual(facts.publicKey, { type: 'rsa', bits: 2048 });
  assert.equal(facts.signatureAlgorithm, 'sha256WithRSAEncryption');
  assert.deepEqual(facts.extendedKeyUsage, ['serverAuth']);
  assert.equal(facts.keyUsage, undefined);
  assert.equal(facts.isCa, false);
  assert.deepEqual(facts.ocspUris, ['http://ocsp.example.test/']);
  assert.equal(facts.selfSigned, false);
  assert.match(facts.sha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  assert.ok(facts.notAfter.getTime() > Date.now() + 300 * 86_400_000);
});

test('a CA: basic constraints with path length, key usage bits, self-signed', () => {
  const { root, intermediate } = makeChain(['a.test']);
  const reader = createCertificateReader(memoryFileSystem({ '/c/ca.pem': root.cert + intermediate.cert }));
  const [first, second] = contentsOf(reader.read('/c/ca.pem')).certificates;
  assert.equal(first.facts.isCa, true);
  assert.equal(first.facts.selfSigned, true);
  assert.deepEqual(first.facts.keyUsage, ['keyCertSign', 'cRLSign']);
  assert.equal(second.facts.pathLength, 0);
  assert.equal(second.line > first.line, true);
});

test('SHA-1 signatures, EC and Ed25519 keys are named', () => {
  const sha1 = makeCertificate({ commonName: 'old.test', hash: 'sha1' });
  const ec = opensslCertificate('ec', 'ec.test');
  const ed = opensslCertificate('ed25519', 'ed.test');
  const reader = createCertificateReader(memoryFileSystem({ '/sha1.pem': sha1.cert, '/ec.pem': ec.cert + ec.key, '/ed.pem': ed.cert }));
  assert.equal(contentsOf(reader.read('/sha1.pem')).certificates[0].facts.signatureAlgorithm, 'sha1WithRSAEncryption');
  const ecFile = contentsOf(reader.read('/ec.pem'));
  assert.deepEqual(ecFile.certificates[0].facts.publicKey, { type: 'ec', curve: 'prime256v1' });
  assert.equal(ecFile.certificates[0].facts.signatureAlgorithm, 'ecdsa-with-SHA256');
  assert.deepEqual(ecFile.keys[0].facts, { type: 'ec', curve: 'prime256v1' });
  assert.ok(ecFile.certificates[0].x509.checkPrivateKey(ecFile.keys[0].key!));
  assert.deepEqual(contentsOf(reader.read('/ed.pem')).certificates[0].facts.publicKey, { type: 'ed25519' });
});

test('keys: PKCS#8, encrypted in both PEM forms, and nothing of the key in what is read', () => {
  const cert = makeCertificate({ commonName: 'k.test' });
  const reader = createCertificateReader(
    memoryFileSystem({ '/plain.key': cert.key, '/enc8.key': encryptedKey(cert, 'secret'), '/enc1.key': encryptedKey(cert, 'secret', 'pkcs1') }),
  );
  const plain = contentsOf(reader.read('/plain.key')).keys[0];
  assert.equal(plain.encrypted, false);
  assert.deepEqual(plain.facts, { type: 'rsa', bits: 2048 });
  for (const path of ['/enc8.key', '/enc1.key']) {
    const [key] = contentsOf(reader.read(path)).keys;
    assert.equal(key.encrypted, true, path);
    assert.equal(key.key, undefined);
  }
  // What is kept must not serialise key material (the KeyObject stays out of JSON).
  assert.doesNotMatch(JSON.stringify(plain), /MII|BEGIN/);
});

test('DER certificates are read; garbage, empty and missing files are described', () => {
  const cert = makeCertificate({ commonName: 'der.test' });
  const reader = createCertificateReader(
    memoryFileSystem({
      '/c.der': derOf(cert),
      '/garbage.pem': '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n',
      '/empty.pem': '',
      '/text.pem': 'hello\n',
    }),
  );
  const der = contentsOf(reader.read('/c.der'));
  assert.equal(der.format, 'der');
  assert.equal(der.certificates[0].facts.commonName, 'der.test');
  const garbage = contentsOf(reader.read('/garbage.pem'));
  assert.equal(garbage.certificates.length, 0);
  assert.equal(garbage.badBlocks.length, 1);
  assert.equal(contentsOf(reader.read('/text.pem')).certificates.length, 0);
  const empty = reader.read('/empty.pem');
  assert.ok('problem' in empty && empty.problem === 'empty');
  const missing = reader.read('/nope.pem');
  assert.ok('problem' in missing && missing.problem === 'missing');
  const folder = reader.read('/');
  assert.ok('problem' in folder && folder.problem === 'not-file');
});

test('each version of a file is parsed once; a changed file is read again', () => {
  const files: Record<string, string> = { '/c.pem': makeCertificate({ commonName: 'one.test' }).cert };
  let mtime = 1;
  let reads = 0;
  const inner = () => memoryFileSystem(files, mtime);
  const reader = createCertificateReader({
    stat: (path) => inner().stat(path),
    readFile: (path) => inner().readFile(path),
    readBytes: (path) => {
      reads++;
      return inner().readBytes(path);
    },
    readDirectory: (path) => inner().readDirectory(path),
    realPath: (path) => path,
  });
  reader.read('/c.pem');
  reader.read('/c.pem');
  assert.equal(reads, 1);
  files['/c.pem'] = makeCertificate({ commonName: 'two.test' }).cert;
  mtime = 2;
  assert.equal(contentsOf(reader.read('/c.pem')).certificates[0].facts.commonName, 'two.test');
  assert.equal(reads, 2);
});

test('files over 5 MiB are refused unread', () => {
  let reads = 0;
  const reader = createCertificateReader({
    stat: () => ({ isFile: true, isDirectory: false, mtimeMs: 1, size: 6 * 1024 * 1024 }),
    readFile: () => ({ error: 'unexpected' }),
    readBytes: () => {
      reads++;
      return { error: 'unexpected' };
    },
    readDirectory: () => ({ error: 'unexpected' }),
    realPath: (path) => path,
  });
  const read = reader.read('/huge.pem');
  assert.ok('problem' in read && read.problem === 'too-large');
  assert.match(read.message, /5 MiB/);
  assert.equal(reads, 0);
});

test('chains: complete in order, a missing intermediate, a wrong signature', () => {
  const { root, intermediate, leaf } = makeChain(['a.test']);
  const reader = createCertificateReader(memoryFileSystem({ '/all.pem': leaf.cert + intermediate.cert + root.cert }));
  const [l, i, r] = contentsOf(reader.read('/all.pem')).certificates;
  const candidate = (c: typeof l, source: string, anchor = false): ChainCandidate => ({ x509: c.x509, facts: c.facts, source, anchor });
  const full = buildChain(candidate(l, 'leaf'), [candidate(i, 'file #2'), candidate(r, 'CA file', true)]);
  assert.equal(full.complete, true);
  assert.deepEqual(full.links.map((link) => link.problem), [undefined, undefined, undefined]);
  const missing = buildChain(candidate(l, 'leaf'), [candidate(r, 'CA file', true)]);
  assert.equal(missing.complete, false);
  assert.match(missing.links[0].problem ?? '', /Test Intermediate CA.*not among/);
  // Same name, another key: the name matches but the signature does not.
  const impostor = makeCertificate({ commonName: 'Test Intermediate CA', ca: true, issuer: root });
  const other = contentsOf(createCertificateReader(memoryFileSystem({ '/x.pem': impostor.cert })).read('/x.pem')).certificates[0];
  const forged = buildChain(candidate(l, 'leaf'), [candidate(other, 'chain file')]);
  assert.match(forged.links[0].problem ?? '', /signature does not verify/);
});
