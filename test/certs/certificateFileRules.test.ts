// cert/bad-certificate-file and cert/file-not-read: a certificate file Apache
// cannot load (DER, no certificate, a block that does not decode) and a file
// this editor cannot or will not read. Apache's refusal of the same files at
// start-up is checked against a real Apache.
import assert from 'node:assert/strict';
import { createPrivateKey, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { createCertificateReader } from '../../server/src/analysis/certs/certificateReader';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem, type FileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { freePort, startApache } from '../support/apacheServer';
import { derOf, makeCertificate } from '../support/testCertificates';

const ROOT = '/srv/files';
const MAIN = `${ROOT}/main.conf`;
const SITE = `${ROOT}/site.conf`;
const MODULES = '/usr/lib/apache2/modules';
const PRELUDE = ['mpm_event', 'authz_core', 'ssl'].map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so\n`).join('') + 'ServerName main.test\n';
const IDS = ['cert/bad-certificate-file', 'cert/bad-key-file', 'cert/file-not-read'];

const site = makeCertificate({ commonName: 'files.test', dnsNames: ['files.test'] });
const FILES: Record<string, string | Uint8Array> = {
  [`${ROOT}/good.pem`]: site.cert,
  [`${ROOT}/site.key`]: site.key,
  [`${ROOT}/site.der`]: derOf(site),
  [`${ROOT}/key-only.pem`]: site.key,
  [`${ROOT}/garbage-after.pem`]: `${site.cert}-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n`,
  [`${ROOT}/random.pem`]: randomBytes(2048),
  [`${ROOT}/huge.pem`]: new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41),
  [`${ROOT}/random.key`]: randomBytes(2048),
  [`${ROOT}/damaged.key`]: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n',
  [`${ROOT}/site.key.der`]: createPrivateKey(site.key).export({ type: 'pkcs8', format: 'der' }),
};

function vhost(file: string, engine = 'SSLEngine on', key = 'site.key'): string {
  return `<VirtualHost *:443>\n    ServerName files.test\n    ${engine}\n    SSLCertificateFile ${file}\n    SSLCertificateKeyFile ${key}\n</VirtualHost>\n`;
}

function findings(text: string, fs: FileSystem = memoryFileSystem({ [MAIN]: `${PRELUDE}ServerRoot ${ROOT}\nInclude site.conf\n`, [SITE]: text, ...FILES })): Diagnostic[] {
  const model = buildConfigModel(MAIN, { sources: new SourceCache(fs) });
  const file = model.files.get(SITE)?.file;
  assert.ok(file);
  return analyzeFile(file, { fileName: SITE, model, certificates: createCertificateReader(fs) }).filter((d) => IDS.includes(String(d.code)));
}

const shown = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1} ${String(d.code)} ${String(d.message)}`);

test('bad-certificate-file: DER, a key in place of the certificate, a block that does not decode, random bytes', () => {
  const cases: [string, RegExp][] = [
    ['site.der', /binary DER form.*openssl x509 -inform der/],
    ['key-only.pem', /holds a private key but no certificate/],
    ['garbage-after.pem', /certificate block at line \d+ that does not decode/],
    ['random.pem', /holds no PEM certificate/],
  ];
  for (const [file, message] of cases) {
    const found = findings(vhost(file));
    assert.deepEqual(found.map((d) => `${d.range.start.line + 1} ${String(d.code)}`), ['4 cert/bad-certificate-file'], file);
    assert.match(String(found[0].message), message);
    assert.match(String(found[0].message), /AH02562/);
    assert.equal(found[0].severity, DiagnosticSeverity.Error);
  }
  assert.deepEqual(shown(findings(vhost('good.pem'))), []);
  // Without SSLEngine on mod_ssl never loads it.
  assert.deepEqual(shown(findings(vhost('site.der', 'SSLEngine off'))), []);
});

test('bad-key-file: random bytes, a damaged block, a certificate in place of the key; a DER key is fine', () => {
  const cases: [string, RegExp][] = [
    ['random.key', /holds no private key\./],
    ['damaged.key', /private key block at line 1 that does not decode/],
    ['good.pem', /holds a certificate but no private key/],
  ];
  for (const [key, message] of cases) {
    const found = findings(vhost('good.pem', 'SSLEngine on', key));
    assert.deepEqual(found.map((d) => `${d.range.start.line + 1} ${String(d.code)}`), ['5 cert/bad-key-file'], key);
    assert.match(String(found[0].message), message);
    assert.match(String(found[0].message), /AH02579/);
  }
  assert.deepEqual(shown(findings(vhost('good.pem', 'SSLEngine on', 'site.key.der'))), []);
});

test('file-not-read: over 5 MiB is a warning; a file this user cannot read is information (Apache, as root, may)', () => {
  const huge = findings(vhost('huge.pem'));
  assert.deepEqual(huge.map((d) => [d.range.start.line + 1, d.code, d.severity]), [[4, 'cert/file-not-read', DiagnosticSeverity.Warning]]);
  assert.match(String(huge[0].message), /over the 5 MiB read limit/);
  const denied: FileSystem = {
    ...memoryFileSystem({ [MAIN]: `${PRELUDE}ServerRoot ${ROOT}\nInclude site.conf\n`, [SITE]: vhost('good.pem'), ...FILES }),
  };
  const readBytes = denied.readBytes;
  denied.readBytes = (path) => (path.endsWith('good.pem') ? { error: 'Permission denied' } : readBytes(path));
  const unreadable = findings(vhost('good.pem'), denied);
  assert.deepEqual(unreadable.map((d) => [d.range.start.line + 1, d.code, d.severity]), [[4, 'cert/file-not-read', DiagnosticSeverity.Information]]);
  assert.match(String(unreadable[0].message), /cannot be read \(Permission denied\) by this editor/);
});

test('Apache refuses to start on the same files, with the AH code we name', async (t) => {
  const cases = [
    ['der', derOf(site), site.key, 'cert/bad-certificate-file', /AH02562: Failed to configure certificate .*check .*certs\/server\.pem/],
    ['key-only', site.key, site.key, 'cert/bad-certificate-file', /AH02562/],
    ['garbage-after', FILES[`${ROOT}/garbage-after.pem`], site.key, 'cert/bad-certificate-file', /AH02562/],
    ['random key', site.cert, FILES[`${ROOT}/random.key`], 'cert/bad-key-file', /AH02579: Init: Private key not found/],
  ] as const;
  for (const [name, content, keyContent, rule, apacheSays] of cases) {
    await t.test(name, async () => {
      const tlsPort = await freePort();
      const siteConf = '<VirtualHost 127.0.0.1:${TLS_PORT}>\n    ServerName localhost\n    SSLEngine on\n    SSLCertificateFile certs/server.pem\n    SSLCertificateKeyFile certs/server.key\n</VirtualHost>\n';
      const certificate = Buffer.from(content);
      const started = startApache(
        { 'main.conf': `Define TLS_PORT ${tlsPort}\nListen 127.0.0.1:\${TLS_PORT} https\nInclude site.conf\n`, 'site.conf': siteConf, 'certs/server.pem': certificate, 'certs/server.key': Buffer.from(keyContent) },
        'main.conf',
      );
      await assert.rejects(started, apacheSays);
      // Our verdict on the same files.
      const root = '/srv/apache';
      const fs = memoryFileSystem({
        [`${root}/main.conf`]: `${PRELUDE}ServerRoot ${root}\nDefine TLS_PORT 8443\nInclude site.conf\n`,
        [`${root}/site.conf`]: siteConf,
        [`${root}/certs/server.pem`]: certificate,
        [`${root}/certs/server.key`]: Buffer.from(keyContent),
      });
      const model = buildConfigModel(`${root}/main.conf`, { sources: new SourceCache(fs) });
      const file = model.files.get(`${root}/site.conf`)?.file;
      assert.ok(file);
      const ours = analyzeFile(file, { fileName: `${root}/site.conf`, model, certificates: createCertificateReader(fs) }).filter((d) => IDS.includes(String(d.code)));
      assert.deepEqual(ours.map((d) => `${d.range.start.line + 1} ${String(d.code)}`), [`${rule === 'cert/bad-key-file' ? 5 : 4} ${rule}`]);
    });
  }
});
