// Quick fixes of the TLS rules and of syntax/trailing-comment: each output is
// compared byte for byte, and Apache's config test accepts every one.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import forge from 'node-forge';
import type { CodeAction, TextDocumentEdit } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { quickFixes } from '../../server/src/features/codeActions';
import { DEFAULT_SETTINGS, type ServerSettings } from '../../server/src/settings';
import { apacheConfigTest } from '../support/apacheOracle';
import { INCLUDED_PATH, modelWithAllModules } from '../support/analyzeInTree';
import { applyEdits } from '../support/applyEdits';

const CERT = '    SSLCertificateFile /etc/ssl/certs/ssl-cert-snakeoil.pem\n    SSLCertificateKeyFile /etc/ssl/private/ssl-cert-snakeoil.key\n';
const INTERMEDIATE_CIPHERS =
  'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:' +
  'ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305';
const uriOf = (path: string) => `file://${path}`;

/** The actions offered for the findings of `code` in `text`, read as the fixture file of a tree that loads every module. */
function actionsFor(text: string, code: string, settings: Partial<ServerSettings> = {}): CodeAction[] {
  const model = modelWithAllModules(text);
  const file = model.files.get(INCLUDED_PATH)?.file;
  assert.ok(file);
  const diagnostics = analyzeFile(file, { model, fileName: INCLUDED_PATH, settings: { ...DEFAULT_SETTINGS, ...settings } }).filter((d) => d.code === code);
  assert.ok(diagnostics.length > 0, `no ${code} finding in:\n${text}`);
  // The "Disable … for this line" comment offered for every finding is not these fixes'.
  return quickFixes(diagnostics, { file, path: INCLUDED_PATH, uri: uriOf(INCLUDED_PATH), model, uriOf }).filter((a) => !/^Disable /.test(a.title));
}

/** Every file an action writes, by path: its edits applied to `text` (for the fixture) or to nothing (for a created file). */
function applied(action: CodeAction, text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const apply = (uri: string, edits: Parameters<typeof applyEdits>[1]) => {
    const path = uri.replace(/^file:\/\//, '');
    out[path] = applyEdits(out[path] ?? (path === INCLUDED_PATH ? text : ''), edits);
  };
  for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) apply(uri, edits);
  for (const change of action.edit?.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create');
      out[change.uri.replace(/^file:\/\//, '')] = '';
    } else {
      const { textDocument, edits } = change as TextDocumentEdit;
      apply(textDocument.uri, edits.map((edit) => ('newText' in edit ? edit : assert.fail('a snippet edit'))));
    }
  }
  return out;
}

/** Applies the action titled `title` and checks the text, then that `apache2 -t` accepts it. */
function assertFix(text: string, code: string, title: string | RegExp, expected: string, settings: Partial<ServerSettings> = {}): CodeAction {
  const actions = actionsFor(text, code, settings);
  const action = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.ok(action, `no action "${String(title)}" among: ${actions.map((a) => a.title).join(' | ')}`);
  const out = applied(action, text)[INCLUDED_PATH];
  assert.equal(out, expected);
  const verdict = apacheConfigTest({ 'fixture.conf': out }, 'fixture.conf');
  assert.ok(verdict.ok, `apache2 -t refuses the fixed file:\n${verdict.output}`);
  return action;
}

const PROFILE = 'Apply the Mozilla intermediate (guidelines 5.7) TLS profile';

test('profile: an SSLProtocol that enables TLS 1.0/1.1 becomes the intermediate profile, the missing lines added after it', () => {
  const action = assertFix(
    'SSLSessionCache "shmcb:/tmp/c(512000)"\nSSLProtocol all -SSLv3\nSSLHonorCipherOrder on\n',
    'ssl/protocol-tls10-11',
    PROFILE,
    `SSLSessionCache "shmcb:/tmp/c(512000)"\nSSLProtocol -all +TLSv1.2 +TLSv1.3\nSSLCipherSuite ${INTERMEDIATE_CIPHERS}\nSSLSessionTickets off\nSSLHonorCipherOrder off\n`,
  );
  assert.equal(action.isPreferred, true);
});

test('profile: a TLS host without SSLProtocol gets the profile after SSLEngine on, indented and with CRLF like it', () => {
  const text = `SSLSessionCache "shmcb:/tmp/c(512000)"\r\n<VirtualHost *:443>\r\n    ServerName a.example\r\n    SSLEngine on\r\n${CERT.replace(/\n/g, '\r\n')}</VirtualHost>\r\n`;
  assertFix(
    text,
    'ssl/protocol-tls10-11',
    PROFILE,
    'SSLSessionCache "shmcb:/tmp/c(512000)"\r\n<VirtualHost *:443>\r\n    ServerName a.example\r\n    SSLEngine on\r\n' +
      `    SSLProtocol -all +TLSv1.2 +TLSv1.3\r\n    SSLCipherSuite ${INTERMEDIATE_CIPHERS}\r\n    SSLHonorCipherOrder off\r\n    SSLSessionTickets off\r\n` +
      `${CERT.replace(/\n/g, '\r\n')}</VirtualHost>\r\n`,
  );
});

test('profile: modern is TLS 1.3 only and leaves the TLS 1.2 list alone', () => {
  assertFix(
    'SSLSessionCache "shmcb:/tmp/c(512000)"\nSSLProtocol -all +TLSv1.2 +TLSv1.3\nSSLCipherSuite HIGH:!aNULL\n',
    'ssl/protocol-tls10-11',
    'Apply the Mozilla modern (guidelines 5.7) TLS profile',
    'SSLSessionCache "shmcb:/tmp/c(512000)"\nSSLProtocol -all +TLSv1.3\nSSLHonorCipherOrder off\nSSLSessionTickets off\nSSLCipherSuite HIGH:!aNULL\n',
    { tlsProfile: 'modern' },
  );
});

test('profile: a cipher string with no match gets the profile list; in a <Location> only the string changes', () => {
  assertFix(
    'SSLSessionCache "shmcb:/tmp/c(512000)"\nSSLProtocol -all +TLSv1.2 +TLSv1.3\nSSLHonorCipherOrder off\nSSLSessionTickets off\nSSLCipherSuite SSL RC4-SHA\nSSLCipherSuite TLSv1.3 NOPE\n',
    'ssl/cipher-no-match',
    PROFILE,
    `SSLSessionCache "shmcb:/tmp/c(512000)"\nSSLProtocol -all +TLSv1.2 +TLSv1.3\nSSLHonorCipherOrder off\nSSLSessionTickets off\nSSLCipherSuite SSL ${INTERMEDIATE_CIPHERS}\nSSLCipherSuite TLSv1.3 NOPE\n`,
  );
  const actions = actionsFor('SSLCipherSuite TLSv1.3 NOPE\n', 'ssl/cipher-no-match');
  assert.equal(applied(actions[0], 'SSLCipherSuite TLSv1.3 NOPE\n')[INCLUDED_PATH], 'SSLCipherSuite TLSv1.3 TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256\n');
  assertFix(
    'SSLSessionCache "shmcb:/tmp/c(512000)"\nSSLProtocol -all +TLSv1.2 +TLSv1.3\n<Location /pay>\n    SSLCipherSuite "NOPE"\n</Location>\n',
    'ssl/cipher-no-match',
    PROFILE,
    `SSLSessionCache "shmcb:/tmp/c(512000)"\nSSLProtocol -all +TLSv1.2 +TLSv1.3\n<Location /pay>\n    SSLCipherSuite ${INTERMEDIATE_CIPHERS}\n</Location>\n`,
  );
});

test('protocol words: SSLv2 and SSLv3 removed, -SSLv2 too, a missing + added', () => {
  assertFix('SSLProtocol -all +TLSv1.2 +SSLv2\n', 'ssl/protocol-sslv2', "Remove '+SSLv2'", 'SSLProtocol -all +TLSv1.2\n');
  assertFix('SSLProxyProtocol -SSLv2 -all +TLSv1.2\n', 'ssl/protocol-sslv2', "Remove '-SSLv2'", 'SSLProxyProtocol -all +TLSv1.2\n');
  assertFix('SSLProtocol SSLv3 +TLSv1.2 +TLSv1.3\n', 'ssl/protocol-sslv3', "Remove 'SSLv3'", 'SSLProtocol +TLSv1.2 +TLSv1.3\n');
  assertFix('SSLProtocol -all +TLSv1.2 TLSv1.3\n', 'ssl/protocol-missing-sign', "Change to '+TLSv1.3'", 'SSLProtocol -all +TLSv1.2 +TLSv1.3\n');
  // The only word: removing it would leave SSLProtocol empty; the profile is offered instead.
  assert.deepEqual(actionsFor('SSLProtocol SSLv2\n', 'ssl/protocol-sslv2').map((a) => a.title), [PROFILE]);
});

test('obsolete lines: deleted where off is the default, rewritten where a successor says the same', () => {
  assertFix('SSLCompression on\nSSLProtocol -all +TLSv1.2\n', 'ssl/compression', 'Delete SSLCompression (off is the default)', 'SSLProtocol -all +TLSv1.2\n');
  assertFix('SSLCompression on\n', 'ssl/compression', 'Change to SSLCompression off', 'SSLCompression off\n');
  assertFix('  SSLInsecureRenegotiation On\r\nSSLProtocol -all +TLSv1.2\r\n', 'ssl/insecure-renegotiation', 'Delete SSLInsecureRenegotiation (off is the default)', 'SSLProtocol -all +TLSv1.2\r\n');
  assertFix(
    `<VirtualHost *:443>\n    SSLEngine optional\n${CERT}</VirtualHost>\n`,
    'ssl/engine-optional-removed',
    'Change to SSLEngine on (TLS only on this host)',
    `<VirtualHost *:443>\n    SSLEngine on\n${CERT}</VirtualHost>\n`,
  );
  assertFix(
    '<VirtualHost *:80>\n    SSLLog "/var/log/apache2/ssl.log"\n</VirtualHost>\n',
    'ssl/ssllog-removed',
    'Change to ErrorLog "/var/log/apache2/ssl.log" (the host\'s whole error log goes there)',
    '<VirtualHost *:80>\n    ErrorLog "/var/log/apache2/ssl.log"\n</VirtualHost>\n',
  );
  assertFix('<Directory /srv>\n    SSLLogLevel info\n</Directory>\n', 'ssl/ssllog-removed', 'Change to LogLevel ssl:info', '<Directory /srv>\n    LogLevel ssl:info\n</Directory>\n');
  assertFix('<Directory /srv>\n    SSLLog /x.log\n</Directory>\n', 'ssl/ssllog-removed', 'Delete SSLLog', '<Directory /srv>\n</Directory>\n');
  assertFix('SSLSessionTickets on\n', 'ssl/session-tickets', 'Change to SSLSessionTickets off', 'SSLSessionTickets off\n');
  assertFix('<Proxy "*">\n    SSLProxyCheckPeerCN on\n</Proxy>\n', 'ssl/proxycheckpeercn-legacy', 'Delete SSLProxyCheckPeerCN (SSLProxyCheckPeerName checks the name)', '<Proxy "*">\n</Proxy>\n');
  assertFix('SSLProxyCheckPeerCN off\n', 'ssl/proxycheckpeercn-legacy', 'Change to SSLProxyCheckPeerName off (the same: no name check)', 'SSLProxyCheckPeerName off\n');
  // CN on with Name off is the old CN-only check: nothing says the same.
  assert.deepEqual(actionsFor('SSLProxyCheckPeerCN on\nSSLProxyCheckPeerName off\n', 'ssl/proxycheckpeercn-legacy'), []);
});

test('caches: added to the server config before the <VirtualHost> that needs them', () => {
  const host = `<VirtualHost *:443>\n    SSLEngine on\n${CERT}    SSLUseStapling on\n</VirtualHost>\n`;
  const text = `SSLProtocol -all +TLSv1.2\nSSLSessionTickets off\n<IfModule ssl_module>\n  ${host.replace(/\n(?=.)/g, '\n  ')}</IfModule>\n`;
  assertFix(
    text,
    'ssl/stapling-cache-missing',
    'Add SSLStaplingCache "shmcb:logs/ssl_stapling(32768)" to the server config',
    text.replace('<IfModule ssl_module>\n', '<IfModule ssl_module>\n  SSLStaplingCache "shmcb:logs/ssl_stapling(32768)"\n'),
  );
  assertFix(
    text,
    'ssl/no-session-cache',
    'Add SSLSessionCache "shmcb:logs/ssl_scache(512000)" to the server config',
    text.replace('<IfModule ssl_module>\n', '<IfModule ssl_module>\n  SSLSessionCache "shmcb:logs/ssl_scache(512000)"\n'),
  );
  assertFix(
    `SSLProtocol -all +TLSv1.2\nSSLSessionCache "shmcb:/tmp/c(512000)"\n<VirtualHost *:443>\n    SSLEngine on\n${CERT}</VirtualHost>\n`,
    'ssl/session-tickets',
    'Add SSLSessionTickets off',
    `SSLProtocol -all +TLSv1.2\nSSLSessionCache "shmcb:/tmp/c(512000)"\n<VirtualHost *:443>\n    SSLEngine on\n    SSLSessionTickets off\n${CERT}</VirtualHost>\n`,
  );
});

test('trailing comment: moved to its own line above, indented like the directive', () => {
  assertFix(
    '<VirtualHost *:80>\n    ServerName shop.example\n    ServerAlias www.shop.example # old name\n</VirtualHost>\n',
    'syntax/trailing-comment',
    'Move the comment to its own line above',
    '<VirtualHost *:80>\n    ServerName shop.example\n    # old name\n    ServerAlias www.shop.example\n</VirtualHost>\n',
  );
  assertFix('SSLProtocol -all +TLSv1.2 #modern\r\n', 'syntax/trailing-comment', 'Move the comment to its own line above', '#modern\r\nSSLProtocol -all +TLSv1.2\r\n');
  // A line that is nothing but the directive and the comment has no words left to keep.
  assert.deepEqual(
    actionsFor('ServerAlias # none\n', 'syntax/trailing-comment').filter((a) => a.title.startsWith('Move')),
    [],
  );
});

/** A CA, an intermediate and a server certificate signed by it, as PEM. */
function makeChain(): { leaf: string; intermediate: string; key: string } {
  const keyPair = () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
    return { pem, key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
  };
  const issue = (cn: string, subjectKey: forge.pki.PublicKey, issuer: forge.pki.Certificate | undefined, signer: forge.pki.rsa.PrivateKey, ca: boolean, serial: string) => {
    const cert = forge.pki.createCertificate();
    cert.publicKey = subjectKey;
    cert.serialNumber = serial;
    cert.validity.notBefore = new Date(Date.now() - 86_400_000);
    cert.validity.notAfter = new Date(Date.now() + 30 * 86_400_000);
    cert.setSubject([{ name: 'commonName', value: cn }]);
    cert.setIssuer(issuer ? issuer.subject.attributes : [{ name: 'commonName', value: cn }]);
    cert.setExtensions([{ name: 'basicConstraints', cA: ca }]);
    cert.sign(signer, forge.md.sha256.create());
    return cert;
  };
  const root = keyPair();
  const rootCert = issue('Fix Test Root', root.publicKey, undefined, root.key, true, '01');
  const middle = keyPair();
  const middleCert = issue('Fix Test Intermediate', middle.publicKey, rootCert, root.key, true, '02');
  const server = keyPair();
  const serverCert = issue('shop.example', server.publicKey, middleCert, middle.key, false, '03');
  return { leaf: forge.pki.certificateToPem(serverCert), intermediate: forge.pki.certificateToPem(middleCert), key: server.pem };
}

test('chain file: the certificate and its chain written to one file beside it, SSLCertificateFile pointed at it, the line dropped', () => {
  const folder = mkdtempSync(join(tmpdir(), 'apache-ssl-chain-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  const { leaf, intermediate, key } = makeChain();
  writeFileSync(join(folder, 'shop.crt'), leaf.replace(/\r\n/g, '\n'));
  writeFileSync(join(folder, 'chain.pem'), intermediate.replace(/\r\n/g, '\n'));
  writeFileSync(join(folder, 'shop.key'), key);
  const text =
    'SSLProtocol -all +TLSv1.2\n<VirtualHost *:443>\n    SSLEngine on\n' +
    `    SSLCertificateFile "${folder}/shop.crt"\n    SSLCertificateKeyFile ${folder}/shop.key\n    SSLCertificateChainFile ${folder}/chain.pem\n</VirtualHost>\n`;
  const [action] = actionsFor(text, 'ssl/chainfile-deprecated');
  assert.equal(action.title, 'Write shop-fullchain.pem (certificate, then chain), use it as SSLCertificateFile and drop SSLCertificateChainFile');
  const out = applied(action, text);
  const fullChain = `${folder}/shop-fullchain.pem`;
  assert.deepEqual(Object.keys(out).sort(), [INCLUDED_PATH, fullChain].sort());
  assert.equal(out[fullChain], `${leaf.replace(/\r\n/g, '\n')}${intermediate.replace(/\r\n/g, '\n').trimEnd()}\n`);
  assert.equal(
    out[INCLUDED_PATH],
    'SSLProtocol -all +TLSv1.2\n<VirtualHost *:443>\n    SSLEngine on\n' +
      `    SSLCertificateFile "${folder}/shop-fullchain.pem"\n    SSLCertificateKeyFile ${folder}/shop.key\n</VirtualHost>\n`,
  );
  writeFileSync(fullChain, out[fullChain]);
  const verdict = apacheConfigTest({ 'fixture.conf': out[INCLUDED_PATH] }, 'fixture.conf');
  assert.ok(verdict.ok, verdict.output);
  // Once the combined file is there, the fix only rewrites the lines.
  const [again] = actionsFor(text, 'ssl/chainfile-deprecated');
  assert.deepEqual(Object.keys(applied(again, text)), [INCLUDED_PATH]);
  rmSync(fullChain);

  // The certificate file already holds the chain: only the line goes.
  writeFileSync(join(folder, 'full.pem'), `${leaf}${intermediate}`);
  const holds = text.replace(`"${folder}/shop.crt"`, `${folder}/full.pem`);
  const [drop] = actionsFor(holds, 'ssl/chainfile-deprecated');
  assert.equal(drop.title, 'Delete SSLCertificateChainFile (full.pem already holds the chain)');
  assert.equal(applied(drop, holds)[INCLUDED_PATH], holds.replace(`    SSLCertificateChainFile ${folder}/chain.pem\n`, ''));

  // No fix when a file is missing, is not PEM, or holds a private key (a key is never copied).
  writeFileSync(join(folder, 'with-key.pem'), `${leaf}${key}`);
  writeFileSync(join(folder, 'garbage.pem'), '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n');
  for (const [from, to] of [
    [`${folder}/chain.pem`, `${folder}/missing.pem`],
    [`${folder}/chain.pem`, `${folder}/garbage.pem`],
    [`"${folder}/shop.crt"`, `${folder}/with-key.pem`],
  ]) {
    assert.deepEqual(actionsFor(text.replace(from, to), 'ssl/chainfile-deprecated'), [], `offered with ${to}`);
  }
});
