// A proxy to an https:// backend without SSLProxyEngine, on a real Apache:
// the config test passes and Apache starts, then every proxied request gets
// 500 and the error log says AH00961, the code our
// proxy/https-backend-needs-sslproxyengine message quotes. The backend is the
// front port itself: the TCP connection succeeds, TLS is never switched on.
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { test } from 'node:test';
import { apacheConfigTest } from '../support/apacheOracle';
import { freePort, startApache } from '../support/apacheServer';
import { findingsIn } from '../support/tlsSiteTree';

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
