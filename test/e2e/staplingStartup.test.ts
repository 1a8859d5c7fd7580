// Apache's start-up log and our stapling findings on the same files: a real
// Apache on 127.0.0.1 with SSLUseStapling on and (1) no issuer where mod_ssl
// looks, (2) the issuer but no OCSP URI, (3) both. Apache starts every time
// and logs AH02217 / AH02218 (with AH02604) exactly where we warn.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { createCertificateReader } from '../../server/src/analysis/certs/certificateReader';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { nodeFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { freePort, startApache } from '../support/apacheServer';
import { makeCertificate, makeChain } from '../support/testCertificates';

const { intermediate, leaf } = makeChain(['localhost']);
const withOcsp = makeCertificate({ commonName: 'localhost', dnsNames: ['localhost'], issuer: intermediate, ocspUri: 'http://127.0.0.1:9/ocsp' });

const CASES = [
  { name: 'no issuer in any file mod_ssl searches', certificate: withOcsp.cert, key: withOcsp.key, apache: 'AH02217', ours: 'ssl/stapling-no-issuer' },
  { name: 'the issuer, but no OCSP URI', certificate: leaf.cert + intermediate.cert, key: leaf.key, apache: 'AH02218', ours: 'ssl/stapling-no-ocsp' },
  { name: 'the issuer and an OCSP URI', certificate: withOcsp.cert + intermediate.cert, key: withOcsp.key, apache: undefined, ours: undefined },
];

for (const c of CASES) {
  test(`stapling at start-up, ${c.name}: Apache ${c.apache ?? 'says nothing'}, we ${c.ours ?? 'say nothing'}`, async (t) => {
    const tlsPort = await freePort();
    const apache = await startApache(
      {
        'main.conf': `Define TLS_PORT ${tlsPort}
Listen 127.0.0.1:\${TLS_PORT} https
SSLStaplingCache "shmcb:\${SERVER_ROOT}/stapling(32768)"
SSLSessionCache "shmcb:\${SERVER_ROOT}/sessions(32768)"
Include site.conf
`,
        'site.conf': `<VirtualHost 127.0.0.1:\${TLS_PORT}>
    ServerName localhost
    SSLEngine on
    SSLUseStapling on
    SSLCertificateFile certs/server.crt
    SSLCertificateKeyFile certs/server.key
</VirtualHost>
`,
        'certs/server.crt': c.certificate,
        'certs/server.key': c.key,
      },
      'main.conf',
    );
    t.after(() => apache.stop());
    const log = apache.errorLog();
    const model = buildConfigModel(join(apache.root, '.server.conf'), { sources: new SourceCache(nodeFileSystem), serverRoot: apache.root });
    const sitePath = join(apache.root, 'site.conf');
    const file = model.files.get(sitePath)?.file;
    assert.ok(file, 'site.conf is in the tree');
    const ours = analyzeFile(file, { fileName: sitePath, model, certificates: createCertificateReader() })
      .filter((d) => String(d.code).startsWith('ssl/stapling'))
      .map((d) => `${d.range.start.line + 1} ${String(d.code)}`);
    if (c.apache) {
      assert.match(log, new RegExp(`${c.apache}: ssl_stapling_init_cert`));
      assert.match(log, /AH02604: Unable to configure certificate localhost:443:0 for stapling/);
      assert.deepEqual(ours, [`5 ${c.ours}`]);
    } else {
      assert.doesNotMatch(log, /AH0221[78]|AH02604/);
      assert.deepEqual(ours, []);
    }
  });
}
