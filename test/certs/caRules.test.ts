// The CA-side certificate rules (RULES.md §6, CRT008-CRT014) on generated
// certificates held in a memory file system: what each reports, where, and
// what it leaves alone. Apache's own start-up output for the same mistakes is
// compared in test/e2e/caStartup.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { createCertificateReader } from '../../server/src/analysis/certs/certificateReader';
import { parseCertificateBytes } from '../../server/src/analysis/certs/readCertificateFile';
import { entriesOf } from '../../server/src/analysis/rules/certProxyMachineCert';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { derOf, encryptedKey, makeCertificate, makeChain, makeCrl } from '../support/testCertificates';

const ROOT = '/srv/ca';
const MAIN = `${ROOT}/main.conf`;
const SITE = `${ROOT}/site.conf`;
const MODULES = '/usr/lib/apache2/modules';
const PRELUDE = ['mpm_event', 'authz_core', 'ssl', 'proxy', 'proxy_http'].map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so\n`).join('') + 'ServerName main.test\n';

const { root, intermediate, leaf } = makeChain(['www.example.test']);
const server = makeCertificate({ commonName: 'www.example.test', dnsNames: ['www.example.test'], issuer: root, extendedKeyUsage: ['serverAuth'] });
const alice = makeCertificate({ commonName: 'alice', issuer: root, extendedKeyUsage: ['clientAuth'] });
const stranger = makeCertificate({ commonName: 'stranger' });
const serverOnlyCa = makeCertificate({ commonName: 'Server-only CA', ca: true, keyUsage: ['keyCertSign'], extendedKeyUsage: ['serverAuth'] });
const clientCa = makeCertificate({ commonName: 'Client CA', ca: true, keyUsage: ['keyCertSign'], extendedKeyUsage: ['clientAuth'] });
const oldRoot = makeCertificate({ commonName: 'Old Client Root', ca: true, keyUsage: ['keyCertSign', 'cRLSign'], notBeforeDays: -400, notAfterDays: -2 });
const futureRoot = makeCertificate({ commonName: 'Future Client Root', ca: true, keyUsage: ['keyCertSign', 'cRLSign'], notBeforeDays: 3 });
const publicLike = Array.from({ length: 21 }, (_, i) => makeCertificate({ commonName: `Public Root ${i}`, ca: true, bits: 1024 }));
/** The reader only counts CRL blocks; Apache's parse of a real one is in the e2e test. */
const CRL = '-----BEGIN X509 CRL-----\nMIIBNjCB2gIBATAKBggqhkjOPQQDAjANMQswCQYDVQQDDAJDQRcNMjYxMTI3MDE1\n-----END X509 CRL-----\n';

const CERTS: Record<string, string | Uint8Array> = {
  [`${ROOT}/server.crt`]: server.cert,
  [`${ROOT}/server.key`]: server.key,
  [`${ROOT}/server-full.crt`]: server.cert + root.cert,
  [`${ROOT}/server-encrypted.key`]: encryptedKey(server, 'secret phrase'),
  [`${ROOT}/server-combined-encrypted.pem`]: server.cert + encryptedKey(server, 'secret phrase', 'pkcs1'),
  [`${ROOT}/ca.crt`]: root.cert,
  [`${ROOT}/ca-chain.crt`]: root.cert + intermediate.cert,
  [`${ROOT}/ca-intermediate-only.crt`]: intermediate.cert,
  [`${ROOT}/ca-with-leaf.crt`]: root.cert + leaf.cert + alice.cert,
  [`${ROOT}/ca.der`]: derOf(root),
  [`${ROOT}/garbage.pem`]: 'this is not a certificate\n',
  [`${ROOT}/crl-only.pem`]: CRL,
  [`${ROOT}/server-only-ca.crt`]: serverOnlyCa.cert,
  [`${ROOT}/client-ca.crt`]: clientCa.cert + root.cert,
  [`${ROOT}/bundle-21.crt`]: publicLike.map((c) => c.cert).join(''),
  [`${ROOT}/bundle-20.crt`]: publicLike.slice(0, 20).map((c) => c.cert).join(''),
  [`${ROOT}/names.crt`]: root.cert,
  [`${ROOT}/crl.pem`]: CRL,
  [`${ROOT}/unhashed/a.pem`]: root.cert,
  [`${ROOT}/unhashed/b.crt`]: intermediate.cert,
  [`${ROOT}/hashed/a.pem`]: root.cert,
  [`${ROOT}/hashed/1a2b3c4d.0`]: root.cert,
  [`${ROOT}/crls/ca.crl`]: CRL,
  [`${ROOT}/crls-hashed/ca.crl`]: CRL,
  [`${ROOT}/crls-hashed/1a2b3c4d.r0`]: CRL,
  [`${ROOT}/other/readme.txt`]: 'nothing here\n',
  [`${ROOT}/client.pem`]: alice.cert + alice.key,
  [`${ROOT}/client-key-first.pem`]: alice.key + alice.cert,
  [`${ROOT}/client-with-ca.pem`]: root.cert + alice.cert + alice.key,
  [`${ROOT}/client-cert-only.pem`]: alice.cert,
  [`${ROOT}/client-key-only.pem`]: alice.key,
  [`${ROOT}/client-mismatch.pem`]: alice.cert + stranger.key,
  [`${ROOT}/client-encrypted.pem`]: alice.cert + encryptedKey(alice, 'secret phrase'),
  [`${ROOT}/machine/alice.pem`]: alice.cert + alice.key,
  [`${ROOT}/machine/ca.pem`]: root.cert,
  [`${ROOT}/machine-no-keys/alice.crt`]: alice.cert,
  [`${ROOT}/old-root.crt`]: oldRoot.cert,
  [`${ROOT}/future-root.crt`]: futureRoot.cert,
  [`${ROOT}/old-and-current.crt`]: oldRoot.cert + root.cert,
  [`${ROOT}/intermediate-and-other-root.crt`]: intermediate.cert + clientCa.cert,
  [`${ROOT}/root.crl`]: makeCrl(root),
  [`${ROOT}/both.crl`]: makeCrl(root) + makeCrl(intermediate),
  [`${ROOT}/intermediate.crl`]: makeCrl(intermediate),
  [`${ROOT}/old-root.crl`]: makeCrl(root, { lastUpdate: '20200101000000Z', nextUpdate: '20200201000000Z' }),
  [`${ROOT}/old-intermediate.crl`]: makeCrl(root) + makeCrl(intermediate, { lastUpdate: '20200101000000Z', nextUpdate: '20200201000000Z' }),
};

/** Every message any test saw, checked at the end for key material. */
const seen: string[] = [];

function vhost(...lines: string[]): string {
  return `<VirtualHost *:443>\n    ServerName www.example.test\n    SSLEngine on\n    SSLCertificateFile ${ROOT}/server.crt\n    SSLCertificateKeyFile ${ROOT}/server.key\n${lines.map((l) => `    ${l}\n`).join('')}</VirtualHost>\n`;
}

/** The findings of one rule in `path` (the site by default), after the prelude and `main` lines. */
function findings(rule: string, site: string, main = '', path = SITE): Diagnostic[] {
  const fs = memoryFileSystem({ [MAIN]: `${PRELUDE}${main}Include site.conf\n`, [SITE]: site, ...CERTS });
  const model = buildConfigModel(MAIN, { sources: new SourceCache(fs) });
  const file = model.files.get(path)?.file;
  assert.ok(file, `${path} is not in the tree`);
  const all = analyzeFile(file, { fileName: path, model, certificates: createCertificateReader(fs) });
  seen.push(...all.map(messageText));
  return all.filter((d) => d.code === rule);
}

/** `line: severity` (1-based) of one rule's findings. */
function lines(rule: string, site: string, main = '', path = SITE): string[] {
  const severity = (d: Diagnostic) => (d.severity === DiagnosticSeverity.Error ? 'error' : d.severity === DiagnosticSeverity.Warning ? 'warning' : 'information');
  return findings(rule, site, main, path).map((d) => `${d.range.start.line + 1}: ${severity(d)}`);
}

function message(rule: string, site: string, main = ''): string {
  const [found] = findings(rule, site, main);
  assert.ok(found, `no ${rule}`);
  return messageText(found);
}

function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

test('cafile-no-certs: garbage, DER and CRL-only CA files on TLS hosts, whatever SSLVerifyClient says', () => {
  const rule = 'cert/cafile-no-certs';
  assert.deepEqual(lines(rule, vhost(`SSLCACertificateFile ${ROOT}/garbage.pem`)), ['6: error']);
  assert.match(message(rule, vhost(`SSLCACertificateFile ${ROOT}/garbage.pem`)), /\/srv\/ca\/garbage\.pem holds no PEM certificate.*AH01895.*AH02312/);
  assert.match(message(rule, vhost(`SSLCACertificateFile ${ROOT}/ca.der`)), /DER.*PEM only.*AH01895/);
  assert.match(message(rule, vhost(`SSLCACertificateFile ${ROOT}/crl-only.pem`)), /CRLs but no certificate.*AH01896/);
  // The acceptable-CA names then come from SSLCADNRequestFile: Apache starts.
  assert.deepEqual(lines(rule, vhost(`SSLCACertificateFile ${ROOT}/crl-only.pem`, `SSLCADNRequestFile ${ROOT}/names.crt`)), []);
  assert.deepEqual(lines(rule, vhost(`SSLCACertificateFile ${ROOT}/ca.crt`)), []);
  // Not a TLS host: mod_ssl never loads it. A missing file is cert/file-missing's.
  assert.deepEqual(lines(rule, `<VirtualHost *:80>\n    SSLCACertificateFile ${ROOT}/garbage.pem\n</VirtualHost>\n`), []);
  assert.deepEqual(lines(rule, vhost(`SSLCACertificateFile ${ROOT}/absent.pem`)), []);
});

test('cafile-no-certs: the proxy side with SSLProxyEngine on; a server-config line once for all its hosts', () => {
  const rule = 'cert/cafile-no-certs';
  const proxied = `<VirtualHost *:80>\n    SSLProxyEngine on\n    SSLProxyCACertificateFile ${ROOT}/garbage.pem\n</VirtualHost>\n`;
  assert.deepEqual(lines(rule, proxied), ['3: error']);
  assert.match(message(rule, proxied), /mod_ssl reads SSLProxyCACertificateFile at every start/);
  assert.deepEqual(lines(rule, proxied.replace('SSLProxyEngine on', 'SSLProxyEngine off')), []);
  const inherited = `SSLCACertificateFile ${ROOT}/garbage.pem\n`;
  assert.deepEqual(lines(rule, vhost() + vhost(), inherited, MAIN), [`${PRELUDE.split('\n').length}: error`]);
});

test('cafile-non-ca: end-entity certificates in a CA file are named; CA certificates are not', () => {
  const rule = 'cert/cafile-non-ca';
  const found = message(rule, vhost(`SSLCACertificateFile ${ROOT}/ca-with-leaf.crt`));
  assert.match(found, /holds 2 end-entity certificates .*"CN=www\.example\.test" \(certificate 2\), "CN=alice" \(certificate 3\)/);
  assert.doesNotMatch(found, /Test Root CA/);
  assert.deepEqual(lines(rule, vhost(`SSLCACertificateFile ${ROOT}/ca-chain.crt`)), []);
  assert.deepEqual(lines(rule, `<VirtualHost *:80>\n    SSLProxyEngine on\n    SSLProxyCACertificateFile ${ROOT}/ca-with-leaf.crt\n</VirtualHost>\n`), ['3: warning']);
});

test('cafile-expired: a CA out of date where peers are verified; an error when no CA of the file is in date; not judged without verification', () => {
  const rule = 'cert/cafile-expired';
  const expired = vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/old-root.crt`);
  assert.deepEqual(lines(rule, expired), ['7: error']);
  assert.match(message(rule, expired), /"CN=Old Client Root" \(certificate 1\) expired on \d{4}-\d\d-\d\d, 2 days ago.*every client certificate issued under it fails verification.*Error \(10\).*no client certificate can pass/);
  assert.match(message(rule, vhost('SSLVerifyClient optional', `SSLCACertificateFile ${ROOT}/future-root.crt`)), /"CN=Future Client Root" \(certificate 1\) valid only from \d{4}-\d\d-\d\d/);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/old-and-current.crt`)), ['7: warning']);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/ca.crt`)), []);
  assert.deepEqual(lines(rule, vhost(`SSLCACertificateFile ${ROOT}/old-root.crt`)), []);
  const proxied = `<VirtualHost *:80>\n    SSLProxyEngine on\n    SSLProxyVerify require\n    SSLProxyCACertificateFile ${ROOT}/old-root.crt\n</VirtualHost>\n`;
  assert.deepEqual(lines(rule, proxied), ['4: error']);
  assert.match(message(rule, proxied), /every backend certificate/);
  // A server-config line lent to two verifying hosts is reported once, in its own file.
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require') + vhost('SSLVerifyClient require'), `SSLCACertificateFile ${ROOT}/old-root.crt\n`, MAIN), [`${PRELUDE.split('\n').length}: error`]);
});

test('cafile-no-root: an intermediate without its root where peers are verified; a root in the file or a CA folder beside it says nothing', () => {
  const rule = 'cert/cafile-no-root';
  const alone = vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/ca-intermediate-only.crt`);
  assert.deepEqual(lines(rule, alone), ['7: error']);
  assert.match(message(rule, alone), /holds "CN=Test Intermediate CA" \(certificate 1\) without the self-signed root CA it leads to.*Error \(2\): unable to get issuer certificate.*no client certificate can pass/);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/intermediate-and-other-root.crt`)), ['7: warning']);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/ca-chain.crt`)), []);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/ca-intermediate-only.crt`, `SSLCACertificatePath ${ROOT}/hashed`)), []);
  assert.deepEqual(lines(rule, vhost(`SSLCACertificateFile ${ROOT}/ca-intermediate-only.crt`)), []);
  // A self-signed end-entity certificate (pinned) is its own root; non-CA certificates are cert/cafile-non-ca's.
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/ca-with-leaf.crt`)), []);
});

test('crl-missing: under chain every CA of the file needs its CRL, under leaf only those that issue no CA of the file; no_crl_for_cert_ok, a CRL folder or no verification say nothing', () => {
  const rule = 'cert/crl-missing';
  const checked = (crl: string, mode: string, ...more: string[]) => vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/ca-chain.crt`, `SSLCARevocationFile ${ROOT}/${crl}`, `SSLCARevocationCheck ${mode}`, ...more);
  assert.deepEqual(lines(rule, checked('root.crl', 'chain')), ['8: error']);
  assert.match(message(rule, checked('root.crl', 'chain')), /has no CRL from "CN=Test Intermediate CA" \(certificate 2\) of \/srv\/ca\/ca-chain\.crt.*Error \(3\)/);
  assert.deepEqual(lines(rule, checked('intermediate.crl', 'chain')), ['8: error']);
  assert.match(message(rule, checked('intermediate.crl', 'chain')), /"CN=Test Root CA"/);
  assert.deepEqual(lines(rule, checked('both.crl', 'chain')), []);
  // Under leaf the root issued the intermediate of the file: only the intermediate's CRL is needed.
  assert.deepEqual(lines(rule, checked('intermediate.crl', 'leaf')), []);
  assert.deepEqual(lines(rule, checked('root.crl', 'leaf')), ['8: error']);
  assert.deepEqual(lines(rule, checked('root.crl', 'chain no_crl_for_cert_ok')), []);
  assert.deepEqual(lines(rule, checked('root.crl', 'chain', `SSLCARevocationPath ${ROOT}/crls-hashed`)), []);
  assert.deepEqual(lines(rule, vhost(`SSLCACertificateFile ${ROOT}/ca-chain.crt`, `SSLCARevocationFile ${ROOT}/root.crl`, 'SSLCARevocationCheck chain')), []);
});

test('crl-expired: a CRL past its next update that the check needs, with no_crl_for_cert_ok too; a current CRL, or no check, says nothing', () => {
  const rule = 'cert/crl-expired';
  const checked = (crl: string, mode: string) => vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/ca-chain.crt`, `SSLCARevocationFile ${ROOT}/${crl}`, `SSLCARevocationCheck ${mode}`);
  assert.deepEqual(lines(rule, checked('old-intermediate.crl', 'chain')), ['8: error']);
  assert.match(message(rule, checked('old-intermediate.crl', 'chain')), /The CRL at line \d+ of \/srv\/ca\/old-intermediate\.crl, from CN=Test Intermediate CA, was due to be replaced on 2020-02-01.*Error \(12\)/);
  assert.deepEqual(lines(rule, checked('old-intermediate.crl', 'leaf no_crl_for_cert_ok')), ['8: error']);
  // Under leaf the root's CRL is not consulted: the root issued only the intermediate of the file.
  assert.deepEqual(lines(rule, checked('old-root.crl', 'leaf')), []);
  assert.deepEqual(lines(rule, checked('old-root.crl', 'chain')), ['8: error']);
  assert.deepEqual(lines(rule, checked('both.crl', 'chain')), []);
  assert.deepEqual(lines(rule, checked('old-root.crl', 'none')), []);
});

test('client-ca-is-public-pki: the system bundle or folder, a bundle-sized file, the server chain, where clients are verified', () => {
  const rule = 'cert/client-ca-is-public-pki';
  const bundle = vhost('SSLVerifyClient require', 'SSLCACertificateFile /etc/ssl/certs/ca-certificates.crt');
  assert.deepEqual(lines(rule, bundle), ['7: warning']);
  assert.match(message(rule, bundle), /system bundle.*any certificate one of these CAs issues is accepted/);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient optional', 'SSLCACertificatePath /etc/ssl/certs/')), ['7: warning']);
  assert.match(message(rule, vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/bundle-21.crt`)), /holds 21 CA certificates/);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/bundle-20.crt`)), []);
  const sameAsServer = `<VirtualHost *:443>\n    SSLEngine on\n    SSLCertificateFile ${ROOT}/server-full.crt\n    SSLCertificateKeyFile ${ROOT}/server.key\n    SSLVerifyClient require\n    SSLCACertificateFile ${ROOT}/server-full.crt\n</VirtualHost>\n`;
  assert.match(message(rule, sameAsServer), /also this host's server certificate or chain file/);
  // Per-directory verification uses the host's CA too.
  assert.deepEqual(lines(rule, vhost('SSLCACertificateFile /etc/ssl/certs/ca-certificates.crt', '<Location /admin>', '    SSLVerifyClient require', '</Location>')), ['6: warning']);
  // Not verified against the CAs: nothing to say.
  assert.deepEqual(lines(rule, vhost('SSLCACertificateFile /etc/ssl/certs/ca-certificates.crt')), []);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient optional_no_ca', 'SSLCACertificateFile /etc/ssl/certs/ca-certificates.crt')), []);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/client-ca.crt`)), []);
});

test('capath-not-hashed: certificate and CRL folders without hash names, with the rehash command', () => {
  const rule = 'cert/capath-not-hashed';
  const unhashed = vhost(`SSLCACertificatePath ${ROOT}/unhashed`);
  assert.deepEqual(lines(rule, unhashed), ['6: warning']);
  assert.match(message(rule, unhashed), /holds 2 certificate files \(a\.pem, b\.crt\).*1a2b3c4d\.0.*openssl rehash \/srv\/ca\/unhashed/);
  assert.deepEqual(lines(rule, vhost(`SSLCACertificatePath ${ROOT}/hashed`)), []);
  assert.match(message(rule, vhost(`SSLCARevocationPath ${ROOT}/crls`, 'SSLCARevocationCheck chain')), /1 CRL file \(ca\.crl\).*1a2b3c4d\.r0/);
  assert.deepEqual(lines(rule, vhost(`SSLCARevocationPath ${ROOT}/crls-hashed`, 'SSLCARevocationCheck chain')), []);
  assert.deepEqual(lines(rule, `<VirtualHost *:80>\n    SSLProxyEngine on\n    SSLProxyCACertificatePath ${ROOT}/unhashed\n</VirtualHost>\n`), ['3: warning']);
  // Nothing that looks like a certificate, or no folder: not this rule's business.
  assert.deepEqual(lines(rule, vhost(`SSLCACertificatePath ${ROOT}/other`)), []);
  assert.deepEqual(lines(rule, vhost(`SSLCACertificatePath ${ROOT}/absent`)), []);
});

test('crl-config: checks without CRLs refuse the start, CRLs without checks are warned about, both sides', () => {
  const rule = 'cert/crl-config';
  assert.deepEqual(lines(rule, vhost('SSLCARevocationCheck chain')), ['6: error']);
  assert.match(message(rule, vhost('SSLCARevocationCheck leaf')), /SSLCARevocationCheck leaf .*neither SSLCARevocationFile nor SSLCARevocationPath.*AH01899/);
  assert.deepEqual(lines(rule, vhost(`SSLCARevocationFile ${ROOT}/crl.pem`)), ['6: warning']);
  assert.match(message(rule, vhost(`SSLCARevocationFile ${ROOT}/crl.pem`)), /not set \(default none\).*AH01902.*SSLCARevocationCheck chain/);
  assert.deepEqual(lines(rule, vhost(`SSLCARevocationPath ${ROOT}/crls-hashed`, 'SSLCARevocationCheck none')), ['6: warning']);
  assert.deepEqual(lines(rule, vhost(`SSLCARevocationFile ${ROOT}/crl.pem`, 'SSLCARevocationCheck chain no_crl_for_cert_ok')), []);
  assert.deepEqual(lines(rule, vhost('SSLCARevocationCheck none')), []);
  // A revocation file OpenSSL takes nothing from.
  const garbage = vhost(`SSLCARevocationFile ${ROOT}/garbage.pem`, 'SSLCARevocationCheck chain');
  assert.deepEqual(lines(rule, garbage), ['6: error']);
  assert.match(message(rule, garbage), /holds no PEM CRL.*AH01901/);
  // The proxy side, named as Apache names it.
  const proxied = (body: string) => `<VirtualHost *:80>\n    SSLProxyEngine on\n    ${body}\n</VirtualHost>\n`;
  assert.match(message(rule, proxied('SSLProxyCARevocationCheck chain')), /neither SSLProxyCARevocationFile nor SSLProxyCARevocationPath.*AH01899/);
  assert.match(message(rule, proxied(`SSLProxyCARevocationFile ${ROOT}/crl.pem`)), /SSLProxyCARevocationCheck is not set.*AH01902/);
  // Not a TLS host: mod_ssl sets nothing up.
  assert.deepEqual(lines(rule, `<VirtualHost *:80>\n    SSLCARevocationCheck chain\n</VirtualHost>\n`), []);
  // A word Apache's config test refuses is args/invalid-value's.
  assert.deepEqual(lines(rule, vhost('SSLCARevocationCheck full')), []);
  assert.deepEqual(lines('args/invalid-value', vhost('SSLCARevocationCheck full')), ['6: error']);
});

test('encrypted-key: information unless an exec: dialog supplies the phrase', () => {
  const rule = 'cert/encrypted-key';
  const encrypted = `<VirtualHost *:443>\n    SSLEngine on\n    SSLCertificateFile ${ROOT}/server.crt\n    SSLCertificateKeyFile ${ROOT}/server-encrypted.key\n</VirtualHost>\n`;
  assert.deepEqual(lines(rule, encrypted), ['4: information']);
  assert.match(message(rule, encrypted), /encrypted \(PEM "ENCRYPTED PRIVATE KEY"\).*builtin \(the default\).*AH02578.*AH02564/);
  const combined = `<VirtualHost *:443>\n    SSLEngine on\n    SSLCertificateFile ${ROOT}/server-combined-encrypted.pem\n</VirtualHost>\n`;
  assert.deepEqual(lines(rule, combined), ['3: information']);
  assert.deepEqual(lines(rule, encrypted, 'SSLPassPhraseDialog exec:/usr/share/apache2/ask-for-passphrase\n'), []);
  assert.deepEqual(lines(rule, vhost()), []);
  assert.deepEqual(lines(rule, encrypted.replace('SSLEngine on', 'SSLEngine off')), []);
});

test('proxy-machine-cert: entries grouped as OpenSSL groups them', () => {
  const entries = (name: string) => {
    const contents = CERTS[`${ROOT}/${name}`];
    return entriesOf(parseCertificateBytes(Buffer.from(contents))).map((e) => `${e.certificate ? 'cert' : '-'}+${e.key ? 'key' : '-'}`);
  };
  assert.deepEqual(entries('client.pem'), ['cert+key']);
  assert.deepEqual(entries('client-key-first.pem'), ['cert+key']);
  assert.deepEqual(entries('client-with-ca.pem'), ['cert+-', 'cert+key']);
  assert.deepEqual(entries('client-key-only.pem'), ['-+key']);
});

test('proxy-machine-cert: no key, an encrypted key, a mismatched or lone key; files and folders', () => {
  const rule = 'cert/proxy-machine-cert';
  const proxied = (...body: string[]) => `<VirtualHost *:80>\n    SSLProxyEngine on\n${body.map((l) => `    ${l}\n`).join('')}</VirtualHost>\n`;
  const file = (name: string) => proxied(`SSLProxyMachineCertificateFile ${ROOT}/${name}`);
  assert.deepEqual(lines(rule, file('client-cert-only.pem')), ['3: warning']);
  assert.match(message(rule, file('client-cert-only.pem')), /holds no private key.*AH02206/);
  assert.deepEqual(lines(rule, file('client-mismatch.pem')), ['3: error']);
  assert.match(message(rule, file('client-mismatch.pem')), /"CN=alice" \(certificate 1\) and the private key after it do not match.*AH02326/);
  assert.match(message(rule, file('client-encrypted.pem')), /encrypted.*AH02252/);
  assert.match(message(rule, file('client-key-only.pem')), /not preceded or followed by its certificate.*AH02326/);
  for (const good of ['client.pem', 'client-key-first.pem', 'client-with-ca.pem']) assert.deepEqual(lines(rule, file(good)), [], good);
  assert.deepEqual(lines(rule, proxied(`SSLProxyMachineCertificatePath ${ROOT}/machine`)), []);
  assert.deepEqual(lines(rule, proxied(`SSLProxyMachineCertificatePath ${ROOT}/machine-no-keys`)), ['3: warning']);
  // A key in the folder makes up for a file without one.
  assert.deepEqual(lines(rule, proxied(`SSLProxyMachineCertificateFile ${ROOT}/client-cert-only.pem`, `SSLProxyMachineCertificatePath ${ROOT}/machine`)), []);
  // Without SSLProxyEngine on, mod_ssl does not load them.
  assert.deepEqual(lines(rule, file('client-mismatch.pem').replace('SSLProxyEngine on', 'SSLProxyEngine off')), []);
});

test('client-ca-no-client-auth: a CA limited to other purposes, where clients are verified', () => {
  const rule = 'cert/client-ca-no-client-auth';
  const limited = vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/server-only-ca.crt`);
  assert.deepEqual(lines(rule, limited), ['7: warning']);
  assert.match(message(rule, limited), /"CN=Server-only CA" \(certificate 1\) is a CA certificate whose extendedKeyUsage \(serverAuth\) does not include clientAuth/);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/client-ca.crt`)), []);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/ca.crt`)), []);
  assert.deepEqual(lines(rule, vhost(`SSLCACertificateFile ${ROOT}/server-only-ca.crt`)), []);
});

test('verify-depth-short: backends verified against the system public CAs need SSLProxyVerifyDepth 2; clients are another rule\'s', () => {
  const rule = 'cert/verify-depth-short';
  const proxied = (...lines: string[]) => `<VirtualHost *:80>\n    SSLProxyEngine on\n    SSLProxyVerify require\n${lines.map((l) => `    ${l}\n`).join('')}    ProxyPass /app/ https://backend.example.test/\n</VirtualHost>\n`;
  assert.deepEqual(lines(rule, proxied('SSLProxyCACertificateFile /etc/ssl/certs/ca-certificates.crt')), ['4: warning']);
  assert.match(message(rule, proxied('SSLProxyCACertificateFile /etc/ssl/certs/ca-certificates.crt')), /system's public CAs \(\/etc\/ssl\/certs\/ca-certificates\.crt\).*is 1 \(the default\).*AH02040.*500/);
  assert.deepEqual(lines(rule, proxied('SSLProxyCACertificatePath /etc/ssl/certs/', 'SSLProxyVerifyDepth 1')), ['5: warning']);
  assert.deepEqual(lines(rule, proxied('SSLProxyCACertificateFile /etc/ssl/certs/ca-certificates.crt', 'SSLProxyVerifyDepth 2')), []);
  assert.deepEqual(lines(rule, proxied('SSLProxyCACertificateFile /etc/ssl/certs/ca-certificates.crt').replace('SSLProxyVerify require', 'SSLProxyVerify none')), []);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', 'SSLCACertificateFile /etc/ssl/certs/ca-certificates.crt')), []);
});

test('verify-depth-short: an intermediate that chains to a root in the file needs depth 2', () => {
  const rule = 'cert/verify-depth-short';
  const chained = vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/ca-chain.crt`);
  assert.deepEqual(lines(rule, chained), ['7: warning']);
  assert.match(message(rule, chained), /intermediate CA "CN=Test Intermediate CA".*needs SSLVerifyDepth 2, but SSLVerifyDepth is 1 \(the default\).*AH02040/);
  // On the depth line when there is one.
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', 'SSLVerifyDepth 1', `SSLCACertificateFile ${ROOT}/ca-chain.crt`)), ['7: warning']);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', 'SSLVerifyDepth 2', `SSLCACertificateFile ${ROOT}/ca-chain.crt`)), []);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/ca.crt`)), []);
  assert.deepEqual(lines(rule, vhost('SSLVerifyClient require', `SSLCACertificateFile ${ROOT}/ca-intermediate-only.crt`)), []);
  assert.deepEqual(lines(rule, vhost(`SSLCACertificateFile ${ROOT}/ca-chain.crt`)), []);
  const proxied = `<VirtualHost *:80>\n    SSLProxyEngine on\n    SSLProxyVerify require\n    SSLProxyCACertificateFile ${ROOT}/ca-chain.crt\n</VirtualHost>\n`;
  assert.match(message(rule, proxied), /backend certificate.*needs SSLProxyVerifyDepth 2/);
});

test('no message carries key material', () => {
  assert.ok(seen.length > 0);
  const keyLines = [server, alice, stranger].flatMap((c) => c.key.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----')));
  for (const text of seen) {
    assert.doesNotMatch(text, /-----BEGIN/);
    for (const line of keyLines) assert.ok(!text.includes(line), 'a key line in a message');
  }
});
