// Hover on certificate, key, CA and CRL paths, over trees held in memory with
// certificates generated here and a fixed clock.
import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { test } from 'node:test';
import { MarkupKind, type MarkupContent } from 'vscode-languageserver-types';
import { createCertificateReader } from '../../server/src/analysis/certs/certificateReader';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { hoverCertificate } from '../../server/src/features/hoverCertificate';
import { defaultDirectiveIndex } from '../../server/src/knowledge/directiveIndex';
import { modelWithCursor } from '../support/modelWithCursor';
import { encryptedKey, makeCertificate, makeChain, opensslCertificate, type TestCertificate } from '../support/testCertificates';

const directives = defaultDirectiveIndex();
const HOUR = 60 * 60 * 1000;
const { root, intermediate, leaf } = makeChain(['www.example.test', 'example.test']);
const other = makeCertificate({ commonName: 'other.example.test' });
const expired = makeCertificate({ commonName: 'old.example.test', notBeforeDays: -400, notAfterDays: -10 });
const ec = opensslCertificate('ec', 'ec.example.test');
// Certificates are made relative to the real clock: judge them an hour later, whole days stay whole.
const now = new Date(Date.now() + HOUR);

function hoverText(marked: Record<string, string>, format: MarkupKind = MarkupKind.Markdown): string | null {
  const { model, path, position, files } = modelWithCursor(marked);
  const certificates = createCertificateReader(memoryFileSystem(files), () => now);
  const result = hoverCertificate(model, path, position, { certificates, directives, format });
  if (!result) return null;
  const contents = result.contents as MarkupContent;
  assert.equal(contents.kind, format);
  return contents.value;
}

/** A virtual host around the lines, with the files it names. */
function site(lines: string[], files: Record<string, string>): Record<string, string> {
  return {
    '/etc/apache2/apache2.conf': ['ServerRoot /etc/apache2', 'Define CERTS /etc/ssl/site', '<VirtualHost *:443>', '    SSLEngine on', ...lines.map((line) => `    ${line}`), '</VirtualHost>', ''].join('\n'),
    ...files,
  };
}

/** Every line of base64 of a key's PEM, for checking that none reaches a hover. */
function keyMaterial(pem: string): string[] {
  return pem.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----'));
}

/** Neither the PEM label nor any of the key's base64 (as written, or its plain DER) is in the text. */
function assertNoKeyMaterial(text: string, plainKey: string, written = plainKey): void {
  assert.doesNotMatch(text, /PRIVATE KEY/);
  for (const line of keyMaterial(written)) assert.ok(!text.includes(line), 'the hover shows key material');
  const der = createPrivateKey(plainKey).export({ type: 'pkcs8', format: 'der' }).toString('base64');
  for (let i = 0; i + 24 <= der.length; i += 24) assert.ok(!text.includes(der.slice(i, i + 24)), 'the hover shows key material');
}

test('a certificate file with its chain: each certificate described, every link holds, the key matches', () => {
  const text = hoverText(
    site(['SSLCertificateFile ${CERTS}/full|chain.pem', 'SSLCertificateKeyFile ${CERTS}/key.pem'], {
      '/etc/ssl/site/fullchain.pem': leaf.cert + intermediate.cert + root.cert,
      '/etc/ssl/site/key.pem': leaf.key,
    }),
  );
  assert.ok(text);
  assert.match(text, /^\*\*SSLCertificateFile\*\* \[`\/etc\/ssl\/site\/fullchain\.pem`\]\(file:\/\/\/etc\/ssl\/site\/fullchain\.pem\) holds 3 certificates\./);
  assert.match(text, /\*\*Certificate 1\*\* \(the one Apache presents\)/);
  assert.match(text, /- Subject: `CN=www\.example\.test`/);
  assert.match(text, /- Alternative names: `www\.example\.test`, `example\.test`/);
  assert.match(text, /- Issuer: `CN=Test Intermediate CA`\n/);
  assert.match(text, /- Serial: `[0-9A-F]+`/);
  assert.match(text, /- Valid: \d{4}-\d\d-\d\d \d\d:\d\d UTC to \d{4}-\d\d-\d\d \d\d:\d\d UTC, 364 days left/);
  assert.match(text, /- Key: RSA 2048 bits/);
  assert.match(text, /- Signature: sha256WithRSAEncryption/);
  assert.match(text, /- SHA-256 fingerprint: `([0-9A-F]{2}:){31}[0-9A-F]{2}`/);
  assert.match(text, /- Extended key usage: server auth\n/);
  assert.match(text, /- Basic constraints: not a CA/);
  assert.match(text, /- Key usage: keyCertSign, cRLSign\n- Basic constraints: CA, path length 0/);
  assert.match(text, /Private key in \[`\/etc\/ssl\/site\/key\.pem`\]\(file:\/\/\/etc\/ssl\/site\/key\.pem\) \(SSLCertificateKeyFile\): RSA 2048 bits \(PKCS#8\), not encrypted, ✓ matches/);
  assert.match(
    text,
    /\*\*Chain\*\* \(from this certificate up\)\n\n1\. ✓ `CN=www\.example\.test` \(\/etc\/ssl\/site\/fullchain\.pem #1\): issued and signed by `CN=Test Intermediate CA`\n2\. ✓ `CN=Test Intermediate CA` \(\/etc\/ssl\/site\/fullchain\.pem #2\): issued and signed by `CN=Test Root CA`\n3\. ✓ `CN=Test Root CA` \(\/etc\/ssl\/site\/fullchain\.pem #3\): self-signed root\n\nThe chain ends at a self-signed root found in the configuration/,
  );
  assert.match(text, /\[SSLCertificateFile in the Apache manual\]\(https:\/\/httpd\.apache\.org\/docs\/2\.4\/mod\/mod_ssl\.html#sslcertificatefile\)$/);
  assertNoKeyMaterial(text, leaf.key);
});

test('the chain continues in SSLCertificateChainFile, a relative path resolving against ServerRoot', () => {
  const text = hoverText(
    site(['SSLCertificateFile ssl/le|af.pem', 'SSLCertificateKeyFile ssl/leaf.key', 'SSLCertificateChainFile ssl/chain.pem'], {
      '/etc/apache2/ssl/leaf.pem': leaf.cert,
      '/etc/apache2/ssl/leaf.key': leaf.key,
      '/etc/apache2/ssl/chain.pem': intermediate.cert + root.cert,
    }),
  );
  assert.match(text ?? '', /\[`ssl\/leaf\.pem`\]\(file:\/\/\/etc\/apache2\/ssl\/leaf\.pem\) holds 1 certificate\./);
  assert.match(text ?? '', /1\. ✓ `CN=www\.example\.test` \(ssl\/leaf\.pem #1\): issued and signed by `CN=Test Intermediate CA`\n2\. ✓ `CN=Test Intermediate CA` \(ssl\/chain\.pem #1\): issued and signed by `CN=Test Root CA`\n3\. ✓ `CN=Test Root CA` \(ssl\/chain\.pem #2\): self-signed root/);
});

test('a missing intermediate breaks the chain at the leaf, saying why', () => {
  const text = hoverText(site(['SSLCertificateFile /etc/ssl/site/le|af.pem', 'SSLCertificateKeyFile /etc/ssl/site/leaf.key'], { '/etc/ssl/site/leaf.pem': leaf.cert + root.cert, '/etc/ssl/site/leaf.key': leaf.key }));
  assert.match(text ?? '', /1\. ✗ `CN=www\.example\.test` \(\/etc\/ssl\/site\/leaf\.pem #1\): its issuer \(CN=Test Intermediate CA\) is not among the certificates provided\n\nThe chain is incomplete/);
});

test('an expired certificate: days since it expired, in its details and its chain link', () => {
  const text = hoverText(site(['SSLCertificateFile /etc/ssl/site/o|ld.pem'], { '/etc/ssl/site/old.pem': expired.cert + expired.key }));
  assert.match(text ?? '', /- Valid: .* UTC, expired 10 days ago/);
  assert.match(text ?? '', /1\. ✗ `CN=old\.example\.test` \(\/etc\/ssl\/site\/old\.pem #1\): it expired 10 days ago/);
  assert.match(text ?? '', /Private key in this file: RSA 2048 bits \(PKCS#8\), not encrypted, ✓ matches the first certificate\./);
  assertNoKeyMaterial(text ?? '', expired.key);
});

test('an EC certificate shows its curve; its key file says it matches', () => {
  const files = site(['SSLCertificateFile /etc/ssl/site/ec.pem', 'SSLCertificateKeyFile /etc/ssl/site/e|c.key'], { '/etc/ssl/site/ec.pem': ec.cert, '/etc/ssl/site/ec.key': ec.key });
  const key = hoverText(files);
  assert.match(key ?? '', /^\*\*SSLCertificateKeyFile\*\* \[`\/etc\/ssl\/site\/ec\.key`\]\(file:\/\/\/etc\/ssl\/site\/ec\.key\): EC, curve prime256v1 \(P-256\) \(PKCS#8\), not encrypted, ✓ matches the certificate in \[`\/etc\/ssl\/site\/ec\.pem`\]/);
  assertNoKeyMaterial(key ?? '', ec.key);
  const certificate = hoverText({ ...files, '/etc/apache2/apache2.conf': files['/etc/apache2/apache2.conf'].replace('ec.pem', 'e|c.pem').replace('e|c.key', 'ec.key') });
  assert.match(certificate ?? '', /- Key: EC, curve prime256v1 \(P-256\)\n- Signature: ecdsa-with-SHA256/);
  assert.match(certificate ?? '', /1\. ✓ `CN=ec\.example\.test` .*: self-signed root/);
});

test('key files: one that does not match its certificate, an encrypted one, and never any key material', () => {
  const mismatch = hoverText(site(['SSLCertificateFile /etc/ssl/site/leaf.pem', 'SSLCertificateKeyFile /etc/ssl/site/ot|her.key'], { '/etc/ssl/site/leaf.pem': leaf.cert, '/etc/ssl/site/other.key': other.key }));
  assert.match(mismatch ?? '', /RSA 2048 bits \(PKCS#8\), not encrypted, ✗ does not match the certificate in \[`\/etc\/ssl\/site\/leaf\.pem`\]\(file:\/\/\/etc\/ssl\/site\/leaf\.pem\) \(`CN=www\.example\.test`\): Apache stops at start-up with AH02565/);
  assertNoKeyMaterial(mismatch ?? '', other.key);

  const locked = encryptedKey(leaf, 'secret', 'pkcs1');
  const encrypted = hoverText(site(['SSLCertificateFile /etc/ssl/site/leaf.pem', 'SSLCertificateKeyFile /etc/ssl/site/lea|f.key'], { '/etc/ssl/site/leaf.pem': leaf.cert, '/etc/ssl/site/leaf.key': locked }));
  assert.match(encrypted ?? '', /: traditional RSA form, encrypted: Apache asks for the pass phrase at start-up, and whether it matches cannot be checked without it\./);
  assertNoKeyMaterial(encrypted ?? '', leaf.key, locked);

  // The certificate's hover names its key's verdict too.
  const fromCertificate = hoverText(site(['SSLCertificateFile /etc/ssl/site/le|af.pem', 'SSLCertificateKeyFile /etc/ssl/site/other.key'], { '/etc/ssl/site/leaf.pem': leaf.cert, '/etc/ssl/site/other.key': other.key }));
  assert.match(fromCertificate ?? '', /✗ does not match the first certificate here/);
  assertNoKeyMaterial(fromCertificate ?? '', other.key);
});

test('a CA file for client certificates lists the names clients are asked for, with each expiry, at most 20', () => {
  const clientCa = makeCertificate({ commonName: 'Client CA', ca: true });
  const text = hoverText(site(['SSLVerifyClient require', 'SSLCACertificateFile /etc/ssl/site/cl|ients.pem'], { '/etc/ssl/site/clients.pem': clientCa.cert + root.cert }));
  assert.match(text ?? '', /^\*\*SSLCACertificateFile\*\* \[`\/etc\/ssl\/site\/clients\.pem`\]\(file:\/\/\/etc\/ssl\/site\/clients\.pem\) holds 2 certificates\. Client certificates issued under these CAs are accepted; their subjects are the names clients are asked for/);
  assert.match(text ?? '', /\n\n1\. `CN=Client CA`: expires \d{4}-\d\d-\d\d \(364 days\)\n2\. `CN=Test Root CA`: expires \d{4}-\d\d-\d\d \(364 days\)\n/);

  // One small key for all of them: forge signs in plain JavaScript.
  const signer = makeCertificate({ commonName: 'signer', bits: 1024 });
  const many: TestCertificate[] = Array.from({ length: 21 }, (_, i) => makeCertificate({ commonName: `CA ${i + 1}`, ca: true, key: signer }));
  const capped = hoverText(site(['SSLCADNRequestFile /etc/ssl/site/na|mes.pem'], { '/etc/ssl/site/names.pem': many.map((c) => c.cert).join('') })) ?? '';
  assert.match(capped, /holds 21 certificates\. Clients are asked for certificates from CAs with these names/);
  assert.match(capped, /20\. `CN=CA 20`: expires [^\n]*\n\nand 1 more\.\n/);
  assert.doesNotMatch(capped, /CN=CA 21/);
});

test('a CRL file is counted; a missing or too large file is said plainly; an engine key id is not a file', () => {
  const crl = '-----BEGIN X509 CRL-----\nMIIBAA==\n-----END X509 CRL-----\n';
  assert.match(hoverText(site(['SSLCARevocationFile /etc/ssl/site/re|voked.pem'], { '/etc/ssl/site/revoked.pem': crl + crl })) ?? '', /revoked\.pem`\]\([^)]*\) holds 2 certificate revocation lists\./);
  assert.match(
    hoverText(site(['SSLCertificateFile /etc/ssl/site/mi|ssing.pem'], {})) ?? '',
    /^\*\*SSLCertificateFile\*\* \[`\/etc\/ssl\/site\/missing\.pem`\]\(file:\/\/\/etc\/ssl\/site\/missing\.pem\) does not exist\. Apache refuses the configuration: "SSLCertificateFile: file '\/etc\/ssl\/site\/missing\.pem' does not exist or is empty"\./,
  );
  assert.match(hoverText(site(['SSLCertificateFile /etc/ssl/site/hu|ge.pem'], { '/etc/ssl/site/huge.pem': 'x'.repeat(6 * 1024 * 1024) })) ?? '', /huge\.pem`\]\([^)]*\) is 6\.0 MiB, over the 5 MiB read limit: not read\./);
  assert.match(hoverText(site(['SSLCertificateKeyFile "pkcs11:object=we|b"'], {})) ?? '', /names a key or certificate held by an engine or a hardware module \(PKCS#11\), not a file/);
});

test('a CA folder without hash links says OpenSSL finds nothing in it', () => {
  const text = hoverText(site(['SSLCACertificatePath /etc/ssl/cl|ients/'], { '/etc/ssl/clients/a.pem': root.cert }));
  assert.match(text ?? '', /a folder of 1 file\. It has no hash links .*`openssl rehash`.* holds 1 certificate\./);
  assert.match(text ?? '', /1\. `CN=Test Root CA`: expires/);
});

test('only the path argument hovers; plain-text clients get text without Markdown', () => {
  const files = site(['SSLCertific|ateFile /etc/ssl/site/leaf.pem'], { '/etc/ssl/site/leaf.pem': leaf.cert });
  assert.equal(hoverText(files), null);
  const plain = hoverText(site(['SSLCertificateFile /etc/ssl/site/le|af.pem'], { '/etc/ssl/site/leaf.pem': leaf.cert }), MarkupKind.PlainText) ?? '';
  assert.match(plain, /^SSLCertificateFile \/etc\/ssl\/site\/leaf\.pem: file:\/\/\/etc\/ssl\/site\/leaf\.pem holds 1 certificate\./);
  assert.doesNotMatch(plain, /\*\*|`/);
  assert.match(plain, /SSLCertificateFile in the Apache manual: https:\/\/httpd\.apache\.org/);
});

test('a proxy client certificate file says which of its certificates have their key', () => {
  const text = hoverText(site(['SSLProxyEngine on', 'SSLProxyMachineCertificateFile /etc/ssl/site/cli|ents.pem'], { '/etc/ssl/site/clients.pem': leaf.cert + leaf.key + other.cert }));
  assert.match(text ?? '', /holds 2 certificates and 1 private key\./);
  assert.match(text ?? '', /\*\*Certificate 1\*\*\n\n- Subject: `CN=www\.example\.test`[\s\S]*- Private key: ✓ a key in this file matches it\n/);
  assert.match(text ?? '', /\*\*Certificate 2\*\*\n\n- Subject: `CN=other\.example\.test`[\s\S]*- Private key: ✗ none in this file matches it/);
  assertNoKeyMaterial(text ?? '', leaf.key);
});
