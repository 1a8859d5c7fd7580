// A cipher string OpenSSL matches nothing in, on a real Apache: in the
// <VirtualHost> Apache refuses to start (AH01898); in a <Location> it starts,
// and a request there over TLS 1.2 gets 403 with AH02253 in the error log.
// ssl/cipher-no-match says which of the two on the same files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { freePort, startApache } from '../support/apacheServer';
import { findingsIn, tlsSiteTree } from '../support/tlsSiteTree';
import { makeCertificate } from '../support/testCertificates';

const NO_MATCH = 'RC4-SHA:DES-CBC3-SHA';

function tree(port: number, lines: string[]): Record<string, string> {
  const site = makeCertificate({ commonName: 'localhost', dnsNames: ['localhost'], ca: false });
  return tlsSiteTree(port, ['SSLCertificateFile certs/server.crt', 'SSLCertificateKeyFile certs/server.key', ...lines], {
    files: { 'certs/server.crt': site.cert, 'certs/server.key': site.key },
  });
}

/** The status of a GET over TLS 1.2 only (curl -k: the certificate is not what this test is about). */
function statusOverTls12(port: number, path: string): number {
  const run = spawnSync('curl', ['-sk', '--tlsv1.2', '--tls-max', '1.2', '--max-time', '15', '-o', '/dev/null', '-w', '%{http_code}', `https://127.0.0.1:${port}${path}`], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (run.error) throw run.error;
  return Number(run.stdout);
}

test('no suite matched in the virtual host: Apache stops with AH01898, and the finding says so', async () => {
  const written = tree(await freePort(), [`SSLCipherSuite ${NO_MATCH}`]);
  const [found] = findingsIn(written, 'site.conf', 'ssl/cipher-no-match');
  assert.equal(found?.line, 7);
  assert.match(found.message, /fails to start: "AH01898/);
  await assert.rejects(startApache(written, 'main.conf'), (error: Error) => {
    assert.match(error.message, /AH01898: Unable to configure permitted SSL ciphers/);
    return true;
  });
});

test("Red Hat's PROFILE=SYSTEM on another OpenSSL build: Apache stops with AH01898, and the finding says where the keyword comes from", async () => {
  const written = tree(await freePort(), ['SSLCipherSuite PROFILE=SYSTEM']);
  const [found] = findingsIn(written, 'site.conf', 'ssl/cipher-no-match');
  assert.equal(found?.line, 7);
  assert.match(found.message, /fails to start: "AH01898.*PROFILE=SYSTEM names a system-wide crypto policy, which only Fedora's and Red Hat's OpenSSL builds know/);
  await assert.rejects(startApache(written, 'main.conf'), (error: Error) => {
    assert.match(error.message, /AH01898: Unable to configure permitted SSL ciphers/);
    return true;
  });
});

test('no suite matched in a <Location>: Apache starts, the request there gets 403 and AH02253, and the finding says so', async (t) => {
  const port = await freePort();
  const written = tree(port, ['<Location /legacy>', `    SSLCipherSuite ${NO_MATCH}`, '    Require all granted', '</Location>']);
  const [found] = findingsIn(written, 'site.conf', 'ssl/cipher-no-match');
  assert.equal(found?.line, 8);
  assert.match(found.message, /Apache starts, .* 403 .*"AH02253: Unable to reconfigure \(per-directory\) permitted SSL ciphers"/);
  const apache = await startApache(written, 'main.conf');
  t.after(() => apache.stop());
  assert.equal(statusOverTls12(port, '/legacy'), 403);
  assert.match(apache.errorLog(), /AH02253: Unable to reconfigure \(per-directory\) permitted SSL ciphers/);
});
