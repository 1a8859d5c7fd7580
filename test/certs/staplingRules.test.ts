// ssl/stapling-no-issuer and ssl/stapling-no-ocsp on generated certificates:
// where mod_ssl looks for the issuer (certificate file, chain file, CA file or
// folder, never the system bundle), the OCSP URI or SSLStaplingForceURL, and
// the quick fix that turns stapling off for the host. Apache's own start-up
// log for the same files is compared in test/e2e/staplingStartup.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { createCertificateReader } from '../../server/src/analysis/certs/certificateReader';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { quickFixes } from '../../server/src/features/codeActions';
import { applyEdits } from '../support/applyEdits';
import { makeCertificate, makeChain } from '../support/testCertificates';

const ROOT = '/srv/stapling';
const MAIN = `${ROOT}/main.conf`;
const SITE = `${ROOT}/site.conf`;
const MODULES = '/usr/lib/apache2/modules';
const PRELUDE = ['mpm_event', 'authz_core', 'ssl', 'socache_shmcb'].map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so\n`).join('') +
  `ServerName main.test\nSSLStaplingCache shmcb:${ROOT}/stapling(32768)\n`;

const { root, intermediate, leaf } = makeChain(['www.example.test']);
const withOcsp = makeCertificate({ commonName: 'www.example.test', dnsNames: ['www.example.test'], issuer: intermediate, ocspUri: 'http://ocsp.example.test/' });
const selfSigned = makeCertificate({ commonName: 'self.example.test', dnsNames: ['self.example.test'] });

const CERTS: Record<string, string> = {
  [`${ROOT}/certs/leaf.crt`]: leaf.cert,
  [`${ROOT}/certs/leaf-full.crt`]: leaf.cert + intermediate.cert,
  [`${ROOT}/certs/leaf.key`]: leaf.key,
  [`${ROOT}/certs/ocsp.crt`]: withOcsp.cert,
  [`${ROOT}/certs/ocsp-full.crt`]: withOcsp.cert + intermediate.cert,
  [`${ROOT}/certs/ocsp.key`]: withOcsp.key,
  [`${ROOT}/certs/intermediate.crt`]: intermediate.cert,
  [`${ROOT}/certs/root.crt`]: root.cert,
  [`${ROOT}/certs/self.crt`]: selfSigned.cert,
  [`${ROOT}/certs/self.key`]: selfSigned.key,
  [`${ROOT}/cadir/1a2b3c4d.0`]: intermediate.cert,
};

function vhost(...lines: string[]): string {
  return `<VirtualHost *:443>\n    ServerName www.example.test\n    SSLEngine on\n${lines.map((l) => `    ${l}\n`).join('')}</VirtualHost>\n`;
}

function analyze(site: string, main = PRELUDE): { diagnostics: Diagnostic[]; fix: (code: string) => string | undefined } {
  const fs = memoryFileSystem({ [MAIN]: `${main}Include site.conf\n`, [SITE]: site, ...CERTS });
  const model = buildConfigModel(MAIN, { sources: new SourceCache(fs) });
  const file = model.files.get(SITE)?.file;
  assert.ok(file);
  const diagnostics = analyzeFile(file, { fileName: SITE, model, certificates: createCertificateReader(fs) }).filter((d) =>
    String(d.code).startsWith('ssl/stapling-no'),
  );
  const fix = (code: string) => {
    const diagnostic = diagnostics.find((d) => d.code === code);
    if (!diagnostic) return undefined;
    const uriOf = (path: string) => `file://${path}`;
    const [action] = quickFixes([diagnostic], { file, path: SITE, uri: uriOf(SITE), model, uriOf }).filter((a) => a.isPreferred);
    const edits = action?.edit?.changes?.[uriOf(SITE)];
    return edits && applyEdits(site, edits);
  };
  return { diagnostics, fix };
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`);

test('no issuer anywhere mod_ssl looks: AH02217 named, on the certificate path', () => {
  const { diagnostics } = analyze(vhost('SSLUseStapling on', 'SSLCertificateFile certs/ocsp.crt', 'SSLCertificateKeyFile certs/ocsp.key'));
  assert.deepEqual(codes(diagnostics), ['5 ssl/stapling-no-issuer']);
  assert.match(String(diagnostics[0].message), /AH02217.*AH02604/);
  assert.match(String(diagnostics[0].message), /CN=Test Intermediate CA/);
  assert.deepEqual(diagnostics[0].range.start, { line: 4, character: 23 });
});

test('the issuer in the certificate file, the chain file, the CA file or the CA folder is found', () => {
  for (const lines of [
    ['SSLCertificateFile certs/ocsp-full.crt', 'SSLCertificateKeyFile certs/ocsp.key'],
    ['SSLCertificateFile certs/ocsp.crt', 'SSLCertificateKeyFile certs/ocsp.key', 'SSLCertificateChainFile certs/intermediate.crt'],
    ['SSLCertificateFile certs/ocsp.crt', 'SSLCertificateKeyFile certs/ocsp.key', 'SSLCACertificateFile certs/intermediate.crt'],
    ['SSLCertificateFile certs/ocsp.crt', 'SSLCertificateKeyFile certs/ocsp.key', 'SSLCACertificatePath cadir'],
  ]) {
    assert.deepEqual(codes(analyze(vhost('SSLUseStapling on', ...lines)).diagnostics), [], lines.join(' | '));
  }
  // The root alone is not the leaf's issuer.
  const rootOnly = analyze(vhost('SSLUseStapling on', 'SSLCertificateFile certs/ocsp.crt', 'SSLCertificateKeyFile certs/ocsp.key', 'SSLCACertificateFile certs/root.crt'));
  assert.deepEqual(codes(rootOnly.diagnostics), ['5 ssl/stapling-no-issuer']);
});

test('a self-signed certificate has no issuer to ask', () => {
  const { diagnostics } = analyze(vhost('SSLUseStapling on', 'SSLCertificateFile certs/self.crt', 'SSLCertificateKeyFile certs/self.key'));
  assert.deepEqual(codes(diagnostics), ['5 ssl/stapling-no-issuer']);
  assert.match(String(diagnostics[0].message), /self-signed/);
});

test('no OCSP URI and no SSLStaplingForceURL: AH02218, and the fix turns the host\'s stapling off', () => {
  const site = vhost('SSLUseStapling on', 'SSLCertificateFile certs/leaf-full.crt', 'SSLCertificateKeyFile certs/leaf.key');
  const { diagnostics, fix } = analyze(site);
  assert.deepEqual(codes(diagnostics), ['5 ssl/stapling-no-ocsp']);
  assert.match(String(diagnostics[0].message), /AH02218/);
  assert.equal(fix('ssl/stapling-no-ocsp'), site.replace('SSLUseStapling on', 'SSLUseStapling off'));
  // SSLStaplingForceURL names a responder; an OCSP URI in the certificate does too.
  assert.deepEqual(codes(analyze(vhost('SSLUseStapling on', 'SSLStaplingForceURL http://ocsp.example.test/', 'SSLCertificateFile certs/leaf-full.crt', 'SSLCertificateKeyFile certs/leaf.key')).diagnostics), []);
  assert.deepEqual(codes(analyze(vhost('SSLUseStapling on', 'SSLCertificateFile certs/ocsp-full.crt', 'SSLCertificateKeyFile certs/ocsp.key')).diagnostics), []);
});

test('stapling set in the server config reaches the host; the fix is not offered there, since other hosts share it', () => {
  const site = vhost('SSLCertificateFile certs/leaf-full.crt', 'SSLCertificateKeyFile certs/leaf.key');
  const { diagnostics, fix } = analyze(site, `${PRELUDE}SSLUseStapling on\n`);
  assert.deepEqual(codes(diagnostics), ['4 ssl/stapling-no-ocsp']);
  assert.equal(fix('ssl/stapling-no-ocsp'), undefined);
  // Turned off in the host, or never on: nothing.
  assert.deepEqual(codes(analyze(vhost('SSLUseStapling off', 'SSLCertificateFile certs/leaf-full.crt')).diagnostics), []);
  assert.deepEqual(codes(analyze(site).diagnostics), []);
});

test('a certificate file that cannot be read, or a CA file that cannot, leaves the question open', () => {
  assert.deepEqual(codes(analyze(vhost('SSLUseStapling on', 'SSLCertificateFile certs/missing.crt')).diagnostics), []);
  const caMissing = vhost('SSLUseStapling on', 'SSLCertificateFile certs/ocsp.crt', 'SSLCertificateKeyFile certs/ocsp.key', 'SSLCACertificateFile certs/missing-ca.crt');
  assert.deepEqual(codes(analyze(caMissing).diagnostics), []);
});
