// A real Apache started on the CA-side mistakes our certificate rules report
// (RULES.md §6): for each, the start fails or the error log warns with the AH
// code our message names, and our rule fires on the same files. The files are
// analysed in a copy of the tree (a failed start removes Apache's).
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { createCertificateReader } from '../../server/src/analysis/certs/certificateReader';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { nodeFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { freePort, startApache } from '../support/apacheServer';
import { writeTree } from '../support/tempTree';
import { encryptedKey, makeCertificate, makeCrl } from '../support/testCertificates';

const ca = makeCertificate({ commonName: 'Startup Test CA', ca: true, keyUsage: ['keyCertSign', 'cRLSign'] });
const server = makeCertificate({ commonName: 'localhost', dnsNames: ['localhost'], issuer: ca });
const client = makeCertificate({ commonName: 'proxy client', issuer: ca, extendedKeyUsage: ['clientAuth'] });

/** main.conf (a TLS port) and site.conf (a TLS virtual host with `lines`), with the certificates. */
function files(port: number, lines: string[], more: Record<string, string> = {}): Record<string, string> {
  return {
    'main.conf': `Define TLS_PORT ${port}\nListen 127.0.0.1:\${TLS_PORT} https\nSSLSessionCache "shmcb:\${SERVER_ROOT}/sessions(32768)"\nInclude site.conf\n`,
    'site.conf': `<VirtualHost 127.0.0.1:\${TLS_PORT}>
    ServerName localhost
    SSLEngine on
    SSLCertificateFile certs/server.crt
    SSLCertificateKeyFile certs/server.key
${lines.map((line) => `    ${line}\n`).join('')}</VirtualHost>
`,
    'certs/server.crt': server.cert,
    'certs/server.key': server.key,
    ...more,
  };
}

/** Our findings of `rule` in site.conf (1-based line, message), for the same files in a tree of their own. */
function ours(tree: Record<string, string>, rule: string): { line: number; message: string }[] {
  const root = writeTree(tree, 'apache-ssl-ca-startup-');
  try {
    // Apache's prelude defines SERVER_ROOT; ours is the tree itself.
    writeFileSync(join(root, 'top.conf'), `Define SERVER_ROOT "${root}"\nServerRoot "${root}"\nInclude main.conf\n`);
    const model = buildConfigModel(join(root, 'top.conf'), { sources: new SourceCache(nodeFileSystem), serverRoot: root });
    const site = join(root, 'site.conf');
    const file = model.files.get(site)?.file;
    assert.ok(file, 'site.conf is in the tree');
    return analyzeFile(file, { fileName: site, model, certificates: createCertificateReader() })
      .filter((d) => d.code === rule)
      .map((d) => ({ line: d.range.start.line + 1, message: typeof d.message === 'string' ? d.message : d.message.value }));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Starts Apache, expecting it to stop during start-up; resolves to what it printed and logged. */
async function failedStart(tree: Record<string, string>): Promise<string> {
  try {
    const apache = await startApache(tree, 'main.conf');
    await apache.stop();
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('Apache started');
}

/** Starts Apache, expecting it to run; resolves to its error log, after stopping it. */
async function runningLog(tree: Record<string, string>): Promise<string> {
  const apache = await startApache(tree, 'main.conf');
  try {
    return apache.errorLog();
  } finally {
    await apache.stop();
  }
}

test('a CA file with no certificate: Apache stops with AH01895, cert/cafile-no-certs names it', async () => {
  const tree = files(await freePort(), ['SSLVerifyClient require', 'SSLCACertificateFile certs/clients.pem'], { 'certs/clients.pem': 'not a certificate\n' });
  const [finding] = ours(tree, 'cert/cafile-no-certs');
  assert.equal(finding?.line, 7);
  assert.match(finding.message, /AH01895/);
  const output = await failedStart(tree);
  assert.match(output, /AH01895: Unable to configure verify locations for client authentication/);
  assert.match(output, /AH02312/);
});

test('CRL checks without CRLs: Apache stops with AH01899, cert/crl-config says so', async () => {
  const tree = files(await freePort(), ['SSLCARevocationCheck chain']);
  const [finding] = ours(tree, 'cert/crl-config');
  assert.equal(finding?.line, 6);
  assert.match(finding.message, /AH01899/);
  assert.match(await failedStart(tree), /AH01899: Host [^ ]+: CRL checking has been enabled, but neither SSLCARevocationFile nor SSLCARevocationPath is configured/);
});

test('CRLs without SSLCARevocationCheck: Apache warns AH01902, so does cert/crl-config', async () => {
  const tree = files(await freePort(), ['SSLCARevocationFile certs/ca.crl'], { 'certs/ca.crl': makeCrl(ca) });
  const [finding] = ours(tree, 'cert/crl-config');
  assert.equal(finding?.line, 6);
  assert.match(finding.message, /AH01902/);
  assert.match(await runningLog(tree), /AH01902: Host [^ ]+: X\.509 CRL storage locations configured, but CRL checking \(SSLCARevocationCheck\) is not enabled/);
});

test('a proxy client certificate without its key: Apache warns AH02206, so does cert/proxy-machine-cert', async () => {
  const tree = files(await freePort(), ['SSLProxyEngine on', 'SSLProxyMachineCertificateFile certs/client.crt'], { 'certs/client.crt': client.cert });
  const [finding] = ours(tree, 'cert/proxy-machine-cert');
  assert.equal(finding?.line, 7);
  assert.match(finding.message, /AH02206/);
  assert.match(await runningLog(tree), /AH02206: no client certs found for SSL proxy/);
});

test('an encrypted key with the builtin pass phrase dialog and no terminal: Apache stops with AH02578, cert/encrypted-key names it', async () => {
  const tree = files(await freePort(), [], { 'certs/server.key': encryptedKey(server, 'secret phrase') });
  const [finding] = ours(tree, 'cert/encrypted-key');
  assert.equal(finding?.line, 5);
  assert.match(finding.message, /AH02578: Init: Unable to read pass phrase/);
  const output = await failedStart(tree);
  assert.match(output, /AH02578: Init: Unable to read pass phrase/);
  assert.match(output, /AH02564: Failed to configure encrypted \(\?\) private key/);
});
