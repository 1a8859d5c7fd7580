// Proxies to https:// backends on a real Apache. Without SSLProxyEngine the
// config test passes and Apache starts, then every proxied request gets 500
// and the error log says AH00961, the code our
// proxy/https-backend-needs-sslproxyengine message quotes (the backend is the
// front port itself: the TCP connection succeeds, TLS is never switched on).
// A backend whose certificate comes from an intermediate CA, verified with
// the default SSLProxyVerifyDepth 1, is refused with AH02040, as
// cert/verify-depth-short says of backends verified against public CAs.
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { test } from 'node:test';
import { apacheConfigTest } from '../support/apacheOracle';
import { freePort, startApache } from '../support/apacheServer';
import { findingsIn, tlsSiteTree } from '../support/tlsSiteTree';
import { makeChain } from '../support/testCertificates';

function statusOf(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/app/', timeout: 15_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

test('https:// backend without SSLProxyEngine: Syntax OK, then 500 with AH00961, the code our finding quotes', async (t) => {
  const port = await freePort();
  const tree = {
    'main.conf': `Listen 127.0.0.1:${port}\n<VirtualHost 127.0.0.1:${port}>\n    ServerName localhost\n    ProxyPass /app/ https://127.0.0.1:${port}/\n</VirtualHost>\n`,
  };

  const found = findingsIn(tree, 'main.conf', 'proxy/https-backend-needs-sslproxyengine');
  assert.deepEqual(found.map((f) => f.line), [4]);
  assert.match(found[0].message, /AH00961: https: failed to enable ssl support/);

  assert.ok(apacheConfigTest(tree, 'main.conf').ok, 'apache2 -t accepts it');
  const apache = await startApache(tree, 'main.conf');
  t.after(() => apache.stop());
  assert.equal(await statusOf(port), 500);
  assert.match(apache.errorLog(), /AH00961: https: failed to enable ssl support for 127\.0\.0\.1:\d+ \(127\.0\.0\.1\)/);
});

test('a backend certificate from an intermediate CA, verified with SSLProxyVerifyDepth 1 (the default): 500 with AH02040; depth 2 passes', async (t) => {
  const { root, intermediate, leaf } = makeChain(['localhost']);
  const backend = await freePort();
  const tree = (depth: string[]) =>
    tlsSiteTree(backend, ['SSLCertificateFile certs/full.pem', 'SSLCertificateKeyFile certs/server.key'], {
      server: ['SSLProxyEngine on', 'SSLProxyVerify require', 'SSLProxyCACertificateFile certs/root.pem', ...depth, `ProxyPass /app/ https://localhost:${backend}/`],
      files: { 'certs/full.pem': leaf.cert + intermediate.cert, 'certs/server.key': leaf.key, 'certs/root.pem': root.cert },
    });
  const refusing = await startApache(tree([]), 'main.conf');
  try {
    assert.equal(await statusOf(refusing.port), 500);
    assert.match(refusing.errorLog(), /AH02040: Certificate Verification: Certificate Chain too long/);
  } finally {
    await refusing.stop();
  }
  const passing = await startApache(tree(['SSLProxyVerifyDepth 2']), 'main.conf');
  t.after(() => passing.stop());
  assert.notEqual(await statusOf(passing.port), 500);
  assert.doesNotMatch(passing.errorLog(), /AH02040/);
});
