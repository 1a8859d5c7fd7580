// Apache's start-up and our certificate findings on the same files: a real
// Apache on 127.0.0.1 with (a) a key that belongs to another certificate,
// (b) the leaf after its CA in SSLCertificateFile, (c) a certificate for
// another name, (d) a CA certificate as the server's, (e) a 1024-bit RSA
// key, (f) a SHA-1 signature by a CA. (a) and (b) stop the start with
// AH02565, (e) and (f) with AH02562 (OpenSSL 3 at security level 2), (c) and
// (d) start with AH01909 / AH01906 in the error log; each time our rule
// fires on the SSLCertificateFile line and its message names the same AH code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freePort, startApache } from '../support/apacheServer';
import { findingsIn, tlsSiteTree } from '../support/tlsSiteTree';
import { makeCertificate, makeChain } from '../support/testCertificates';

interface Case {
  name: string;
  certificate: string;
  key: string;
  rule: string;
  code: string;
  /** Apache refuses to start (else it starts and logs the code as a warning). */
  fails: boolean;
  /** What Apache logs after the code. */
  log: RegExp;
}

const MISMATCH = /: Certificate and private key localhost:443:0 from .*\/certs\/server\.crt and .*\/certs\/server\.key do not match/;

function cases(): Case[] {
  const site = makeCertificate({ commonName: 'localhost', dnsNames: ['localhost'], ca: false });
  const other = makeCertificate({ commonName: 'other.example', dnsNames: ['other.example'], ca: false });
  const { intermediate, leaf } = makeChain(['localhost']);
  const ca = makeCertificate({ commonName: 'localhost', dnsNames: ['localhost'], ca: true });
  const weak = makeCertificate({ commonName: 'localhost', dnsNames: ['localhost'], ca: false, bits: 1024 });
  const sha1 = makeCertificate({ commonName: 'localhost', dnsNames: ['localhost'], issuer: intermediate, hash: 'sha1' });
  const failed = (reason: string) => new RegExp(`: Failed to configure certificate localhost:443:0 \\(with chain\\)[^]*SSL Library Error: .*${reason}`);
  return [
    { name: 'a key of another certificate', certificate: site.cert, key: other.key, rule: 'cert/key-mismatch', code: 'AH02565', fails: true, log: MISMATCH },
    { name: 'the leaf after its CA', certificate: intermediate.cert + leaf.cert, key: leaf.key, rule: 'cert/chain-order', code: 'AH02565', fails: true, log: MISMATCH },
    { name: 'a certificate for another name', certificate: other.cert, key: other.key, rule: 'cert/name-mismatch', code: 'AH01909', fails: false, log: /: localhost:443:0 server certificate does NOT include an ID which matches the server name/ },
    { name: 'a CA certificate as the server certificate', certificate: ca.cert, key: ca.key, rule: 'cert/server-cert-is-ca', code: 'AH01906', fails: false, log: /: localhost:443:0 server certificate is a CA certificate/ },
    { name: 'a 1024-bit RSA key', certificate: weak.cert, key: weak.key, rule: 'cert/weak-key', code: 'AH02562', fails: true, log: failed('ee key too small') },
    { name: 'a SHA-1 signature', certificate: sha1.cert + intermediate.cert, key: sha1.key, rule: 'cert/sha1-signature', code: 'AH02562', fails: true, log: failed('ca md too weak') },
  ];
}

/** main.conf and site.conf (SSLCertificateFile on line 5) with the case's files. */
function files(c: Case, tlsPort: number): Record<string, string> {
  return tlsSiteTree(tlsPort, ['SSLCertificateFile certs/server.crt', 'SSLCertificateKeyFile certs/server.key'], { files: { 'certs/server.crt': c.certificate, 'certs/server.key': c.key } });
}

for (const c of cases()) {
  test(`start-up with ${c.name}: Apache ${c.fails ? 'stops' : 'logs'} ${c.code}, ${c.rule} names it`, async (t) => {
    const written = files(c, await freePort());
    const found = findingsIn(written, 'site.conf', c.rule);
    assert.deepEqual(found.map((f) => f.line), [5], found.map((f) => f.message).join('\n'));
    assert.match(found[0].message, new RegExp(c.code));
    const logged = new RegExp(c.code + c.log.source);
    if (c.fails) {
      await assert.rejects(startApache(written, 'main.conf'), (error: Error) => {
        assert.match(error.message, logged);
        return true;
      });
    } else {
      const apache = await startApache(written, 'main.conf');
      t.after(() => apache.stop());
      assert.match(apache.errorLog(), logged);
    }
  });
}
