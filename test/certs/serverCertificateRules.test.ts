// The cert/* rules (RULES.md §6) on configurations held in memory, with
// certificates made here and a fixed clock: files that are missing, keys
// that do not match, chains out of order or incomplete, validity, names,
// CA flags, weak keys and signatures. The file-missing verdict is compared
// with the real `apache2 -t`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { createCertificateReader } from '../../server/src/analysis/certs/certificateReader';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem, nodeFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { quickFixes } from '../../server/src/features/codeActions';
import { apacheConfigTest, withApacheConfigTest } from '../support/apacheOracle';
import { applyEdits } from '../support/applyEdits';
import { derOf, encryptedKey, makeCertificate, makeChain, type TestCertificate } from '../support/testCertificates';

const ROOT = '/srv/t';
const MAIN = `${ROOT}/apache2.conf`;
const SITE = `${ROOT}/site.conf`;
const MODULES = '/usr/lib/apache2/modules';
const PRELUDE = ['mpm_event', 'authz_core', 'ssl'].map((name) => `LoadModule ${name}_module ${MODULES}/mod_${name}.so\n`).join('') + 'ServerName main.test\n';
const DAY = 86_400_000;
/** The rules this file tests (other cert/* rules have their own tests). */
const RULE_IDS = new Set([
  'cert/file-missing', 'cert/key-mismatch', 'cert/chain-order', 'cert/chain-broken', 'cert/expired', 'cert/expires-soon',
  'cert/not-yet-valid', 'cert/name-mismatch', 'cert/server-cert-is-ca', 'cert/weak-key', 'cert/sha1-signature',
]);
/** Ten minutes ahead: certificates openssl makes during the run (valid from the second they are made) are valid by then. */
const NOW = new Date(Date.now() + 10 * 60_000);

interface Options {
  /** Lines of the main file before `Include site.conf`. */
  main?: string;
  now?: Date;
  expiryWarningDays?: number;
}

/** A finding with its message as plain text. */
type Found = Diagnostic & { message: string };
const plain = (d: Diagnostic): Found => ({ ...d, message: typeof d.message === 'string' ? d.message : d.message.value });

/** Every message of every analysis, for the key-material check at the end. */
const allMessages: string[] = [];

/** The cert/* findings of site.conf (and of the main file), memory files added. */
function analyse(site: string, files: Record<string, string | Uint8Array> = {}, options: Options = {}): { site: Found[]; main: Found[] } {
  const fs = memoryFileSystem({ [MAIN]: `${PRELUDE}${options.main ?? ''}Include site.conf\n`, [SITE]: site, ...files });
  const model = buildConfigModel(MAIN, { sources: new SourceCache(fs) });
  const certificates = createCertificateReader(fs, () => options.now ?? NOW);
  const settings = { ...DEFAULT_SETTINGS, 'certificates.expiryWarningDays': options.expiryWarningDays ?? 30 };
  const of = (path: string) => {
    const file = model.files.get(path)?.file;
    assert.ok(file, `${path} is not in the tree`);
    const found = analyzeFile(file, { fileName: path, model, certificates, settings }).filter((d) => RULE_IDS.has(String(d.code))).map(plain);
    allMessages.push(...found.map((d) => d.message));
    return found;
  };
  return { site: of(SITE), main: of(MAIN) };
}

/** `line code` (1-based) of the findings, in order. */
const where = (found: Diagnostic[]) => found.map((d) => `${d.range.start.line + 1} ${String(d.code)}`);
const only = (found: Found[], code: string) => found.filter((d) => d.code === code);
const messageOf = (found: Found[], code: string) => {
  const [finding] = only(found, code);
  assert.ok(finding, `no ${code} among ${where(found).join(', ')}`);
  return finding.message;
};

/** A TLS virtual host: ServerName, SSLEngine on, then `lines` (line 4 is the first of them). */
const vhost = (name: string | undefined, ...lines: string[]) =>
  `<VirtualHost *:443>\n${name ? `    ServerName ${name}\n` : '    # no ServerName\n'}    SSLEngine on\n${lines.map((line) => `    ${line}\n`).join('')}</VirtualHost>\n`;

const pem = (...parts: TestCertificate[]) => parts.map((part) => part.cert).join('');

/** A self-signed P-256 server certificate (CA:FALSE, unlike `openssl req -x509`'s default) and its key, one PEM. */
function ecServerCertificate(commonName: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'apache-ssl-ec-'));
  try {
    const run = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '365',
        '-subj', `/CN=${commonName}`, '-addext', `subjectAltName=DNS:${commonName}`, '-addext', 'basicConstraints=critical,CA:FALSE'],
      { cwd: dir, encoding: 'utf8', timeout: 20_000 },
    );
    assert.equal(run.status, 0, run.stderr);
    return readFileSync(join(dir, 'cert.pem'), 'utf8') + readFileSync(join(dir, 'key.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- cert/file-missing ----

test('file-missing: missing, empty and folder-instead-of-file paths are errors on the argument, in any context', () => {
  const found = analyse(
    `${vhost('shop.example', 'SSLCertificateFile certs/missing.pem', 'SSLCertificateKeyFile /srv/t/certs/empty.key', 'SSLCACertificateFile /srv/t/certs')}` +
      'SSLCARevocationFile /srv/t/nowhere/crl.pem\n',
    { '/srv/t/certs/empty.key': '', '/srv/t/certs/other.pem': 'x' },
  ).site;
  assert.deepEqual(where(found), ['4 cert/file-missing', '5 cert/file-missing', '6 cert/file-missing', '8 cert/file-missing']);
  assert.ok(found.every((d) => d.severity === DiagnosticSeverity.Error));
  assert.deepEqual(found[0].range, { start: { line: 3, character: 23 }, end: { line: 3, character: 40 } });
  assert.match(found[0].message, /^\/srv\/t\/certs\/missing\.pem does not exist\. .*"SSLCertificateFile: file '\/srv\/t\/certs\/missing\.pem' does not exist or is empty"/);
  assert.match(found[1].message, /is empty\. .*private key/);
  assert.match(found[2].message, /is a directory, not a file/);
  assert.match(found[3].message, /SSLCARevocationFile: file '\/srv\/t\/nowhere\/crl\.pem'/);
});

test('file-missing: …Path directives need a folder; ${VAR} is expanded; pkcs11: ids are not paths; existing files say nothing', () => {
  const leaf = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example'] });
  const files = { '/srv/t/certs/site.pem': leaf.cert + leaf.key, '/srv/t/cas/a.pem': leaf.cert };
  const found = analyse(
    vhost('shop.example', 'SSLCertificateFile ${CERTS}/site.pem', 'SSLCertificateKeyFile "pkcs11:object=server;type=private"', 'SSLCACertificatePath ${CERTS}/../cas', 'SSLCARevocationPath /srv/t/crls', 'SSLCADNRequestFile ${CERTS}/names.pem'),
    files,
    { main: 'Define CERTS /srv/t/certs\n' },
  ).site;
  assert.deepEqual(where(found), ['7 cert/file-missing', '8 cert/file-missing']);
  assert.match(found[0].message, /"SSLCARevocationPath: directory '\/srv\/t\/crls' does not exist"/);
  assert.match(found[1].message, /^\/srv\/t\/certs\/names\.pem does not exist/);
});

test('file-missing: apache2 -t refuses a missing SSLCertificateFile and SSLCACertificatePath at the line we report', () => {
  const cases = [
    { line: 'SSLCertificateFile /nonexistent/apache-ssl-test/server.pem', apache: "SSLCertificateFile: file '/nonexistent/apache-ssl-test/server.pem' does not exist or is empty" },
    { line: 'SSLCACertificatePath /nonexistent/apache-ssl-test/cas', apache: "SSLCACertificatePath: directory '/nonexistent/apache-ssl-test/cas' does not exist" },
  ];
  for (const { line, apache } of cases) {
    const config = `# a comment\n<VirtualHost *:443>\n    ServerName oracle.example\n    ${line}\n</VirtualHost>\n`;
    const verdict = apacheConfigTest({ 'main.conf': config }, 'main.conf');
    assert.ok(!verdict.ok, verdict.output);
    assert.equal(verdict.line, 4, verdict.output);
    assert.equal(verdict.message, apache);
    const fs = memoryFileSystem({ [MAIN]: `${PRELUDE}Include site.conf\n`, [SITE]: config });
    const model = buildConfigModel(MAIN, { sources: new SourceCache(fs) });
    const file = model.files.get(SITE)?.file;
    assert.ok(file);
    const ours = analyzeFile(file, { fileName: SITE, model, certificates: createCertificateReader(nodeFileSystem) }).filter((d) => d.code === 'cert/file-missing').map(plain);
    assert.deepEqual(where(ours), ['4 cert/file-missing']);
    assert.ok(ours[0].message.includes(apache), ours[0].message);
  }
});

test('file-missing: SSLOpenSSLConfCmd file and folder commands, in any case, relative to ServerRoot; store URIs and other commands are no paths', () => {
  const found = analyse(
    'SSLOpenSSLConfCmd DHParameters dh/missing.pem\n' +
      vhost(
        'shop.example',
        'SSLOpenSSLConfCmd chaincafile /srv/t/certs/empty.pem',
        'SSLOpenSSLConfCmd VerifyCAPath /srv/t/certs/other.pem',
        'SSLOpenSSLConfCmd ServerInfoFile /srv/t/certs/other.pem',
        'SSLOpenSSLConfCmd VerifyCAStore /srv/t/nowhere',
        'SSLOpenSSLConfCmd Groups /srv/t/nowhere',
        'SSLOpenSSLConfCmd PrivateKey ${CERTS}/nokey.pem',
        'SSLOpenSSLConfCmd RequestCAPath /srv/t/certs',
        'SSLOpenSSLConfCmd DHParameters dh/params.pem',
      ),
    { '/srv/t/certs/empty.pem': '', '/srv/t/certs/other.pem': 'x', '/srv/t/dh/params.pem': 'x' },
    { main: 'Define CERTS /srv/t/certs\n' },
  ).site;
  assert.deepEqual(where(found), ['1 cert/file-missing', '5 cert/file-missing', '6 cert/file-missing', '10 cert/file-missing']);
  assert.deepEqual(found[0].range, { start: { line: 0, character: 31 }, end: { line: 0, character: 45 } });
  assert.match(found[0].message, /^\/srv\/t\/dh\/missing\.pem does not exist\. .*"SSLOpenSSLConfCmd: file '\/srv\/t\/dh\/missing\.pem' does not exist or is empty".* DH parameters/);
  assert.match(found[1].message, /is empty\. .*chain CA certificates/);
  assert.match(found[2].message, /"SSLOpenSSLConfCmd: directory '\/srv\/t\/certs\/other\.pem' does not exist"/);
  assert.match(found[3].message, /^\/srv\/t\/certs\/nokey\.pem does not exist\. .*private key/);
});

test('file-missing: apache2 -t refuses a missing path of each SSLOpenSSLConfCmd file or folder command at the line we report, and accepts one that exists', () => {
  const refused = [
    ...['DHParameters', 'ChainCAFile', 'VerifyCAFile', 'RequestCAFile', 'ClientCAFile', 'ServerInfoFile', 'Certificate', 'PrivateKey', 'dhparameters'].map((command) => ({
      line: `SSLOpenSSLConfCmd ${command} /nonexistent/apache-ssl-test/x.pem`,
      apache: "SSLOpenSSLConfCmd: file '/nonexistent/apache-ssl-test/x.pem' does not exist or is empty",
    })),
    ...['ChainCAPath', 'VerifyCAPath', 'RequestCAPath', 'ClientCAPath'].map((command) => ({
      line: `SSLOpenSSLConfCmd ${command} /nonexistent/apache-ssl-test/cas`,
      apache: "SSLOpenSSLConfCmd: directory '/nonexistent/apache-ssl-test/cas' does not exist",
    })),
    { line: 'SSLOpenSSLConfCmd DHParameters "/nonexistent/apache-ssl-test/dh.pem"', apache: "SSLOpenSSLConfCmd: file '/nonexistent/apache-ssl-test/dh.pem' does not exist or is empty" },
    { line: 'SSLOpenSSLConfCmd DHParameters empty.pem', apache: "SSLOpenSSLConfCmd: file '{root}/empty.pem' does not exist or is empty" },
    { line: 'SSLOpenSSLConfCmd VerifyCAPath dh.pem', apache: "SSLOpenSSLConfCmd: directory '{root}/dh.pem' does not exist" },
  ];
  const accepted = ['SSLOpenSSLConfCmd DHParameters dh.pem', 'SSLOpenSSLConfCmd VerifyCAPath cas', 'SSLOpenSSLConfCmd VerifyCAStore /nonexistent/apache-ssl-test/store', 'SSLOpenSSLConfCmd Groups X25519'];
  for (const { line, apache } of [...refused, ...accepted.map((line) => ({ line, apache: undefined }))]) {
    const config = `# a comment\n<VirtualHost *:443>\n    ServerName oracle.example\n    ${line}\n</VirtualHost>\n`;
    const files = { 'main.conf': config, 'empty.pem': '', 'dh.pem': 'not read by apache2 -t\n', 'cas/a.pem': 'x\n' };
    withApacheConfigTest(files, 'main.conf', (root, verdict) => {
      const model = buildConfigModel(join(root, 'main.conf'), { sources: new SourceCache(nodeFileSystem), serverRoot: root });
      const file = model.files.get(join(root, 'main.conf'))?.file;
      assert.ok(file);
      const ours = analyzeFile(file, { fileName: join(root, 'main.conf'), model, certificates: createCertificateReader(nodeFileSystem) }).filter((d) => d.code === 'cert/file-missing').map(plain);
      if (apache === undefined) {
        assert.ok(verdict.ok, `${line}: ${verdict.output}`);
        assert.deepEqual(ours, []);
        return;
      }
      const message = apache.replace('{root}', root);
      assert.equal(verdict.line, 4, verdict.output);
      assert.equal(verdict.message, message);
      assert.deepEqual(where(ours), ['4 cert/file-missing'], line);
      assert.ok(ours[0].message.includes(message), ours[0].message);
    });
  }
});

// ---- cert/key-mismatch and cert/chain-order ----

test('key-mismatch: a key of another certificate is an error naming AH02565; the right key, a combined file, an encrypted key say nothing', () => {
  const site = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example'] });
  const other = makeCertificate({ commonName: 'other.example', dnsNames: ['other.example'] });
  const files = {
    '/srv/t/site.crt': site.cert,
    '/srv/t/site.key': site.key,
    '/srv/t/other.key': other.key,
    '/srv/t/combined.pem': site.cert + site.key,
    '/srv/t/combined-wrong.pem': site.cert + other.key,
    '/srv/t/encrypted.key': encryptedKey(other, 'secret'),
    '/srv/t/site.der': derOf(site),
  };
  const mismatch = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/site.crt', 'SSLCertificateKeyFile /srv/t/other.key'), files).site;
  assert.deepEqual(where(mismatch), ['4 cert/key-mismatch']);
  assert.match(messageOf(mismatch, 'cert/key-mismatch'), /^The RSA 2048-bit private key in \/srv\/t\/other\.key does not belong to the server certificate \(CN=shop\.example\) of \/srv\/t\/site\.crt.*AH02565/);
  const cases: [string[], string[]][] = [
    [['SSLCertificateFile /srv/t/site.crt', 'SSLCertificateKeyFile /srv/t/site.key'], []],
    [['SSLCertificateFile /srv/t/combined.pem'], []],
    [['SSLCertificateFile /srv/t/combined-wrong.pem'], ['4 cert/key-mismatch']],
    [['SSLCertificateFile /srv/t/site.crt', 'SSLCertificateKeyFile /srv/t/encrypted.key'], []],
    [['SSLCertificateFile /srv/t/site.der', 'SSLCertificateKeyFile /srv/t/site.key'], []],
    [['SSLCertificateFile /srv/t/site.der', 'SSLCertificateKeyFile /srv/t/other.key'], ['4 cert/key-mismatch']],
  ];
  for (const [lines, expected] of cases) assert.deepEqual(where(analyse(vhost('shop.example', ...lines), files).site), expected, lines.join(' + '));
  assert.match(messageOf(analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/combined-wrong.pem'), files).site, 'cert/key-mismatch'), /^The RSA 2048-bit private key in the same file.*Put the key this certificate was issued for in the file/);
});

test('key-mismatch: the server config lends its certificate and key to a TLS virtual host; a host without SSLEngine is not judged', () => {
  const site = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example'] });
  const other = makeCertificate({ commonName: 'other.example' });
  const files = { '/srv/t/site.crt': site.cert, '/srv/t/other.key': other.key };
  const inherited = analyse(vhost('shop.example'), files, { main: 'SSLCertificateFile /srv/t/site.crt\nSSLCertificateKeyFile /srv/t/other.key\n' });
  assert.deepEqual(where(inherited.main), ['5 cert/key-mismatch']);
  assert.deepEqual(where(inherited.site), []);
  const plain = analyse('<VirtualHost *:80>\n    ServerName shop.example\n    SSLCertificateFile /srv/t/site.crt\n    SSLCertificateKeyFile /srv/t/other.key\n</VirtualHost>\n', files);
  assert.deepEqual(where(plain.site), []);
});

test('chain-order: the leaf after its CA is a chain-order error (with the index for the fix), not also a key mismatch', () => {
  const { root, intermediate, leaf } = makeChain(['shop.example']);
  const files = {
    '/srv/t/wrong.pem': pem(intermediate, leaf),
    '/srv/t/right.pem': pem(leaf, intermediate),
    '/srv/t/leaf.key': leaf.key,
    '/srv/t/bundle-with-key.pem': pem(root, leaf) + leaf.key,
  };
  const wrong = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/wrong.pem', 'SSLCertificateKeyFile /srv/t/leaf.key'), files).site;
  assert.deepEqual(where(wrong), ['4 cert/chain-order']);
  const [finding] = wrong;
  assert.match(finding.message, /belongs to certificate #2 \(CN=shop\.example\), but certificate #1 \(CN=Test Intermediate CA\) comes first in \/srv\/t\/wrong\.pem.*AH02565.*server certificate first/);
  assert.equal(finding.data?.file, '/srv/t/wrong.pem');
  assert.equal(finding.data?.leafIndex, 1);
  assert.deepEqual(where(analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/right.pem', 'SSLCertificateKeyFile /srv/t/leaf.key'), files).site), []);
  assert.deepEqual(where(analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/bundle-with-key.pem'), files).site), ['4 cert/chain-order']);
});

test('chain-order quick fix: the certificate blocks of the PEM file are reordered leaf first, then issuers; the key and comments stay put', () => {
  const { root, intermediate, leaf } = makeChain(['shop.example']);
  const before = `# bundle from the CA\n${root.cert}${intermediate.cert}\n${leaf.cert}${leaf.key}`;
  const files = { '/srv/t/bundle.pem': before };
  const site = vhost('shop.example', 'SSLCertificateFile /srv/t/bundle.pem');
  const fs = memoryFileSystem({ [MAIN]: `${PRELUDE}Include site.conf\n`, [SITE]: site, ...files });
  const model = buildConfigModel(MAIN, { sources: new SourceCache(fs) });
  const file = model.files.get(SITE)?.file;
  assert.ok(file);
  const diagnostics = analyzeFile(file, { fileName: SITE, model, certificates: createCertificateReader(fs, () => NOW) }).filter((d) => d.code === 'cert/chain-order');
  assert.equal(diagnostics.length, 1);
  const uriOf = (path: string) => `file://${path}`;
  const actions = quickFixes(diagnostics, { file, path: SITE, uri: uriOf(SITE), model, uriOf, fs }).filter((action) => action.isPreferred);
  assert.deepEqual(actions.map((action) => action.title), ['Put the server certificate first in bundle.pem, then its issuers']);
  const edits = actions[0].edit?.changes?.[uriOf('/srv/t/bundle.pem')];
  assert.ok(edits);
  assert.ok(edits.every((edit) => !edit.newText.includes('PRIVATE')));
  const after = applyEdits(before, edits);
  assert.equal(after, `# bundle from the CA\n${leaf.cert}${intermediate.cert}\n${root.cert}${leaf.key}`);
  assert.deepEqual(where(analyse(site, { '/srv/t/bundle.pem': after }).site), ['4 cert/chain-broken']);
});

// ---- cert/chain-broken ----

test('chain-broken: leaf then intermediate is complete; a chain file completes it too; a self-signed leaf needs nothing', () => {
  const { intermediate, leaf } = makeChain(['shop.example']);
  const self = makeCertificate({ commonName: 'self.example', dnsNames: ['self.example'] });
  const files = { '/srv/t/full.pem': pem(leaf, intermediate) + leaf.key, '/srv/t/leaf.pem': pem(leaf) + leaf.key, '/srv/t/chain.pem': pem(intermediate), '/srv/t/self.pem': self.cert + self.key };
  assert.deepEqual(where(analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/full.pem'), files).site), []);
  assert.deepEqual(where(analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/leaf.pem', 'SSLCertificateChainFile /srv/t/chain.pem'), files).site), []);
  assert.deepEqual(where(analyse(vhost('self.example', 'SSLCertificateFile /srv/t/self.pem'), files).site), []);
});

test('chain-broken: a missing intermediate is a warning, unless the system bundle holds the issuer', () => {
  const { root, leaf } = makeChain(['shop.example']);
  const direct = makeCertificate({ commonName: 'direct.example', dnsNames: ['direct.example'], issuer: root });
  const files = { '/srv/t/leaf.pem': pem(leaf) + leaf.key, '/srv/t/direct.pem': pem(direct) + direct.key };
  const missing = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/leaf.pem'), files).site;
  assert.deepEqual(where(missing), ['4 cert/chain-broken']);
  assert.equal(missing[0].severity, DiagnosticSeverity.Warning);
  assert.match(missing[0].message, /issuer CN=Test Intermediate CA\) is neither in \/srv\/t\/leaf\.pem nor among the CAs this system trusts.*unable to get local issuer certificate/);
  const withBundle = { ...files, '/etc/ssl/certs/ca-certificates.crt': pem(root) };
  assert.deepEqual(where(analyse(vhost('direct.example', 'SSLCertificateFile /srv/t/direct.pem'), withBundle).site), []);
  assert.deepEqual(where(analyse(vhost('direct.example', 'SSLCertificateFile /srv/t/direct.pem'), files).site), ['4 cert/chain-broken']);
});

test('chain-broken: a certificate followed by one that did not issue it is a warning naming both; a root sent along is information', () => {
  const { root, intermediate, leaf } = makeChain(['shop.example']);
  const files = { '/srv/t/shuffled.pem': pem(leaf, root, intermediate) + leaf.key, '/srv/t/with-root.pem': pem(leaf, intermediate, root) + leaf.key };
  const shuffled = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/shuffled.pem'), files).site;
  assert.deepEqual(where(shuffled), ['4 cert/chain-broken', '4 cert/chain-broken']);
  const order = shuffled.find((d) => /did not issue it/.test(d.message));
  assert.ok(order);
  assert.equal(order.severity, DiagnosticSeverity.Warning);
  assert.match(order.message, /\/srv\/t\/shuffled\.pem #2 \(CN=Test Root CA\) follows \/srv\/t\/shuffled\.pem #1 \(CN=shop\.example\) but did not issue it \(that was CN=Test Intermediate CA\)/);
  const withRoot = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/with-root.pem'), files).site;
  assert.deepEqual(where(withRoot), ['4 cert/chain-broken']);
  assert.equal(withRoot[0].severity, DiagnosticSeverity.Information);
  assert.match(withRoot[0].message, /#3 is the self-signed root CA CN=Test Root CA/);
});

test('chain-broken: with SSLCertificateChainFile in force only the first certificate of SSLCertificateFile is sent; the chain file takes the place of the rest', () => {
  const { root, intermediate, leaf } = makeChain(['shop.example']);
  const other = makeChain(['other.example']);
  const files = { '/srv/t/full.pem': pem(leaf, intermediate) + leaf.key, '/srv/t/root.pem': pem(root), '/srv/t/wrong.pem': pem(other.intermediate), '/srv/t/chain.pem': pem(intermediate) };
  // The full chain alone is complete; the same file with a chain file holding only the root loses its intermediate.
  assert.deepEqual(where(analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/full.pem'), files).site), []);
  const replaced = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/full.pem', 'SSLCertificateChainFile /srv/t/root.pem'), files).site;
  const lost = replaced.filter((d) => d.severity === DiagnosticSeverity.Warning);
  assert.deepEqual(where(lost), ['5 cert/chain-broken']);
  assert.match(lost[0].message, /^Clients never receive the intermediate that issued the server certificate \(\/srv\/t\/full\.pem #2, CN=Test Intermediate CA\)\. With SSLCertificateChainFile in force, mod_ssl loads only the first certificate of \/srv\/t\/full\.pem and sends \/srv\/t\/root\.pem's certificates/);
  // Another CA's intermediate in the chain file: the same one finding, not also "follows full.pem #2", which is never sent.
  const wrong = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/full.pem', 'SSLCertificateChainFile /srv/t/wrong.pem'), files).site;
  assert.deepEqual(where(wrong), ['5 cert/chain-broken']);
  assert.match(wrong[0].message, /^Clients never receive the intermediate .* sends \/srv\/t\/wrong\.pem's certificates in place of the rest/);
  // Without the intermediate in the certificate file, a chain file that does not complete it says what it always said.
  const leafOnly = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/leaf.pem', 'SSLCertificateChainFile /srv/t/wrong.pem'), { ...files, '/srv/t/leaf.pem': pem(leaf) + leaf.key }).site;
  assert.ok(leafOnly.some((d) => /\/srv\/t\/wrong\.pem #1 \(CN=Test Intermediate CA\) follows \/srv\/t\/leaf\.pem #1 \(CN=shop\.example\)/.test(d.message)), where(leafOnly).join(', '));
  // The chain file holding the intermediate again: complete.
  assert.deepEqual(where(analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/full.pem', 'SSLCertificateChainFile /srv/t/chain.pem'), files).site), []);
  // The server config's chain file is in force in the virtual host too.
  const inherited = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/full.pem'), files, { main: 'SSLCertificateChainFile /srv/t/root.pem\n' });
  assert.deepEqual(where(inherited.main.filter((d) => d.severity === DiagnosticSeverity.Warning)), [`${PRELUDE.split('\n').length} cert/chain-broken`]);
});

test('certificate rules judge only what a TLS host loads: not a host without SSLEngine, not a server line every TLS host replaces, not the rest of a file a chain file replaces', () => {
  const weak = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example'], bits: 1024 });
  const strong = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example'] });
  const { intermediate, leaf } = makeChain(['shop.example']);
  const oldIntermediate = makeCertificate({ commonName: 'Old Intermediate', ca: true, notBeforeDays: -400, notAfterDays: -2, key: intermediate });
  const files = {
    '/srv/t/weak.pem': weak.cert + weak.key,
    '/srv/t/strong.pem': strong.cert + strong.key,
    '/srv/t/old-full.pem': pem(leaf, oldIntermediate) + leaf.key,
    '/srv/t/chain.pem': pem(intermediate),
  };
  const plainHost = '<VirtualHost *:80>\n    ServerName shop.example\n    SSLEngine off\n    SSLCertificateFile /srv/t/weak.pem\n</VirtualHost>\n';
  assert.deepEqual(where(only(analyse(plainHost, files).site, 'cert/weak-key')), []);
  // The server config's weak certificate, replaced by the only TLS host's own: never loaded. Lent to a TLS host: judged.
  const replaced = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/strong.pem'), files, { main: 'SSLCertificateFile /srv/t/weak.pem\n' });
  assert.deepEqual(where(only(replaced.main, 'cert/weak-key')), []);
  const lent = analyse(vhost('shop.example'), files, { main: 'SSLCertificateFile /srv/t/weak.pem\n' });
  assert.deepEqual(only(lent.main, 'cert/weak-key').length, 1);
  // An expired intermediate after the server certificate is not sent when a chain file is in force; without one it is.
  assert.deepEqual(where(only(analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/old-full.pem'), files).site, 'cert/expired')), ['4 cert/expired']);
  const withChain = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/old-full.pem', 'SSLCertificateChainFile /srv/t/chain.pem'), files).site;
  assert.deepEqual(where(only(withChain, 'cert/expired')), []);
});

// ---- validity ----

/** The notAfter of a certificate as encoded (whole seconds). */
const notAfterOf = (certificate: TestCertificate) => new Date(new X509Certificate(certificate.cert).validTo);

test('expired / expires-soon: judged against the reader clock, boundaries included, the warning horizon from the settings', () => {
  const leaf = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example'], notBeforeDays: -100, notAfterDays: 40 });
  const files = { '/srv/t/site.pem': leaf.cert + leaf.key };
  const site = vhost('shop.example', 'SSLCertificateFile /srv/t/site.pem');
  const end = notAfterOf(leaf).getTime();
  const at = (ms: number, expiryWarningDays = 30) => analyse(site, files, { now: new Date(ms), expiryWarningDays }).site;
  assert.deepEqual(where(at(end - 30 * DAY)), []);
  assert.deepEqual(where(at(end - 30 * DAY + 1000)), ['4 cert/expires-soon']);
  assert.match(messageOf(at(end - 29.5 * DAY), 'cert/expires-soon'), /^The server certificate \(CN=shop\.example\) in \/srv\/t\/site\.pem expires on \d{4}-\d\d-\d\d, in 29 days/);
  assert.match(messageOf(at(end), 'cert/expires-soon'), /in less than a day/);
  assert.deepEqual(where(at(end + 1000)), ['4 cert/expired']);
  assert.equal(at(end + 1000)[0].severity, DiagnosticSeverity.Error);
  assert.match(messageOf(at(end + 3.5 * DAY), 'cert/expired'), /expired on \d{4}-\d\d-\d\d \(3 days ago\).*refuse the connection/);
  assert.deepEqual(where(at(end - 50 * DAY, 60)), ['4 cert/expires-soon']);
  assert.deepEqual(where(at(end - 50 * DAY)), []);
});

test('not-yet-valid, and every certificate of the file and of the chain file is dated, not only the leaf', () => {
  const future = makeCertificate({ commonName: 'soon.example', dnsNames: ['soon.example'], notBeforeDays: 3 });
  const { intermediate, leaf } = makeChain(['shop.example']);
  const oldIntermediate = makeCertificate({ commonName: 'Old Intermediate', ca: true, notBeforeDays: -400, notAfterDays: -2, key: intermediate });
  const files = { '/srv/t/future.pem': future.cert + future.key, '/srv/t/leaf.pem': leaf.cert + leaf.key, '/srv/t/chain.pem': oldIntermediate.cert, '/srv/t/full.pem': pem(leaf, oldIntermediate) + leaf.key };
  const starts = new Date(new X509Certificate(future.cert).validFrom).getTime();
  const early = analyse(vhost('soon.example', 'SSLCertificateFile /srv/t/future.pem'), files, { now: new Date(starts - 2.5 * DAY) }).site;
  assert.deepEqual(where(early), ['4 cert/not-yet-valid']);
  assert.match(early[0].message, /is valid only from \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in 2 days\)/);
  assert.deepEqual(where(analyse(vhost('soon.example', 'SSLCertificateFile /srv/t/future.pem'), files, { now: new Date(starts) }).site), []);
  const inFile = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/full.pem'), files).site;
  assert.match(messageOf(inFile, 'cert/expired'), /^Certificate #2 \(CN=Old Intermediate\) in \/srv\/t\/full\.pem expired/);
  const inChain = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/leaf.pem', 'SSLCertificateChainFile /srv/t/chain.pem'), files).site;
  assert.deepEqual(where(only(inChain, 'cert/expired')), ['5 cert/expired']);
  assert.match(messageOf(inChain, 'cert/expired'), /^Certificate #1 \(CN=Old Intermediate\) in \/srv\/t\/chain\.pem/);
});

// ---- cert/name-mismatch ----

test('name-mismatch: ServerName and each ServerAlias against the SANs, case-insensitive, AH01909 only for the ServerName', () => {
  const cert = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example', 'www.shop.example'] });
  const files = { '/srv/t/site.pem': cert.cert + cert.key };
  const line = 'SSLCertificateFile /srv/t/site.pem';
  assert.deepEqual(where(analyse(vhost('SHOP.Example', line, 'ServerAlias www.shop.example'), files).site), []);
  assert.deepEqual(where(analyse(vhost('https://shop.example:443', line), files).site), []);
  const wrong = analyse(vhost('blog.example', line), files).site;
  assert.deepEqual(where(wrong), ['4 cert/name-mismatch']);
  assert.match(wrong[0].message, /^"blog\.example" \(the <VirtualHost \*:443> at \/srv\/t\/site\.conf:1\) is not among the names of \/srv\/t\/site\.pem: shop\.example, www\.shop\.example\..*AH01909/);
  const alias = analyse(vhost('shop.example', line, 'ServerAlias www.shop.example shop.example.org'), files).site;
  assert.deepEqual(where(alias), ['4 cert/name-mismatch']);
  assert.match(alias[0].message, /^"shop\.example\.org"/);
  assert.doesNotMatch(alias[0].message, /AH01909/);
});

test('name-mismatch: wildcards cover exactly one label, never the bare domain nor two labels', () => {
  const cert = makeCertificate({ commonName: '*.example.com', dnsNames: ['*.example.com'] });
  const files = { '/srv/t/wild.pem': cert.cert + cert.key };
  const check = (name: string) => where(analyse(vhost(name, 'SSLCertificateFile /srv/t/wild.pem'), files).site);
  assert.deepEqual(check('a.example.com'), []);
  assert.deepEqual(check('A.EXAMPLE.COM'), []);
  assert.deepEqual(check('example.com'), ['4 cert/name-mismatch']);
  assert.deepEqual(check('a.b.example.com'), ['4 cert/name-mismatch']);
  assert.deepEqual(check('a.example.org'), ['4 cert/name-mismatch']);
});

test('name-mismatch: the CN counts only without SANs; IP names need an IP SAN; Apache also reads the CN', () => {
  const cnOnly = makeCertificate({ commonName: 'legacy.example' });
  const cnNotInSan = makeCertificate({ commonName: 'cn.example', dnsNames: ['san.example'] });
  const ip = makeCertificate({ commonName: 'ip', ipAddresses: ['192.0.2.10'], dnsNames: ['ip.example'] });
  const files = { '/srv/t/cn.pem': cnOnly.cert + cnOnly.key, '/srv/t/both.pem': cnNotInSan.cert + cnNotInSan.key, '/srv/t/ip.pem': ip.cert + ip.key };
  assert.deepEqual(where(analyse(vhost('legacy.example', 'SSLCertificateFile /srv/t/cn.pem'), files).site), []);
  const cnIgnored = analyse(vhost('cn.example', 'SSLCertificateFile /srv/t/both.pem'), files).site;
  assert.deepEqual(where(cnIgnored), ['4 cert/name-mismatch']);
  assert.doesNotMatch(cnIgnored[0].message, /AH01909/);
  assert.deepEqual(where(analyse(vhost('192.0.2.10', 'SSLCertificateFile /srv/t/ip.pem'), files).site), []);
  assert.deepEqual(where(analyse(vhost('192.0.2.11', 'SSLCertificateFile /srv/t/ip.pem'), files).site), ['4 cert/name-mismatch']);
});

test('name-mismatch: an RSA and an EC certificate on one host each cover their names; the server config lends its ServerName; plain hosts are not judged', () => {
  const rsa = makeCertificate({ commonName: 'a.example', dnsNames: ['a.example'] });
  const files = { '/srv/t/rsa.pem': rsa.cert + rsa.key, '/srv/t/ec.pem': ecServerCertificate('b.example') };
  const pair = ['SSLCertificateFile /srv/t/rsa.pem', 'SSLCertificateFile /srv/t/ec.pem'];
  assert.deepEqual(where(analyse(vhost('a.example', ...pair, 'ServerAlias b.example'), files).site), []);
  assert.deepEqual(where(analyse(vhost('a.example', ...pair, 'ServerAlias c.example'), files).site), ['4 cert/name-mismatch']);
  const inherited = analyse(vhost(undefined, 'SSLCertificateFile /srv/t/rsa.pem'), files).site;
  assert.deepEqual(where(inherited), ['4 cert/name-mismatch']);
  assert.match(inherited[0].message, /^"main\.test"/);
  assert.deepEqual(where(analyse('<VirtualHost *:80>\n    ServerName z.example\n    SSLCertificateFile /srv/t/rsa.pem\n</VirtualHost>\n', files).site), []);
});

// ---- cert/server-cert-is-ca, cert/weak-key, cert/sha1-signature ----

test('server-cert-is-ca: CA:TRUE names AH01906, pathlen > 0 AH01907; an ordinary leaf says nothing', () => {
  const ca = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example'], ca: true });
  const pathLength = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example'], ca: true, pathLength: 2 });
  const leaf = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example'], ca: false });
  const files = { '/srv/t/ca.pem': ca.cert + ca.key, '/srv/t/path.pem': pathLength.cert + pathLength.key, '/srv/t/leaf.pem': leaf.cert + leaf.key };
  const isCa = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/ca.pem'), files).site;
  assert.deepEqual(where(isCa), ['4 cert/server-cert-is-ca']);
  assert.match(isCa[0].message, /\(CN=shop\.example\) is a CA certificate \(basicConstraints CA:TRUE\).*AH01906/);
  assert.doesNotMatch(isCa[0].message, /AH01907/);
  assert.match(messageOf(analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/path.pem'), files).site, 'cert/server-cert-is-ca'), /AH01906.*AH01907: … server certificate is not a leaf certificate \(BasicConstraints: pathlen == 2 > 0/);
  assert.deepEqual(where(analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/leaf.pem'), files).site), []);
});

test('weak-key: a 1024-bit RSA leaf is an error (Apache does not start on Debian); 2048-bit RSA and P-256 are not', () => {
  const weak = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example'], bits: 1024 });
  const strong = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example'] });
  const files = { '/srv/t/weak.pem': weak.cert + weak.key, '/srv/t/strong.pem': strong.cert + strong.key, '/srv/t/ec.pem': ecServerCertificate('shop.example') };
  const found = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/weak.pem'), files).site;
  assert.deepEqual(where(found), ['4 cert/weak-key']);
  assert.match(found[0].message, /has a 1024-bit RSA key \(2048 is the least\).*Apache does not even start: "AH02562/);
  assert.equal(found[0].severity, DiagnosticSeverity.Error);
  assert.deepEqual(where(analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/strong.pem'), files).site), []);
  assert.deepEqual(where(analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/ec.pem'), files).site), []);
});

test('sha1-signature: a SHA-1 leaf or intermediate is an error (Apache does not start on Debian); a SHA-1 self-signed root is not', () => {
  const root = makeCertificate({ commonName: 'Old Root', ca: true, hash: 'sha1' });
  const intermediate = makeCertificate({ commonName: 'Old Intermediate', ca: true, issuer: root, hash: 'sha1' });
  const leaf = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example'], issuer: intermediate });
  const sha1Leaf = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example'], issuer: intermediate, hash: 'sha1', key: leaf });
  const files = { '/srv/t/chain.pem': pem(leaf, intermediate, root) + leaf.key, '/srv/t/sha1-leaf.pem': pem(sha1Leaf) + leaf.key, '/srv/t/root.pem': root.cert };
  const chain = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/chain.pem'), files).site;
  assert.deepEqual(where(only(chain, 'cert/sha1-signature')), ['4 cert/sha1-signature']);
  assert.equal(only(chain, 'cert/sha1-signature')[0].severity, DiagnosticSeverity.Error);
  assert.match(messageOf(chain, 'cert/sha1-signature'), /^Certificate #2 \(CN=Old Intermediate\) in \/srv\/t\/chain\.pem is signed with sha1WithRSAEncryption.*AH02562.*ca md too weak/);
  const leafOnly = analyse(vhost('shop.example', 'SSLCertificateFile /srv/t/sha1-leaf.pem', 'SSLCertificateChainFile /srv/t/root.pem'), files).site;
  assert.deepEqual(where(only(leafOnly, 'cert/sha1-signature')), ['4 cert/sha1-signature']);
  assert.match(messageOf(leafOnly, 'cert/sha1-signature'), /^The server certificate \(CN=shop\.example\)/);
});

// ---- what no message may hold ----

test('no finding shows key material: no PEM markers, no piece of a key', () => {
  assert.ok(allMessages.length > 30, `only ${allMessages.length} messages collected`);
  const leaf = makeCertificate({ commonName: 'shop.example', dnsNames: ['shop.example'] });
  const other = makeCertificate({ commonName: 'other.example' });
  const files = { '/srv/t/combined.pem': leaf.cert + other.key, '/srv/t/other.key': other.key };
  const messages = [
    ...analyse(vhost('x.example', 'SSLCertificateFile /srv/t/combined.pem'), files).site,
    ...analyse(vhost('x.example', 'SSLCertificateFile /srv/t/combined.pem', 'SSLCertificateKeyFile /srv/t/other.key'), files).site,
  ].map((d) => d.message);
  assert.ok(messages.some((m) => /private key/.test(m)));
  const keyChunks = other.key.split('\n').filter((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line)).map((line) => line.slice(8, 32));
  for (const message of [...allMessages, ...messages]) {
    assert.doesNotMatch(message, /BEGIN|END (?:RSA |EC )?PRIVATE|PRIVATE KEY-/);
    assert.ok(!/[A-Za-z0-9+/]{40,}/.test(message), message);
    for (const chunk of keyChunks) assert.ok(!message.includes(chunk));
  }
});
