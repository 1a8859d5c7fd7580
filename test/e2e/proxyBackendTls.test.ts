// A proxy to an https:// backend without SSLProxyEngine, on a real Apache:
// the config test passes and Apache starts, then every proxied request gets
// 500 and the error log says AH00961, the code our
// proxy/https-backend-needs-sslproxyengine message quotes. The backend is the
// front port itself: the TCP connection succeeds, TLS is never switched on.
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { join } from 'node:path';
import { rmSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { nodeFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { apacheConfigTest, loadAllModules } from '../support/apacheOracle';
import { freePort, startApache } from '../support/apacheServer';
import { writeTree } from '../support/tempTree';

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

  const dir = writeTree(tree, 'apache-ssl-proxy-tls-');
  try {
    writeFileSync(join(dir, '.model.conf'), `${loadAllModules()}ServerRoot "${dir}"\nServerName localhost\nInclude main.conf\n`);
    const model = buildConfigModel(join(dir, '.model.conf'), { sources: new SourceCache(nodeFileSystem), serverRoot: dir });
    const path = join(dir, 'main.conf');
    const scope = model.files.get(path);
    assert.ok(scope);
    const found = analyzeFile(scope.file, { fileName: path, model }).filter((d) => d.code === 'proxy/https-backend-needs-sslproxyengine');
    assert.deepEqual(found.map((d) => d.range.start.line + 1), [4]);
    assert.match(typeof found[0].message === 'string' ? found[0].message : found[0].message.value, /AH00961: https: failed to enable ssl support/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  assert.ok(apacheConfigTest(tree, 'main.conf').ok, 'apache2 -t accepts it');
  const apache = await startApache(tree, 'main.conf');
  t.after(() => apache.stop());
  assert.equal(await statusOf(port), 500);
  assert.match(apache.errorLog(), /AH00961: https: failed to enable ssl support for 127\.0\.0\.1:\d+ \(127\.0\.0\.1\)/);
});
